"""Every provision beside its counterpart in the other year: its status (unchanged, changed, new in
2023, not in 2023) and the word-level redline, computed from the crosswalk and the texts.

A provision is marked where the crosswalk pairs it directly (an explicit pair, an activity or menu by
its catalog id, a field of a rincian); the units inside it without a pair of their own are part of its
words. So every word of a regulation belongs to exactly one marked provision, and a change is shown
once, at the provision that holds it. The status is computed from the Indonesian text (the
authoritative one); the redline is in the page's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from site_build.content.citation import cite
from site_build.content.crosswalk import Crosswalk
from site_build.content.loader import Content, Regulation, Unit
from site_build.render import redline

STATUSES = ("unchanged", "changed", "new", "removed")
# What a marker says, by the year of the page it stands in (Indonesian, English).
LABELS = {
    2022: {
        "unchanged": ("Sama pada 2023", "Unchanged in 2023"),
        "changed": ("Berubah pada 2023", "Changed in 2023"),
        "removed": ("Tidak ada pada 2023", "Not in 2023"),
    },
    2023: {
        "unchanged": ("Sama seperti 2022", "Unchanged from 2022"),
        "changed": ("Berubah dari 2022", "Changed from 2022"),
        "new": ("Baru pada 2023", "New in 2023"),
    },
}


@dataclass(frozen=True)
class Comparison:
    """One marked provision of `year` and its counterparts in the other year."""

    year: int
    eid: str
    status: str
    counterparts: tuple[str, ...]
    note: dict[str, str] | None

    def label(self, lang: str) -> str:
        return LABELS[self.year][self.status][0 if lang == "id" else 1]


def _own_text(unit: Unit, lang: str) -> list[str]:
    heading = unit.heading.paragraphs(lang) if unit.heading else []
    return [*heading, *(unit.text.paragraphs(lang) if unit.text else [])]


class Comparisons:
    """The marked provisions of both regulations, and the words each one holds."""

    def __init__(self, content: Content, crosswalk: Crosswalk | None = None) -> None:
        self.crosswalk = crosswalk or Crosswalk(content)
        self.regulations = {r.year: r for r in content.regulations.values()}
        # Each page of each language shows the same provisions' words, redlines and citations again
        # (a reading view's markers, the changes-only page): each is worked out once.
        self._words: dict[tuple[int, str, str], str] = {}
        self._redlines: dict[tuple[str, str], str] = {}  # by the words compared (a pair is marked twice)
        self._citations: dict[tuple[int, str], dict[str, str]] = {}
        self.by_year: dict[int, dict[str, Comparison]] = {}
        for year, regulation in self.regulations.items():
            marked: dict[str, tuple[tuple[str, ...], dict | None]] = {}
            for unit in regulation.walk():
                pair = self.crosswalk.direct(year, unit.eid)
                if pair is None or (not pair.exists and self._inside_unpaired(regulation, unit, marked)):
                    continue  # part of an ancestor's words (a new activity's fields are new with it)
                marked[unit.eid] = (pair.eids, pair.note)
            self.by_year[year] = {}
            for eid, (counterparts, note) in marked.items():
                self.by_year[year][eid] = Comparison(year, eid, "", counterparts, note)
        for year, marks in self.by_year.items():
            for eid, mark in marks.items():
                if not mark.counterparts:
                    status = "new" if year == 2023 else "removed"
                else:
                    old, new = self.pair_words(mark, "id")
                    status = "unchanged" if old.split() == new.split() else "changed"
                marks[eid] = Comparison(year, eid, status, mark.counterparts, mark.note)

    @staticmethod
    def _inside_unpaired(regulation: Regulation, unit: Unit, marked: dict) -> bool:
        parent = regulation.by_eid.get(unit.parent)
        while parent is not None:
            if parent.eid in marked:
                return not marked[parent.eid][0]
            parent = regulation.by_eid.get(parent.parent)
        return False

    def words(self, year: int, eid: str, lang: str) -> str:
        """The words a marked provision holds: its heading and text, then those of the units inside it
        that are not marked themselves (with their numbers), then its closing words."""
        key = (year, eid, lang)
        if key not in self._words:
            self._words[key] = self._collect_words(year, eid, lang)
        return self._words[key]

    def _collect_words(self, year: int, eid: str, lang: str) -> str:
        marks = self.by_year[year]

        def collect(unit: Unit, top: bool) -> list[str]:
            out = [] if top or not unit.num else [unit.num]
            out += _own_text(unit, lang)
            for child in unit.children:
                if child.eid not in marks:
                    out += collect(child, False)
            out += unit.wrap.paragraphs(lang) if unit.wrap else []
            return out

        return " ".join(collect(self.regulations[year].by_eid[eid], True))

    def pair_words(self, mark: Comparison, lang: str) -> tuple[str, str]:
        """(2022 words, 2023 words) of a provision and its counterparts."""
        other = 2023 if mark.year == 2022 else 2022
        mine = self.words(mark.year, mark.eid, lang)
        theirs = " ".join(self.words(other, eid, lang) for eid in mark.counterparts)
        return (mine, theirs) if mark.year == 2022 else (theirs, mine)

    def redline(self, mark: Comparison, lang: str) -> str:
        """The word-level redline of a changed provision, 2022 -> 2023, in `lang`."""
        words = self.pair_words(mark, lang)
        if words not in self._redlines:
            self._redlines[words] = redline(*words)
        return self._redlines[words]

    def _cite(self, year: int, eid: str) -> dict[str, str]:
        if (year, eid) not in self._citations:
            regulation = self.regulations[year]
            self._citations[(year, eid)] = cite(regulation, regulation.by_eid[eid])
        return self._citations[(year, eid)]

    def counts(self) -> dict[int, dict[str, int]]:
        return {
            year: {s: sum(1 for m in marks.values() if m.status == s) for s in STATUSES}
            for year, marks in self.by_year.items()
        }

    def marker(self, year: int, eid: str, lang: str, other_href: str) -> str:
        """The marker beside a provision: a <details> (opens without JavaScript) with the status, the
        counterpart's citation linked to its anchor in the other year's reading view, the crosswalk's
        note, and the redline of the words that differ."""
        mark = self.by_year[year].get(eid)
        if mark is None:
            return ""
        other = 2023 if year == 2022 else 2022
        links = ", ".join(
            f'<a href="{other_href}#{c}">{escape(self._cite(other, c)[lang])}</a>' for c in mark.counterparts
        )
        body = []
        if links:
            body.append(f"<p>{'Padanannya' if lang == 'id' else 'Its counterpart'}: {links}</p>")
        if mark.note:
            body.append(f'<p class="dak-vs-note">{escape(mark.note[lang])}</p>')
        if mark.status == "changed":
            legend = "Perubahan kata demi kata, 2022 → 2023" if lang == "id" else "Word by word, 2022 → 2023"
            body.append(f'<p class="dak-vs-legend">{legend}:</p>')
            body.append(f'<p class="dak-redline dak-vs-diff">{self.redline(mark, lang)}</p>')
        elif mark.status == "unchanged":
            body.append(f"<p>{'Teksnya sama.' if lang == 'id' else 'The text is the same.'}</p>")
        # Not indexed: a marker repeats the other year's words, which search finds on their own page.
        attributes = f'data-status="{mark.status}" data-eid="{eid}" data-pagefind-ignore="all"'
        return (
            f'<details class="dak-vs dak-vs-{mark.status}" {attributes}>'
            f"<summary>{mark.label(lang)}</summary>{''.join(body)}</details>"
        )

    def changes(self, year: int, lang: str, href: str) -> list[dict[str, str]]:
        """The provisions of `year` that differ from the other year, in reading order, each with its
        citation, its link in the reading view (`href`) and its redline (or its words, when new)."""
        regulation = self.regulations[year]
        out = []
        for unit in regulation.walk():
            mark = self.by_year[year].get(unit.eid)
            if mark is None or mark.status == "unchanged":
                continue
            if mark.status == "changed":
                diff = self.redline(mark, lang)
            else:
                diff = escape(self.words(year, unit.eid, lang))
            out.append(
                {
                    "eid": unit.eid,
                    "status": mark.status,
                    "label": mark.label(lang),
                    "citation": self._cite(year, unit.eid)["short" if lang == "id" else "en"],
                    "href": f"{href}#{unit.eid}",
                    "note": escape(mark.note[lang]) if mark.note else "",
                    "diff": diff,
                }
            )
        return out
