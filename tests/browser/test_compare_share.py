"""Every provision compared and shareable: the reading views' markers (status, counterpart, redline,
across the menus' B/C swap), the changes-only page, the share fallback, the print view of one
provision, the JSON-LD of each reading view and the English 404 page, in both languages."""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from dev.local_pages import SITE_URL
from site_build.compare import Comparisons
from site_build.content.loader import load_content

PREFIX = {"id": "", "en": "en/"}
LOCALE = {"id": "id-ID", "en": "en-GB"}
REGULATIONS = {2022: "permenperin-5-2022", 2023: "permenperin-7-2023"}
# Menu B of 2022 (Lampiran BAB IV huruf B) is menu C of 2023 (Lampiran II.C): letters swapped.
SWAPPED = {2022: "att_1__chp_IV__sec_B__point_1", 2023: "att_1__chp_II__sec_C__point_1"}
SHOTS = Path(os.environ.get("DAK_SCREENSHOTS", "/tmp/compare-shots"))


@pytest.fixture(scope="module")
def comparisons() -> Comparisons:
    return Comparisons(load_content())


def reading_view(lang: str, year: int) -> str:
    return f"{PREFIX[lang]}peraturan/{REGULATIONS[year]}/"


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("year", [2022, 2023])
def test_every_paired_provision_has_its_marker(page, served, comparisons, lang, year):
    page.goto(served.url(reading_view(lang, year)))
    markers = page.locator("details.dak-vs")
    statuses = markers.evaluate_all("all => all.map(d => d.dataset.status)")
    expected = comparisons.counts()[year]
    assert {s: statuses.count(s) for s in expected} == expected
    assert len(set(markers.evaluate_all("all => all.map(d => d.dataset.eid)"))) == len(statuses)
    # Every marker's counterpart link lands on an anchor of the other year's reading view.
    other = served.root / reading_view(lang, 2023 if year == 2022 else 2022) / "index.html"
    ids = set(
        page.evaluate(
            "html => [...new DOMParser().parseFromString(html, 'text/html').querySelectorAll('[id]')].map(e => e.id)",
            other.read_text(encoding="utf-8"),
        )
    )
    targets = markers.locator("a").evaluate_all("all => all.map(a => a.getAttribute('href'))")
    assert targets and all(t.split("#")[1] in ids for t in targets), [
        t for t in targets if t.split("#")[1] not in ids
    ][:5]


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("year", [2022, 2023])
def test_a_provision_across_the_menu_swap_opens_its_counterpart_and_redline(page, served, lang, year):
    other = 2023 if year == 2022 else 2022
    page.goto(served.url(reading_view(lang, year)))
    marker = page.locator(f'details.dak-vs[data-eid="{SWAPPED[year]}"]')
    assert marker.get_attribute("data-status") == "changed"
    diff = marker.locator(".dak-vs-diff")
    assert not diff.is_visible()
    marker.locator("summary").click()
    assert diff.is_visible()
    assert diff.locator("del").count() and diff.locator("ins").count()
    link = marker.locator("a").first
    assert link.get_attribute("href") == f"../{REGULATIONS[other]}/#{SWAPPED[other]}"
    page.screenshot(path=SHOTS / f"marker-{lang}-{year}.png", clip=marker.bounding_box() | {"height": 400})
    link.click()
    page.wait_for_url(f"**/{REGULATIONS[other]}/#{SWAPPED[other]}")
    assert page.locator(f"#{SWAPPED[other]}").is_visible()


