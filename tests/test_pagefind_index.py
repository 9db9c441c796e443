"""The search index of the built site (docs_plugins/pagefind): both languages indexed once each, the
articles marked, the year filter on the right pages, and configuration errors that name their key."""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from docs_plugins.pagefind.plugin import PagefindPlugin, aliases, glossary_words, page_years
from site_build.content.loader import CONTENT_DIR, load_content

CONTENT = load_content()


def indexed_pages(site: Path) -> dict[str, list[Path]]:
    by_lang: dict[str, list[Path]] = {}
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if "data-pagefind-body" in html:
            lang = re.search(r'<html lang="([^"]+)"', html).group(1)
            by_lang.setdefault(lang, []).append(page)
    return by_lang


def test_one_index_per_language_covering_every_page_of_it(site):
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    pages = indexed_pages(site)
    assert set(entry["languages"]) == {"id", "en"}
    for lang, index in entry["languages"].items():
        assert index["wasm"] == lang, f"{lang}: no stemmer of its own ({index['wasm']})"
        assert index["page_count"] == len(pages[lang])
    assert all(p.is_relative_to(site / "en") for p in pages["en"])
    assert not any(p.is_relative_to(site / "en") for p in pages["id"])
    assert "data-pagefind-body" not in (site / "404.html").read_text(encoding="utf-8")


def years_marked(html: str) -> list[str]:
    return re.findall(r'data-pagefind-filter="(\w+:\d+)"', html)


@pytest.mark.parametrize(("prefix", "name"), [("", "tahun"), ("en/", "year")])
def test_the_year_filter_marks_the_reading_views_and_the_activities(site, prefix, name):
    for regulation in CONTENT.regulations.values():
        html = (site / prefix / "peraturan" / regulation.id / "index.html").read_text(encoding="utf-8")
        assert years_marked(html) == [f"{name}:{regulation.year}"]
    for activity in CONTENT.catalog["activities"]:
        html = (site / prefix / "kegiatan" / activity["id"] / "index.html").read_text(encoding="utf-8")
        assert years_marked(html) == [f"{name}:{year}" for year in sorted(activity["number"])]
    for page in ("index.html", "glosarium/index.html", "kegiatan/index.html"):
        assert years_marked((site / prefix / page).read_text(encoding="utf-8")) == []


def test_the_years_read_from_content_agree_with_the_loader():
    expected = {f"peraturan/{r.id}": (r.year,) for r in CONTENT.regulations.values()}
    expected |= {
        f"kegiatan/{a['id']}": tuple(sorted(map(int, a["number"]))) for a in CONTENT.catalog["activities"]
    }
    assert page_years(CONTENT_DIR) == expected


def configured(**options) -> PagefindPlugin:
    plugin = PagefindPlugin()
    errors, _ = plugin.load_config(options)
    assert not errors, errors
    return plugin


@pytest.mark.parametrize("subdir", ["", "../pagefind", "/tmp/pagefind"])
def test_an_output_subdir_outside_the_site_is_refused_by_name(subdir):
    with pytest.raises(PluginError, match=r"dak-pagefind: output_subdir: must be a folder inside site_dir"):
        configured(output_subdir=subdir).on_config(None)


def test_a_page_language_without_a_year_filter_name_is_refused_by_name(tmp_path):
    plugin = configured(year_filter={"id": "tahun"})
    plugin._years = {"kegiatan/promosi-ekspor": (2022, 2023)}
    page = SimpleNamespace(file=SimpleNamespace(src_uri="kegiatan/promosi-ekspor.fr.md"))
    html = '<html lang="fr"><article class="md-content__inner md-typeset"><h1>x</h1></article></html>'
    with pytest.raises(PluginError, match=r"year_filter: no filter name for the page language 'fr'"):
        plugin.on_post_page(html, page=page, config=None)


def test_a_content_dir_without_regulations_is_refused_by_name(tmp_path):
    with pytest.raises(PluginError, match=r"dak-pagefind: content_dir: "):
        page_years(tmp_path)


def test_the_article_is_marked_and_the_rest_of_the_page_is_kept():
    plugin = configured()
    plugin._years = {"peraturan/permenperin-7-2023": (2023,)}
    page = SimpleNamespace(file=SimpleNamespace(src_uri="peraturan/permenperin-7-2023.en.md"))
    html = '<html lang="en"><body><article class="md-content__inner md-typeset"><h1>P</h1></article></body></html>'
    assert plugin.on_post_page(html, page=page, config=None) == (
        '<html lang="en"><body><article class="md-content__inner md-typeset" data-pagefind-body>'
        '<span data-pagefind-filter="year:2023"></span><h1>P</h1></article></body></html>'
    )


def glossary_of(tmp_path: Path, text: str):
    (tmp_path / "glossary.yml").write_text(text, encoding="utf-8")
    return glossary_words(tmp_path)


def test_a_glossary_term_is_found_as_a_whole_word_in_any_case_only_where_search_reads(tmp_path):
    words = glossary_of(
        tmp_path,
        "terms:\n- term: IKM\n  forms: [sentra IKM]\n  english: [small industry]\n  search: [ikam]\n"
        "- term: kemasan\n  english: [packaging]\n",
    )
    also = re.compile(r'data-dak-also="([^"]*)"')
    assert aliases("<h1>Rumah kemasan</h1><p>Sentra ikm.</p>", words) == (
        '<span data-pagefind-index-attrs="data-dak-also" data-dak-also="small industry sentra ikm ikm '
        'packaging kemasan"></span>'
    )
    # The title's terms bring their search-only words; inside a longer word a term is not there.
    assert also.search(aliases("<h1>IKM</h1><p>Kemasan</p>", words)).group(1) == (
        "small industry sentra ikm ikm ikam packaging kemasan"
    )
    assert aliases("<p>pikmx packagings non-ikm</p>", words) == ""
    assert aliases('<p>x</p><details data-pagefind-ignore="all"><p>IKM</p></details>', words) == ""
    # Characters that match a letter only when case is ignored (the Kelvin sign, k; dotless ı, i):
    # found as the pattern finds them.
    assert also.search(aliases("<p>\u212aemasan</p>", words)).group(1) == "packaging kemasan"
    assert also.search(aliases("<p>\u0131km</p>", words)).group(1) == "small industry sentra ikm ikm"


def test_a_terms_words_are_listed_in_the_same_order_in_every_build(tmp_path):
    """Longest first, then alphabetically: not in the order of a set, which follows the hash seed."""
    words = glossary_of(tmp_path, "terms:\n- term: abc\n  forms: [zyx, mno, def]\n  english: [ab]\n")
    assert words[0].all_words == "abc def mno zyx ab"
