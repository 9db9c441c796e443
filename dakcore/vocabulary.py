"""The handbook's words, owned here once: finding levels, people's roles, education levels and the
plan fields a reader fills in, each with its labels in both languages.

The `dak` command, the pages and the browser checkers read these (the pages through `api`'s
`vocabulary` method, embedded in each checker's configuration); none of them keeps a copy.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

Text = dict[str, str]  # {"id": Indonesian, "en": English}

# The languages of everything the handbook says, Indonesian first (the regulations' own).
LANGS = ("id", "en")

EDUCATION_LEVELS = ("SD", "SMP", "SMA", "D1", "D2", "D3", "D4", "S1", "S2", "S3")

# Finding levels, most serious first. `label` is the one wording a reader sees everywhere (command
# line, pages, checkers); `count` words a number of findings ({n}); `mark` a sign shown before it.
LEVELS: dict[str, dict[str, Any]] = {
    "error": {
        "label": {"id": "Tidak boleh", "en": "Not allowed"},
        "count": {"id": "{n} tidak boleh", "en": "{n} not allowed"},
        "mark": "✖",
        "meaning": {
            "id": "Teks menetapkan batas atau larangan yang tegas dan tidak memberi jalan lain.",
            "en": "The text sets a clear limit or prohibition and offers no other route.",
        },
    },
    "needs_approval": {
        "label": {"id": "Perlu persetujuan kementerian", "en": "Needs ministry approval"},
        "count": {"id": "{n} perlu persetujuan kementerian", "en": "{n} needing ministry approval"},
        "mark": "⚑",
        "meaning": {
            "id": "Boleh bila kementerian menyetujui, sesuai jalan yang dimuat rincian kegiatan itu sendiri.",
            "en": "Allowed with the ministry's approval, the route the activity's own provision gives.",
        },
    },
    "needs_statement": {
        "label": {"id": "Perlu surat pernyataan", "en": "Needs a statement"},
        "count": {"id": "{n} perlu surat pernyataan", "en": "{n} needing a statement"},
        "mark": "✎",
        "meaning": {
            "id": "Boleh dengan pernyataan penanggung jawab yang diketahui pimpinan dinas/OPD.",
            "en": "Allowed with a statement by the person in charge, known to the head of the office.",
        },
    },
    "warning": {
        "label": {"id": "Perhatian", "en": "Warning"},
        "count": {"id": "{n} perhatian", "en": "{n} warnings"},
        "mark": "⚠",
        "meaning": {
            "id": "Layak diperiksa lagi; bukan pelanggaran (angka perkiraan, kata 'secara umum', 'sekitar').",
            "en": "Worth a second look; not a breach (approximate figures, 'in general', 'about').",
        },
    },
}

# The roles a person of an activity can have; the regulations set requirements per role, and which
# roles a requirement binds differs per activity and year (rules/experts.yml names them per value).
ROLES: dict[str, Text] = {
    "narasumber": {"id": "Narasumber", "en": "Resource person"},
    "instruktur": {"id": "Instruktur", "en": "Instructor"},
    "pengajar": {"id": "Pengajar", "en": "Teacher"},
    "pendamping": {"id": "Tenaga pendamping", "en": "Mentor"},
    "tenaga_ahli": {"id": "Tenaga ahli", "en": "Expert"},
}

# The fields of an activity in a dak-plan/1 plan, in the order a form shows them. `label` is what a
# reader reads (a form, a table, a finding's place); `unit` where the number has one; `part_type`
# the type of each of a field's parts; `row` names one row ({n}) of a field that is a list of rows.
FIELDS: dict[str, dict[str, Any]] = {
    "participants": {"type": "integer", "label": {"id": "Jumlah peserta", "en": "Number of participants"}},
    "participant_ages": {
        "type": "ages",
        "label": {"id": "Umur peserta", "en": "Participants' ages"},
        "unit": {"id": "tahun, dipisah koma", "en": "years, separated by commas"},
    },
    "jpl": {"type": "integer", "label": {"id": "Jam pelajaran (JPL)", "en": "Lesson hours (JPL)"}},
    "duration_months": {
        "type": "number",
        "label": {"id": "Jangka waktu", "en": "Duration"},
        "unit": {"id": "bulan", "en": "months"},
    },
    "committee_total": {
        "type": "integer",
        "label": {
            "id": "Panitia penyelenggara, seluruhnya",
            "en": "Organising committee, all members",
        },
        "unit": {"id": "orang", "en": "persons"},
    },
    "committee_accompanying": {
        "type": "integer",
        "label": {
            "id": "Panitia penyelenggara yang mendampingi peserta ke luar daerah",
            "en": "Committee members accompanying the participants outside the region",
        },
        "unit": {"id": "orang", "en": "persons"},
    },
    "outside_region": {
        "type": "boolean",
        "label": {"id": "Dilaksanakan di luar daerah", "en": "Held outside the region"},
    },
    "mentors": {
        "type": "integer",
        "label": {"id": "Tenaga pendamping", "en": "Mentors"},
        "unit": {"id": "orang", "en": "persons"},
    },
    "ikm": {"type": "integer", "label": {"id": "IKM yang didampingi", "en": "IKM mentored"}},
    "visits": {"type": "integer", "label": {"id": "Kunjungan", "en": "Visits"}},
    "method": {
        "type": "parts",
        "part_type": "number",
        "label": {"id": "Metode", "en": "Method"},
        "unit": {"id": "persen waktu pelajaran", "en": "percent of the lesson time"},
        "parts": {
            "theory": {"id": "Teori", "en": "Theory"},
            "discussion": {"id": "Diskusi", "en": "Discussion"},
            "practice": {"id": "Praktik", "en": "Practice"},
        },
    },
    "study_visit": {
        "type": "parts",
        "part_type": "integer",
        "label": {"id": "Studi banding", "en": "Study visit"},
        "parts": {
            "working_days": {"id": "Hari kerja", "en": "Working days"},
            "industries": {"id": "Industri yang dikunjungi", "en": "Industries visited"},
            "research_institutions": {
                "id": "Lembaga riset yang dikunjungi",
                "en": "Research institutions visited",
            },
        },
    },
    "instructors": {
        "type": "people",
        "label": {
            "id": "Narasumber, instruktur/pengajar, tenaga pendamping, tenaga ahli",
            "en": "Resource persons, instructors/teachers, mentors, experts",
        },
        "row": {"id": "Orang ke-{n}", "en": "Person {n}"},
        "parts": {
            "role": {"id": "Peran", "en": "Role"},
            "education": {"id": "Pendidikan terakhir", "en": "Education"},
            "experience_years": {"id": "Pengalaman (tahun)", "en": "Experience (years)"},
            "business_actor_with_nib": {"id": "Pelaku usaha ber-NIB", "en": "Business actor with an NIB"},
            "certificate": {"id": "Bersertifikat kompetensi", "en": "Holds a certificate of competence"},
        },
    },
    "budget": {
        "type": "budget",
        "label": {"id": "Baris anggaran", "en": "Budget lines"},
        "row": {"id": "Baris anggaran {n}", "en": "Budget line {n}"},
        "parts": {
            "category": {"id": "Kategori biaya", "en": "Cost category"},
            "amount": {"id": "Jumlah (Rp)", "en": "Amount (Rp)"},
        },
    },
}

# Fields of older plans that are still read: the name, what it now means, and what to write instead.
LEGACY_FIELDS: dict[str, dict[str, Any]] = {
    "committee": {
        # the field it stands for, and when (2023's limit was checked only outside the region)
        "read_as": {"committee_total": {}, "committee_accompanying": {"outside_region": True}},
        "message": {
            "id": (
                "Isian lama 'committee' dibaca sebagai panitia seluruhnya (batas 2022) dan sebagai panitia "
                "yang mendampingi peserta ke luar daerah (batas 2023); isilah committee_total dan/atau "
                "committee_accompanying agar setiap tahun diperiksa menurut konsepnya sendiri"
            ),
            "en": (
                "The old field 'committee' is read both as the whole committee (the 2022 limit) and as the "
                "members accompanying participants outside the region (the 2023 limit); fill in "
                "committee_total and/or committee_accompanying so that each year is checked by its own "
                "concept"
            ),
        },
    },
}


# The words of the workbooks dak reads and writes (a plan template, findings, a batch summary, an
# annotated participant list): sheet names and column headers. A plan workbook is read by these
# headers (either language) or by the field's own key, so a reader may relabel nothing and lose nothing.
WORKBOOK: dict[str, Text] = {
    "sheet_readme": {"id": "Petunjuk", "en": "Read me"},
    "sheet_activities": {"id": "Kegiatan", "en": "Activities"},
    "sheet_people": {"id": "Orang", "en": "People"},
    "sheet_budget": {"id": "Anggaran", "en": "Budget"},
    "sheet_catalog": {"id": "Katalog", "en": "Catalog"},
    "sheet_findings": {"id": "Temuan", "en": "Findings"},
    "sheet_comparison": {"id": "Perbandingan", "en": "Comparison"},
    "sheet_summary": {"id": "Ringkasan", "en": "Summary"},
    "sheet_problems": {"id": "Masalah isian", "en": "Input problems"},
    "row": {"id": "No.", "en": "No."},
    "activity_row": {"id": "No. kegiatan", "en": "Activity no."},
    "activity": {"id": "Kegiatan (id katalog)", "en": "Activity (catalog id)"},
    "activity_name": {"id": "Nama kegiatan", "en": "Activity name"},
    "category_name": {"id": "Nama kategori", "en": "Category name"},
    "person_name": {"id": "Nama", "en": "Name"},
    "year": {"id": "Tahun", "en": "Year"},
    "region": {"id": "Daerah", "en": "Region"},
    "title": {"id": "Judul", "en": "Title"},
    "file": {"id": "Berkas", "en": "File"},
    "field": {"id": "Isian", "en": "Field"},
    "level": {"id": "Tingkat", "en": "Level"},
    "message": {"id": "Temuan", "en": "Finding"},
    "citation": {"id": "Dasar hukum", "en": "Legal basis"},
    "quote": {"id": "Kutipan", "en": "Quoted words"},
    "note": {"id": "Cara membaca", "en": "How it is read"},
    "disputed": {"id": "Bacaan lain", "en": "Other reading"},
    "where": {"id": "Letak", "en": "Where"},
    "line": {"id": "Baris", "en": "Row"},
    "problems": {"id": "Masalah isian", "en": "Input problems"},
    "ok": {"id": "Tidak ada temuan", "en": "No findings"},
    "yes": {"id": "ya", "en": "yes"},
    "no": {"id": "tidak", "en": "no"},
    "readme": {
        "id": (
            "Isilah lembar Kegiatan (satu baris per kegiatan; pilih id kegiatan dari daftar), lembar Orang "
            "(narasumber, instruktur/pengajar, tenaga pendamping, tenaga ahli; kolom No. kegiatan menunjuk "
            "nomor baris kegiatannya) dan lembar Anggaran. Angka boleh ditulis 12.000.000 atau "
            "12.000.000,00. Periksa dengan: dak validate rencana.xlsx, atau pemeriksa rencana di buku ini."
        ),
        "en": (
            "Fill in the Activities sheet (one row per activity; pick the activity id from the list), the "
            "People sheet (resource persons, instructors/teachers, mentors, experts; the Activity no. column "
            "names the activity's row number) and the Budget sheet. Numbers may be written 12.000.000 or "
            "12.000.000,00. Check it with: dak validate rencana.xlsx, or the handbook's plan checker."
        ),
    },
}

# The columns of a participant list (roster): what each is called in a header a reader writes.
ROSTER_COLUMNS: dict[str, Text] = {
    "name": {"id": "Nama", "en": "Name"},
    "age": {"id": "Umur", "en": "Age"},
    "birth_date": {"id": "Tanggal lahir", "en": "Date of birth"},
    "nib": {"id": "NIB", "en": "NIB"},
    "education": {"id": "Pendidikan terakhir", "en": "Education"},
}


def label(field: str, lang: str = "id") -> str:
    """A plan field's label (or the field's name if it has none)."""
    spec = FIELDS.get(field)
    return spec["label"][lang] if spec else field


# The words that name a place in a plan or list, around the fields' own labels.
PLACES: dict[str, Text] = {
    "activity_whole": {"id": "kegiatan", "en": "activity"},  # a finding about the activity as a whole
    "activity_n": {"id": "Kegiatan {n}", "en": "Activity {n}"},
    "line_n": {"id": "baris {n}", "en": "line {n}"},
    "item_n": {"id": "ke-{n}", "en": "no. {n}"},
    # a plan's own keys, named as the workbook's read-me sheet names them
    **{key: WORKBOOK[key] for key in ("year", "region", "title", "activity")},
    "format": {"id": "Format", "en": "Format"},
}
_PATH_TOKEN = re.compile(r"([A-Za-z_][\w-]*)|\[(\d+)\]")
_LINE = re.compile(r"^line (\d+)")


def _name_label(name: str) -> Text | None:
    spec = FIELDS.get(name)
    if spec:
        return spec["label"]
    if name in ROSTER_COLUMNS:
        return ROSTER_COLUMNS[name]
    if name in PLACES and "{" not in PLACES[name]["id"]:
        return PLACES[name]
    for field in FIELDS.values():
        if name in field.get("parts", {}):
            return field["parts"][name]
    return None


@cache
def where_label(path: str) -> Text:
    """A place in a plan or list as a reader names it, in both languages:
    "activities[0].instructors[1].education" -> "Kegiatan 1 › Orang ke-2 › Pendidikan terakhir",
    "age" -> "Umur", "line 3" -> "baris 3". A name the vocabulary does not know is kept as it is, so a
    sheet and cell ("Kegiatan!C2") stays readable."""
    if path == "activity":
        return PLACES["activity_whole"]
    if "!" in path:  # a workbook's sheet and cell, already as the reader sees it
        return {"id": path, "en": path}
    parts: list[Text] = []
    last = None
    for match in _PATH_TOKEN.finditer(path):
        name, index = match.groups()
        if name is not None:
            last = name
            if name == "activities":
                continue
            if name == "line":
                number = _LINE.match(path)
                parts.append(_fill(PLACES["line_n"], n=number[1]) if number else {"id": path, "en": path})
                break
            spec = FIELDS.get(name)
            if spec and "row" in spec and path[match.end() : match.end() + 1] == "[":
                continue  # the row's own words name it ("Orang ke-2")
            parts.append(_name_label(name) or {"id": name, "en": name})
        else:
            n = int(index) + 1
            spec = FIELDS.get(last or "")
            template = (
                PLACES["activity_n"]
                if last == "activities"
                else spec["row"]
                if spec and "row" in spec
                else PLACES["item_n"]
            )
            parts.append(_fill(template, n=n))
    if not parts:
        return {"id": path, "en": path}
    return {lang: " › ".join(part[lang] for part in parts) for lang in LANGS}


def _fill(template: Text, **values: Any) -> Text:
    return {lang: text.format(**values) for lang, text in template.items()}


def number(value: Any, lang: str = "id") -> str:
    """A number as a reader of that language writes it: 1.500.000 and 2,5 in Indonesian, 1,500,000 and
    2.5 in English; whole numbers without decimals, others with at most two."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.translate(_INDONESIAN_MARKS) if lang == "id" else text


