"""MkDocs plugin `dak-pagefind`: full-text search that understands Indonesian, with Pagefind.

Every page's article is marked as the text to index (`data-pagefind-body`), with the years it covers
as the year filter's values, and the glossary's words for the terms it names (words.py). Once the whole
site is built, both languages, Pagefind indexes it: it reads each page's `<html lang>`, keeps one index
per language and stems the words of each with that language's stemmer (Indonesian: pelatihan, melatih
-> latih; pendampingan, pendamping, dampingi -> damping). Beside it, the year index that the year filter
searches: each page of one year, and each page covering both years once per year (years.py, years.js).
In the browser, Pagefind loads the index of the page's own language, so a reader of /en/ finds English
pages only. The search box itself is the theme override in overrides/ (main.html, partials/search.html).
"""

from __future__ import annotations

import html
import json
import logging
import re
import shutil
import time
from pathlib import Path, PurePosixPath

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.pages import Page

from docs_plugins.nesting import BuildNesting
from docs_plugins.pagefind.config import PagefindConfig
from docs_plugins.pagefind.service import PagefindError, PagefindService
from docs_plugins.pagefind.words import (
    GlossaryTerm,
    PlainCharacters,
    SafeLoader,
    aliases,
    aliases_of,
    glossary_words,
)
from docs_plugins.pagefind.years import YEAR_HEADER, YEAR_MARK, YearMarks, survey, year_view
from site_build.content.loader import CONTENT_DIR

log = logging.getLogger("mkdocs.plugins.dak-pagefind")

ARTICLE = re.compile(r'<article class="md-content__inner md-typeset"')
HTML_LANG = re.compile(r'<html lang="([^"]+)"')
# The language suffix of mkdocs-static-i18n's file names: name.en.md, name.pt_BR.md.
LOCALE_SUFFIX = re.compile(r"\.[a-z]{2,3}(?:[_-][A-Za-z]{2,4})?")
# On the article of a page covering several years with year-specific content: the years it is indexed
# apart for in the year index (years.py).
VIEWS_ATTR = "data-dak-year-views"
# The year index, searched when a year is ticked: each page of one year as it is, each page covering
# several years once per year (years.py). In a folder of the bundle, beside years.js, which Pagefind's
# Default UI loads from there as its `pagefind.js` (overrides/partials/search.html).
YEARS_SUBDIR = "years"
YEARS_JS = Path(__file__).with_name("years.js")
# What the year index leaves out of what Pagefind makes: the UIs, which the bundle has once, and the
# stemmer of pages of no known language. Its search module is replaced by years.js.
YEARS_DROPPED = (
    "pagefind-ui.",
    "pagefind-component-ui.",
    "pagefind-modular-ui.",
    "pagefind-highlight.",
    "wasm.unknown.",
)
# An anchor given to a year that has no section of its own on a page (an activity's columns): a result
# for that year leads there, at the top of the article. Pagefind keeps one record per URL.
YEAR_ANCHOR = "dak-tahun-"


def page_years(content_dir: Path) -> dict[str, tuple[int, ...]]:
    """The budget years a page belongs to, by page path (`peraturan/permenperin-7-2023`): a regulation's
    reading view to its own year, an activity's page to every year whose Lampiran has the activity (both
    years, but for the activities that are new in 2023). Other pages belong to no year.

    Read from the YAML itself rather than through the content loader: dak-generate has already loaded
    and checked the content in this build, and the loader takes seconds.
    """
    years: dict[str, tuple[int, ...]] = {}
    try:
        for metadata in sorted(content_dir.glob("*/metadata.yml")):
            year = yaml.load(metadata.read_text(encoding="utf-8"), Loader=SafeLoader)["tahun"]
            years[f"peraturan/{metadata.parent.name}"] = (int(year),)
        catalog = yaml.load((content_dir / "catalog.yml").read_text(encoding="utf-8"), Loader=SafeLoader)
        for activity in catalog["activities"]:
            years[f"kegiatan/{activity['id']}"] = tuple(sorted(int(y) for y in activity["number"]))
    except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError) as error:
        raise PluginError(
            f"dak-pagefind: content_dir: cannot read the pages' years from {content_dir}: {error!r}"
        ) from None
    if not years:
        raise PluginError(f"dak-pagefind: content_dir: no */metadata.yml in {content_dir}")
    return years


