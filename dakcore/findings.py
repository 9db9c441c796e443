"""What a check reports: a finding, its level and the provision it rests on."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from typing import Any

from .vocabulary import where_label


class Level(StrEnum):
    """How serious a finding is; the order is the order of severity."""

    ERROR = "error"  # a hard limit of the regulation is broken
    NEEDS_APPROVAL = "needs_approval"  # allowed only with the ministry's approval (2023)
    NEEDS_STATEMENT = "needs_statement"  # allowed with a statement known to the head of the OPD (2022)
    WARNING = "warning"  # worth a second look; not a breach

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {level: index for index, level in enumerate(Level)}
_VALUE = {level: level.value for level in Level}  # quicker than the enum's .value, read per finding


@dataclass(frozen=True)
class Source:
    """The provision a finding rests on."""

    regulation: str
    unit: str
    citation: dict[str, str]
    quote: str  # the authoritative Indonesian words
    # The unofficial English translation of the paragraph the quote is taken from ("" when none).
    quote_en: str = ""

    def to_json(self) -> dict[str, Any]:
        return dict(self._json)

    @cached_property
    def _json(self) -> dict[str, Any]:
        # Made once: a provision is quoted by every finding that rests on it (thousands in a batch);
        # each caller still gets its own copy.
        return {
            "regulation": self.regulation,
            "unit": self.unit,
            "citation": self.citation,
            "quote": self.quote,
            "quote_en": self.quote_en,
        }


@dataclass(slots=True)
class Finding:
    """One thing a plan (or a participant row) does that a rule of one year speaks to."""

    year: int
    rule: str
    level: Level
    field: str
    message: dict[str, str]
    source: Source | None
    activity_index: int | None = None
    activity: str | None = None
    row: int | None = None
    note: dict[str, str] | None = None  # the rule's reading of the text, where the text leaves room
    disputed: dict[str, str] | None = None  # the other reading a dinas could defend, where it differs
    trace: dict[str, Any] | None = None  # how it was reached, when explained (dakcore.explain.trace)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "year": self.year,
            "activity_index": self.activity_index,
            "activity": self.activity,
            "field": self.field,
            "where": where_label(self.field),  # the field as a reader names it
            "level": _VALUE[self.level],
            "rule": self.rule,
            "message": self.message,
            "source": self.source.to_json() if self.source else None,
        }
        if self.note:
            out["note"] = self.note
        if self.disputed:
            out["disputed"] = self.disputed
        if self.row is not None:
            out["row"] = self.row
        if self.trace is not None:
            out["trace"] = self.trace
        return out
