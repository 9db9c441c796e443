"""The report skeletons (dak report, api report/report_workbook): the regulation's own outline, filled
with what the plan knows, each report's deadline from the year's obligations; the workbook opens in
LibreOffice."""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path

import openpyxl
import pytest

from dakcore import api
from dakcore.obligations import deadlines
from dakcore.report import build_report, read_plan, roster_rows
from dakcore.rules import load_rules
from dakcore.workbook import plan_workbook
from site_build.content.loader import load_content
from tests.test_workbook import SOFFICE, _soffice

RULES = load_rules()
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "plan-2023.json"
PLAN = json.loads(EXAMPLE.read_text(encoding="utf-8"))
CONTENT = load_content()


def _printed_outline(eid: str, lang: str) -> tuple[list, list]:
    """Sections (num, title, parts) and annex titles as the 2023 content prints them."""
    unit = CONTENT.by_year(2023).by_eid[eid]
    sections, annexes = [], []
    for child in unit.children:
        if child.num:
            parts = [(p.num, getattr(p.text, lang)) for p in child.children]
            sections.append((child.num, getattr(child.text, lang), parts))
        else:
            annexes = [(a.num, getattr(a.text, lang).rstrip(".")) for a in child.children]
    return sections, annexes


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize(
    "kind,eid",
    [
        ("semester-1", "att_1__chp_IV__sec_B__subsec_1"),
        ("semester-2", "att_1__chp_IV__sec_B__subsec_1"),
        ("final", "att_1__chp_IV__sec_B__subsec_2"),
    ],
)
def test_2023_outline_is_the_regulations_own(kind, eid, lang):
    report = build_report(RULES, read_plan(RULES, PLAN), kind, lang)
    sections, annexes = _printed_outline(eid, lang)
    assert [
        (s["num"], s["title"], [(p["num"], p["title"]) for p in s["parts"]]) for s in report["sections"]
    ] == [(num, title, parts) for num, title, parts in sections]
    assert [s["num"] for s in report["sections"]] == ["I.", "II.", "III.", "IV.", "V."]
    assert [(a["num"], a["title"]) for a in report["annexes"]] == annexes
    assert len(report["annexes"]) == 5
    deadline = {d["id"]: d["date"] for d in deadlines(RULES, 2023)}
    assert report["deadline"]["date"] == deadline[kind.replace("-", "_") + "_report"]
    if kind == "semester-2":
        assert report["title"][0] in ("LAPORAN SEMESTER II", "SEMESTER II REPORT")
    assert report["signature"]["office"].startswith("Kepala Dinas" if lang == "id" else "Head of the Dinas")


def test_annexes_are_filled_with_what_the_plan_knows():
    report = build_report(RULES, read_plan(RULES, PLAN), "semester-1", "id")
    tables = {a["kind"]: a for a in report["annexes"]}
    budget = tables["budget"]
    assert [c["key"] for c in budget["columns"]][:4] == ["no", "activity", "category", "planned"]
    assert [row[3] for row in budget["rows"]] == [12000000, 30000000, 4500000]
    assert all(row[4] is None for row in budget["rows"])  # realisation: the dinas writes it
    assert [row[2] for row in tables["resource_persons"]["rows"]] == [""]  # a name the plan does not know
    assert [row[2] for row in tables["mentors"]["rows"]] == ["Instruktur", "Tenaga pendamping"]
    assert "25 peserta direncanakan" in tables["participants"]["rows"][0]
    assert [row[5] for row in tables["schedule"]["rows"]] == ["40 JPL", "5 bulan", ""]
    assert report["region"] == "Kabupaten Contoh"


def test_a_roster_fills_the_participants_annex():
    roster = roster_rows("Nama;Umur;NIB;Pendidikan\nAni;25;ya;SMA\nBudi;40;tidak;SD\n")
    report = build_report(RULES, read_plan(RULES, PLAN), "final", "id", roster)
    rows = next(a for a in report["annexes"] if a["kind"] == "participants")["rows"]
    assert [r[2:6] for r in rows] == [["Ani", "ya", "SMA", "25"], ["Budi", "tidak", "SD", "40"]]


