"""Excel in the checkers, in headless Chromium against the built site, in both languages: the plan
template downloaded and opened with openpyxl, a filled-in workbook read back (the plan in the form, the
cells that cannot be read named by sheet and cell), the plan and the findings saved as workbooks, a
participant list from a workbook (the same findings as its CSV, a sheet to choose, the annotated .xlsx),
a file that is no workbook, and the rule that a page which never touches Excel downloads no openpyxl.

Every workbook is read and written by dakcore (openpyxl under Pyodide, loaded on demand); what the page
shows is compared with dakcore's answer in CPython for the same bytes.
"""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path

import openpyxl
import pytest
import test_validators
from test_validators import (  # the same harness as the other checkers' tests
    EXAMPLE,
    LANGS,
    PREFIX,
    ROSTER,
    check_roster_file,
    engine_findings,
    engine_rows,
    messages,
    open_validator,
    roster_rows,
    shown_findings,
    submit,
)

from dakcore.api import call
from dakcore.rules import load_rules
from dakcore.workbook import plan_workbook
from docs_plugins.pyodide.browser import read_runtime

vpage = test_validators.vpage  # the checkers' page fixture (fails on any console error)
SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots" / "workbooks"
ON_DEMAND = ("openpyxl-", "et_xmlfile-", "python_stdlib_later-")


def _wheel_requests(page) -> list[str]:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    return requested


def _excel_fetched(requested: list[str]) -> list[str]:
    return [url for url in requested if url.rsplit("/", 1)[-1].startswith(ON_DEMAND)]


def _button(page, name: str):
    return page.locator(".dak-validator").get_by_role("button", name=name)


def _download(page, name: str, folder: Path) -> Path:
    """The file a button of the checker downloads, saved under its suggested name."""
    with page.expect_download() as download:
        _button(page, name).click()
    path = folder / download.value.suggested_filename
    download.value.save_as(path)
    return path


def _filled_workbook(path: Path) -> bytes:
    """The example plan in the template, with two cells a dinas typed wrongly."""
    book = openpyxl.load_workbook(io.BytesIO(plan_workbook(load_rules(), 2023, EXAMPLE)))
    sheet = book["Kegiatan"]
    header = [cell.value for cell in sheet[1]]
    sheet.cell(row=2, column=header.index("Jumlah peserta") + 1, value="banyak")
    sheet.cell(row=4, column=header.index("Jam pelajaran (JPL)") + 1, value="empat puluh")
    out = io.BytesIO()
    book.save(out)
    path.write_bytes(out.getvalue())
    return out.getvalue()


@pytest.mark.parametrize("lang", LANGS)
def test_plan_template_a_filled_workbook_and_the_findings_sheet(vpage, served, lang, tmp_path):
    page = open_validator(vpage, served, f"{PREFIX[lang]}periksa-rencana/")
    requested = _wheel_requests(page)
    template = _download(
        page,
        "Unduh templat rencana (.xlsx)" if lang == "id" else "Download the plan template (.xlsx)",
        tmp_path,
    )
    assert template.suffix == ".xlsx"
    book = openpyxl.load_workbook(template)
    assert {"Petunjuk", "Kegiatan", "Orang", "Anggaran"} <= set(book.sheetnames)
    assert _excel_fetched(requested), "openpyxl is loaded when the first workbook is made"
    page.screenshot(path=str(SHOTS / f"plan-template-{lang}.png"), full_page=True)

    filled = _filled_workbook(tmp_path / "rencana-isi.xlsx")
    page.locator(".dak-validator input[type=file]").set_input_files(str(tmp_path / "rencana-isi.xlsx"))
    page.wait_for_selector(".dak-results .dak-activity-result")
    expected = call("validate_workbook", {"xlsx": base64.b64encode(filled).decode(), "plan": True})["result"]
    assert shown_findings(page) == engine_findings(expected)
    assert page.locator(".dak-activity").count() == len(EXAMPLE["activities"])
    problems = expected["input_problems"]
    assert len(problems) == 2
    shown = messages(page)
    for problem in problems:
        assert problem["where"].startswith("Kegiatan!")
        assert problem["where"] in shown and problem["message"][lang] in shown
    page.screenshot(path=str(SHOTS / f"plan-workbook-{lang}.png"), full_page=True)

    sheet_path = _download(
        page, "Simpan temuan (Excel .xlsx)" if lang == "id" else "Save the findings (Excel .xlsx)", tmp_path
    )
    findings = openpyxl.load_workbook(sheet_path)
    assert findings.sheetnames[0] == ("Temuan" if lang == "id" else "Findings")
    assert findings.worksheets[0].max_row == len(expected["findings"]) + 1
    assert "Masalah isian" in findings.sheetnames or "Input problems" in findings.sheetnames

    # The plan in the form, saved as a workbook: dakcore reads back the same plan.
    saved = _download(
        page, "Simpan rencana (Excel .xlsx)" if lang == "id" else "Save the plan (Excel .xlsx)", tmp_path
    )
    again = call("validate_workbook", {"xlsx": base64.b64encode(saved.read_bytes()).decode(), "plan": True})
    assert again["ok"]
    assert len(again["result"]["plan"]["activities"]) == len(EXAMPLE["activities"])
    assert len(_excel_fetched(requested)) == 3, "each file downloaded once"