@pytest.mark.parametrize("lang", ["id", "en"])
def test_markers_open_without_javascript(new_context, served, lang):
    page = new_context(java_script_enabled=False, locale=LOCALE[lang]).new_page()
    page.goto(served.url(reading_view(lang, 2023)))
    marker = page.locator(f'details.dak-vs[data-eid="{SWAPPED[2023]}"]')
    marker.locator("summary").click()
    assert marker.locator(".dak-vs-diff").is_visible()


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_changes_only_page_lists_each_difference_once_in_reading_order(page, served, comparisons, lang):
    page.goto(served.url(f"{PREFIX[lang]}peraturan/perubahan-saja/"))
    changes = page.locator("section.dak-change[id]")
    ids = changes.evaluate_all("all => all.map(s => s.id)")
    order = [u.eid for u in comparisons.regulations[2023].walk()]
    expected = [
        e
        for e in order
        if comparisons.by_year[2023].get(e) and comparisons.by_year[2023][e].status != "unchanged"
    ]
    assert ids == expected
    swapped = page.locator(f"section#{SWAPPED[2023]}")
    assert swapped.locator("del").count() and swapped.locator("ins").count()
    assert swapped.locator("a").first.get_attribute("href") == f"../{REGULATIONS[2023]}/#{SWAPPED[2023]}"
    removed = page.locator("section.dak-change.dak-vs-removed")
    assert removed.count() == comparisons.counts()[2022]["removed"]
    page.emulate_media(media="print")
    assert not page.locator(".md-sidebar--primary").is_visible()
    page.screenshot(path=SHOTS / f"changes-only-print-{lang}.png")


NO_SHARE_SHEET = (
    "Object.defineProperty(Navigator.prototype, 'share', {value: undefined, configurable: true});"
)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_without_a_share_sheet_share_offers_whatsapp_and_the_text(new_context, served, lang):
    context = new_context(locale=LOCALE[lang])
    context.add_init_script(NO_SHARE_SHEET)
    page = context.new_page()
    page.goto(served.url(reading_view(lang, 2023)))
    unit = page.locator(".dak-unit[data-cite]:has(> p.dak-lead)").nth(40)
    unit.hover()
    unit.locator(":scope > p > button.dak-share").click()
    panel = unit.locator(":scope > .dak-share-panel")
    text = panel.locator("textarea").input_value()
    citation = unit.get_attribute("data-cite")
    eid = unit.get_attribute("id")
    lines = text.split("\n")
    assert lines[0] == citation
    assert lines[1].startswith("“") and len(lines[1].split()) >= 3
    assert lines[2] == served.url(reading_view(lang, 2023)) + "#" + eid
    link = panel.locator("a.dak-share-whatsapp")
    href = link.get_attribute("href")
    assert urlparse(href).netloc == "wa.me" and parse_qs(urlparse(href).query)["text"] == [text]
    assert not served.foreign_requests, "sharing sent nothing by itself"
    page.screenshot(path=SHOTS / f"share-{lang}.png", clip=unit.bounding_box() | {"height": 260})
    assert page.evaluate("window.__cspViolations") == []


@pytest.mark.parametrize("lang", ["id", "en"])
def test_printing_one_provision_prints_it_alone(new_context, served, lang):
    context = new_context(locale=LOCALE[lang])
    context.add_init_script("window.print = () => { window.__printed = true; };")
    page = context.new_page()
    page.goto(served.url(reading_view(lang, 2023)))
    unit = page.locator(".dak-unit[data-cite]").nth(60)
    unit.hover()
    unit.locator(":scope > p > button.dak-print").click()
    assert page.evaluate("window.__printed")
    page.emulate_media(media="print")
    assert unit.is_visible()
    assert not page.locator("article h1").is_visible()
    assert not page.locator(".dak-unit[data-cite]").nth(10).is_visible()
    page.screenshot(path=SHOTS / f"print-provision-{lang}.png", full_page=True)
    page.pdf(path=str(SHOTS / f"print-provision-{lang}.pdf"), format="A4")
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.locator("article h1").is_visible()


