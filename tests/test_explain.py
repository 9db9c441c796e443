"""Every finding explained: the trace of a finding (what was read, the rule's value and year, the
comparison, the level and the text's words for it, the provision) in both languages, through the
engine, the api and `dak validate --explain`; and per activity, the data its rules need."""

from __future__ import annotations

import json

import pytest

from dakcore.api import call
from dakcore.cli import main
from dakcore.engine import validate
from dakcore.rules import load_rules

RULES = load_rules()
PLAN = {
    "format": "dak-plan/1",
    "year": 2023,
    "activities": [
        {
            "activity": "pelatihan-manajemen-wirausaha",
            "participants": 35,
            "committee_total": 6,
            "instructors": [
                {"role": "instruktur", "education": "SMA", "experience_years": 1, "certificate": True},
                {"role": "narasumber", "education": "SD", "experience_years": 0, "certificate": True},
            ],
        },
        {
            "activity": "pelatihan-teknis-produksi",
            "participants": 12,
            "budget": [
                {"category": "bahan_praktik", "amount": 30_000_000},
                {"category": "honorarium_instruktur", "amount": 10_000_000},
            ],
        },
    ],
}


def _findings(years: list[int]) -> list[dict]:
    return validate(RULES, PLAN, years, explain=True)["findings"]


def _one(findings: list[dict], rule: str, field: str, year: int) -> dict:
    [finding] = [
        f
        for f in findings
        if f["rule"] == rule and f["field"] == field and f["year"] == year and f["activity_index"] == 0
    ]
    return finding


def test_a_maximum_read_compared_and_cited():
    trace = _one(_findings([2022]), "participants.count", "participants", 2022)["trace"]
    assert trace["inputs"] == [
        {
            "field": "participants",
            "label": {"id": "Jumlah peserta", "en": "Number of participants"},
            "value": 35,
        }
    ]
    assert trace["rule"]["year"] == 2022 and trace["rule"]["params"] == {"min": 20, "max": 30}
    assert trace["comparison"] == {"left": 35, "op": ">", "right": 30}
    assert trace["comparison_words"] == {"id": "35 > 30", "en": "35 > 30"}
    assert trace["level"]["level"] == "error"
    assert trace["level"]["label"] == {"id": "Tidak boleh", "en": "Not allowed"}
    assert trace["provision"]["quote"] == "peserta berjumlah 20-30 orang per kegiatan"
    assert "Nomor 5 Tahun 2022" in trace["provision"]["citation"]["id"]
    assert trace["note"]["en"].startswith("Lower limit")


def test_a_minimum_with_a_statement_route_quotes_the_route():
    low = [f for f in _findings([2022]) if f["activity"] == "pelatihan-teknis-produksi"]
    [count] = [f for f in low if f["rule"] == "participants.count"]
    trace = count["trace"]
    assert trace["comparison"] == {"left": 12, "op": "<", "right": 20}
    assert trace["level"]["level"] == "needs_statement"
    assert "penanggung jawab wajib menyampaikan pernyataan" in trace["level"]["route"]["quote"]
    assert trace["level"]["why"]["id"].startswith("Teks memberi jalan: “dalam hal jumlah peserta")
    assert trace["level"]["why"]["en"].startswith("The text gives a route: “dalam hal jumlah peserta")


def test_needs_approval_gives_the_route_in_the_texts_words():
    trace = _one(_findings([2023]), "participants.count", "participants", 2023)["trace"]
    assert trace["comparison_words"] == {"id": "35 > 30", "en": "35 > 30"}
    assert trace["level"]["level"] == "needs_approval"
    assert trace["level"]["label"]["en"] == "Needs ministry approval"
    route = trace["level"]["route"]["quote"]
    assert "mendapatkan persetujuan dari kementerian" in route and route.startswith("Dalam hal")
    assert route in trace["level"]["why"]["id"] and route in trace["level"]["why"]["en"]
    assert "7 of 2023" in trace["level"]["why"]["en"]
    # the finding cites the limit; the route is the value's other quote
    assert trace["provision"]["quote"] == "Peserta pelatihan secara umum berjumlah 20–30 orang per kegiatan"


def test_a_share_of_the_participants():
    trace = _one(_findings([2022]), "committee.size", "committee_total", 2022)["trace"]
    assert [(i["field"], i["value"]) for i in trace["inputs"]] == [
        ("committee_total", 6),
        ("participants", 35),
    ]
    assert trace["comparison"] == {"left": 6, "op": ">", "right": 3.5}
    assert trace["comparison_words"] == {"id": "6 > 10% × 35 = 3,5", "en": "6 > 10% × 35 = 3.5"}
    assert trace["level"]["words"] == "paling banyak"
    assert trace["level"]["why"]["en"] == "The text sets a hard limit (“paling banyak”) with no other route"