def year_marks(name: str, years: tuple[int, ...]) -> str:
    """Empty elements giving the page its years under the year filter's `name` (Pagefind takes the
    value after the colon; readers see nothing)."""
    return "".join(f'<span data-pagefind-filter="{name}:{year}"></span>' for year in years)


class PagefindPlugin(BasePlugin[PagefindConfig]):
    def __init__(self) -> None:
        self._builds = BuildNesting()
        self._years: dict[str, tuple[int, ...]] = {}
        self._words: list[GlossaryTerm] = []
        self._plain = PlainCharacters([])
        self._site_dir = Path()  # the outermost build's, which every language is written into
        self._by_year: list[tuple[str, str | Path]] = []  # the year index: (URL, document or its file)

    def on_config(self, config: MkDocsConfig) -> None:
        subdir = PurePosixPath(self.config.output_subdir)
        if not self.config.output_subdir or subdir.is_absolute() or ".." in subdir.parts:
            raise PluginError(
                f"dak-pagefind: output_subdir: must be a folder inside site_dir such as 'pagefind', "
                f"got {self.config.output_subdir!r}"
            )
        if self.config.enabled:
            self._binary()  # fail at start-up, not after the whole build

    def _binary(self) -> Path:
        if self.config.binary:
            return Path(self.config.binary)
        try:
            from pagefind_bin import get_executable
        except ImportError:
            raise PluginError(
                "dak-pagefind: binary: no pagefind executable; install `pagefind[bin]` "
                "(dev/bootstrap.sh does) or set `binary` to one"
            ) from None
        return get_executable()

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self._builds.enter() and self.config.enabled:
            content_dir = Path(self.config.content_dir) if self.config.content_dir else CONTENT_DIR
            self._years = page_years(content_dir)
            self._words = glossary_words(content_dir)
            self._plain = PlainCharacters(self._words)
            self._site_dir = Path(config.site_dir)
            self._by_year = []

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        """Mark the article as the text to index and give the page its years: the years its content
        gives it (a regulation's, an activity's), or else those its year-specific content names (the
        deadlines, the criteria, the reports, the year-by-year tables). A page of one year goes into the
        year index as it is; a page covering several years with year-specific content, once per year."""
        if not self.config.enabled:
            return output
        article = ARTICLE.search(output)
        if article is None:
            log.warning(f"dak-pagefind: {page.file.src_uri}: no Material article; the page is not indexed")
            return output
        lang_match = HTML_LANG.search(output)
        lang = lang_match.group(1) if lang_match else ""
        start, end = article.end(), output.index(">", article.end()) + 1  # the rest of the tag, its end
        body = output[end : output.find("</article>", end)]
        declared = self._years.get(self._page_key(page), ())
        # Only a page that may cover several years is read for its year-specific content.
        maybe = len(declared) != 1 and (YEAR_MARK in body or YEAR_HEADER.search(body) is not None)
        found = survey(body) if maybe else YearMarks()
        years = declared or tuple(sorted(found.years))
        name = self._year_filter(lang, page) if years else ""
        marks = year_marks(name, years)
        attributes = " data-pagefind-body"
        url = self._url(page, config)
        if len(years) > 1 and found.specific:
            attributes += f' {VIEWS_ATTR}="{" ".join(map(str, years))}"'
            marks += "".join(
                f'<span id="{YEAR_ANCHOR}{year}" {YEAR_MARK}="{year}"></span>'
                for year in years
                if year not in found.anchors
            )
            for year in years:
                view = year_view(body, year, years, found)
                anchor = found.anchors.get(year, f"{YEAR_ANCHOR}{year}")
                document = (
                    f'<!DOCTYPE html><html lang="{html.escape(lang)}"><head><meta charset="utf-8"></head>'
                    f'<body><article class="md-content__inner md-typeset" data-pagefind-body>'
                    f"{year_marks(name, (year,))}{aliases_of(view.read, self._words, self._plain)}{view.html}"
                    f"</article></body></html>"
                )
                self._by_year.append((f"{url}#{anchor}", document))
        elif years:
            self._by_year.append((url, Path(config.site_dir) / page.file.dest_uri))
        marks += aliases(body, self._words, self._plain)
        return f"{output[:start]}{attributes}{output[start:end]}{marks}{output[end:]}"

    def _url(self, page: Page, config: MkDocsConfig) -> str:
        """The page's URL from the site's root, as Pagefind gives it (`/en/kegiatan/promosi-ekspor/`):
        mkdocs-static-i18n builds each other language into a folder of the site."""
        try:
            language = Path(config.site_dir).resolve().relative_to(self._site_dir.resolve()).as_posix()
        except ValueError:
            language = "."
        return "/" + ("" if language == "." else f"{language}/") + page.url

    def _year_filter(self, lang: str, page: Page | str) -> str:
        if lang not in self.config.year_filter:
            where = page if isinstance(page, str) else page.file.src_uri
            raise PluginError(
                f"dak-pagefind: year_filter: no filter name for the page language {lang!r} of "
                f"{where} (named: {', '.join(self.config.year_filter)})"
            )
        return self.config.year_filter[lang]

    def _page_key(self, page: Page) -> str:
        """`kegiatan/promosi-ekspor.en.md` -> `kegiatan/promosi-ekspor` (mkdocs-static-i18n's suffixes)."""
        path = PurePosixPath(page.file.src_uri).with_suffix("")
        if LOCALE_SUFFIX.fullmatch(path.suffix):
            path = path.with_suffix("")
        return path.as_posix()

    # mkdocs-static-i18n builds the other languages from its own on_post_build (priority -100), into
    # site_dir/en, inside the first build. Indexing must wait until the last language is written, and
    # happen once: this hook runs after the i18n plugin's (lower priority) and only when the outermost
    # build ends. Done here rather than in site_build/site.py so that `mkdocs build` and `mkdocs serve`
    # (which rebuilds into its own folder) get the same search.
    @event_priority(-200)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self._builds.leave() or not self.config.enabled:
            return
        site_dir = Path(config.site_dir)
        output = site_dir / self.config.output_subdir
        shutil.rmtree(output, ignore_errors=True)  # no fragments of an earlier index left behind
        start = time.monotonic()
        index_config = {"exclude_selectors": list(self.config.exclude_selectors)}
        try:
            with PagefindService(self._binary()) as service:
                pages = service.new_index(index_config)
                service.add_directory(pages, site_dir)
                service.write(pages, output)
                years = service.new_index(index_config)
                for url, record in self._by_year:
                    document = record.read_text(encoding="utf-8") if isinstance(record, Path) else record
                    service.add_html(years, document, url)
                service.write(years, output / YEARS_SUBDIR, leave_out=YEARS_DROPPED)
        except (OSError, ValueError, PagefindError) as error:
            raise PluginError(f"dak-pagefind: pagefind failed: {error}") from None
        shutil.copyfile(YEARS_JS, output / YEARS_SUBDIR / "pagefind.js")
        counts = {name: self._page_counts(output / name) for name in ("", YEARS_SUBDIR)}
        size = sum(p.stat().st_size for p in output.rglob("*") if p.is_file())
        log.info(
            f"dak-pagefind: indexed {sum(counts[''].values())} pages "
            f"({', '.join(f'{lang} {n}' for lang, n in sorted(counts[''].items()))}) and "
            f"{sum(counts[YEARS_SUBDIR].values())} pages and year views in the year index in "
            f"{time.monotonic() - start:.2f} s; {self.config.output_subdir}/ holds {size / 1024:.0f} KiB"
        )

    @staticmethod
    def _page_counts(bundle: Path) -> dict[str, int]:
        try:
            entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
            return {lang: index["page_count"] for lang, index in entry["languages"].items()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
            raise PluginError(f"dak-pagefind: no usable pagefind-entry.json in {bundle}: {error!r}") from None

    def on_build_error(self, *, error: Exception) -> None:
        self._builds.reset()