@pytest.mark.parametrize("lang", LANGS)
def test_a_file_that_is_no_workbook_gets_a_message(vpage, served, lang, tmp_path):
    page = open_validator(vpage, served, f"{PREFIX[lang]}periksa-rencana/")
    bad = tmp_path / "rusak.xlsx"
    bad.write_bytes(b"this is no zip, only text named .xlsx\n" * 20)
    page.locator(".dak-validator input[type=file]").set_input_files(str(bad))
    expected = call("validate_workbook", {"xlsx": base64.b64encode(bad.read_bytes()).decode()})
    assert not expected["ok"]
    text = expected["problems"][0]["message"][lang]
    page.wait_for_function("t => document.querySelector('.dak-messages').textContent.includes(t)", arg=text)
    assert "rusak.xlsx" in messages(page)
    assert page.evaluate("1 + 1") == 2  # the page answers
    page.screenshot(path=str(SHOTS / f"bad-workbook-{lang}.png"), full_page=True)


def _roster_workbook(path: Path, *, extra_sheet: bool) -> None:
    import csv

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Peserta"
    for row in csv.reader(io.StringIO(ROSTER.removeprefix("\ufeff"), newline=""), delimiter=";"):
        sheet.append([int(c) if c.isdigit() else (c or None) for c in row])
    if extra_sheet:
        book.create_sheet("Catatan").append(["Catatan", "bukan daftar peserta"])
    book.save(path)


@pytest.mark.parametrize("lang", LANGS)
def test_participant_list_from_a_workbook_and_its_annotated_copy(vpage, served, lang, tmp_path):
    workbook = tmp_path / "peserta.xlsx"
    _roster_workbook(workbook, extra_sheet=True)
    page = open_validator(vpage, served, f"{PREFIX[lang]}periksa-peserta/")
    check_roster_file(page, workbook, lang)
    params = {"activity": "pelatihan-teknis-produksi", "year": 2023, "on": "2023-08-01"}
    from_xlsx = call("roster", {"csv": workbook.read_bytes(), **params})["result"]
    from_csv = call("roster", {"csv": ROSTER.encode("utf-8"), **params})["result"]
    # The same findings as the CSV (rows numbered alike: the Excel row is the CSV line here but for
    # the quoted name over two lines, which the CSV numbers by its last line).
    assert [(f["rule"], f["level"]) for f in from_xlsx["findings"]] == [
        (f["rule"], f["level"]) for f in from_csv["findings"]
    ]
    assert roster_rows(page) == engine_rows(from_xlsx)
    # Two sheets: the reader may choose another one.
    sheet = page.locator(".dak-validator").get_by_label("Lembar Excel" if lang == "id" else "Excel sheet")
    assert sheet.is_visible()
    assert sheet.locator("option").all_inner_texts() == ["Peserta", "Catatan"]
    page.screenshot(path=str(SHOTS / f"roster-workbook-{lang}.png"), full_page=True)

    excel = (
        "Unduh Excel (.xlsx) dengan temuan"
        if lang == "id"
        else "Download the Excel file (.xlsx) with findings"
    )
    annotated = _download(page, excel, tmp_path)
    assert annotated.name == ("peserta-diperiksa.xlsx" if lang == "id" else "peserta-checked.xlsx")
    rows = list(openpyxl.load_workbook(annotated).worksheets[0].iter_rows(values_only=True))
    assert rows[0][:4] == ("Nama", "Umur", "Pendidikan Terakhir", "NIB")
    flagged = set(engine_rows(from_xlsx))
    assert {row[4] for row in rows[1:] if row[5]} == flagged  # the line column, the level column

    with page.expect_download() as download:
        _button(page, "Unduh CSV dengan temuan" if lang == "id" else "Download the CSV with findings").click()
    csv_path = tmp_path / "annotated.csv"
    download.value.save_as(csv_path)
    assert csv_path.read_bytes().startswith(b"\xef\xbb\xbfNama;Umur;")

    # The other sheet: dakcore says it has no participant columns.
    sheet.select_option("Catatan")
    submit(page)
    page.wait_for_function(
        "t => document.querySelector('.dak-messages').textContent.includes(t)",
        arg="tidak ada kolom yang dikenal" if lang == "id" else "no known column",
    )


def test_a_page_that_never_touches_excel_downloads_no_openpyxl(vpage, served, tmp_path):
    requested = _wheel_requests(vpage)
    path = tmp_path / "peserta.csv"
    path.write_bytes(ROSTER.encode("utf-8"))
    page = open_validator(vpage, served, "periksa-peserta/")
    check_roster_file(page, path, "id")
    with page.expect_download():
        _button(page, "Unduh CSV dengan temuan").click()
    page = open_validator(vpage, served, "periksa-rencana/")
    page.locator(".dak-validator").get_by_role("button", name="Isi dengan contoh").click()
    submit(page)
    page.wait_for_selector(".dak-results .dak-activity-result")
    assert any("dakcore-" in url for url in requested)
    assert not _excel_fetched(requested)


def test_the_wheels_are_in_the_lock_and_in_the_offline_list(site):
    lock = json.loads(next(site.glob("pyodide/*/pyodide-lock.json")).read_text(encoding="utf-8"))
    assert {"openpyxl", "et-xmlfile"} <= set(lock["packages"])
    assert all(len(package["sha256"]) == 64 for package in lock["packages"].values())
    runtime = read_runtime(site, service_worker=True)
    on_demand = [lock["packages"][name]["file_name"] for name in ("openpyxl", "et-xmlfile")]
    on_demand.append(runtime["excel"]["stdlib"].rsplit("/", 1)[-1])
    for name in on_demand:
        assert any(url.endswith(name) for url in runtime["offline"]), f"{name} not kept for offline use"
        assert not any(url.endswith(name) for url in runtime["precache"]), f"{name} cached for every reader"
        assert runtime["integrity"][name].startswith("sha384-")
    assert runtime["excel"]["packages"] == ["openpyxl"]


@pytest.fixture(autouse=True, scope="module")
def _shots_folder():
    SHOTS.mkdir(parents=True, exist_ok=True)
