"""The search's year index: what applies to each budget year, page by page and section by section.

Pagefind filters whole records, so a page carrying both years stays under either year whatever the
words matched. dak-pagefind therefore writes a second index, which the year filter searches (years.js):
each page of one year as it is, and each page covering both years once per year, as it reads for that
year alone. What applies to one year only, and is left out of the other year's view:

- an element marked `data-dak-year="2022"` (a year's section of the deadlines, the criteria, the
  reports; a year's item of a list), with everything inside it;
- a table cell in a column whose header cell reads the year alone (the activity pages' tables, the
  key facts, the changes): every year-by-year table of the handbook is laid out so;
- in a redline, deleted words (`<del>`) belong to the earlier year and inserted words (`<ins>`) to
  the later one.

Plain standard library: the pages are MkDocs' well-formed output, re-emitted tag by tag.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from docs_plugins.pagefind.words import VOID, IndexedText

YEAR_MARK = "data-dak-year"
YEAR_TEXT = re.compile(r"\d{4}")
# A header cell reading a year alone, as the survey recognises one (a quick look before it).
YEAR_HEADER = re.compile(r"<th[^>]*>\s*\d{4}\s*</th>")


def _marked_years(attrs: list[tuple[str, str | None]]) -> set[int] | None:
    for name, value in attrs:
        if name == YEAR_MARK:
            return {int(y) for y in (value or "").split() if y.isdigit()}
    return None


def _colspan(attrs: list[tuple[str, str | None]]) -> int:
    value = dict(attrs).get("colspan") or "1"
    return int(value) if value.isdigit() and int(value) > 0 else 1


@dataclass
class YearMarks:
    """What in an article applies to one year only: the years named, each table's year columns (in
    document order; column index -> year), whether it has a redline, and per year the first id of an
    element marked for that year or inside one (where a result for that year leads)."""

    years: set[int] = field(default_factory=set)
    columns: list[dict[int, int]] = field(default_factory=list)
    redline: bool = False
    anchors: dict[int, str] = field(default_factory=dict)

    @property
    def specific(self) -> bool:
        return bool(self.years) or self.redline


class _Survey(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.marks = YearMarks()
        self._stack: list[tuple[str, set[int] | None]] = []  # open elements, with their year mark
        self._header: dict[int, int] | None = None  # the year columns of the header row being read
        self._cell: tuple[int, list[str]] | None = None  # the header cell being read: column, text
        self._column = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        marked = _marked_years(attrs)
        if marked:
            self.marks.years |= marked
        if anchor := dict(attrs).get("id"):
            for year in marked or next((years for _, years in reversed(self._stack) if years), set()):
                self.marks.anchors.setdefault(year, anchor)
        if tag in ("ins", "del"):
            self.marks.redline = True
        elif tag == "table":
            self.marks.columns.append({})
        elif tag == "thead" and self.marks.columns:
            self._header = self.marks.columns[-1]
        elif tag == "tr":
            self._column = 0
        elif tag in ("th", "td"):
            if self._header is not None and tag == "th":
                self._cell = (self._column, [])
            self._column += _colspan(attrs)
        self._stack.append((tag, marked))

    def handle_endtag(self, tag: str) -> None:
        if tag == "th" and self._cell is not None and self._header is not None:
            column, text = self._cell
            if YEAR_TEXT.fullmatch(words := "".join(text).strip()):
                self._header[column] = int(words)
                self.marks.years.add(int(words))
            self._cell = None
        elif tag in ("thead", "tr"):
            self._header = None  # only the first header row names the columns
        while self._stack:
            if self._stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell[1].append(data)


def survey(article_html: str) -> YearMarks:
    """The year-specific content of an article (see the module's docstring)."""
    parser = _Survey()
    parser.feed(article_html)
    parser.close()
    return parser.marks


class _View(IndexedText):
    """Re-emits the HTML without what applies to another year than `year`, and reads the words Pagefind
    will index of what it keeps (IndexedText: `title`, `text`)."""

    def __init__(self, year: int, years: tuple[int, ...], columns: list[dict[int, int]]) -> None:
        super().__init__()
        self.convert_charrefs = False  # the text re-emitted as it was written
        self.out: list[str] = []
        self._year, self._first, self._last = year, min(years), max(years)
        self._columns = iter(columns)
        self._tables: list[tuple[dict[int, int], list[int]]] = []  # open tables: year columns, [column]
        self._open: list[tuple[str, bool]] = []  # open elements: (tag, dropped here)
        self._dropped = 0  # open elements dropped (their content with them)
        self._run: list[str] = []  # text since the last tag, read as one piece as IndexedText reads it

    def _flush(self) -> None:
        if self._run:
            super().handle_data("".join(self._run))
            self._run = []

    def close(self) -> None:
        super().close()
        self._flush()

    def _other_year(self, tag: str, attrs: list[tuple[str, str | None]]) -> bool:
        if ("data-pagefind-ignore", "all") in attrs:
            return True  # nothing of it is indexed: left out of the view, which is then shorter to read
        marked = _marked_years(attrs)
        if marked is not None and self._year not in marked:
            return True
        if tag == "del":
            return self._year != self._first
        if tag == "ins":
            return self._year != self._last
        if tag in ("th", "td") and self._tables:
            years, column = self._tables[-1]
            span = range(column[0], column[0] + _colspan(attrs))
            column[0] = span.stop
            named = [years.get(c) for c in span]
            return all(named) and self._year not in named
        return False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._flush()
        if tag == "table":
            self._tables.append((next(self._columns, {}), [0]))
        elif tag == "tr" and self._tables:
            self._tables[-1][1][0] = 0
        drop = self._other_year(tag, attrs)
        if tag in VOID:
            if not (drop or self._dropped):
                self.out.append(self.get_starttag_text() or "")
            return
        self._open.append((tag, drop))
        self._dropped += drop
        if not self._dropped:
            self.out.append(self.get_starttag_text() or "")
            super().handle_starttag(tag, attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._flush()
        if not (self._dropped or self._other_year(tag, attrs)):
            self.out.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        self._flush()
        match = next((i for i in range(len(self._open) - 1, -1, -1) if self._open[i][0] == tag), None)
        if match is None:  # a stray end tag: kept as it was
            if not self._dropped:
                self.out.append(f"</{tag}>")
            return
        shown = not any(dropped for _, dropped in self._open[: match + 1])
        for _, dropped in self._open[match:]:
            self._dropped -= dropped
        del self._open[match:]
        if tag == "table" and self._tables:
            self._tables.pop()
        if shown:
            self.out.append(f"</{tag}>")
            super().handle_endtag(tag)

    def _text(self, raw: str, text: str) -> None:
        if not self._dropped:
            self.out.append(raw)
            if text:
                self._run.append(text)

    def handle_data(self, data: str) -> None:
        self._text(data, html.unescape(data) if self.cdata_elem is None else "")

    def handle_entityref(self, name: str) -> None:
        self._text(f"&{name};", html.unescape(f"&{name};"))

    def handle_charref(self, name: str) -> None:
        self._text(f"&#{name};", html.unescape(f"&#{name};"))

    def handle_comment(self, data: str) -> None:
        self._text(f"<!--{data}-->", "")

    def handle_decl(self, decl: str) -> None:
        self._text(f"<!{decl}>", "")

    def handle_pi(self, data: str) -> None:
        self._text(f"<?{data}>", "")

    def unknown_decl(self, data: str) -> None:
        self._text(f"<![{data}]>", "")


@dataclass
class YearView:
    """An article as it reads for one year: its HTML, and the words Pagefind will index of it."""

    html: str
    read: IndexedText


def year_view(
    article_html: str, year: int, years: tuple[int, ...], marks: YearMarks | None = None
) -> YearView:
    """The article as it reads for `year` alone, of a page covering `years` (`marks`: its survey)."""
    marks = marks or survey(article_html)
    parser = _View(year, years, marks.columns)
    parser.feed(article_html)
    parser.close()
    return YearView("".join(parser.out), parser)