def test_a_budget_share_says_what_was_counted():
    finding = next(f for f in _findings([2022]) if f["rule"] == "budget.perlengkapan_bahan_sewa_max")
    trace = finding["trace"]
    assert trace["comparison"] == {"left": 75.0, "op": ">", "right": 20}
    assert trace["comparison_words"] == {
        "id": "Rp 30.000.000 dari Rp 40.000.000 = 75% > 20%",
        "en": "Rp 30,000,000 of Rp 40,000,000 = 75% > 20%",
    }
    assert trace["counted"]["lines"] == [0] and trace["counted"]["total"] == 40_000_000
    assert trace["counted"]["words"]["id"].startswith("dihitung: ")
    assert trace["counted"]["words"]["en"].startswith("counted: ")
    [line] = trace["inputs"]
    assert line["field"] == "budget[0]" and line["value"]["category"] == "bahan_praktik"
    assert line["value_label"]["en"]


def test_a_people_check_names_the_roles_it_binds_and_the_role_it_read():
    findings = _findings([2022])
    trace = _one(findings, "experts.experience", "instructors[0].experience_years", 2022)["trace"]
    assert [(i["field"], i["value"]) for i in trace["inputs"]] == [
        ("instructors[0].experience_years", 1),
        ("instructors[0].role", "instruktur"),
    ]
    assert trace["inputs"][0]["label"] == {
        "id": "Orang ke-1 › Pengalaman (tahun)",
        "en": "Person 1 › Experience (years)",
    }
    assert trace["comparison"] == {"left": 1, "op": "<", "right": 3}
    assert trace["roles"] == {
        "roles": ["instruktur", "pengajar"],
        "words": {"id": "Instruktur atau pengajar", "en": "Instructor or teacher"},
    }
    education = _one(findings, "experts.education", "instructors[0].education", 2022)["trace"]
    assert education["comparison"] == {"left": "SMA", "op": "<", "right": "D3"}
    assert education["comparison_words"]["en"].startswith("SMA < D3 (order of levels: SD < SMP")
    # 2022 binds no resource person: the second person (narasumber) has no finding at all
    assert not [f for f in findings if f["field"].startswith("instructors[1]") and f["year"] == 2022]


def test_a_person_without_a_role_is_told_why_it_is_only_a_warning():
    plan = {
        "activities": [{"activity": "pelatihan-manajemen-wirausaha", "instructors": [{"education": "SMA"}]}]
    }
    [finding] = validate(RULES, plan, [2022], explain=True)["findings"]
    assert finding["level"] == "warning"
    assert finding["trace"]["level"]["why"] == {
        "id": "Peran orang ini tidak diisi; syarat ini hanya mengikat instruktur atau pengajar",
        "en": "This person's role is not stated; the requirement binds only: instructor or teacher",
    }


def test_the_api_explains_only_when_asked():
    quick = call("validate", {"plan": PLAN})["result"]
    explained = call("validate", {"plan": PLAN, "explain": True})["result"]
    assert not any("trace" in f for f in quick["findings"])
    assert all("trace" in f for f in explained["findings"] if f["rule"] in RULES.rules)
    json.dumps(explained, allow_nan=False)  # plain JSON data, as the browser receives it


@pytest.mark.parametrize(
    "lang, words",
    [
        (
            "id",
            [
                "cara pemeriksaan:",
                "dibaca: Jumlah peserta (participants) = 35",
                "perbandingan: 35 > 30",
                "tingkat: Perlu persetujuan kementerian: Teks memberi jalan: “Dalam hal jumlah peserta",
            ],
        ),
        (
            "en",
            [
                "how it was checked:",
                "read: Number of participants (participants) = 35",
                "comparison: 35 > 30",
                "level: Needs ministry approval: The text gives a route: “Dalam hal jumlah peserta",
            ],
        ),
    ],
)
def test_dak_validate_explain_in_text(tmp_path, capsys, lang, words):
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(PLAN), encoding="utf-8")
    assert main(["validate", str(path), "--explain", "--lang", lang]) == 1
    out = capsys.readouterr().out
    for expected in words:
        assert f"      {expected}" in out or f"    {expected}" in out, expected
    assert main(["validate", str(path), "--lang", lang]) == 1
    assert words[0] not in capsys.readouterr().out


