"""The validators as a reader uses them, in headless Chromium against the built site (issue 5, "What a
reader can do"): every activity page's form, the plan checker, the participant list, the deadlines and
the recipient-region check, in Indonesian and in English, with good and with bad input.

What the page shows is compared with what dakcore answers in CPython for the same input
(`dakcore.api.call`, the entry point the browser's worker calls under Pyodide): the findings' year,
rule, level and field, the input problems' place and words, the deadlines and the calendar file. Each
finding and problem carries its data in data-* attributes for this; the reader sees words.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from dakcore.api import call
from dakcore.vocabulary import LANGS

ENGINE_TIMEOUT = 120_000  # ms: Pyodide's first start on a slow, busy machine

PREFIX = {"id": "", "en": "en/"}
EXAMPLE = json.loads((Path(__file__).resolve().parents[2] / "examples" / "plan-2023.json").read_text())
HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture
def vpage(page):
    """The conftest's page, also failing on any console error of the page's own scripts (requests the
    harness refuses, such as web fonts, are logged by Chromium as failed loads and are not ours)."""
    errors: list[str] = []

    def console(message) -> None:
        if message.type == "error" and "Failed to load resource" not in message.text:
            errors.append(message.text)

    page.on("console", console)
    page.set_default_timeout(ENGINE_TIMEOUT)
    yield page
    assert not errors, f"console errors: {errors}"


def open_validator(page, served, path: str):
    page.goto(served.url(path))
    page.wait_for_selector(".dak-validator .dak-form")
    return page


def submit(page) -> None:
    page.locator(".dak-validator form button[type=submit]").click()


def wait_ready(page) -> None:
    page.wait_for_selector(".dak-engine-ready", timeout=ENGINE_TIMEOUT)


def shown_findings(page, scope: str = ".dak-results") -> list[tuple]:
    return sorted(
        page.eval_on_selector_all(
            f"{scope} li.dak-finding[data-rule]",
            """els => els.map(e => [Number(e.dataset.year), e.dataset.rule, e.dataset.level,
                                    e.dataset.field, e.dataset.activityIndex === undefined ? null
                                    : Number(e.dataset.activityIndex)])""",
        )
    )


def engine_findings(result: dict) -> list[tuple]:
    return sorted(
        [f["year"], f["rule"], f["level"], f["field"], f["activity_index"]] for f in result["findings"]
    )


def shown_problems(page) -> list[tuple[str, str]]:
    return page.eval_on_selector_all(
        ".dak-messages li[data-where]",
        "els => els.map(e => [e.dataset.where, e.textContent])",
    )


def messages(page) -> str:
    return page.locator(".dak-messages").inner_text()


def fill_field(page, label: str, value: str, scope: str = ".dak-validator") -> None:
    page.locator(scope).get_by_label(label, exact=True).fill(value)


# --- every activity page -------------------------------------------------------------------------

ACTIVITY_ENTRY = {  # the plan fields as typed into pelatihan-teknis-produksi's form, and as JSON
    "participants": ("Jumlah peserta", "Number of participants", "25", 25),
    "participant_ages": (
        "Umur peserta (tahun, dipisah koma)",
        "Participants' ages (years, separated by commas)",
        "19, 23, 31, 44, 52",
        [19, 23, 31, 44, 52],
    ),
    "jpl": ("Jam pelajaran (JPL)", "Lesson hours (JPL)", "50", 50),
    "committee_accompanying": (
        "Panitia penyelenggara yang mendampingi peserta ke luar daerah (orang)",
        "Committee members accompanying the participants outside the region (persons)",
        "3",
        3,
    ),
}


@pytest.mark.parametrize("lang", LANGS)
def test_activity_page_checks_an_entry_under_both_years(vpage, served, lang):
    page = open_validator(vpage, served, f"{PREFIX[lang]}kegiatan/pelatihan-teknis-produksi/")
    runtime_requests: list[str] = []
    page.on("request", lambda r: r.url.endswith((".wasm", ".zip", ".whl")) and runtime_requests.append(r.url))
    page.wait_for_timeout(500)
    # Below the fold, untouched: only the short chain is preloaded (tests/browser/test_start.py).
    assert not runtime_requests, "Pyodide must start only when the reader shows intent"
    assert not page.locator(".dak-engine-ready").count()

    plan_activity = {"activity": "pelatihan-teknis-produksi"}
    for field, (label_id, label_en, typed, value) in ACTIVITY_ENTRY.items():
        fill_field(page, label_id if lang == "id" else label_en, typed)
        plan_activity[field] = value
    # One budget line (2023: the committee's fees may not be funded), written the Indonesian way.
    page.locator(".dak-validator").get_by_role(
        "button", name="Tambah baris anggaran" if lang == "id" else "Add a budget line"
    ).click()
    page.locator(".dak-validator").get_by_label(
        "Kategori biaya" if lang == "id" else "Cost category"
    ).select_option("honorarium_panitia")
    fill_field(page, "Jumlah (Rp)" if lang == "id" else "Amount (Rp)", "4.500.000")
    plan_activity["budget"] = [{"category": "honorarium_panitia", "amount": 4500000}]
    submit(page)
    page.wait_for_selector(".dak-results .dak-years")
    wait_ready(page)
    assert runtime_requests, "using the form started the engine"
    assert ("Pemeriksa siap" if lang == "id" else "Checker ready") in page.locator(".dak-engine").inner_text()

    expected = call(
        "validate",
        {"plan": {"format": "dak-plan/1", "year": 2023, "activities": [plan_activity]}, "years": "both"},
    )
    assert expected["ok"]
    assert shown_findings(page) == engine_findings(expected["result"])
    assert {f[0] for f in shown_findings(page)} == {2022, 2023}, "both years, side by side"
    # The level in words, not only in colour; the engine's message in the page's language.
    first = expected["result"]["findings"][0]
    item = page.locator(".dak-results li.dak-finding").first
    assert ("Tidak boleh" if lang == "id" else "Not allowed") in item.locator(".dak-badge").inner_text()
    assert first["message"][lang] in page.locator(".dak-results").inner_text()
    # Every finding links to its provision's anchor in the reading view of the page's language.
    for link in page.eval_on_selector_all(".dak-results a.dak-source-link", "els => els.map(e => e.href)"):
        parts = urlsplit(link)
        assert parts.path.startswith(f"/handbook/{PREFIX[lang]}peraturan/"), link
        html = (served.root / parts.path.removeprefix("/handbook/") / "index.html").read_text(
            encoding="utf-8"
        )
        assert f'id="{parts.fragment}"' in html, link
    assert page.locator(".dak-results blockquote.dak-quote").count() >= len(expected["result"]["findings"])


@pytest.mark.parametrize("lang", LANGS)
def test_activity_page_bad_input_is_named_in_the_form(vpage, served, lang):
    page = open_validator(vpage, served, f"{PREFIX[lang]}kegiatan/pendampingan-diversifikasi-produk/")
    submit(page)  # nothing entered
    empty = "Formulir masih kosong" if lang == "id" else "The form is empty"
    assert empty in messages(page)
    assert page.locator(".dak-messages [aria-live], .dak-messages[aria-live]").count()

    fill_field(page, "Jangka waktu (bulan)" if lang == "id" else "Duration (months)", "lima")
    fill_field(page, "IKM yang didampingi" if lang == "id" else "IKM mentored", "10")
    submit(page)
    page.wait_for_selector(".dak-messages li[data-where]")
    expected = call(
        "validate",
        {
            "plan": {
                "format": "dak-plan/1",
                "year": 2023,
                "activities": [
                    {"activity": "pendampingan-diversifikasi-produk", "duration_months": "lima", "ikm": 10}
                ],
            },
            "years": "both",
        },
    )
    assert not expected["ok"]
    (problem,) = expected["problems"]
    assert problem["where"] == "activities[0].duration_months"
    ((where, text),) = shown_problems(page)
    assert where == "duration_months" and text.endswith(problem["message"][lang])
    field = page.locator(".dak-validator").get_by_label(
        "Jangka waktu (bulan)" if lang == "id" else "Duration (months)"
    )
    assert field.get_attribute("aria-invalid") == "true"
    assert problem["message"][lang] in page.locator(".dak-field-problem").first.inner_text()


def test_activity_page_works_with_the_keyboard_alone(vpage, served):
    page = open_validator(vpage, served, "kegiatan/pelatihan-manajemen-wirausaha/")
    # Every control has a label.
    unlabelled = page.eval_on_selector_all(
        ".dak-validator input, .dak-validator select",
        "els => els.filter(e => !e.labels || e.labels.length === 0).map(e => e.outerHTML)",
    )
    assert not unlabelled
    page.locator(".dak-validator").get_by_label("Jumlah peserta").focus()
    page.keyboard.type("5")
    page.keyboard.press("Enter")  # the form submits from any field
    page.wait_for_selector(".dak-results .dak-years")
    expected = call(
        "validate",
        {
            "plan": {
                "format": "dak-plan/1",
                "year": 2023,
                "activities": [{"activity": "pelatihan-manajemen-wirausaha", "participants": 5}],
            },
            "years": "both",
        },
    )
    assert shown_findings(page) == engine_findings(expected["result"])
    # Add and remove a budget line with the keyboard: focus goes to the new line, then back.
    page.locator(".dak-validator").get_by_role("button", name="Tambah baris anggaran").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.tagName") == "SELECT"
    page.locator(".dak-validator").get_by_role("button", name="Hapus Baris anggaran 1").focus()
    page.keyboard.press("Enter")
    assert page.locator(".dak-row").count() == 0
    assert page.evaluate("document.activeElement.textContent") == "Tambah baris anggaran"


def test_a_page_for_an_activity_new_in_2023_says_so_for_2022(vpage, served):
    page = open_validator(vpage, served, "en/kegiatan/sertifikat-halal/")
    page.locator(".dak-validator").get_by_role("button", name="Add a person").click()
    page.locator(".dak-validator").get_by_label("Education").select_option("SMA")
    submit(page)
    page.wait_for_selector(".dak-results .dak-years")
    rules = {(f[0], f[1]) for f in shown_findings(page)}
    assert (2022, "activity.exists") in rules
    assert "does not exist in Permenperin 5/2022" in page.locator(".dak-results").inner_text()


# --- the plan checker ----------------------------------------------------------------------------


def check_the_example_plan(page, lang: str) -> None:
    """On the plan checker: fill in the README's example plan, check it under both years, wait for
    the result."""
    page.locator(".dak-validator").get_by_role(
        "button", name="Isi dengan contoh" if lang == "id" else "Fill in the example"
    ).click()
    page.locator(".dak-validator").get_by_label(
        "Periksa menurut" if lang == "id" else "Check under"
    ).select_option("both")
    submit(page)
    page.wait_for_selector(".dak-results .dak-activity-result")


@pytest.mark.parametrize("lang", LANGS)
def test_plan_checker_builds_checks_saves_and_loads_a_plan(vpage, served, lang, tmp_path):
    page = open_validator(vpage, served, f"{PREFIX[lang]}periksa-rencana/")
    check_the_example_plan(page, lang)
    expected = call("validate", {"plan": EXAMPLE, "years": "both"})
    assert shown_findings(page) == engine_findings(expected["result"])
    assert page.locator(".dak-activity-result").count() == len(EXAMPLE["activities"])

    # Saved as dak-plan/1: the very plan the example file holds (the same format as the command line).
    with page.expect_download() as download:
        page.locator(".dak-validator").get_by_role(
            "button", name="Simpan rencana (JSON)" if lang == "id" else "Save the plan (JSON)"
        ).click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.suffix == ".json"
    assert json.loads(saved.read_text(encoding="utf-8")) == EXAMPLE

    # Cleared, then loaded again from the file: the form holds the plan and shows its findings.
    page.locator(".dak-validator").get_by_role(
        "button", name="Kosongkan rencana" if lang == "id" else "Clear the plan"
    ).click()
    assert page.locator(".dak-activity").count() == 1
    page.locator(".dak-validator input[type=file]").set_input_files(str(saved))
    page.wait_for_selector(".dak-results .dak-activity-result")
    assert page.locator(".dak-activity").count() == len(EXAMPLE["activities"])
    assert shown_findings(page) == engine_findings(expected["result"])
    assert saved.name in messages(page)
    first = page.locator(".dak-activity").first
    assert (
        first.get_by_label("Jumlah peserta" if lang == "id" else "Number of participants").input_value()
        == "25"
    )


def test_plan_checker_round_trips_fields_the_form_does_not_show(vpage, served, tmp_path):
    plan = {
        "format": "dak-plan/1",
        "year": 2022,
        "region": f"Kota {HOSTILE}",
        "activities": [
            {"activity": "promosi-ekspor", "duration_months": 2.5, "location": "Surabaya", "mentors": 1},
            {
                "activity": "sertifikat-tkdn",
                "instructors": [{"education": "S2", "experience_years": 1, "note": "x"}],
            },
        ],
    }
    source = tmp_path / "rencana.json"
    source.write_text(json.dumps(plan), encoding="utf-8")
    page = open_validator(vpage, served, "periksa-rencana/")
    page.locator(".dak-validator input[type=file]").set_input_files(str(source))
    page.wait_for_selector(".dak-results .dak-activity-result")
    assert shown_findings(page) == engine_findings(call("validate", {"plan": plan})["result"])
    assert (
        page.locator(".dak-validator").get_by_label("Daerah (kabupaten/kota)").input_value() == plan["region"]
    )
    assert page.locator(".dak-validator img").count() == 0
    assert "location, mentors" in page.locator(".dak-kept").first.inner_text()
    with page.expect_download() as download:
        page.locator(".dak-validator").get_by_role("button", name="Simpan rencana (JSON)").click()
    saved = tmp_path / "saved.json"
    download.value.save_as(saved)
    assert download.value.suggested_filename == "rencana.json"
    assert json.loads(saved.read_text(encoding="utf-8")) == plan


@pytest.mark.parametrize("lang", LANGS)
def test_plan_checker_shows_a_broken_files_problems_in_the_form(vpage, served, lang, tmp_path):
    broken = {
        "format": "dak-plan/1",
        "year": 2024,
        "activities": [
            {
                "activity": "pelatihan-teknis-produksi",
                "participants": "dua puluh",
                "outside_region": "ya",
                "budget": [{"category": "x", "amount": "y"}],
            },
            5,
            {"activity": "tidak-ada"},
        ],
    }
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(broken), encoding="utf-8")
    page = open_validator(vpage, served, f"{PREFIX[lang]}periksa-rencana/")
    page.locator(".dak-validator input[type=file]").set_input_files(str(path))
    page.wait_for_selector(".dak-messages li[data-where]")
    expected = call("validate", {"plan": broken})
    assert not expected["ok"]
    shown = shown_problems(page)
    assert [w for w, _ in shown] == [p["where"] for p in expected["problems"]]
    for (_, text), problem in zip(shown, expected["problems"], strict=True):
        assert text.endswith(problem["message"][lang])
    # Each problem also stands next to its input, which is marked invalid.
    invalid = page.locator(".dak-validator [aria-invalid=true]")
    assert invalid.count() >= len(expected["problems"])
    participants = page.locator(".dak-activity").first.get_by_label(
        "Jumlah peserta" if lang == "id" else "Number of participants"
    )
    assert participants.input_value() == "dua puluh"
    assert participants.get_attribute("aria-invalid") == "true"
    assert page.locator(".dak-results .dak-finding").count() == 0

    # Not JSON at all (here: a picture's bytes): the engine's words, where the file was chosen.
    picture = tmp_path / "foto.json"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    page.locator(".dak-validator input[type=file]").set_input_files(str(picture))
    page.wait_for_function("() => document.querySelector('.dak-messages').textContent.includes('JSON')")
    expected = call("validate", {"plan": picture.read_bytes().decode("utf-8", "replace")})
    assert expected["problems"][0]["message"][lang] in messages(page)


@pytest.mark.parametrize("lang", LANGS)
def test_plan_checker_asks_for_an_activity_before_checking(vpage, served, lang):
    page = open_validator(vpage, served, f"{PREFIX[lang]}periksa-rencana/")
    page.locator(".dak-validator").get_by_role(
        "button", name="Hapus kegiatan 1" if lang == "id" else "Remove activity 1"
    ).click()
    submit(page)
    assert ("paling sedikit satu kegiatan" if lang == "id" else "add at least one") in messages(page)
    page.locator(".dak-validator").get_by_role(
        "button", name="Tambah kegiatan" if lang == "id" else "Add an activity"
    ).click()
    submit(page)  # an activity without its catalog id: the engine says it is required
    page.wait_for_selector(".dak-messages li[data-where]")
    expected = call("validate", {"plan": {"format": "dak-plan/1", "year": 2023, "activities": [{}]}})
    assert [w for w, _ in shown_problems(page)] == [p["where"] for p in expected["problems"]]


# --- the participant list ------------------------------------------------------------------------

ROSTER = (
    "\ufeffNama;Umur;Pendidikan Terakhir;NIB\r\n"
    "Budi Santoso;25;SMA;ya\r\n"
    f"{HOSTILE};70;SD;tidak\r\n"
    "Siti;abc;;\r\n"
    '"Dewi\r\nAyu";30;S1;bersedia\r\n'
    "\r\n"
    "Rina;16;SMP;belum\r\n"
)


def check_roster_file(page, path: Path, lang: str) -> None:
    """Check a participant list file for pelatihan-teknis-produksi in 2023, ages on 1 August 2023,
    as a reader fills the form, and wait for its table."""
    form = page.locator(".dak-validator")
    form.get_by_label("Tahun anggaran" if lang == "id" else "Budget year").select_option("2023")
    form.get_by_label("Kegiatan" if lang == "id" else "Activity", exact=True).select_option(
        "pelatihan-teknis-produksi"
    )
    form.get_by_label("Umur dihitung pada tanggal" if lang == "id" else "Ages counted on").fill("2023-08-01")
    form.locator("input[type=file]").set_input_files(str(path))
    submit(page)
    page.wait_for_selector(".dak-roster-table table")


def roster_rows(page) -> dict[int, list[tuple]]:
    rows = page.eval_on_selector_all(
        ".dak-roster-table tbody tr",
        """els => els.map(tr => [Number(tr.dataset.line),
              [...tr.querySelectorAll('li.dak-finding')].map(li =>
                  [li.dataset.rule || '', li.dataset.level, li.dataset.field || ''])])""",
    )
    return {line: sorted(map(tuple, items)) for line, items in rows}


def engine_rows(result: dict) -> dict[int, list[tuple]]:
    rows: dict[int, list[tuple]] = {}
    for finding in result["findings"]:
        rows.setdefault(finding["row"], []).append((finding["rule"], finding["level"], finding["field"]))
    for problem in result["row_problems"]:
        rows.setdefault(problem["line"], []).append(("", "unreadable", problem["field"]))
    return {line: sorted(items) for line, items in rows.items()}


@pytest.mark.parametrize("lang", LANGS)
def test_participant_list_row_by_row_with_an_annotated_csv(vpage, served, lang, tmp_path):
    path = tmp_path / "peserta.csv"
    path.write_bytes(ROSTER.encode("utf-8"))
    page = open_validator(vpage, served, f"{PREFIX[lang]}periksa-peserta/")
    check_roster_file(page, path, lang)

    expected = call(
        "roster",
        {"csv": path.read_bytes(), "activity": "pelatihan-teknis-produksi", "year": 2023, "on": "2023-08-01"},
    )
    assert expected["ok"]
    result = expected["result"]
    assert roster_rows(page) == engine_rows(result)  # only the rows with findings, by their line
    # The hostile name is text in its cell, never markup.
    assert page.locator(".dak-validator img").count() == 0
    assert page.locator(".dak-roster-table tr[data-line='3'] td").first.text_content() == HOSTILE
    # A quoted name over two lines is one row, numbered by its last line as `dak roster` does.
    assert page.locator(".dak-roster-table tr[data-line='6'] td").first.text_content() == "Dewi\r\nAyu"
    summary = page.locator(".dak-results .dak-year-summary").inner_text()
    assert str(result["rows"]) in summary and str(result["rows_with_findings"]) in summary
    # All rows on request.
    page.locator(".dak-validator").get_by_label(
        "Hanya baris dengan temuan" if lang == "id" else "Only rows with findings"
    ).uncheck()
    page.wait_for_function(
        f"() => document.querySelectorAll('.dak-roster-table tbody tr').length === {result['rows']}"
    )

    with page.expect_download() as download:
        page.locator(".dak-validator").get_by_role(
            "button", name="Unduh CSV dengan temuan" if lang == "id" else "Download the CSV with findings"
        ).click()
    annotated = tmp_path / "annotated.csv"
    download.value.save_as(annotated)
    assert download.value.suggested_filename == (
        "peserta-diperiksa.csv" if lang == "id" else "peserta-checked.csv"
    )
    # dakcore's own annotated copy (UTF-8 with BOM, `;`, for Excel): the browser writes no CSV itself.
    own = call("annotated_roster", {"report": result, "csv": path.read_bytes(), "as": "csv", "lang": lang})
    assert annotated.read_bytes() == own["result"]["csv"].encode("utf-8")
    assert annotated.read_bytes().startswith(b"\xef\xbb\xbfNama;Umur;")
    import csv
    import io

    rows = list(
        csv.reader(io.StringIO(annotated.read_bytes().decode("utf-8-sig"), newline=""), delimiter=";")
    )
    by_name = {r[0]: r for r in rows[1:]}
    over_age = next(f for f in result["findings"] if f["row"] == 3 and f["rule"] == "participant.age")
    assert over_age["message"][lang] in by_name[HOSTILE][-2]
    assert by_name["Budi Santoso"][-3:] == ["", "", ""]


@pytest.mark.parametrize("lang", LANGS)
def test_participant_list_refuses_what_is_not_a_csv(vpage, served, lang, tmp_path):
    page = open_validator(vpage, served, f"{PREFIX[lang]}periksa-peserta/")
    submit(page)  # no file chosen
    assert ("Pilih dulu berkas daftar peserta" if lang == "id" else "Choose a participant list") in messages(
        page
    )
    assert page.locator(".dak-validator input[type=file]").get_attribute("aria-invalid") == "true"

    picture = tmp_path / "foto.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(64))
    page.locator(".dak-validator input[type=file]").set_input_files(str(picture))
    submit(page)
    page.wait_for_selector(".dak-messages li[data-where]")
    expected = call(
        "roster", {"csv": picture.read_bytes(), "activity": "pelatihan-manajemen-wirausaha", "year": 2023}
    )
    assert not expected["ok"]
    assert expected["problems"][0]["message"][lang] in messages(page)

    prose = tmp_path / "catatan.csv"
    prose.write_text("Ini hanya catatan, bukan daftar peserta.\nBaris kedua.\n", encoding="utf-8")
    page.locator(".dak-validator input[type=file]").set_input_files(str(prose))
    submit(page)
    page.wait_for_function(
        "t => document.querySelector('.dak-messages').textContent.includes(t)",
        arg="tidak ada kolom yang dikenal" if lang == "id" else "no known column",
    )
    assert page.locator(".dak-results table").count() == 0


def test_participant_list_of_thousands_of_rows_is_paged(vpage, served, tmp_path):
    lines = ["Nama,Tanggal Lahir,Pendidikan,NIB"]
    for i in range(6000):
        born = f"{1960 + i % 50}-{1 + i % 12:02d}-{1 + i % 28:02d}"
        lines.append(f"Peserta {i},{born},{['SD', 'SMA', 'S1'][i % 3]},{['ya', 'tidak', 'bersedia'][i % 3]}")
    path = tmp_path / "besar.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    page = open_validator(vpage, served, "en/periksa-peserta/")
    check_roster_file(page, path, "en")
    expected = call(
        "roster",
        {"csv": path.read_bytes(), "activity": "pelatihan-teknis-produksi", "year": 2023, "on": "2023-08-01"},
    )["result"]
    assert expected["rows"] == 6000 and expected["rows_with_findings"] > 1000
    assert page.locator(".dak-roster-table tbody tr").count() == 100  # one page at a time
    assert page.evaluate("1 + 1") == 2  # the page answers
    pages = -(-expected["rows_with_findings"] // 100)
    shown = roster_rows(page)
    page.locator(".dak-validator").get_by_role("button", name="Next").click()
    page.wait_for_selector(f".dak-roster-table tbody tr:first-child:not([data-line='{min(shown)}'])")
    shown.update(roster_rows(page))
    assert len(shown) == 200
    assert all(engine_rows(expected)[line] == items for line, items in shown.items())
    assert f"of {expected['rows_with_findings']}" in page.locator(".dak-pager-text").inner_text()
    assert pages > 10


# --- deadlines -----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_deadlines_of_the_year_and_their_calendar(vpage, served, lang, tmp_path):
    page = open_validator(vpage, served, f"{PREFIX[lang]}batas-waktu/")
    page.wait_for_selector(".dak-results [data-year]")  # answered at once for the latest year
    for year in (2023, 2022):
        page.locator(".dak-validator").get_by_label(
            "Tahun anggaran" if lang == "id" else "Budget year"
        ).select_option(str(year))
        page.wait_for_selector(f".dak-results [data-year='{year}']")
        expected = call("deadlines", {"year": year, "lang": lang})["result"]
        # The checker points to the page's own list of the chosen year (tests/browser/test_explanations.py).
        chosen = f"ol.dak-deadlines.dak-chosen[data-year='{year}']"
        rows = page.eval_on_selector_all(
            f"{chosen} li[data-deadline]", "els => els.map(e => [e.dataset.deadline, e.dataset.date])"
        )
        assert rows == [[d["id"], d["date"]] for d in expected["deadlines"]]
        text = page.locator(chosen).inner_text()
        for deadline in expected["deadlines"]:
            assert deadline["title"][lang] in text
            assert deadline["sources"][0]["quote"] in text
        with page.expect_download() as download:
            page.locator(".dak-validator").get_by_role(
                "button", name="Unduh kalender (.ics)" if lang == "id" else "Download the calendar (.ics)"
            ).click()
        ics = tmp_path / f"{year}.ics"
        download.value.save_as(ics)
        assert download.value.suggested_filename.endswith(f"{year}.ics")
        assert ics.read_bytes().decode("utf-8") == expected["ics"]


# --- the recipient-region check ------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_recipient_region_check(vpage, served, lang):
    page = open_validator(vpage, served, f"{PREFIX[lang]}kelayakan/")
    submit(page)  # nothing answered
    assert ("Belum ada jawaban" if lang == "id" else "No answer yet") in messages(page)
    yes, no = ("ya", "tidak") if lang == "id" else ("yes", "no")
    for year in ("2023", "2022"):
        page.locator(".dak-validator").get_by_label(
            "Tahun anggaran" if lang == "id" else "Budget year"
        ).select_option(year)
        questions = page.locator(".dak-question")
        ids = [questions.nth(i).get_attribute("data-criterion") for i in range(questions.count())]
        criteria = call("eligibility", {"year": int(year), "answers": {}})["result"]["criteria"]
        assert ids == [c["id"] for c in criteria]
        assert questions.first.locator("legend").inner_text() == criteria[0]["question"][lang]
        # Everything met, then one criterion not met, then one left open.
        for answers in (
            dict.fromkeys(ids, "ya"),
            {**dict.fromkeys(ids, "ya"), ids[-1]: "tidak"},
            {ids[0]: "ya"},
        ):
            for index, criterion in enumerate(ids):
                answer = answers.get(criterion)
                label = {"ya": yes, "tidak": no, None: "belum tahu" if lang == "id" else "don't know"}[answer]
                questions.nth(index).get_by_label(label, exact=True).check()
            submit(page)
            expected = call("eligibility", {"year": int(year), "answers": answers})["result"]
            page.wait_for_function(
                "n => document.querySelectorAll('.dak-results li[data-criterion]').length === n"
                " && document.querySelector('.dak-verdict')",
                arg=len(ids),
            )
            page.wait_for_function(
                "s => [...document.querySelectorAll('.dak-results li[data-criterion]')].map(e => e.dataset.status).join() === s",
                arg=",".join(
                    "met" if c["met"] is True else "unmet" if c["met"] is False else "unanswered"
                    for c in expected["criteria"]
                ),
            )
            verdict = page.locator(".dak-verdict").inner_text()
            if expected["eligible"]:
                assert verdict.startswith("✓")
            elif expected["unmet"]:
                # 2023's criteria are conditions; 2022's are considerations ("dengan memperhatikan"),
                # so a "no" there weighs in the choice and is no failure.
                assert verdict.startswith("✖" if expected["binding"] else "⚠")
                assert expected["criteria"][-1]["criterion"][lang] in verdict
                assert expected["verdict"][lang] in verdict
            else:
                assert verdict.startswith("?")


# --- the pages themselves ------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_checker_pages_are_in_the_navigation_and_linked_from_home(site, lang):
    home = (site / PREFIX[lang] / "index.html").read_text(encoding="utf-8")
    assert ("Pemeriksa" if lang == "id" else "Checkers") in home
    for name in ("periksa-rencana", "periksa-peserta", "batas-waktu", "kelayakan"):
        assert (site / PREFIX[lang] / name / "index.html").exists()
        assert f'href="{name}/"' in home
    for path in ["kegiatan/promosi-ekspor", "periksa-rencana", "periksa-peserta", "batas-waktu", "kelayakan"]:
        html = (site / PREFIX[lang] / path / "index.html").read_text(encoding="utf-8")
        assert 'class="dak-validator"' in html
        # The validator's only script is the module; no inline handlers.
        article = html[html.index('class="dak-validator"') :]
        article = article[: article.index("</article>")]
        assert re.findall(r"<script[^>]*>", article) == [
            f'<script type="module" src="{"../" * (path.count("/") + 1 + (lang == "en"))}assets/dak/ui.js">'
        ]
        assert not re.search(r"\son[a-z]+=", article)
    # Pages without a validator do not load it.
    assert "assets/dak/ui.js" not in (site / PREFIX[lang] / "glosarium" / "index.html").read_text(
        encoding="utf-8"
    )


def test_ui_writes_no_markup_from_strings():
    root = Path(__file__).resolve().parents[2]
    modules = sorted(
        [
            *(root / "site_build" / "assets" / "dak").glob("*.js"),
            *(root / "docs_plugins" / "pyodide" / "assets").glob("*.js"),
        ]
    )
    assert any(module.name == "ui.js" for module in modules)
    for module in modules:
        source = module.read_text(encoding="utf-8")
        for sink in (
            "innerHTML",
            "outerHTML",
            "insertAdjacentHTML",
            "document.write",
            "eval(",
            "new Function",
        ):
            assert sink not in source, f"{module.name}: {sink}"
