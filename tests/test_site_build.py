"""The built handbook: both languages, every activity page, every provision anchored."""

from __future__ import annotations

import re

import pytest

from site_build.content.loader import CONTENT_DIR, load_content

CONTENT = load_content()


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_every_activity_of_each_year_has_its_page(site, prefix):
    for activity in CONTENT.catalog["activities"]:
        page = site / prefix / "kegiatan" / activity["id"] / "index.html"
        assert page.exists(), page
        html = page.read_text(encoding="utf-8")
        for year in activity["number"]:
            regulation = CONTENT.by_year(int(year))
            assert regulation.activity_unit(activity["id"]).eid in html


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_every_provision_has_its_anchor(site, prefix):
    for regulation in CONTENT.regulations.values():
        html = (site / prefix / "peraturan" / regulation.id / "index.html").read_text(encoding="utf-8")
        anchors = set(re.findall(r'id="([^"]+)"', html))
        missing = [u.eid for u in regulation.walk() if u.eid not in anchors]
        assert not missing, f"{regulation.id}: {len(missing)} units without anchor, e.g. {missing[:5]}"


def test_english_pages_say_the_translation_is_unofficial(site):
    for regulation in CONTENT.regulations.values():
        html = (site / "en" / "peraturan" / regulation.id / "index.html").read_text(encoding="utf-8")
        assert "unofficial translation" in html
    assert 'lang="id"' in (site / "index.html").read_text(encoding="utf-8")
    assert 'lang="en"' in (site / "en" / "index.html").read_text(encoding="utf-8")


def test_what_changed_lists_the_new_activities_and_the_menu_swap(site):
    html = (site / "perubahan" / "index.html").read_text(encoding="utf-8")
    for activity in ("sertifikat-tkdn", "sertifikat-halal"):
        assert f"kegiatan/{activity}/" in html
    assert "(C.1 → B.1)" in html and "(B.1 → C.1)" in html


def test_activity_pages_show_a_redline_and_the_citation(site):
    html = (site / "kegiatan" / "pelatihan-teknis-produksi" / "index.html").read_text(encoding="utf-8")
    assert "<del>" in html and "<ins>" in html
    assert "Lampiran angka II.A.2 Peraturan Menteri Perindustrian Nomor 7 Tahun 2023" in html


def test_data_downloads_are_the_compiled_rules(site):
    import json

    from site_build.rules.compiler import compile_rules

    published = json.loads((site / "data" / "rules.json").read_text(encoding="utf-8"))
    assert published == json.loads(json.dumps(compile_rules(content=CONTENT), ensure_ascii=False))
    for year in ("2022", "2023"):
        per_year = json.loads((site / "data" / f"rules-{year}.json").read_text(encoding="utf-8"))
        assert all(str(v["year"]) == year for r in per_year["rules"] for v in r["values"])
        content = json.loads((site / "data" / f"content-{year}.json").read_text(encoding="utf-8"))
        assert content["format"] == "dak-content/1" and content["units"]


def test_the_checkers_wheel_applies_the_rules_the_pages_show(site):
    import json
    import zipfile

    (dakcore,) = site.glob("pyodide/*/dakcore-*.zip")
    with zipfile.ZipFile(dakcore) as archive:
        applied = json.loads(archive.read("dakcore/data/rules.json"))
    assert applied == json.loads((site / "data" / "rules.json").read_text(encoding="utf-8"))


def test_every_rule_value_shown_equals_the_rules_data(site):
    """Each activity page's table of rules shows each year's value in words, in both languages, and
    every number of the compiled value is in those words (site_build/rule_text.py; its words for each
    kind of check are tested in tests/test_rule_text.py)."""
    import html as html_lib

    from site_build.generate import budget_categories
    from site_build.rule_text import value_in_words
    from site_build.rules.compiler import compile_rules

    rules = compile_rules(content=CONTENT)
    categories = budget_categories(rules)
    for activity in CONTENT.catalog["activities"]:
        for lang, prefix in (("id", ""), ("en", "en/")):
            page = html_lib.unescape(
                (site / prefix / "kegiatan" / activity["id"] / "index.html").read_text(encoding="utf-8")
            )
            for rule in rules["rules"]:
                for value in rule["values"]:
                    if activity["id"] not in value["activities"]:
                        continue
                    shown = value_in_words(rule["check"], value, lang, categories)
                    where = f"{prefix}kegiatan/{activity['id']}: {rule['id']} {value['year']}"
                    assert shown in page, f"{where}: {shown}"
                    for number in _numbers(value["params"]):
                        assert f"{number:g}" in shown or f"{number * 100:g}%" in shown, (where, number)


