"""Excel both ways: template round trips, rosters from workbooks, bad workbooks, LibreOffice."""

from __future__ import annotations

import base64
import io
import json
import shutil
import subprocess
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from dakcore import api
from dakcore.errors import InputError
from dakcore.numbers import NumberError, parse_number
from dakcore.plan import parse_plan
from dakcore.roster import check_roster
from dakcore.rules import load_rules
from dakcore.workbook import (
    annotated_roster,
    findings_workbook,
    plan_workbook,
    read_plan_workbook,
    summary_workbook,
    validate_workbook,
)

RULES = load_rules()
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "plan-2023.json"
ON = date(2023, 6, 1)
ROSTER_CSV = (
    "Nama;Umur;Tanggal lahir;NIB;Pendidikan\n"
    "Ani;25;;ya;SMA\n"
    "Budi;;1950-01-02;tidak;SD\n"
    "Cici;17;;bersedia;S1\n"
    "Dedi;abc;;mungkin;XYZ\n"
)


def _plan() -> dict:
    return parse_plan(EXAMPLE.read_text(), RULES)


def _book(rows: list[list], title: str = "Sheet") -> bytes:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet(title)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _roster_rows() -> list[list]:
    return [line.split(";") for line in ROSTER_CSV.strip().split("\n")]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Rp 12.000.000", 12000000),
        ("12.000.000,00", 12000000),
        ("12000000", 12000000),
        ("12.000.000", 12000000),
        ("Rp 12.000.000,-", 12000000),
        ("2,5", 2.5),
    ],
)
def test_indonesian_numbers(text, number):
    assert parse_number(text) == number


@pytest.mark.parametrize("text", ["12,000", "12.5", "12,000,000", "dua belas", ""])
def test_ambiguous_numbers_are_refused_with_what_is_allowed(text):
    with pytest.raises(NumberError) as error:
        parse_number(text)
    assert "12.000.000,00" in error.value.message["en"]


def test_plan_json_to_workbook_and_back_is_the_same_plan():
    plan = _plan()
    back, problems = read_plan_workbook(RULES, plan_workbook(RULES, 2023, plan))
    assert problems == []
    assert back == plan


def test_the_template_has_the_sheets_drop_downs_and_indonesian_headers():
    book = openpyxl.load_workbook(io.BytesIO(plan_workbook(RULES, 2023)))
    assert book.sheetnames == ["Petunjuk", "Kegiatan", "Orang", "Anggaran", "Katalog"]
    headers = [c.value for c in book["Kegiatan"][1]]
    assert "Jumlah peserta" in headers and "Jangka waktu (bulan)" in headers
    formulas = [v.formula1 for v in book["Kegiatan"].data_validations.dataValidation]
    assert any("Katalog" in f for f in formulas)
    assert any("SD,SMP" in v.formula1 for v in book["Orang"].data_validations.dataValidation)
    assert "Permenperin 7/2023" in [c.value for c in book["Petunjuk"]["A"]]


def test_a_wrongly_filled_workbook_names_sheet_cell_and_what_is_allowed_and_checks_the_rest():
    book = openpyxl.load_workbook(io.BytesIO(plan_workbook(RULES, 2023, _plan())))
    book["Kegiatan"]["C2"] = "banyak"  # participants
    book["Kegiatan"]["C3"] = "Rp 12.000.000"  # well read
    book["Kegiatan"].append([3, "bukan-kegiatan"])
    book["Anggaran"]["C2"] = "12,000"
    out = io.BytesIO()
    book.save(out)
    report = validate_workbook(RULES, out.getvalue())
    wheres = [p["where"] for p in report["input_problems"]]
    assert wheres == ["Kegiatan!C2", f"Kegiatan!B{book['Kegiatan'].max_row}", "Anggaran!C2"]
    assert "12.000.000,00" in report["input_problems"][0]["message"]["en"]
    assert report["findings"]  # every readable cell still checked
    assert report["ok"] is False


def _problems_of(data: bytes) -> list[str]:
    with pytest.raises(InputError) as error:
        validate_workbook(RULES, data)
    return [p.text() for p in error.value.problems]


def test_bad_workbooks_get_messages():
    assert "not a readable Excel" in _problems_of(b"PK\x03\x04 not really a zip")[0]
    encrypted = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)
    assert "password-protected" in _problems_of(encrypted)[0]
    assert "Kegiatan" in _problems_of(_book([["x"]]))[0]


