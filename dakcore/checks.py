"""The kinds of check a rule can ask for. Each reads the activity (or participant row) and the
year's parameters and returns outcomes; the rule's data decides each outcome's level and message.

An outcome key ("below", "above", "forbidden", ...) is looked up in the rule value's `levels`: a key
the value does not list is no breach for that year (2022 and 2023 differ exactly there).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .plan import EDUCATION_LEVELS


@dataclass(frozen=True)
class Outcome:
    key: str
    field: str
    context: dict[str, Any] = field(default_factory=dict)


Check = Callable[[dict[str, Any], str, dict[str, Any]], list[Outcome]]
CHECKS: dict[str, Check] = {}


def check(name: str) -> Callable[[Check], Check]:
    def register(function: Check) -> Check:
        CHECKS[name] = function
        return function

    return register


def _get(record: dict[str, Any], path: str) -> Any:
    if "." not in path:
        return record.get(path)
    value: Any = record
    for step in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(step)
    return value


def _fmt(number: float) -> str:
    return f"{number:g}" if isinstance(number, float) else str(number)


def _range_outcomes(value: float, field_path: str, params: dict[str, Any], **context: Any) -> list[Outcome]:
    low, high = params.get("min"), params.get("max")
    if low is not None and value < low:
        key = "below"
    elif high is not None and value > high:
        key = "above"
    else:
        return []  # decided before any message context is built: most values are in range
    ctx = {
        "value": _fmt(value),
        "min": _fmt(low) if low is not None else "",
        "max": _fmt(high) if high is not None else "",
        **context,
    }
    return [Outcome(key, field_path, ctx)]


@check("range")
def check_range(record: dict[str, Any], field_path: str, params: dict[str, Any]) -> list[Outcome]:
    """A number (or each number of a list) lies within [min, max]."""
    value = _get(record, field_path)
    if value is None:
        return []
    if isinstance(value, list):
        if not value:
            return []
        low, high = params.get("min"), params.get("max")
        if (
            set(map(type, value)) <= {int, float}
            and (low is None or min(value) >= low)
            and (high is None or max(value) <= high)
        ):
            return []  # the common case, decided in C: every number of the list is within range
        outcomes = []
        for index, item in enumerate(value):
            if isinstance(item, int | float):
                outcomes += _range_outcomes(item, f"{field_path}[{index}]", params, index=index + 1)
        return outcomes
    return _range_outcomes(value, field_path, params)


@check("ratio")
def check_ratio(record: dict[str, Any], field_path: str, params: dict[str, Any]) -> list[Outcome]:
    """field / params.per lies within [min, max] (e.g. IKM per mentor)."""
    value, per = _get(record, field_path), _get(record, params["per"])
    if value is None or not per:
        return []
    return _range_outcomes(value / per, field_path, params, per=_fmt(per), total=_fmt(value))


@check("share_of")
def check_share_of(record: dict[str, Any], field_path: str, params: dict[str, Any]) -> list[Outcome]:
    """field ≤ params.share × params.of (e.g. a committee of at most 10% of the participants)."""
    value, base = _get(record, field_path), _get(record, params["of"])
    if value is None or base is None:
        return []
    limit = params["share"] * base
    if value > limit + 1e-9:
        return [
            Outcome(
                "above",
                field_path,
                {
                    "value": _fmt(value),
                    "limit": _fmt(round(limit, 2)),
                    "base": _fmt(base),
                    "percent": _fmt(params["share"] * 100),
                },
            )
        ]
    return []


@check("method_mix")
def check_method_mix(record: dict[str, Any], field_path: str, params: dict[str, Any]) -> list[Outcome]:
    """Proportions of theory/discussion/practice near the regulation's 'sekitar' figures."""
    method = _get(record, field_path)
    if not isinstance(method, dict):
        return []
    expected: dict[str, float] = params["expected"]
    total = sum(v for v in method.values() if isinstance(v, int | float))
    if abs(total - 100) > 0.5:
        return [Outcome("sum", field_path, {"total": _fmt(total)})]
    outcomes = []
    for key, share in expected.items():
        actual = method.get(key) or 0
        if abs(actual - share) > params["tolerance"]:
            outcomes.append(
                Outcome(
                    "off",
                    f"{field_path}.{key}",
                    {
                        "part": key,
                        "value": _fmt(actual),
                        "expected": _fmt(share),
                        "tolerance": _fmt(params["tolerance"]),
                    },
                )
            )
    return outcomes


