"""The words search finds a page by: the text Pagefind indexes of an article, and the glossary's words
in both languages added to every page that names a term (one source: content/glossary.yml)."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError

VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)


@dataclass(frozen=True)
class GlossaryTerm:
    """A glossary term as search finds it: its words in both languages (lower case), a pattern finding
    any of them in a text, and the other words readers search it by."""

    forms: tuple[str, ...]
    pattern: re.Pattern[str]
    search: str

    def named_in(self, text: str, lowered: str) -> bool:
        """Whether `text` (`lowered`: the same in lower case) names the term. A plain look first: most
        terms are on few pages, and the pattern is slow to run over a long page."""
        return any(form in lowered for form in self.forms) and self.pattern.search(text) is not None


def glossary_words(content_dir: Path) -> list[GlossaryTerm]:
    """Per glossary term, its printed forms, its expansions and the English words the translation uses,
    and the other words readers search it by (`search`: a root the stemmer does not reach). A page that
    mentions a term is then found by any of them: the Indonesian legal term on the English site, the
    English word on the Indonesian site, an abbreviation by its expansion (TKDN, tingkat komponen dalam
    negeri). The glossary is their one source."""
    try:
        glossary = yaml.safe_load((content_dir / "glossary.yml").read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise PluginError(f"dak-pagefind: content_dir: cannot read glossary.yml: {error!r}") from None
    out = []
    for term in glossary.get("terms") or []:
        words = [term["term"], *term.get("forms", []), *term.get("english", [])]
        words += list((term.get("expansion") or {}).values())
        unique = sorted({w.lower() for w in words if w}, key=len, reverse=True)
        pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, unique)) + r")(?![\w-])", re.I)
        out.append(GlossaryTerm(tuple(unique), pattern, " ".join(term.get("search", []))))
    return out


class IndexedText(HTMLParser):
    """The words of an article that Pagefind indexes: not those inside data-pagefind-ignore; the
    heading's words apart."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.title: list[str] = []
        self._stack: list[tuple[str, bool]] = []  # open elements: (tag, ignored from here down)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
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


def aliases(article_html: str, words: list[GlossaryTerm]) -> str:
    """An empty element whose attribute Pagefind indexes (data-pagefind-index-attrs): the words in both
    languages of every glossary term the article's indexed text mentions, and the search-only words of
    the terms its title names (so "kemas" leads to the page about the rumah kemasan, not to every page
    that mentions one). Readers never see it."""
    parser = IndexedText()
    parser.feed(article_html)
    parser.close()
    return aliases_of(parser, words)


def aliases_of(read: IndexedText, words: list[GlossaryTerm]) -> str:
    """`aliases` of an article already read."""
    title, text = " ".join(read.title), " ".join(read.text)
    lowered_title, lowered_text = title.lower(), text.lower()
    found = []
    for term in words:
        if term.named_in(title, lowered_title):
            found += [" ".join(term.forms), term.search]
        elif term.named_in(text, lowered_text):
            found.append(" ".join(term.forms))
    value = html.escape(" ".join(w for w in found if w), quote=True)
    if not value:
        return ""
    return f'<span data-pagefind-index-attrs="data-dak-also" data-dak-also="{value}"></span>'