def test_merged_headers_formulas_and_dates_in_a_plan_are_named():
    book = openpyxl.load_workbook(io.BytesIO(plan_workbook(RULES, 2023, _plan())))
    sheet = book["Kegiatan"]
    sheet.merge_cells("C1:D1")
    sheet["E2"] = "=1+1"  # openpyxl keeps no result: as if typed and never calculated
    sheet["G2"] = date(2023, 1, 5)
    out = io.BytesIO()
    book.save(out)
    _, problems = read_plan_workbook(RULES, out.getvalue())
    texts = " | ".join(p.text() for p in problems)
    assert "merged" in texts and "formula" in texts and "holds a date" in texts


def test_roster_csv_and_the_same_workbook_give_identical_findings():
    from_csv = check_roster(RULES, ROSTER_CSV, activity="pelatihan-teknis-produksi", year=2023, on=ON)
    from_xlsx = check_roster(
        RULES, _book(_roster_rows()), activity="pelatihan-teknis-produksi", year=2023, on=ON
    )
    assert from_xlsx == from_csv
    assert from_csv["row_problems"] and from_csv["findings"]


def test_roster_workbook_with_numbers_serial_dates_a_title_row_and_a_named_sheet():
    rows = [["Daftar peserta"], ["Nama", "Umur", "Tanggal lahir", "NIB", "Pendidikan"]]
    rows += [["Ani", 25, None, "ya", "SMA"], ["Budi", None, 18265, "tidak", "SD"]]  # 18265 = 1950-01-02
    report = check_roster(
        RULES, _book(rows, "Peserta"), activity="pelatihan-teknis-produksi", year=2023, on=ON, sheet="Peserta"
    )
    csv_rows = "Nama;Umur;Tanggal lahir;NIB;Pendidikan\nAni;25;;ya;SMA\nBudi;;1950-01-02;tidak;SD\n"
    expected = check_roster(RULES, csv_rows, activity="pelatihan-teknis-produksi", year=2023, on=ON)
    assert [f["message"] for f in report["findings"]] == [f["message"] for f in expected["findings"]]
    assert [f["row"] for f in report["findings"]] == [f["row"] + 1 for f in expected["findings"]]
    with pytest.raises(InputError, match="missing"):
        check_roster(
            RULES, _book(rows), activity="pelatihan-teknis-produksi", year=2023, on=ON, sheet="Tidak ada"
        )


def test_a_100000_row_roster_workbook_is_read():
    rows = [["Nama", "Umur", "NIB", "Pendidikan"]] + [
        [f"P{i}", 20 + i % 50, "ya", "SMA"] for i in range(100_000)
    ]
    report = check_roster(RULES, _book(rows), activity="pelatihan-teknis-produksi", year=2023, on=ON)
    assert report["rows"] == 100_000


def test_annotated_roster_as_xlsx_and_as_csv_for_excel():
    report = check_roster(RULES, ROSTER_CSV, activity="pelatihan-teknis-produksi", year=2023, on=ON)
    text = annotated_roster(report, ROSTER_CSV, as_xlsx=False)
    assert text.startswith("\ufeff".encode()) and b"Nama;Umur" in text
    book = openpyxl.load_workbook(io.BytesIO(annotated_roster(report, ROSTER_CSV, as_xlsx=True)))
    sheet = book.active
    assert sheet["F1"].value == "Baris" and sheet["F5"].value == 5
    assert sheet["A5"].fill.fgColor.rgb.endswith("FFF2CC")
    assert sheet["A2"].fill.fgColor.rgb in ("00000000", None)


def test_findings_and_summary_workbooks():
    report = validate_workbook(RULES, plan_workbook(RULES, 2023, _plan()), [2022, 2023])
    book = openpyxl.load_workbook(io.BytesIO(findings_workbook(RULES, report)))
    assert book.sheetnames == ["Temuan", "Perbandingan"]
    assert [c.value for c in book["Perbandingan"][1]][-2:] == ["2022", "2023"]
    levels = {row[4] for row in book["Temuan"].iter_rows(min_row=2, values_only=True)}
    assert "Tidak boleh" in levels
    summary = openpyxl.load_workbook(io.BytesIO(summary_workbook(RULES, [("a.xlsx", report)])))
    rows = list(summary["Ringkasan"].iter_rows(values_only=True))
    assert rows[1][:3] == ("a.xlsx", "Kabupaten Contoh", 2022)


def test_api_workbook_methods_take_and_give_base64():
    made = api.call("template", {"year": 2023, "plan": json.loads(EXAMPLE.read_text())})
    assert made["ok"]
    checked = api.call("validate_workbook", {"xlsx": made["result"]["xlsx"]})
    assert checked["ok"] and checked["result"]["input_problems"] == []
    sheet = api.call("findings_workbook", {"report": checked["result"]})
    assert base64.b64decode(sheet["result"]["xlsx"])[:2] == b"PK"
    bad = api.call("validate_workbook", {"xlsx": "not base64!"})
    assert bad["ok"] is False and bad["problems"][0]["where"] == "xlsx"