def _budget_total(record: dict[str, Any], categories: list[str] | None = None) -> float:
    return sum(
        line.get("amount") or 0
        for line in record.get("budget") or []
        if categories is None or line.get("category") in categories
    )


@check("budget_share_max")
def check_budget_share_max(record: dict[str, Any], field_path: str, params: dict[str, Any]) -> list[Outcome]:
    """The listed budget categories together take at most params.share of the activity's budget."""
    total = _budget_total(record)
    if not total:
        return []
    part = _budget_total(record, params["categories"])
    if part > params["share"] * total + 0.5:
        return [
            Outcome(
                "above",
                field_path,
                {
                    "value": f"{part:,.0f}",
                    "total": f"{total:,.0f}",
                    "percent": _fmt(round(100 * part / total, 1)),
                    "limit": _fmt(params["share"] * 100),
                },
            )
        ]
    return []


@check("forbidden_category")
def check_forbidden_category(
    record: dict[str, Any], field_path: str, params: dict[str, Any]
) -> list[Outcome]:
    """No budget line of a category the regulation says may not be funded."""
    outcomes = []
    for index, line in enumerate(record.get("budget") or []):
        if line.get("category") == params["category"]:
            outcomes.append(
                Outcome(
                    "forbidden",
                    f"{field_path}[{index}].category",
                    {"category": line["category"], "amount": f"{line.get('amount') or 0:,.0f}"},
                )
            )
    return outcomes


@check("min_education")
def check_min_education(record: dict[str, Any], field_path: str, params: dict[str, Any]) -> list[Outcome]:
    """Each person (a list field) or the record itself has at least the given education level.

    params.exempt names a boolean field that waives the requirement (the business actor with an NIB).
    """
    people = _get(record, field_path) if field_path != "." else [record]
    if not isinstance(people, list):
        return []
    minimum = EDUCATION_LEVELS.index(params["min"])
    outcomes = []
    for index, person in enumerate(people):
        if not isinstance(person, dict) or person.get("education") not in EDUCATION_LEVELS:
            continue
        if params.get("exempt") and person.get(params["exempt"]):
            continue
        if EDUCATION_LEVELS.index(person["education"]) < minimum:
            where = f"{field_path}[{index}].education" if field_path != "." else "education"
            outcomes.append(
                Outcome(
                    "below", where, {"value": person["education"], "min": params["min"], "index": index + 1}
                )
            )
    return outcomes


@check("min_each")
def check_min_each(record: dict[str, Any], field_path: str, params: dict[str, Any]) -> list[Outcome]:
    """Each person of a list has params.key ≥ params.min (e.g. years of experience)."""
    people = _get(record, field_path)
    if not isinstance(people, list):
        return []
    outcomes = []
    for index, person in enumerate(people):
        value = person.get(params["key"]) if isinstance(person, dict) else None
        if isinstance(value, int | float) and value < params["min"]:
            outcomes.append(
                Outcome(
                    "below",
                    f"{field_path}[{index}].{params['key']}",
                    {"value": _fmt(value), "min": _fmt(params["min"]), "index": index + 1},
                )
            )
    return outcomes


@check("required_each")
def check_required_each(record: dict[str, Any], field_path: str, params: dict[str, Any]) -> list[Outcome]:
    """Each person of a list has params.key true (e.g. a certificate), unless params.exempt is true."""
    people = _get(record, field_path)
    if not isinstance(people, list):
        return []
    outcomes = []
    for index, person in enumerate(people):
        if not isinstance(person, dict) or params["key"] not in person:
            continue
        if params.get("exempt") and person.get(params["exempt"]):
            continue
        if person[params["key"]] is False:
            outcomes.append(
                Outcome("missing", f"{field_path}[{index}].{params['key']}", {"index": index + 1})
            )
    return outcomes


@check("allowed_values")
def check_allowed_values(record: dict[str, Any], field_path: str, params: dict[str, Any]) -> list[Outcome]:
    """A text field (e.g. a participant's NIB answer) takes one of the allowed values."""
    value = _get(record, field_path)
    if value is None:
        return []
    allowed, conditional = params.get("allowed", []), params.get("conditional", [])
    if value in allowed:
        return []
    key = "conditional" if value in conditional else "not_allowed"
    return [Outcome(key, field_path, {"value": value, "allowed": ", ".join(allowed)})]
