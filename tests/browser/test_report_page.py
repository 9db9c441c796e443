"""The report page as a dinas uses it, in headless Chromium against the built site: without a plan it
shows each year's outline (no JavaScript needed); with a plan it lays out the report skeleton for A4
printing, the same skeleton dakcore builds (`dak report --format json`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from dakcore.api import call
from tests.browser.test_accessibility import assert_accessible

ENGINE_TIMEOUT = 120_000
PREFIX = {"id": "", "en": "en/"}
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "plan-2023.json"
SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


def test_the_outline_is_in_the_html_without_javascript(site):
    html = (site / "laporan" / "index.html").read_text(encoding="utf-8")
    for words in ("PENDAHULUAN", "KESIMPULAN DAN SARAN", "Jadwal Kegiatan", "format laporan terlampir"):
        assert words in html
    english = (site / "en" / "laporan" / "index.html").read_text(encoding="utf-8")
    assert "CONCLUSIONS AND RECOMMENDATIONS" in english and "Activity Schedule" in english


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_plan_becomes_a_printable_report(page, served, lang):
    errors: list[str] = []
    page.on(
        "console",
        lambda m: m.type == "error" and "Failed to load resource" not in m.text and errors.append(m.text),
    )
    page.set_default_timeout(ENGINE_TIMEOUT)
    page.goto(served.url(f"{PREFIX[lang]}laporan/"))
    page.locator(".dak-report-kind").select_option("final")
    page.locator(".dak-report-file").set_input_files(str(EXAMPLE))
    page.wait_for_selector(".dak-report-filled .dak-report-table")
    expected = call("report", {"plan": json.loads(EXAMPLE.read_text()), "kind": "final", "lang": lang})[
        "result"
    ]

    sheet = page.locator(".dak-report-sheet")
    assert sheet.locator(".dak-report-title").first.inner_text() == expected["title"][0]
    assert sheet.locator("h2").all_inner_texts()[:5] == [
        f"{s['num']} {s['title']}" for s in expected["sections"]
    ]
    tables = sheet.locator(".dak-report-table")
    assert tables.count() == 5
    budget = tables.first
    assert budget.locator("th").all_inner_texts() == [c["label"] for c in expected["annexes"][0]["columns"]]
    assert budget.locator("tbody tr").first.locator("td").nth(3).inner_text() == "12.000.000"
    signature = sheet.locator(".dak-report-signature").inner_text()
    assert expected["signature"]["office"] in signature and "NIP" in signature
    assert expected["source"] in sheet.locator(".dak-report-footer").inner_text()
    assert expected["deadline"]["date"] in sheet.inner_text()

    assert_accessible(page, f"report skeleton ({lang})")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"report-{lang}-desktop.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=SHOTS / f"report-{lang}-phone.png", full_page=True)
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
    page.emulate_media(media="print")
    assert not page.locator(".md-header").is_visible()
    assert not page.locator(".dak-report-controls").is_visible()
    breaks = page.locator(".dak-report-page").evaluate_all(
        "pages => pages.map(p => getComputedStyle(p).breakAfter)"
    )
    assert breaks[:-1] == ["page"] * (len(breaks) - 1)
    assert page.locator(".dak-report-footer").evaluate("f => getComputedStyle(f).position") == "fixed"
    page.screenshot(path=SHOTS / f"report-{lang}-print.png", full_page=True)
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    (SHOTS / f"report-{lang}.pdf").write_bytes(pdf)
    assert not errors, errors


def test_a_file_that_is_not_json_is_named(page, served, tmp_path):
    bad = tmp_path / "rencana.json"
    bad.write_text("{not json", encoding="utf-8")
    page.goto(served.url("laporan/"))
    page.locator(".dak-report-file").set_input_files(str(bad))
    expect(page.locator(".dak-report-status")).to_contain_text("rencana.json")
    assert not page.locator(".dak-report-filled").count()


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_plan_workbook_becomes_the_report_and_the_report_a_workbook(page, served, lang, tmp_path):
    """A dinas that keeps its plan in the template workbook loads that, and saves the skeleton's
    annexes as a workbook: the same sheets `dak report` writes."""
    import io

    import openpyxl

    from dakcore.rules import load_rules
    from dakcore.workbook import plan_workbook

    plan = tmp_path / "rencana-2023.xlsx"
    plan.write_bytes(plan_workbook(load_rules(), 2023, json.loads(EXAMPLE.read_text())))
    page.set_default_timeout(ENGINE_TIMEOUT)
    page.goto(served.url(f"{PREFIX[lang]}laporan/"))
    save = page.locator(".dak-report-xlsx")
    assert not save.is_visible()  # nothing to save before a plan is loaded
    page.locator(".dak-report-kind").select_option("semester-1")
    page.locator(".dak-report-file").set_input_files(str(plan))
    page.wait_for_selector(".dak-report-filled .dak-report-table")
    budget = page.locator(".dak-report-table").first
    assert budget.locator("tbody tr").first.locator("td").nth(3).inner_text() == "12.000.000"
    with page.expect_download() as download:
        save.click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == ("laporan" if lang == "id" else "report") + "-semester-1.xlsx"
    expected = call(
        "report_workbook", {"plan": json.loads(EXAMPLE.read_text()), "kind": "semester-1", "lang": lang}
    )["result"]
    import base64

    wanted = openpyxl.load_workbook(io.BytesIO(base64.b64decode(expected["xlsx"])))
    got = openpyxl.load_workbook(saved)
    assert got.sheetnames == wanted.sheetnames
    for name in wanted.sheetnames:
        assert [[c.value for c in row] for row in got[name].iter_rows()] == [
            [c.value for c in row] for row in wanted[name].iter_rows()
        ], name


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_plan_being_drafted_in_the_plan_checker_becomes_the_report(page, served, lang):
    page.set_default_timeout(ENGINE_TIMEOUT)
    page.goto(served.url(f"{PREFIX[lang]}laporan/"))
    page.wait_for_selector(".dak-report:not([hidden])")
    assert page.locator(".dak-report-draft").count() == 0  # no draft in this browser yet

    page.goto(served.url(f"{PREFIX[lang]}periksa-rencana/"))
    page.wait_for_selector(".dak-validator .dak-form")
    example = "Isi dengan contoh" if lang == "id" else "Fill in the example"
    page.locator(".dak-validator").get_by_role("button", name=example).click()
    page.wait_for_function(
        "() => Object.keys(localStorage).some((key) => key.startsWith('dak-draft:') && key.includes(':plan:'))"
    )
    page.goto(served.url(f"{PREFIX[lang]}laporan/"))
    use = page.locator(".dak-report-draft")
    expect(use).to_contain_text("pemeriksa rencana" if lang == "id" else "plan checker")
    page.locator(".dak-report-kind").select_option("final")
    use.click()
    page.wait_for_selector(".dak-report-filled .dak-report-table")
    # The draft is the example plan, read back from the form: the same budget as the example's.
    budget = page.locator(".dak-report-table").first
    assert budget.locator("tbody tr").first.locator("td").nth(3).inner_text() == "12.000.000"
