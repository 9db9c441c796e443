"""The search index of the built site (docs_plugins/pagefind): both languages indexed once each, the
articles marked, the year filter on the right pages, each page covering both years read once per year
without the other year's content, and configuration errors that name their key."""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from docs_plugins.pagefind.plugin import VIEWS_ATTR, YEARS_SUBDIR, PagefindPlugin, page_years
from docs_plugins.pagefind.words import aliases, glossary_words
from docs_plugins.pagefind.years import survey, year_view
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


def test_one_index_per_language_covering_every_page_of_it_and_a_year_index_beside(site):
    pages = indexed_pages(site)
    bundle = site / "pagefind"
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    by_year = json.loads((bundle / YEARS_SUBDIR / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert set(entry["languages"]) == set(by_year["languages"]) == {"id", "en"}
    for lang, index in entry["languages"].items():
        assert index["wasm"] == lang, f"{lang}: no stemmer of its own ({index['wasm']})"
        assert index["page_count"] == len(pages[lang])
        # The year index: each page of one year as it is, each page covering several years once per year.
        htmls = [p.read_text(encoding="utf-8") for p in pages[lang]]
        views = sum(len(views_of(html)) for html in htmls)
        assert views >= 2 * (len(CONTENT.catalog["activities"]) - 2)  # each activity of both years, at least
        one_year = sum(1 for html in htmls if len(years_marked(html)) == 1)
        assert by_year["languages"][lang]["page_count"] == one_year + views
    # The year index is searched through years.js, which stands in for its search module, with the
    # bundle's own; it carries no second copy of the UIs.
    assert (
        (bundle / YEARS_SUBDIR / "pagefind.js").read_text(encoding="utf-8").startswith("// Pagefind's search")
    )
    assert not list((bundle / YEARS_SUBDIR).glob("pagefind-*ui*"))


def years_marked(html: str) -> list[str]:
    return re.findall(r'data-pagefind-filter="(\w+:\d+)"', html)


def views_of(html: str) -> list[int]:
    """The years a page is indexed apart for (its year views), from its article's mark."""
    found = re.search(rf'{VIEWS_ATTR}="([\d ]+)"', html)
    return [int(year) for year in found.group(1).split()] if found else []


@pytest.mark.parametrize(("prefix", "name"), [("", "tahun"), ("en/", "year")])
def test_the_year_filter_marks_each_page_with_the_years_it_covers(site, prefix, name):
    def read(page: str) -> str:
        return (site / prefix / page).read_text(encoding="utf-8")

    for regulation in CONTENT.regulations.values():  # one year: the page itself is that year's record
        html = read(f"peraturan/{regulation.id}/index.html")
        assert years_marked(html) == [f"{name}:{regulation.year}"] and views_of(html) == []
    for activity in CONTENT.catalog["activities"]:
        html = read(f"kegiatan/{activity['id']}/index.html")
        years = sorted(map(int, activity["number"]))
        assert years_marked(html) == [f"{name}:{year}" for year in years]
        # Both years: indexed apart per year as well; one year: the page as it is.
        assert views_of(html) == (years if len(years) > 1 else [])
    # The pages whose sections or columns are a year's: by the years they name.
    for page in ("batas-waktu", "kelayakan", "laporan", "kegiatan/fakta-kunci", "kegiatan", "perubahan"):
        html = read(f"{page}/index.html")
        assert years_marked(html) == [f"{name}:2022", f"{name}:2023"], page
        assert views_of(html) == [2022, 2023], page
    for page in (
        "index.html",
        "glosarium/index.html",
        "sumber/index.html",
        "peraturan/perubahan-saja/index.html",
    ):
        html = read(page)
        assert years_marked(html) == [] and views_of(html) == [], page


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


def test_the_article_is_marked_and_the_rest_of_the_page_is_kept(tmp_path):
    plugin = configured()
    plugin._years = {"peraturan/permenperin-7-2023": (2023,)}
    plugin._site_dir = tmp_path
    page = SimpleNamespace(
        file=SimpleNamespace(
            src_uri="peraturan/permenperin-7-2023.en.md", dest_uri="peraturan/permenperin-7-2023/index.html"
        ),
        url="peraturan/permenperin-7-2023/",
    )
    config = SimpleNamespace(site_dir=str(tmp_path / "en"))
    html = '<html lang="en"><body><article class="md-content__inner md-typeset"><h1>P</h1></article></body></html>'
    assert plugin.on_post_page(html, page=page, config=config) == (
        '<html lang="en"><body><article class="md-content__inner md-typeset" data-pagefind-body>'
        '<span data-pagefind-filter="year:2023"></span><h1>P</h1></article></body></html>'
    )
    # A page of one year goes into the year index as it is written, at its URL from the site's root.
    assert plugin._by_year == [
        ("/en/peraturan/permenperin-7-2023/", tmp_path / "en" / "peraturan/permenperin-7-2023/index.html")
    ]


BOTH_YEARS = """<h1 id="t">Kegiatan</h1><p>umum</p>
<section data-dak-year="2023"><h2 id="tahun-2023">Tahun 2023</h2><p>lokapasar</p></section>
<section data-dak-year="2022"><h2 id="tahun-2022">Tahun 2022</h2><p>logbook</p></section>
<table><thead><tr><th>Bidang</th><th>2022</th><th>2023</th></tr></thead>
<tbody><tr><th scope="row">Metode</th><td>daring&amp;luring</td><td>hibrida<br>saja</td></tr>
<tr><td colspan="3">bersama</td></tr></tbody></table>
<p>a <del>lama</del> <ins>baru</ins> b</p>
<ul><li data-dak-year="2022">butir 2022</li><li data-dak-year="2022 2023">butir keduanya</li></ul>
<div data-pagefind-ignore="all"><p>konfigurasi</p></div><img src="x.png" alt="gambar">"""


def test_a_year_view_leaves_out_what_applies_to_the_other_year_only():
    marks = survey(BOTH_YEARS)
    assert marks.years == {2022, 2023} and marks.specific
    assert marks.anchors == {2023: "tahun-2023", 2022: "tahun-2022"}
    view = year_view(BOTH_YEARS, 2022, (2022, 2023), marks)
    assert view.html == (
        """<h1 id="t">Kegiatan</h1><p>umum</p>

<section data-dak-year="2022"><h2 id="tahun-2022">Tahun 2022</h2><p>logbook</p></section>
<table><thead><tr><th>Bidang</th><th>2022</th></tr></thead>
<tbody><tr><th scope="row">Metode</th><td>daring&amp;luring</td></tr>
<tr><td colspan="3">bersama</td></tr></tbody></table>
<p>a <del>lama</del>  b</p>
<ul><li data-dak-year="2022">butir 2022</li><li data-dak-year="2022 2023">butir keduanya</li></ul>
<img src="x.png" alt="gambar">"""
    )
    assert " ".join(" ".join(view.read.text).split()) == (
        "umum Tahun 2022 logbook Bidang 2022 Metode daring&luring bersama a lama b butir 2022 butir keduanya"
    )
    assert view.read.title == ["Kegiatan"]
    view = year_view(BOTH_YEARS, 2023, (2022, 2023)).html
    assert "lokapasar" in view and "hibrida<br>saja" in view and "<ins>baru</ins>" in view
    for other in ("logbook", "daring", "lama", "butir 2022", "tahun-2022", "konfigurasi"):
        assert other not in view
    assert "butir keduanya" in view and "bersama" in view


def test_a_page_without_year_specific_content_has_nothing_to_leave_out():
    html = "<h1>Glosarium</h1><table><thead><tr><th>Istilah</th><th>Arti</th></tr></thead></table>"
    assert not survey(html).specific
    assert year_view(html, 2022, (2022, 2023)).html == html


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