@pytest.mark.parametrize("lang", ["id", "en"])
def test_printing_one_activity_comparison_prints_the_table_alone(new_context, served, lang):
    context = new_context(locale=LOCALE[lang])
    context.add_init_script("window.print = () => { window.__printed = true; };")
    page = context.new_page()
    page.goto(served.url(f"{PREFIX[lang]}kegiatan/pelatihan-teknis-produksi/"))
    page.locator("button.dak-print-table").first.click()
    page.emulate_media(media="print")
    assert page.locator("table.dak-compare").first.is_visible()
    assert not page.locator("table.dak-keyfacts").first.is_visible()
    page.screenshot(path=SHOTS / f"print-activity-{lang}.png", full_page=True)


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("year", [2022, 2023])
def test_each_reading_view_carries_its_legislation_json_ld(page, served, lang, year):
    page.goto(served.url(reading_view(lang, year)))
    blocks = page.locator('script[type="application/ld+json"]').all_text_contents()
    assert len(blocks) == 1
    data = json.loads(blocks[0])
    meta = load_content().regulations[REGULATIONS[year]].metadata
    assert data["@context"] == "https://schema.org" and data["@type"] == "Legislation"
    work = data if lang == "id" else data["translationOfWork"]
    assert work["identifier"] == meta["frbr_work"]
    assert work["name"] == meta["judul"]["id"]
    assert work["legislationDate"] == str(meta["tanggal_penetapan"])
    assert work["datePublished"] == str(meta["tanggal_pengundangan"])
    assert work["publisher"]["name"] == meta["teu_badan"]
    assert work["inLanguage"] == "id"
    assert work["legislationLegalForce"] == "https://schema.org/InForce"
    translation = data["workExample"] if lang == "id" else data
    assert translation["inLanguage"] == "en" and "Unofficial" in translation["description"]
    assert translation["name"] == meta["judul"]["en"]
    # Both URLs resolve to the two reading views from this page.
    assert page.evaluate("u => new URL(u, location.href).href", work["url"]) == served.url(
        reading_view("id", year)
    )
    assert page.evaluate("u => new URL(u, location.href).href", translation["url"]) == served.url(
        reading_view("en", year)
    )
    assert page.evaluate("window.__cspViolations") == []


@pytest.mark.parametrize("lang", ["id", "en"])
def test_pages_describe_themselves_for_link_previews(page, served, lang):
    page.goto(served.url(reading_view(lang, 2023)))
    meta = {
        m: page.locator(f'meta[property="og:{m}"]').get_attribute("content")
        for m in ("title", "description", "image", "locale")
    }
    assert "Permenperin 7/2023" in page.title() and "Permenperin 7/2023" in meta["title"]
    assert "Permenperin 7/2023" in page.locator('meta[name="description"]').get_attribute("content")
    assert meta["description"] == page.locator('meta[name="description"]').get_attribute("content")
    assert meta["locale"] == ("id_ID" if lang == "id" else "en_GB")
    # An absolute address, as chat apps need: the site's published URL, and the file is a PNG in the build.
    assert meta["image"] == SITE_URL + "assets/og.png"
    assert (served.root / "assets" / "og.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_english_404_page_offers_search(page, served):
    response = page.goto(served.url("en/404.html"))
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.locator("article h1").inner_text() == "Page not found"
    page.wait_for_selector("#dak-search input")
    page.fill("#dak-not-found-query", "honorarium")
    page.locator(".dak-not-found-search button").click()
    page.wait_for_selector("#dak-search .pagefind-ui__result")
    assert "/en/" in page.locator("#dak-search .pagefind-ui__result a").first.get_attribute("href")
    page.screenshot(path=SHOTS / "404-en.png")
    assert response.ok


def test_the_indonesian_404_page_offers_search_and_the_english_one(page, served):
    response = page.goto(served.url("tidak-ada/"))
    assert response.status == 404
    assert page.locator("article h1").inner_text() == "Halaman tidak ditemukan"
    assert page.locator("#dak-not-found-query").is_visible()
    page.locator('article a[href$="en/404.html"]').click()
    page.wait_for_url("**/en/404.html")