def test_dak_validate_explain_in_json(tmp_path, capsys):
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(PLAN), encoding="utf-8")
    main(["validate", str(path), "--explain", "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    trace = _one(report["findings"], "participants.count", "participants", 2023)["trace"]
    assert trace["comparison"] == {"left": 35, "op": ">", "right": 30}


def test_the_data_an_activity_needs_in_both_years_and_languages():
    form = call("form", {"activity": "pelatihan-manajemen-wirausaha"})["result"]
    for year in ("2022", "2023"):
        needs = form["years"][year]["needs"]
        fields = [entry["field"] for entry in needs["fields"]]
        assert fields[:2] == ["participants", "participant_ages"]
        assert {"jpl", "instructors", "budget"} <= set(fields)
        assert needs["words"]["id"].startswith(
            "Untuk memeriksa kegiatan ini, pemeriksa memerlukan: jumlah peserta; umur peserta; "
        )
        assert needs["words"]["en"].startswith(
            "To check this activity the checker needs: number of participants; participants' ages; "
        )
        people = next(e for e in needs["fields"] if e["field"] == "instructors")
        parts = {p["part"] for p in people["parts"]}
        assert {"education", "certificate", "role"} <= parts
        # 2023 A.1 asks for experience without a number of years: nothing to count then
        assert ("experience_years" in parts) == (year == "2022")
    # the committee limit reads the participants too (its share is of them)
    assert "participants" in [e["field"] for e in form["years"]["2022"]["needs"]["fields"]]
    mentoring = call("form", {"activity": "pendampingan-diversifikasi-produk"})["result"]
    fields = [e["field"] for e in mentoring["years"]["2023"]["needs"]["fields"]]
    assert "mentors" in fields and "ikm" in fields  # a ratio reads both its terms


def test_a_soft_word_is_why_a_figure_gives_only_a_warning():
    plan = {
        "activities": [{"activity": "pelatihan-teknis-produksi", "method": {"theory": 90, "practice": 10}}]
    }
    findings = validate(RULES, plan, [2023], explain=True)["findings"]
    trace = _one(findings, "method.mix", "method.theory", 2023)["trace"]
    assert trace["inputs"][0]["label"] == {"id": "Metode › Teori", "en": "Method › Theory"}
    assert trace["comparison"] == {"left": 60, "op": ">", "right": 10}
    assert trace["comparison_words"] == {"id": "|90 − 30| = 60 > 10", "en": "|90 − 30| = 60 > 10"}
    assert trace["level"]["level"] == "warning" and trace["level"]["words"] == "sekitar"
    assert trace["level"]["why"] == {
        "id": "Teks berkata “sekitar”: ini bukan batas tegas",
        "en": "The text says “sekitar” (about): this is not a hard limit",
    }


def test_every_kind_of_check_can_explain_its_outcomes():
    from dakcore.checks import CHECKS, EXPLAINERS

    assert set(EXPLAINERS) == set(CHECKS)


def test_a_roster_finding_is_explained_by_the_rows_cells_when_asked():
    roster = "nama,tanggal_lahir,pendidikan\nA,1950-01-01,SD\n"
    params = {"csv": roster, "activity": "pelatihan-teknis-produksi", "year": 2023, "on": "2023-06-01"}
    quick = call("roster", params)["result"]
    assert quick["findings"] and not any("trace" in f for f in quick["findings"])
    explained = call("roster", {**params, "explain": True})["result"]
    age = next(f for f in explained["findings"] if f["field"] == "age")
    trace = age["trace"]
    assert trace["inputs"] == [{"field": "age", "label": {"id": "Umur", "en": "Age"}, "value": 73}]
    assert trace["comparison_words"] == {"id": "73 > 50", "en": "73 > 50"}
    assert trace["level"]["level"] == "needs_approval" and "route" in trace["level"]


def test_every_source_carries_the_english_of_the_paragraph_it_quotes():
    """The quote's unofficial English comes from the content's translation, compiled into the rules:
    a browser never keeps its own copy."""
    sources = [s for r in RULES.values.values() for v in r for s in v.sources]
    sources += [
        s
        for d in RULES.data["deadlines"]
        for v in d["values"].values()
        for s in map(RULES.source, v["sources"])
    ]
    assert sources and all(s.quote_en for s in sources)
    [finding] = [
        f for f in _findings([2023]) if f["rule"] == "participants.count" and f["activity_index"] == 0
    ]
    assert "20" in finding["source"]["quote_en"] and "participants" in finding["source"]["quote_en"]
    assert finding["trace"]["provision"]["quote_en"] == finding["source"]["quote_en"]
    assert finding["trace"]["level"]["route"]["quote_en"]
    deadline = call("deadlines", {"year": 2023, "lang": "en"})["result"]["deadlines"][0]
    assert "31 March 2023" in deadline["sources"][0]["quote_en"]


def test_dak_roster_explain_in_text(tmp_path, capsys):
    path = tmp_path / "peserta.csv"
    path.write_text("nama,tanggal_lahir,pendidikan\nA,1950-01-01,SD\n", encoding="utf-8")
    args = [
        "roster",
        str(path),
        "--activity",
        "pelatihan-teknis-produksi",
        "--year",
        "2023",
        "--on",
        "2023-06-01",
    ]
    main([*args, "--explain", "--lang", "en"])
    out = capsys.readouterr().out
    assert "      read: Age (age) = 73" in out and "      comparison: 73 > 50" in out
    main(args)
    assert "cara pemeriksaan:" not in capsys.readouterr().out
