"""The compiled rules (data/rules.json, made from rules/ by `handbook compile-rules`)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

from .checks import CHECKS, Evaluate
from .findings import Level, Source

FORMAT = "dak-rules/1"


@dataclass(frozen=True)
class RuleValue:
    """One year's value of a rule for a group of activities, with its consequences and sources."""

    rule: Rule
    year: int
    activities: frozenset[str]
    params: dict[str, Any]
    levels: dict[str, Level]
    when: dict[str, Any]
    sources: tuple[Source, ...]
    note: dict[str, str] | None
    disputed: dict[str, str] | None = None

    @cached_property
    def evaluate(self) -> Evaluate:
        """The rule's check, made ready with this value's parameters: a record in, its outcomes out."""
        return CHECKS[self.rule.check](self.rule.field, self.params)

    @cached_property
    def message_params(self) -> dict[str, Any]:
        """The parameters a message may quote: numbers and text, not lists or tables."""
        return {k: v for k, v in self.params.items() if not isinstance(v, dict | list)}

    @cached_property
    def filled(self) -> dict[tuple, tuple[Level, dict[str, str]]]:
        """Findings' levels and messages already made for this value (engine.make_finding keeps them
        here, by outcome and the figures quoted): a batch of plans quotes the same few figures again
        and again."""
        return {}

    def applies_to(self, activity: dict[str, Any]) -> bool:
        if not self.when:
            return True
        return all(activity.get(key) == expected for key, expected in self.when.items())


@dataclass(frozen=True)
class Rule:
    """A checkable provision: what it checks and how it speaks of a breach, in both languages."""

    id: str
    check: str
    field: str
    scope: str  # "activity" (a plan's activity) or "participant" (a roster row)
    title: dict[str, str]
    messages: dict[str, dict[str, str]]
    note: dict[str, str] | None

    @cached_property
    def reads(self) -> str:
        """The top-level plan field the rule reads ("" for a whole roster row)."""
        return self.field.split(".", 1)[0].split("[", 1)[0]


class RuleSet:
    """All rules, the catalog and the dated obligations, indexed for quick look-up."""

    def __init__(self, data: dict[str, Any]) -> None:
        if data.get("format") != FORMAT:
            raise ValueError(f"rules data has format {data.get('format')!r}, expected {FORMAT!r}")
        self.data = data
        self.regulations: dict[int, dict[str, Any]] = {int(y): r for y, r in data["regulations"].items()}
        self.activities: dict[str, dict[str, Any]] = {a["id"]: a for a in data["activities"]}
        self.budget_categories: dict[str, dict[str, Any]] = {c["id"]: c for c in data["budget_categories"]}
        self.rules: dict[str, Rule] = {}
        self.values: dict[str, list[RuleValue]] = {}  # rule id -> its values, every year and group
        self._values: dict[tuple[int, str, str], list[RuleValue]] = {}
        # Costs that may not be funded apply to every activity, several per year: they are looked up
        # by category in one pass over an activity's budget lines instead of one pass per rule.
        self._forbidden: dict[tuple[int, str, str], dict[str, RuleValue]] = {}
        for raw in data["rules"]:
            rule = Rule(
                raw["id"],
                raw["check"],
                raw["field"],
                raw.get("scope", "activity"),
                raw["title"],
                raw["messages"],
                raw.get("note"),
            )
            self.rules[rule.id] = rule
            for value in raw["values"]:
                entry = RuleValue(
                    rule=rule,
                    year=int(value["year"]),
                    activities=frozenset(value["activities"]),
                    params=value.get("params", {}),
                    levels={k: Level(v) for k, v in value["levels"].items()},
                    when=value.get("when", {}),
                    sources=tuple(Source(**s) for s in value["sources"]),
                    note=value.get("note"),
                    disputed=value.get("disputed"),
                )
                self.values.setdefault(rule.id, []).append(entry)
                for activity in entry.activities:
                    key = (entry.year, rule.scope, activity)
                    if rule.check == "forbidden_category" and not entry.when:
                        self._forbidden.setdefault(key, {})[entry.params["category"]] = entry
                    else:
                        self._values.setdefault(key, []).append(entry)

    @property
    def years(self) -> list[int]:
        return sorted(self.regulations)

    def values_for(self, year: int, activity: str, scope: str = "activity") -> list[RuleValue]:
        """The rule values that apply to an activity in a year, except the forbidden budget categories."""
        return self._values.get((year, scope, activity), [])

    def forbidden_categories(self, year: int, activity: str, scope: str = "activity") -> dict[str, RuleValue]:
        """Budget category -> the rule value that says it may not be funded, for an activity and year."""
        return self._forbidden.get((year, scope, activity), {})

    def exists_in(self, activity: str, year: int) -> bool:
        entry = self.activities.get(activity)
        return bool(entry) and str(year) in entry["years"]

    def source(self, ref: dict[str, Any]) -> Source:
        return Source(**ref)


@cache
def load_rules() -> RuleSet:
    """The rules shipped with dakcore. Read by the loader that imported this module, from a folder or
    from a zip (the browser imports dakcore from one): importlib.resources would do the same, at the
    cost of its own modules, which every reader of the checkers would download."""
    path = os.path.join(os.path.dirname(__file__), "data", "rules.json")
    return RuleSet(json.loads(__spec__.loader.get_data(path).decode("utf-8")))
