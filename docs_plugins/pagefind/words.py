"""The words search finds a page by: the text Pagefind indexes of an article, and the glossary's words
in both languages added to every page that names a term (one source: content/glossary.yml)."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError

# PyYAML's parser in C where it was built with libyaml (the same documents, read several times faster).
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)


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


class PlainCharacters:
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


def aliases(article_html: str, words: list[GlossaryTerm], plain: Callable[[str], bool] | None = None) -> str:
    """An empty element whose attribute Pagefind indexes (data-pagefind-index-attrs): the words in both
    languages of every glossary term the article's indexed text mentions, and the search-only words of
    the terms its title names (so "kemas" leads to the page about the rumah kemasan, not to every page
    that mentions one). Readers never see it. `plain`: the characters known plain (PlainCharacters),
    kept from page to page."""
    parser = IndexedText()
    parser.feed(article_html)
    parser.close()
    return aliases_of(parser, words, plain)


def aliases_of(
    read: IndexedText, words: list[GlossaryTerm], plain: Callable[[str], bool] | None = None
) -> str:
    """`aliases` of an article already read (a year's view of a page, years.py)."""
    plain = plain or PlainCharacters(words)
    title, text = _Searched(" ".join(read.title), plain), _Searched(" ".join(read.text), plain)
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