_INDONESIAN_MARKS = str.maketrans(",.", ".,")  # 1,500,000.5 -> 1.500.000,5


def one_of(items: list[Any] | tuple[Any, ...], lang: str = "id") -> str:
    """[2022, 2023] -> '2022 atau 2023' / '2022 or 2023': the choices a reader has, in words."""
    names = [str(item) for item in items]
    if len(names) < 2:
        return "".join(names)
    joiner = " atau " if lang == "id" else " or "
    return ", ".join(names[:-1]) + joiner + names[-1]


def roles_in_words(roles: list[str] | tuple[str, ...], lang: str = "id") -> str:
    """'instruktur, pengajar' -> 'Instruktur atau pengajar' (lower-case after the first)."""
    names = [ROLES[role][lang] for role in roles if role in ROLES]
    if not names:
        return ""
    return one_of([names[0]] + [name[0].lower() + name[1:] for name in names[1:]], lang)


def as_data() -> dict[str, Any]:
    """Everything above, JSON-ready: what `api`'s `vocabulary` method answers."""
    return {
        "levels": LEVELS,
        "roles": ROLES,
        "education_levels": list(EDUCATION_LEVELS),
        "fields": FIELDS,
        "legacy_fields": LEGACY_FIELDS,
    }  # not WORKBOOK or ROSTER_COLUMNS: workbooks are written in Python, and every checker page embeds this


