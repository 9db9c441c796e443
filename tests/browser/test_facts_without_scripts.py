"""The facts a page can state before the reader enters anything are in its HTML, rendered at build time
by the same dakcore calls the checkers make: a reader without JavaScript, or before the validators'
runtime has loaded, reads the deadlines, the recipient criteria and each activity's rule values."""

from __future__ import annotations

import json

import pytest

from dakcore.api import call
from site_build.rule_text import date_in_words, value_in_words

PREFIX = {"id": "", "en": "en/"}


@pytest.fixture
def scriptless(new_context):
    context = new_context(java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def article_text(page) -> str:
    return page.locator("article").inner_text()


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_deadlines_of_both_years_are_on_the_page_without_javascript(scriptless, served, lang):
    scriptless.goto(served.url(f"{PREFIX[lang]}batas-waktu/"))
    text = article_text(scriptless)
    for year in (2022, 2023):
        for deadline in call("deadlines", {"year": year, "lang": lang})["result"]["deadlines"]:
            assert date_in_words(deadline["date"], lang) in text, deadline["id"]
            assert deadline["title"][lang] in text
            assert deadline["sources"][0]["quote"] in text
            if "note" in deadline:
                assert deadline["note"][lang] in text
    assert ("31 Maret 2023" if lang == "id" else "31 March 2023") in text
    if lang == "en":  # the English of the provision beside its authoritative Indonesian words
        assert "English (unofficial translation of the provision)" in text


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_recipient_criteria_of_both_years_are_on_the_page_without_javascript(scriptless, served, lang):
    scriptless.goto(served.url(f"{PREFIX[lang]}kelayakan/"))
    text = article_text(scriptless)
    for year in (2022, 2023):
        for criterion in call("eligibility", {"year": year, "answers": {}})["result"]["criteria"]:
            assert " ".join(criterion["criterion"][lang].split()) in " ".join(text.split()), criterion["id"]


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize(
    "activity", ["pelatihan-teknis-produksi", "pendampingan-bahan-baku", "sertifikat-halal"]
)
def test_an_activity_page_states_its_rule_values_without_javascript(scriptless, served, lang, activity):
    rules = json.loads((served.root / "data" / "rules.json").read_text(encoding="utf-8"))
    categories = {c["id"]: c for c in rules["budget_categories"]}
    scriptless.goto(served.url(f"{PREFIX[lang]}kegiatan/{activity}/"))
    text = " ".join(article_text(scriptless).split())
    values = [(r, v) for r in rules["rules"] for v in r["values"] if activity in v["activities"]]
    assert values
    for rule, value in values:
        words = " ".join(value_in_words(rule["check"], value, lang, categories).split())
        assert words in text, f"{rule['id']} {value['year']}: {words}"


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_key_facts_of_every_activity_side_by_side_and_as_open_data(scriptless, served, lang):
    data = json.loads((served.root / "data" / "key-facts.json").read_text(encoding="utf-8"))
    assert data["format"] == "dak-key-facts/1"
    assert len(data["activities"]) == 17
    scriptless.goto(served.url(f"{PREFIX[lang]}kegiatan/fakta-kunci/"))
    text = " ".join(article_text(scriptless).split())
    for fact in data["facts"]:
        assert fact["name"][lang] in text
    for activity in data["activities"]:
        assert " ".join(activity["name"][lang].split()) in text
        for years in activity["facts"].values():
            for values in years.values():
                for value in values or []:
                    assert " ".join(value["text"][lang].split()) in text


@pytest.mark.parametrize("lang", ["id", "en"])
def test_an_activity_page_opens_with_its_key_facts(scriptless, served, lang):
    scriptless.goto(served.url(f"{PREFIX[lang]}kegiatan/sertifikat-halal/"))
    table = scriptless.locator("table.dak-keyfacts").first
    text = table.inner_text()
    assert ("kegiatan tidak ada pada 2022" if lang == "id" else "no such activity in 2022") in text
    assert ("tidak ada ketentuan yang diperiksa" if lang == "id" else "no checkable requirement") in text


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_regulations_link_their_official_publication_and_note_the_source_oddities(
    scriptless, served, lang
):
    scriptless.goto(served.url(f"{PREFIX[lang]}peraturan/permenperin-7-2023/"))
    text = article_text(scriptless)
    assert "Berita Negara Republik Indonesia" in text and "307" in text
    assert scriptless.locator("a[href='https://peraturan.go.id/']").count() >= 1
    note = scriptless.locator("#att_1__chp_II__sec_A__point_3__point_f ~ .dak-editor-note").first
    assert "3-5" in note.inner_text()
