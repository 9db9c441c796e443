"""MkDocs plugin `dak-pagefind`: full-text search that understands Indonesian, with Pagefind.

Every page's article is marked as the text to index (`data-pagefind-body`), and the reading views and
activity pages carry a year filter. Once the whole site is built, both languages, the Pagefind binary
indexes it: Pagefind reads each page's `<html lang>`, keeps one index per language and stems the words
of each with that language's stemmer (Indonesian: pelatihan, melatih -> latih; pendampingan,
pendamping, dampingi -> damping). In the browser, Pagefind loads the index of the page's own language,
so a reader of /en/ finds English pages only. The search box itself is the theme override in
overrides/ (main.html, partials/search.html).
"""

from __future__ import annotations

import html
import logging
import re
import shutil
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.pages import Page

from docs_plugins.nesting import BuildNesting
from docs_plugins.pagefind.config import PagefindConfig
from site_build.content.loader import CONTENT_DIR

log = logging.getLogger("mkdocs.plugins.dak-pagefind")

ARTICLE = re.compile(r'<article class="md-content__inner md-typeset"')
HTML_LANG = re.compile(r'<html lang="([^"]+)"')
# PyYAML's parser in C where it was built with libyaml (the same documents, read several times faster).
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# The language suffix of mkdocs-static-i18n's file names: name.en.md, name.pt_BR.md.
LOCALE_SUFFIX = re.compile(r"\.[a-z]{2,3}(?:[_-][A-Za-z]{2,4})?")


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


@dataclass(frozen=True)
class GlossaryTerm:
    """A glossary term as search finds it: `pattern` finds any of its `words` (lower case) as a whole
    word in either case; `all_words` and `search_words` are what a page mentioning it is indexed by."""

    pattern: re.Pattern[str]
    words: tuple[str, ...]
    all_words: str
    search_words: str


def glossary_words(content_dir: Path) -> list[GlossaryTerm]:
    """Per glossary term, a pattern finding it in a page's text in either language (its printed forms,
    its expansions, the English words the translation uses), all those words together, and the other
    words readers search it by (`search`: a root the stemmer does not reach). A page that mentions a
    term is then found by any of them: the Indonesian legal term on the English site, the English word
    on the Indonesian site, an abbreviation by its expansion (TKDN, tingkat komponen dalam negeri). The
    glossary is their one source."""
    try:
        glossary = yaml.load((content_dir / "glossary.yml").read_text(encoding="utf-8"), Loader=SafeLoader)
    except (OSError, yaml.YAMLError) as error:
        raise PluginError(f"dak-pagefind: content_dir: cannot read glossary.yml: {error!r}") from None
    out = []
    for term in glossary.get("terms") or []:
        words = [term["term"], *term.get("forms", []), *term.get("english", [])]
        words += list((term.get("expansion") or {}).values())
        # Longest first (the pattern tries them in this order), equal lengths alphabetically: the page
        # lists them in the same order in every build, so its search fragment keeps its name.
        unique = sorted({w.lower() for w in words if w}, key=lambda w: (-len(w), w))
        pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, unique)) + r")(?![\w-])", re.I)
        out.append(GlossaryTerm(pattern, tuple(unique), " ".join(unique), " ".join(term.get("search", []))))
    return out


class _Searched:
    """A text searched for every glossary term. A hundred terms' patterns run over the whole text (a
    reading view's is a megabyte) take seconds per build; instead each word of a term is looked up in
    the lower-cased text, and the term's pattern is tried only where a word occurs (alone, or inside a
    longer word, which the pattern refuses). That finds exactly what the pattern finds when every
    character of the text lowers to one character and matches a letter of the words, ignoring case,
    only as its lower case does (not so: the Kelvin sign, which matches k; dotless ı, which matches
    i): in a text with such a character the pattern is run over the whole of it."""

    def __init__(self, text: str, plain: Callable[[str], bool]) -> None:
        self.text = text
        self.lowered = text.lower() if all(plain(c) for c in set(text)) else None

    def mentions(self, term: GlossaryTerm) -> bool:
        if self.lowered is None:
            return term.pattern.search(self.text) is not None
        for word in term.words:
            at = self.lowered.find(word)
            while at >= 0:
                if term.pattern.match(self.text, at):  # its look-behind sees the text before `at`
                    return True
                at = self.lowered.find(word, at + 1)
        return False


class _PlainCharacters:
    """Whether a character lowers to one character and matches a letter of the glossary's words,
    ignoring case, exactly when its lower case is that letter (asked once per character and build)."""

    def __init__(self, terms: list[GlossaryTerm]) -> None:
        self.letters = {c for term in terms for word in term.words for c in word}
        self.known: dict[str, bool] = {}

    def __call__(self, char: str) -> bool:
        plain = self.known.get(char)
        if plain is None:
            lower = char.lower()
            plain = len(lower) == 1 and all(
                (re.fullmatch(re.escape(letter), char, re.I) is not None) == (lower == letter)
                for letter in self.letters
            )
            self.known[char] = plain
        return plain