SOFFICE = shutil.which("soffice")


def _soffice(source: Path, to: str, out: Path) -> Path:
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{out}/profile",
            "--headless",
            "--convert-to",
            to,
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return out / (source.stem + "." + to.split(":")[0])  # the format's extension, before its options


@pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (libreoffice-calc-nogui) is installed by bootstrap --browser"
)
def test_libreoffice_opens_our_workbook_and_dak_reads_what_libreoffice_saved(tmp_path):
    source = tmp_path / "rencana.xlsx"
    source.write_bytes(plan_workbook(RULES, 2023, _plan()))
    resaved_dir = tmp_path / "lo"
    resaved_dir.mkdir()
    resaved = _soffice(source, "xlsx", resaved_dir)
    back, problems = read_plan_workbook(RULES, resaved.read_bytes())
    assert problems == [] and back == _plan()
    csv_path = tmp_path / "peserta.csv"
    csv_path.write_text(ROSTER_CSV.replace(";", ","))  # LibreOffice's CSV import splits at commas
    roster = _soffice(csv_path, "xlsx", resaved_dir)
    from_lo = check_roster(RULES, roster.read_bytes(), activity="pelatihan-teknis-produksi", year=2023, on=ON)
    from_csv = check_roster(RULES, ROSTER_CSV, activity="pelatihan-teknis-produksi", year=2023, on=ON)
    assert from_lo == from_csv


@pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (libreoffice-calc-nogui) is installed by bootstrap --browser"
)
def test_libreoffice_reads_the_findings_sheet_cell_for_cell(tmp_path):
    report = validate_workbook(RULES, plan_workbook(RULES, 2023, _plan()), [2022, 2023])
    source = tmp_path / "temuan.xlsx"
    source.write_bytes(findings_workbook(RULES, report))
    # CSV of the first sheet, `;`-separated (59), quoted (34), UTF-8 (76)
    exported = _soffice(source, "csv:Text - txt - csv (StarCalc):59,34,76,1", tmp_path)
    import csv

    seen = list(csv.reader(io.StringIO(exported.read_text(encoding="utf-8")), delimiter=";"))
    ours = [
        ["" if v is None else str(v) for v in row]
        for row in openpyxl.load_workbook(source)["Temuan"].iter_rows(values_only=True)
    ]
    assert seen == ours


def test_a_missing_people_or_budget_sheet_is_named_and_the_rest_checked():
    book = openpyxl.load_workbook(io.BytesIO(plan_workbook(RULES, 2023, _plan())))
    del book["Anggaran"]
    out = io.BytesIO()
    book.save(out)
    report = validate_workbook(RULES, out.getvalue())
    assert report["input_problems"][0]["where"] == "Anggaran"
    assert "checked without this sheet" in report["input_problems"][0]["message"]["en"]
    assert report["findings"]


def test_cli_template_validate_xlsx_summary_and_annotated_roster(tmp_path, capsysbinary):
    from dakcore.cli import main

    assert main(["template", "--year", "2023", "--plan", str(EXAMPLE)]) == 0
    workbook = tmp_path / "rencana.xlsx"
    workbook.write_bytes(capsysbinary.readouterr().out)
    assert main(["validate", str(workbook), "--year", "both", "--format", "xlsx"]) == 1
    assert openpyxl.load_workbook(io.BytesIO(capsysbinary.readouterr().out)).sheetnames == [
        "Temuan",
        "Perbandingan",
    ]
    broken = tmp_path / "rusak.xlsx"
    broken.write_bytes(b"not a workbook")
    summary = tmp_path / "ringkasan.xlsx"
    assert main(["validate", str(workbook), str(EXAMPLE), str(broken), "--summary", str(summary)]) == 2
    rows = list(openpyxl.load_workbook(summary)["Ringkasan"].iter_rows(values_only=True))
    assert [r[0] for r in rows[1:]] == ["rencana.xlsx", "plan-2023.json", "rusak.xlsx"]
    assert rows[3][-1] == 1
    capsysbinary.readouterr()
    assert main(["validate", str(broken)]) == 2
    assert b"rusak.xlsx: berkas ini bukan buku kerja Excel" in capsysbinary.readouterr().err
    roster = tmp_path / "peserta.xlsx"
    roster.write_bytes(_book(_roster_rows(), "Peserta"))
    annotated = tmp_path / "peserta-temuan.csv"
    argv = ["roster", str(roster), "--sheet", "Peserta", "--activity", "pelatihan-teknis-produksi"]
    assert main([*argv, "--year", "2023", "--on", "2023-06-01", "--annotated", str(annotated)]) == 1
    assert annotated.read_bytes().startswith(b"\xef\xbb\xbfNama;Umur")