def _numbers(params: object) -> list[float]:
    """Every number in a rule value's params, however nested."""
    if isinstance(params, bool):
        return []
    if isinstance(params, int | float):
        return [params]
    items = params.values() if isinstance(params, dict) else params if isinstance(params, list) else []
    return [number for item in items for number in _numbers(item)]


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_glossary_routes_link_exactly_the_activities_whose_rules_take_them(site, prefix):
    """A glossary entry naming a route (ministry approval, a statement) lists where it applies, from the
    rules: never a blanket promise that every departure can be approved."""
    from site_build.rules.compiler import compile_rules

    rules = compile_rules(content=CONTENT)
    html = (site / prefix / "glosarium" / "index.html").read_text(encoding="utf-8")
    routed = [t for t in CONTENT.glossary["terms"] if t.get("routes")]
    assert {"persetujuan-kementerian", "pernyataan"} <= {t["id"] for t in routed}
    for term in routed:
        block = html[html.index(f'id="{term["id"]}"') :]
        block = block[: block.index("</div>")]
        expected = {
            activity
            for rule in rules["rules"]
            for value in rule["values"]
            if set(term["routes"]) & set(value["levels"].values())
            for activity in value["activities"]
        }
        assert set(re.findall(r'href="[./]*kegiatan/([a-z0-9-]+)/', block)) == expected, term["id"]


def test_only_the_builds_of_the_tests_and_benchmarks_carry_the_hidden_runtime_pages(site, monkeypatch):
    from mkdocs.config import load_config

    from site_build.site import CONFIG, DOCS_DIR

    assert (site / "_dak" / "runtime-test.html").is_file()  # the tests' build asks for them
    monkeypatch.delenv("DAK_TEST_PAGES", raising=False)
    DOCS_DIR.mkdir(parents=True, exist_ok=True)  # MkDocs checks docs_dir while it reads the config
    published = load_config(str(CONFIG))
    assert published.plugins["dak-pyodide"].config.test_pages is False


@pytest.mark.parametrize(
    "prefix, lang, sentence",
    [
        ("", "id", "Untuk memeriksa kegiatan ini, pemeriksa memerlukan: "),
        ("en/", "en", "To check this activity the checker needs: "),
    ],
)
def test_each_activity_page_lists_the_data_its_rules_need_in_both_years(site, prefix, lang, sentence):
    """In the HTML itself (no script needed), under its own heading, one line per year, as dakcore's
    `form` answers it."""
    from html import unescape

    from dakcore.api import call

    for activity in CONTENT.catalog["activities"]:
        html = (site / prefix / "kegiatan" / activity["id"] / "index.html").read_text(encoding="utf-8")
        section = html[html.index('id="data-diperlukan"') : html.index('id="periksa"')]
        text = unescape(re.sub(r"<[^>]+>", "", section))
        form = call("form", {"activity": activity["id"]})["result"]
        for year in ("2022", "2023"):
            if year in form["years"]:
                assert f"{year}: {form['years'][year]['needs']['words'][lang]}" in text, (
                    activity["id"],
                    year,
                )
            else:
                assert ("tidak ada pada " if lang == "id" else "does not exist in ") + year in text
        assert text.count(sentence) == len(form["years"])


def test_every_module_the_checkers_import_is_served_and_kept_for_offline_use(site):
    """The pages load assets/dak/ui.js, which imports the rest; each module it reaches, at any depth, is
    in the site and in what "prepare for offline use" keeps (a missing one would break every checker
    offline)."""
    from docs_plugins.pyodide.browser import read_runtime

    offline = set(read_runtime(site, service_worker=True)["offline"])
    reached, waiting = set(), ["assets/dak/ui.js"]
    while waiting:
        module = waiting.pop()
        if module in reached:
            continue
        reached.add(module)
        source = (site / module).read_text(encoding="utf-8")
        for name in re.findall(
            r"""(?:^import [^;]*?from |import\()\s*["']\./([\w.-]+\.js)["']""", source, re.M
        ):
            waiting.append(f"assets/dak/{name}")
    assert {"assets/dak/ui.js", "assets/dak/text.js", "assets/dak/check-plan.js"} <= reached
    assert not reached - offline, sorted(reached - offline)


