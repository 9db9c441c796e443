"""Input problems: what is wrong with what a user gave, where, in both languages.

One carrier for every reader (plan JSON, workbooks, participant lists, the API's parameters): an
`InputProblem` names where (a field path, a sheet and cell, a line) and says what, and an `InputError`
carries the problems of an input that cannot be checked at all (exit status 2 on the command line,
`{"ok": false, "problems": [...]}` from the API). A problem of one row of a participant list carries
its line too and is reported beside the findings, not instead of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .vocabulary import where_label


@dataclass(frozen=True)
class InputProblem:
    """One thing wrong with the input: where (a field path, a cell, a line) and what, in both languages.

    `line` is set for a problem of one row of a table: `where` is then the row's column (or empty)."""

    where: str
    message: dict[str, str]
    line: int | None = None

    def text(self, lang: str = "en") -> str:
        return f"{self.where}: {self.message[lang]}" if self.where else self.message[lang]

    def to_json(self) -> dict[str, Any]:
        # `label`: the place as a reader names it ("Kegiatan 1 › Jumlah peserta", "Umur").
        if self.line is not None:
            return {
                "line": self.line,
                "field": self.where,
                "label": where_label(self.where),
                "message": self.message,
            }
        return {"where": self.where, "label": where_label(self.where), "message": self.message}


class InputError(Exception):
    """The input cannot be checked at all; `problems` says why (exit status 2 on the command line)."""

    def __init__(self, problems: list[InputProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(p.text() for p in problems))

    def to_json(self) -> dict[str, Any]:
        return {"error": "input", "problems": [p.to_json() for p in self.problems]}

    @classmethod
    def from_json(cls, problems: list[dict[str, Any]]) -> InputError:
        """The error back from the problems of an API response."""
        return cls([InputProblem(p["where"], p["message"]) for p in problems])


def problem(where: str, *, id: str, en: str, line: int | None = None) -> InputProblem:
    """A problem in both languages: `id` in Indonesian, `en` in English."""
    return InputProblem(where, {"id": id, "en": en}, line)


def input_error(where: str, *, id: str, en: str) -> InputError:
    """An input that cannot be checked for one reason (raise it)."""
    return InputError([problem(where, id=id, en=en)])