class _IndexedText(HTMLParser):
    """The words of an article that Pagefind indexes: not those inside data-pagefind-ignore; the
    heading's words apart."""

    VOID = frozenset(
        {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.title: list[str] = []
        self._stack: list[tuple[str, bool]] = []  # open elements: (tag, ignored from here down)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        ignored = bool(self._stack and self._stack[-1][1]) or any(
            k == "data-pagefind-ignore" for k, _ in attrs
        )
        self._stack.append((tag, ignored))

    def handle_endtag(self, tag: str) -> None:
        while self._stack:
            if self._stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._stack and self._stack[-1][1]:
            return
        (self.title if any(t == "h1" for t, _ in self._stack) else self.text).append(data)


def aliases(article_html: str, words: list[GlossaryTerm], plain: Callable[[str], bool] | None = None) -> str:
    """An empty element whose attribute Pagefind indexes (data-pagefind-index-attrs): the words in both
    languages of every glossary term the article's indexed text mentions, and the search-only words of
    the terms its title names (so "kemas" leads to the page about the rumah kemasan, not to every page
    that mentions one). Readers never see it. `plain`: the characters known plain (_PlainCharacters),
    kept from page to page."""
    parser = _IndexedText()
    parser.feed(article_html)
    plain = plain or _PlainCharacters(words)
    title, text = _Searched(" ".join(parser.title), plain), _Searched(" ".join(parser.text), plain)
    found = []
    for term in words:
        if title.mentions(term):
            found += [term.all_words, term.search_words]
        elif text.mentions(term):
            found.append(term.all_words)
    value = html.escape(" ".join(w for w in found if w), quote=True)
    if not value:
        return ""
    return f'<span data-pagefind-index-attrs="data-dak-also" data-dak-also="{value}"></span>'


class PagefindPlugin(BasePlugin[PagefindConfig]):
    def __init__(self) -> None:
        self._builds = BuildNesting()
        self._years: dict[str, tuple[int, ...]] = {}
        self._words: list[GlossaryTerm] = []
        self._plain = _PlainCharacters([])

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
            self._plain = _PlainCharacters(self._words)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        """Mark the article as the text to index and give the page its year filter."""
        if not self.config.enabled:
            return output
        article = ARTICLE.search(output)
        if article is None:
            log.warning(f"dak-pagefind: {page.file.src_uri}: no Material article; the page is not indexed")
            return output
        lang_match = HTML_LANG.search(output)
        lang = lang_match.group(1) if lang_match else ""
        years = self._years.get(self._page_key(page))
        marks = ""
        if years:
            if lang not in self.config.year_filter:
                raise PluginError(
                    f"dak-pagefind: year_filter: no filter name for the page language {lang!r} of "
                    f"{page.file.src_uri} (named: {', '.join(self.config.year_filter)})"
                )
            name = self.config.year_filter[lang]
            # Empty elements: Pagefind takes the value after the colon; readers see nothing.
            marks = "".join(f'<span data-pagefind-filter="{name}:{year}"></span>' for year in years)
        start, end = article.end(), output.index(">", article.end()) + 1  # the rest of the tag, its end
        marks += aliases(output[end : output.find("</article>", end)], self._words, self._plain)
        return f"{output[:start]} data-pagefind-body{output[start:end]}{marks}{output[end:]}"

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
        command = [
            str(self._binary()),
            "--site",
            str(site_dir),
            "--output-subdir",
            self.config.output_subdir,
        ]
        if self.config.exclude_selectors:
            command += ["--exclude-selectors", ", ".join(self.config.exclude_selectors)]
        start = time.monotonic()
        try:
            result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=600)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise PluginError(f"dak-pagefind: binary: cannot run {command[0]}: {error}") from None
        for line in result.stdout.splitlines():
            log.debug(f"pagefind: {line}")
        if result.returncode != 0:
            raise PluginError(
                f"dak-pagefind: pagefind failed (exit {result.returncode}):\n{result.stdout}{result.stderr}"
            )
        pages = re.search(r"Indexed (\d+) pages", result.stdout)
        languages = re.search(r"Discovered \d+ languages?: (.*)", result.stdout)
        size = sum(p.stat().st_size for p in output.rglob("*") if p.is_file())
        log.info(
            f"dak-pagefind: indexed {pages.group(1) if pages else '?'} pages "
            f"({languages.group(1) if languages else '?'}) in {time.monotonic() - start:.2f} s; "
            f"{self.config.output_subdir}/ holds {size / 1024:.0f} KiB"
        )

    def on_build_error(self, *, error: Exception) -> None:
        self._builds.reset()