OFFICIAL_PORTALS = (
    "https://jdih.kemenperin.go.id/",
    "https://peraturan.go.id/",
    "https://peraturan.bpk.go.id/",
)


def test_the_gazette_numbers_are_those_printed_in_the_source_texts():
    for regulation in CONTENT.regulations.values():
        meta = regulation.metadata
        source = (CONTENT_DIR / "sources" / meta["source_file"]).read_text(encoding="utf-8")
        printed = (
            f"{meta['sumber']['publikasi']} Tahun {meta['sumber']['tahun']} Nomor {meta['sumber']['nomor']}"
        )
        assert printed.upper() in " ".join(source.split()).upper(), printed


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_each_regulation_and_the_sources_page_name_the_gazette_and_link_the_official_portals(site, prefix):
    """The portals are linked at their front pages: no stored copy of them showed the two regulations'
    own pages, and a guessed address would break silently."""
    sources = (site / prefix / "sumber" / "index.html").read_text(encoding="utf-8")
    for regulation in CONTENT.regulations.values():
        page = (site / prefix / "peraturan" / regulation.id / "index.html").read_text(encoding="utf-8")
        number = regulation.metadata["sumber"]["nomor"]
        for html in (page, sources):
            assert re.search(
                rf"Berita Negara Republik Indonesia (?:\(State Gazette\) )?\S* ?{regulation.year},? "
                rf"(?:Nomor|Number) {number}\b",
                html,
            ), regulation.id
            for portal in OFFICIAL_PORTALS:
                assert f'href="{portal}"' in html, (regulation.id, portal)


def test_the_pages_are_generated_once_per_build_and_the_content_loaded_once(tmp_path, monkeypatch):
    """mkdocs-static-i18n runs the English build inside the Indonesian one: the pages of both languages
    are generated when the outermost build starts, not again inside it; the navigation and the pages
    read one loading of the content; the next build (`mkdocs serve`) generates them again."""
    from types import SimpleNamespace

    from docs_plugins.generate import plugin as module

    generated, loaded = [], []
    monkeypatch.setattr(module, "generate", lambda docs_dir, content, rules: generated.append(docs_dir) or 0)
    monkeypatch.setattr(module, "write_compiled", lambda rules: False)
    monkeypatch.setattr(module, "load_content", lambda root: loaded.append(root) or CONTENT)
    plugin = module.GeneratePlugin()
    errors, _ = plugin.load_config({})
    assert not errors, errors
    config = SimpleNamespace(docs_dir=str(tmp_path), nav=None)
    plugin.on_config(config)
    for _ in range(2):  # two builds, each with its nested English build
        plugin.on_pre_build(config=config)
        plugin.on_pre_build(config=config)
        plugin.on_post_build(config=config)
        plugin.on_post_build(config=config)
    assert generated == [tmp_path, tmp_path]
    assert len(loaded) == 1 and config.nav
    # The build ends after mkdocs-static-i18n's on_post_build, inside which the English build runs.
    from mkdocs_static_i18n.plugin import I18n

    assert plugin.on_post_build.mkdocs_priority < I18n.on_post_build.mkdocs_priority


def test_mkdocs_serve_watches_the_sources_not_the_pages_the_build_writes(tmp_path):
    """Each page the build writes into docs_dir would set off a second build of the same pages."""
    from types import SimpleNamespace

    from docs_plugins.generate.plugin import GeneratePlugin

    plugin = GeneratePlugin()
    errors, _ = plugin.load_config({})
    assert not errors, errors
    unwatched = []
    server = SimpleNamespace(unwatch=unwatched.append)
    config = SimpleNamespace(docs_dir=str(tmp_path))
    assert plugin.on_serve(server, config=config, builder=lambda: None) is server
    assert unwatched == [str(tmp_path)]