def test_2022_holds_only_what_its_text_sets():
    plan = {"format": "dak-plan/1", "year": 2022, "activities": [{"activity": "sertifikat-halal"}]}
    for kind, date in (("semester-1", "2022-07-14"), ("semester-2", "2023-01-14"), ("final", "2023-01-31")):
        report = build_report(RULES, read_plan(RULES, plan), kind, "id")
        assert report["sections"] == [] and report["annexes"] == []
        assert report["deadline"]["date"] == date
        assert "Lampiran BAB VI huruf B" in report["provision"]
        assert "format laporan terlampir" in report["note"]
        assert report["signature"]["office"].startswith("Kepala OPD")


def test_bad_input_gets_messages():
    no_year = api.call("report", {"plan": {"activities": []}, "kind": "final"})
    assert no_year["ok"] is False and no_year["problems"][0]["where"] == "year"
    bad_kind = api.call("report", {"plan": PLAN, "kind": "quarterly"})
    assert bad_kind["ok"] is False and "semester-1" in bad_kind["problems"][0]["message"]["en"]
    no_names = api.call("report", {"plan": PLAN, "kind": "final", "roster_csv": "Umur\n25\n"})
    assert no_names["ok"] is False and "Name" in no_names["problems"][0]["message"]["en"]


def test_api_report_workbook_from_a_plan_workbook():
    xlsx = base64.b64encode(plan_workbook(RULES, 2023, read_plan(RULES, PLAN))).decode()
    response = api.call("report_workbook", {"xlsx": xlsx, "kind": "final", "lang": "en"})
    assert response["ok"], response
    book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(response["result"]["xlsx"])))
    assert book.sheetnames == ["Report", *(f"Annex {n}" for n in range(1, 6))]
    assert book["Annex 1"]["D2"].value == 12000000


def test_cli_report_writes_a_workbook_libreoffice_reads(tmp_path, capsysbinary):
    from dakcore.cli import main

    roster = tmp_path / "peserta.csv"
    roster.write_text("Nama;Umur;NIB;Pendidikan\nAni;25;ya;SMA\n", encoding="utf-8")
    assert main(["report", "--kind", "semester-1", str(EXAMPLE), "--roster", str(roster)]) == 0
    source = tmp_path / "laporan.xlsx"
    source.write_bytes(capsysbinary.readouterr().out)
    book = openpyxl.load_workbook(source)
    assert book.sheetnames == ["Laporan", *(f"Lampiran {n}" for n in range(1, 6))]
    outline = [row[0] for row in book["Laporan"].iter_rows(values_only=True)]
    assert outline[0] == "LAPORAN SEMESTER I" and "I. PENDAHULUAN" in outline
    assert book["Lampiran 2"]["C2"].value == "Ani"
    assert main(["report", "--kind", "final", str(tmp_path / "none.json")]) == 2
    if SOFFICE is None:
        pytest.skip("LibreOffice (libreoffice-calc-nogui) is installed by bootstrap --browser")
    exported = _soffice(source, "csv:Text - txt - csv (StarCalc):59,34,76,1", tmp_path)
    import csv

    seen = list(csv.reader(io.StringIO(exported.read_text(encoding="utf-8")), delimiter=";"))
    ours = [["" if v is None else str(v) for v in row] for row in book["Laporan"].iter_rows(values_only=True)]
    assert [r for r in seen if any(r)] == [r for r in ours if any(r)]


def test_each_year_names_who_signs_in_the_vocabulary():
    from dakcore.rules import load_rules
    from dakcore.vocabulary import REPORT

    rules = load_rules()
    for year in rules.years:
        assert rules.data["report_formats"][str(year)]["signed_by"] in REPORT["words"]