# The words of a report skeleton (`dak report`, the report print view and workbook). The regulation
# names each annex but prints no columns: these columns are the handbook's, filled from the plan where
# it knows the answer and left empty where the dinas writes.
REPORT: dict[str, Any] = {
    "kinds": {
        "semester-1": {"id": "Laporan Semester I", "en": "Semester I report"},
        "semester-2": {"id": "Laporan Semester II", "en": "Semester II report"},
        "final": {"id": "Laporan Akhir", "en": "Final report"},
    },
    "words": {
        "sheet_outline": {"id": "Laporan", "en": "Report"},
        "deadline": {"id": "Batas waktu penyampaian", "en": "Deadline for submission"},
        "to": {"id": "Disampaikan kepada", "en": "Submitted to"},
        "basis": {"id": "Dasar", "en": "Basis"},
        "write_here": {"id": "(diisi dinas)", "en": "(to be written by the dinas)"},
        "annexes": {"id": "Lampiran", "en": "Annexes"},
        "annex": {"id": "Lampiran", "en": "Annex"},
        "total": {"id": "Jumlah", "en": "Total"},
        "place_date": {"id": "Tempat, tanggal", "en": "Place, date"},
        "head_of_office": {
            "id": "Kepala Dinas yang membidangi perindustrian",
            "en": "Head of the Dinas responsible for industry",
        },
        "head_of_opd": {
            "id": "Kepala OPD kabupaten/kota yang membidangi industri",
            "en": "Head of the regency/city OPD responsible for industry",
        },
        "name": {"id": "Nama", "en": "Name"},
        "nip": {"id": "NIP", "en": "NIP"},
        "columns_note": {
            "id": (
                "Judul lampiran sesuai peraturan; peraturan tidak menetapkan kolomnya. Kolom disusun buku "
                "panduan ini: yang diketahui rencana sudah terisi, sisanya diisi dinas."
            ),
            "en": (
                "The annex titles are the regulation's; it sets no columns. The columns are the handbook's: "
                "what the plan knows is filled in, the rest is for the dinas to write."
            ),
        },
        "no_format": {
            "id": (
                'Permenperin 5/2022 menyebut "format laporan terlampir" tetapi lampirannya yang diundangkan '
                "tidak memuat format; laporan disusun sesuai format Peraturan Menteri Keuangan tentang "
                "Pengelolaan DAK Nonfisik. Kerangka ini hanya memuat yang diatur Permenperin 5/2022: "
                "penyusun, penerima dan batas waktu."
            ),
            "en": (
                'Permenperin 5/2022 says "report format attached" but its promulgated annex prints no '
                "format; the report follows the format of the Minister of Finance Regulation on the "
                "Management of DAK Nonfisik. This skeleton holds only what Permenperin 5/2022 sets: who "
                "prepares it, to whom and by when."
            ),
        },
    },
    "columns": {
        "no": {"id": "No.", "en": "No."},
        "activity": {"id": "Kegiatan", "en": "Activity"},
        "category": {"id": "Kategori anggaran", "en": "Budget category"},
        "planned": {"id": "Pagu rencana (Rp)", "en": "Planned (Rp)"},
        "realised": {"id": "Realisasi (Rp)", "en": "Realised (Rp)"},
        "percent": {"id": "Persentase (%)", "en": "Percentage (%)"},
        "name": {"id": "Nama", "en": "Name"},
        "nib": {"id": "NIB", "en": "NIB"},
        "education": {"id": "Pendidikan terakhir", "en": "Education"},
        "age": {"id": "Umur / tanggal lahir", "en": "Age / date of birth"},
        "role": {"id": "Peran", "en": "Role"},
        "experience": {"id": "Pengalaman (tahun)", "en": "Experience (years)"},
        "certificate": {"id": "Sertifikat", "en": "Certificate"},
        "place": {"id": "Tempat", "en": "Place"},
        "start": {"id": "Tanggal mulai", "en": "Start date"},
        "end": {"id": "Tanggal selesai", "en": "End date"},
        "length": {"id": "Lama (rencana)", "en": "Length (planned)"},
        "remarks": {"id": "Keterangan", "en": "Remarks"},
    },
    # Each annex table's columns, by the annex's kind (site_build/rules/compiler.py ANNEX_KINDS).
    "tables": {
        "budget": ["no", "activity", "category", "planned", "realised", "percent", "remarks"],
        "participants": ["no", "activity", "name", "nib", "education", "age", "remarks"],
        "resource_persons": ["no", "activity", "name", "education", "experience", "certificate", "remarks"],
        "mentors": ["no", "activity", "role", "name", "education", "experience", "certificate", "remarks"],
        "schedule": ["no", "activity", "place", "start", "end", "length", "remarks"],
    },
}
