"""Every finding explained in the browser, and the quoted provisions in both languages: under each
finding of the activity and plan checkers a foldable explanation (what was read, the rule of the
year, the comparison, the level and why, the provision) from dakcore's trace; on English pages the
unofficial English beside the authoritative Indonesian words; the deadlines page reads once with
JavaScript on (the checker points to the page's list of the chosen year instead of repeating it)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from test_validators import (
    ACTIVITY_ENTRY,
    LANGS,
    PREFIX,
    check_roster_file,
    check_the_example_plan,
    fill_field,
    open_validator,
    submit,
)

from dakcore.api import call

# Screenshots to look at (phone and desktop widths), written only where DAK_SCREENSHOTS names a folder.
SHOTS = Path(os.environ["DAK_SCREENSHOTS"]) if os.environ.get("DAK_SCREENSHOTS") else None
EXAMPLE = json.loads((Path(__file__).resolve().parents[2] / "examples" / "plan-2023.json").read_text())
SUMMARY = {"id": "Bagaimana hasil ini diperoleh", "en": "How this was reached"}


def shoot(page, name: str) -> None:
    if SHOTS:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SHOTS / name)


@pytest.fixture
def wide_page(page):
    page.set_default_timeout(120_000)  # Pyodide's first start on a slow, busy machine
    return page


def check_explanations(page, findings: list[dict], lang: str) -> None:
    """Each finding with a trace shows its explanation folded; opened, it shows the comparison the
    engine made; the finding shows its quote (and, in English, the quote's English)."""
    explained = [f for f in findings if f.get("trace")]
    assert explained
    items = page.locator(".dak-results li.dak-finding")
    assert page.locator(".dak-results details.dak-explanation").count() == len(explained)
    for finding in explained[:4]:
        item = items.filter(
            has=page.locator(
                f"xpath=self::*[@data-rule='{finding['rule']}' and @data-field='{finding['field']}'"
                f" and @data-year='{finding['year']}']"
            )
        ).first
        details = item.locator("details.dak-explanation")
        assert details.locator("summary").inner_text() == SUMMARY[lang]
        assert not details.locator("dl").is_visible()  # folded until the reader opens it
        details.locator("summary").click()
        text = details.inner_text()
        trace = finding["trace"]
        assert trace["comparison_words"][lang] in text
        assert trace["level"]["why"][lang] in text
        assert trace["rule"]["title"][lang] in text
        for read in trace["inputs"]:
            assert read["label"][lang] in text
        assert finding["source"]["citation"][lang if lang == "en" else "short"] in text
        quote = item.locator("blockquote.dak-quote").first
        assert quote.inner_text() == finding["source"]["quote"]
        assert quote.get_attribute("lang") == "id"
        translation = item.locator(".dak-source .dak-translation")
        if lang == "en":
            assert finding["source"]["quote_en"] in translation.inner_text()
            assert "unofficial translation" in translation.inner_text()
            assert "Authoritative text (Indonesian)" in item.locator(".dak-source").inner_text()
        else:
            assert not translation.count()


@pytest.mark.parametrize("lang", LANGS)
def test_activity_checker_explains_each_finding(wide_page, served, lang):
    page = open_validator(wide_page, served, f"{PREFIX[lang]}kegiatan/pelatihan-teknis-produksi/")
    activity = {"activity": "pelatihan-teknis-produksi"}
    for field, (label_id, label_en, typed, value) in ACTIVITY_ENTRY.items():
        fill_field(page, label_id if lang == "id" else label_en, typed)
        activity[field] = value
    submit(page)
    page.wait_for_selector(".dak-results details.dak-explanation")
    plan = {"format": "dak-plan/1", "year": 2023, "activities": [activity]}
    expected = call("validate", {"plan": plan, "years": "both", "explain": True})["result"]
    check_explanations(page, expected["findings"], lang)
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.locator(".dak-results details.dak-explanation[open]").first.scroll_into_view_if_needed()
        shoot(page, f"explain-activity-{lang}-{width}.png")


@pytest.mark.parametrize("lang", LANGS)
def test_plan_checker_explains_each_finding(wide_page, served, lang):
    page = open_validator(wide_page, served, f"{PREFIX[lang]}periksa-rencana/")
    check_the_example_plan(page, lang)
    expected = call("validate", {"plan": EXAMPLE, "years": "both", "explain": True})["result"]
    check_explanations(page, expected["findings"], lang)
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.locator(".dak-results details.dak-explanation[open]").first.scroll_into_view_if_needed()
        shoot(page, f"explain-plan-{lang}-{width}.png")


@pytest.mark.parametrize("lang", LANGS)
def test_the_deadlines_page_reads_once_with_javascript(wide_page, served, lang):
    page = wide_page
    page.goto(served.url(f"{PREFIX[lang]}batas-waktu/"))
    for year in (2023, 2022):
        page.locator(".dak-validator").get_by_label(
            "Tahun anggaran" if lang == "id" else "Budget year"
        ).select_option(str(year))
        page.wait_for_selector(f".dak-results .dak-deadlines-above[data-year='{year}']")
        expected = call("deadlines", {"year": year, "lang": lang})["result"]["deadlines"]
        # Each deadline once on the page: the build-time list, no second table from the checker.
        assert not page.locator(".dak-results table, .dak-results tr[data-deadline]").count()
        for deadline in expected:
            assert (
                page.locator(f"[data-deadline='{deadline['id']}'][data-date='{deadline['date']}']").count()
                == 1
            )
        assert page.locator("ol.dak-deadlines.dak-chosen").get_attribute("data-year") == str(year)
        link = page.locator(".dak-deadlines-above a")
        assert link.get_attribute("href") == f"#tahun-{year}"
        assert str(year) in link.inner_text()
        chosen = page.locator(f"ol.dak-deadlines[data-year='{year}']")
        if lang == "en":  # the quote's English beside its authoritative Indonesian words
            for deadline in expected:
                item = chosen.locator(f"li[data-deadline='{deadline['id']}']")
                quotes = item.locator("blockquote").all_inner_texts()
                english = item.locator(".dak-translation").all_inner_texts()
                for source in deadline["sources"]:
                    assert any(source["quote"] in q for q in quotes)
                    assert any(source["quote_en"] in e for e in english)
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.locator(".dak-validator").scroll_into_view_if_needed()
        shoot(page, f"deadlines-js-{lang}-{width}.png")


@pytest.mark.parametrize("lang", LANGS)
def test_roster_findings_are_explained_when_opened(wide_page, served, lang, tmp_path):
    roster = "nama,tanggal_lahir,pendidikan\nAni,1950-01-01,SMA\nBudi,1990-05-05,SMA\n"
    path = tmp_path / "peserta.csv"
    path.write_text(roster, encoding="utf-8")
    page = open_validator(wide_page, served, f"{PREFIX[lang]}periksa-peserta/")
    check_roster_file(page, path, lang)
    params = {"csv": roster, "activity": "pelatihan-teknis-produksi", "year": 2023, "on": "2023-08-01"}
    [finding] = call("roster", {**params, "explain": True})["result"]["findings"]
    details = page.locator(".dak-roster-table li.dak-finding details.dak-explanation")
    assert details.count() == 1
    details.locator("summary").click()
    details.locator("dl.dak-trace").wait_for()
    text = details.inner_text()
    assert finding["trace"]["comparison_words"][lang] in text  # "73 > 50"
    assert ("Umur: 73" if lang == "id" else "Age: 73") in text
    assert finding["trace"]["level"]["why"][lang] in text
    shoot(page, f"explain-roster-{lang}-1280.png")