def test_the_roster_answer_carries_the_page_of_rows_a_table_shows_and_the_sheets():
    # The browser shows these rows as dakcore read them: it parses no file itself.
    text = "Nama;Umur;NIB\nAni;20;ya\nBudi;x;ya\nCici;30;mungkin\n"
    params = {"csv": text, "activity": "pelatihan-teknis-produksi", "year": 2023}
    everything = api.call("roster", {**params, "rows": {"offset": 0, "limit": 2}})["result"]["table"]
    assert everything["header"] == ["Nama", "Umur", "NIB"]
    assert everything["total"] == 3
    assert everything["rows"] == [
        {"line": 2, "cells": ["Ani", "20", "ya"]},
        {"line": 3, "cells": ["Budi", "x", "ya"]},
    ]
    flagged = api.call("roster", {**params, "rows": {"offset": 1, "limit": 2, "flagged": True}})["result"]
    assert flagged["table"]["total"] == 2 and [r["line"] for r in flagged["table"]["rows"]] == [4]
    assert "sheets" not in flagged and "table" not in api.call("roster", params)["result"]
    listed = api.call("annotated_roster", {**params, "as": "xlsx"})["result"]["xlsx"]
    from_book = api.call("roster", {**params, "csv": base64.b64decode(listed), "rows": {}})["result"]
    assert from_book["sheets"] == ["Temuan"]
    assert from_book["table"]["rows"][0] == {"line": 2, "cells": ["Ani", "20", "ya"]}


def test_a_page_of_rows_carries_its_own_findings_and_counts_them_all(monkeypatch):
    import dakcore.roster as roster

    text = "Nama;Umur;NIB\n" + "".join(f"P{i};{15 if i % 2 else 30};ya\n" for i in range(10))
    params = {"csv": text, "activity": "pelatihan-teknis-produksi", "year": 2023, "on": "2023-08-01"}
    whole = api.call("roster", params)["result"]
    checks = []
    real = roster._checked
    monkeypatch.setattr(roster, "_checked", lambda *a, **k: checks.append(1) or real(*a, **k))
    pages = [
        api.call("roster", {**params, "rows": {"offset": offset, "limit": 4}})["result"]
        for offset in (0, 4, 8)
    ]
    assert len(checks) == 1  # a page turn is answered from the check, not a new one
    assert sum(len(page["findings"]) for page in pages) == len(whole["findings"]) > 0
    for page in pages:
        lines = {row["line"] for row in page["table"]["rows"]}
        assert {f["row"] for f in page["findings"]} <= lines
        assert (
            page["summary"] == whole["summary"] and page["rows_with_findings"] == whole["rows_with_findings"]
        )
    assert sum(whole["summary"].values()) == len(whole["findings"])
    # The annotated copy from the check's parameters has every row's findings, not one page's.
    by_params = api.call("annotated_roster", {**params, "as": "csv"})["result"]["csv"]
    by_report = api.call("annotated_roster", {"report": whole, "csv": text, "as": "csv"})["result"]["csv"]
    assert by_params == by_report
    assert len(checks) == 1


def test_a_workbook_plan_is_answered_with_the_plan_when_asked():
    made = api.call("template", {"year": 2023, "plan": json.loads(EXAMPLE.read_text())})["result"]["xlsx"]
    answer = api.call("validate_workbook", {"xlsx": made, "plan": True})["result"]
    assert answer["plan"]["activities"] and answer["plan"]["year"] == 2023
    assert "plan" not in api.call("validate_workbook", {"xlsx": made})["result"]


def test_a_roster_that_lists_the_nib_itself_counts_it_as_having_one():
    """Offices export the participant's 13-digit NIB in the NIB column, not "ya": that is having one.
    Anything else unknown is still named, with what is allowed."""
    from datetime import date

    from dakcore.roster import read_roster

    text = "nama,umur,nib\nSiti,34,1234567890123\nBudi,30,1234 5678 90123\nAni,30,12345\n"
    rows, problems, _ = read_roster(text, on=date(2023, 8, 1))
    assert [record.get("nib") for _, record in rows] == ["ya", "ya", None]
    assert [(p.line, p.where) for p in problems] == [(4, "nib")]
    assert "13" in problems[0].message["en"]
