"""Find the units of a regulation in its source text.

Traceability is the handbook's promise that no unit is invented: every Indonesian text of a unit
occurs in the official source (for 2022, in the OCR once the recorded corrections are reversed).
Both sides are normalised the same way first, so that layout (line breaks, list markers, Markdown
or HTML artefacts, spacing around brackets and slashes) never decides a match.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

_HTML_TAG = re.compile(r"<[^>]+>")
_LIST_MARKER = re.compile(r"^[ \t]*(?:[-•][ \t]+|--[ \t]*$)", re.MULTILINE)
_PAGE_NUMBER = re.compile(r"^[ \t]*-[ \t]*\d+[ \t]*-[ \t]*$", re.MULTILINE)
_SPACE = re.compile(r"\s+")
_SPACE_AFTER = re.compile(r"([(/]) ")
_SPACE_BEFORE = re.compile(r" ([)/;,.:])")


def normalize_source(raw: str) -> str:
    """Normalise a whole source file: drop layout artefacts, then normalise as text."""
    text = _HTML_TAG.sub(" ", raw)
    text = _PAGE_NUMBER.sub(" ", text)
    text = _LIST_MARKER.sub(" ", text)
    text = text.replace("*", "")
    return normalize_text(text)


def normalize_text(text: str) -> str:
    """Normalise a piece of text: one space for any whitespace, none inside brackets or around slashes."""
    text = _SPACE.sub(" ", text).strip()
    text = _SPACE_AFTER.sub(r"\1", text)
    return _SPACE_BEFORE.sub(r"\1", text)


@dataclass(frozen=True)
class Correction:
    """One repair of the 2022 OCR, as recorded next to the unit it was made in."""

    part: str
    kind: str
    original: str = ""
    corrected: str = ""
    after: str = ""
    occurrence: int = 1


def reverse_corrections(text: str, corrections: Iterable[Correction]) -> list[str]:
    """Undo the recorded corrections of one part of a unit: the pieces the OCR should contain.

    OCR repairs are undone one by one (each replaces the n-th occurrence of the corrected string);
    reading-order splits then cut the text into the pieces that the OCR prints apart.
    """
    splits: list[str] = []
    for correction in corrections:
        if correction.kind == "split":
            splits.append(correction.after)
            continue
        start = _nth(text, correction.corrected, correction.occurrence)
        if start < 0:
            raise ValueError(f"corrected text {correction.corrected!r} not found in the unit")
        text = text[:start] + correction.original + text[start + len(correction.corrected) :]
    pieces = [text]
    for after in splits:
        last = pieces.pop()
        cut = last.find(after)
        if cut < 0:
            raise ValueError(f"split point {after!r} not found in the unit")
        cut += len(after)
        pieces += [last[:cut], last[cut:]]
    return [piece for piece in pieces if piece.strip()]


def _nth(text: str, needle: str, occurrence: int) -> int:
    start = -1
    for _ in range(occurrence):
        start = text.find(needle, start + 1)
        if start < 0:
            return -1
    return start


@dataclass
class Coverage:
    """Which words of a normalised source are covered by located units."""

    source: str
    covered: bytearray

    @classmethod
    def of(cls, source: str) -> Coverage:
        return cls(source, bytearray(len(source)))

    def locate(self, piece: str, *, start: int = 0, near: int | None = None) -> int:
        """Find a piece not yet claimed by another unit, and mark it covered.

        With `start`, the first unclaimed occurrence at or after it wins (reading order); with
        `near`, the unclaimed occurrence closest to that position (the OCR is scrambled only
        locally, so a repeated phrase belongs to the copy beside the unit's other pieces).
        """
        if not piece:
            return -1
        occurrences = []
        at = self.source.find(piece)
        while at >= 0:
            if not any(self.covered[at : at + len(piece)]):
                occurrences.append(at)
            at = self.source.find(piece, at + 1)
        if not occurrences:
            best = self.source.find(piece)
            return best  # already claimed (a repeated unit) or absent: nothing new to mark
        if near is not None:
            best = min(occurrences, key=lambda position: abs(position - near))
        else:
            best = next((o for o in occurrences if o >= start), occurrences[0])
        self.covered[best : best + len(piece)] = b"\x01" * len(piece)
        return best

    def mark_near(self, piece: str, before: int, window: int = 12) -> None:
        """Mark a short piece (a printed number) that stands just before a located text."""
        lo = max(0, before - window - len(piece))
        at = self.source.rfind(piece, lo, before)
        if at >= 0:
            self.covered[at : at + len(piece)] = b"\x01" * len(piece)

    def word_ratio(self) -> tuple[int, int]:
        """(covered words, all words): a word counts when every character of it is covered."""
        covered = total = 0
        for match in re.finditer(r"\S+", self.source):
            total += 1
            if all(self.covered[match.start() : match.end()]):
                covered += 1
        return covered, total

    def gaps(self, min_words: int = 1) -> list[str]:
        """Uncovered runs of words, for a reader to see what no unit holds."""
        runs: list[str] = []
        current: list[str] = []
        for match in re.finditer(r"\S+", self.source):
            if all(self.covered[match.start() : match.end()]):
                if len(current) >= min_words:
                    runs.append(" ".join(current))
                current = []
            else:
                current.append(match.group())
        if len(current) >= min_words:
            runs.append(" ".join(current))
        return runs


PARTS = ("num", "heading", "text", "wrap")


def unit_pieces(unit: Mapping, part: str) -> list[str]:
    """The Indonesian pieces of one part of a unit as the source prints them (corrections reversed)."""
    value = unit.get(part)
    if value is None:
        return []
    raw = value if part == "num" else value.get("id", "")
    corrections = [
        Correction(
            part=c.get("part", ""),
            kind=c.get("kind", ""),
            original=c.get("original", ""),
            corrected=c.get("corrected", ""),
            after=c.get("after", ""),
            occurrence=int(c.get("occurrence", 1)),
        )
        for c in unit.get("corrections", [])
        if c.get("part") == part
    ]
    pieces: list[str] = []
    paragraphs = [raw] if part == "num" else re.split(r"\n\s*\n", raw)
    if not corrections:
        return [normalize_text(p) for p in paragraphs if p.strip()]
    # Corrections address the part as a whole; its paragraphs are cut apart again afterwards.
    marker = "\x00"
    for piece in reverse_corrections(marker.join(paragraphs), corrections):
        pieces += [normalize_text(p) for p in piece.split(marker) if p.strip()]
    return pieces


@dataclass
class TraceReport:
    """The outcome of finding a regulation's units in its source."""

    problems: list[str]
    coverage: Coverage


def trace_units(units: Iterable[tuple[str, Mapping]], raw_source: str, *, ordered: bool) -> TraceReport:
    """Locate every unit part in the source; `ordered` sources must hold them in reading order.

    `units` are (eId, raw unit mapping) in reading order (a depth-first walk). A unit's `wrap` is
    printed after its children, so it is looked for when the walk leaves the unit. A clean source
    (2023) is searched forward from the previous piece, which also proves the reading order; the
    2022 OCR prints units out of order, so each piece is searched near the previous one.
    """
    coverage = Coverage.of(normalize_source(raw_source))
    problems: list[str] = []
    state = {"cursor": 0, "previous": 0}

    def find(label: str, part: str, pieces: list[str]) -> int | None:
        first = None
        for piece in pieces if ordered else _inner_pieces_last(pieces):
            if ordered:
                at = coverage.locate(piece, start=state["cursor"])
            else:
                at = coverage.locate(piece, near=state["previous"])
            if at < 0:
                problems.append(f"{label}.{part}: not found in the source: {piece[:100]!r}")
                continue
            if ordered and at < state["cursor"]:
                problems.append(f"{label}.{part}: found only before the previous unit (reading order)")
            if first is None or piece == pieces[0]:
                first = at
            state["previous"] = at
            if ordered:
                state["cursor"] = max(state["cursor"], at + len(piece))
        return first

    def pieces_of(label: str, unit: Mapping, part: str) -> list[str]:
        if not unit.get(part):
            return []
        try:
            return unit_pieces(unit, part)
        except ValueError as exc:
            problems.append(f"{label}.{part}: {exc}")
            return []

    pending: list[tuple[str, Mapping]] = []  # units whose wrap is still to come, innermost last
    for label, unit in [*units, ("", {})]:
        while pending and not label.startswith(pending[-1][0] + "__"):
            done_label, done_unit = pending.pop()
            find(done_label, "wrap", pieces_of(done_label, done_unit, "wrap"))
        if not label:
            break
        located_at = None
        for part in ("heading", "text"):
            at = find(label, part, pieces_of(label, unit, part))
            located_at = at if located_at is None else located_at
        if unit.get("wrap"):
            pending.append((label, unit))
        nums = pieces_of(label, unit, "num")
        for num in nums:
            if located_at is not None:
                coverage.mark_near(num, located_at)
            elif coverage.locate(num, start=state["cursor"]) < 0:
                problems.append(f"{label}.num: {num!r} not found in the source")
    return TraceReport(problems, coverage)


def _inner_pieces_last(pieces: list[str]) -> list[str]:
    """The scrambled OCR is searched near the previous piece: a piece whose words also occur inside
    a longer piece of the same part (a letterhead line inside the title) is searched after it, so
    that it cannot claim the longer piece's words."""

    def inner(piece: str) -> bool:
        return any(piece != other and piece in other for other in pieces)

    return [p for p in pieces if not inner(p)] + [p for p in pieces if inner(p)]
