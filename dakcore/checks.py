"""The kinds of check a rule can ask for. A check is made ready once per rule value, from the field it
reads and the year's parameters; it then reads an activity (or participant row) and returns outcomes.
The rule's data decides each outcome's level and message.

An outcome key ("below", "above", "forbidden", ...) is looked up in the rule value's `levels`: a key
the value does not list is no breach for that year (2022 and 2023 differ exactly there).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import methodcaller
from typing import Any, NamedTuple

from .vocabulary import EDUCATION_LEVELS, LANGS, number


class Outcome(NamedTuple):
    """One breach a check found: its key ("below", ...), the field path, and what the message quotes."""

    key: str
    field: str
    context: dict[str, Any]


# What isinstance takes for "a number": a tuple, not `int | float`, which is a new union at each call
# (three times slower, and the checks below ask it for every number they read).
_NUMBER = (int, float)
# Education levels by rank, for the comparisons the checks make per person.
_EDUCATION_RANK = {level: rank for rank, level in enumerate(EDUCATION_LEVELS)}

# A check made ready: a record in, its outcomes out (most often none: the shared empty tuple, no allocation).
Evaluate = Callable[[dict[str, Any]], Sequence[Outcome]]
Check = Callable[[str, dict[str, Any]], Evaluate]  # (field path, parameters) -> the ready check
CHECKS: dict[str, Check] = {}
# Checks whose provision speaks of the whole rincian kegiatan ("alokasi dalam rincian kegiatan ini"):
# where a plan splits one rincian over several entries, they read the entries together.
WHOLE_RINCIAN: set[str] = set()


class CheckSpec(NamedTuple):
    """What a kind of check declares beside its code, for everything that writes or words rules (the
    rules compiler, the rules schema's enum, site_build/rule_text.py): the parameters a rule value must
    give, those it may give, and the outcomes it can report (the keys of `levels` and `messages`)."""

    needs: frozenset[str]
    may: frozenset[str]
    outcomes: frozenset[str]


SPECS: dict[str, CheckSpec] = {}


def check(
    name: str,
    *,
    outcomes: tuple[str, ...],
    needs: tuple[str, ...] = (),
    may: tuple[str, ...] = (),
    whole_rincian: bool = False,
) -> Callable[[Check], Check]:
    def register(function: Check) -> Check:
        CHECKS[name] = function
        SPECS[name] = CheckSpec(frozenset(needs), frozenset(may), frozenset(outcomes))
        if whole_rincian:
            WHOLE_RINCIAN.add(name)
        return function

    return register


def _getter(path: str) -> Callable[[dict[str, Any]], Any]:
    """Reads a field by its path ("study_visit.working_days"): None where a step is missing."""
    if "." not in path:
        return methodcaller("get", path)
    steps = path.split(".")

    def get(record: dict[str, Any]) -> Any:
        value: Any = record
        for step in steps:
            if not isinstance(value, dict):
                return None
            value = value.get(step)
        return value

    return get


class Figure(NamedTuple):
    """A figure a message quotes, as each language writes it ("2,5" and "12.000.000" in Indonesian,
    "2.5" and "12,000,000" in English). Immutable, so that the engine can fill a message quoting the
    same figures once and reuse it."""

    id: str
    en: str


# The figures messages quote repeat (the limits themselves, ages, head counts): each is written once
# and kept. Kept for whole numbers and non-zero floats only, where equal values are written alike (not
# so 0.0 and -0.0, nor True and 1); cleared when full, so that a session reading many amounts stays small.
_FIGURES: dict[float, Figure] = {}


def _fmt(value: float) -> Figure:
    """A figure a message quotes, as each language writes it."""
    kind = value.__class__
    if kind is not int and (kind is not float or not value):
        return Figure(number(value, "id"), number(value, "en"))
    figure = _FIGURES.get(value)
    if figure is None:
        if len(_FIGURES) >= 4096:
            _FIGURES.clear()
        figure = _FIGURES[value] = Figure(number(value, "id"), number(value, "en"))
    return figure


def _range_outcomes(
    value: float, field_path: str, low: float | None, high: float | None, **context: Any
) -> Sequence[Outcome]:
    if low is not None and value < low:
        key = "below"
    elif high is not None and value > high:
        key = "above"
    else:
        return ()  # decided before any message context is built: most values are in range
    ctx = {
        "value": _fmt(value),
        "min": _fmt(low) if low is not None else "",
        "max": _fmt(high) if high is not None else "",
        **context,
    }
    return [Outcome(key, field_path, ctx)]


@check("range", may=("min", "max"), outcomes=("below", "above"))
def check_range(field_path: str, params: dict[str, Any]) -> Evaluate:
    """A number (or each number of a list) lies within [min, max]."""
    get, low, high = _getter(field_path), params.get("min"), params.get("max")

    def evaluate(record: dict[str, Any]) -> Sequence[Outcome]:
        value = get(record)
        if value is None:
            return ()
        if not isinstance(value, list):
            return _range_outcomes(value, field_path, low, high)
        if not value or (
            set(map(type, value)) <= {int, float}
            and (low is None or min(value) >= low)
            and (high is None or max(value) <= high)
        ):
            return ()  # the common case, decided in C: every number of the list is within range
        outcomes = []
        for index, item in enumerate(value):
            # the comparison first: a long list has a few numbers out of range, not many
            if isinstance(item, _NUMBER) and (
                (low is not None and item < low) or (high is not None and item > high)
            ):
                outcomes += _range_outcomes(item, f"{field_path}[{index}]", low, high, index=index + 1)
        return outcomes

    return evaluate


@check("ratio", needs=("per",), may=("min", "max"), outcomes=("below", "above"))
def check_ratio(field_path: str, params: dict[str, Any]) -> Evaluate:
    """field / params.per lies within [min, max] (e.g. IKM per mentor)."""
    get, get_per, low, high = (
        _getter(field_path),
        _getter(params["per"]),
        params.get("min"),
        params.get("max"),
    )

    def evaluate(record: dict[str, Any]) -> Sequence[Outcome]:
        value, per = get(record), get_per(record)
        if value is None or not per:
            return ()
        return _range_outcomes(value / per, field_path, low, high, per=_fmt(per), total=_fmt(value))

    return evaluate


@check("share_of", needs=("share", "of"), outcomes=("above",))
def check_share_of(field_path: str, params: dict[str, Any]) -> Evaluate:
    """field ≤ params.share × params.of (e.g. a committee of at most 10% of the participants)."""
    get, get_base, share = _getter(field_path), _getter(params["of"]), params["share"]

    def evaluate(record: dict[str, Any]) -> Sequence[Outcome]:
        value, base = get(record), get_base(record)
        if value is None or base is None:
            return ()
        limit = share * base
        if value > limit + 1e-9:
            return [
                Outcome(
                    "above",
                    field_path,
                    {
                        "value": _fmt(value),
                        "limit": _fmt(round(limit, 2)),
                        "base": _fmt(base),
                        "percent": _fmt(share * 100),
                    },
                )
            ]
        return ()

    return evaluate


@check("method_mix", needs=("expected", "tolerance"), outcomes=("sum", "off"))
def check_method_mix(field_path: str, params: dict[str, Any]) -> Evaluate:
    """Proportions of theory/discussion/practice near the regulation's 'sekitar' figures."""
    get, tolerance = _getter(field_path), params["tolerance"]
    expected: dict[str, float] = params["expected"]

    def evaluate(record: dict[str, Any]) -> Sequence[Outcome]:
        method = get(record)
        if not isinstance(method, dict):
            return ()
        total = sum(v for v in method.values() if isinstance(v, _NUMBER))
        if abs(total - 100) > 0.5:
            return [Outcome("sum", field_path, {"total": _fmt(total)})]
        outcomes = []
        for key, share in expected.items():
            actual = method.get(key) or 0
            if abs(actual - share) > tolerance:
                outcomes.append(
                    Outcome(
                        "off",
                        f"{field_path}.{key}",
                        {
                            "part": key,
                            "value": _fmt(actual),
                            "expected": _fmt(share),
                            "tolerance": _fmt(tolerance),
                        },
                    )
                )
        return outcomes

    return evaluate


def _budget_total(record: dict[str, Any], categories: list[str] | None = None) -> float:
    return sum(
        line.get("amount") or 0
        for line in record.get("budget") or []
        if categories is None or line.get("category") in categories
    )


@check("budget_share_max", needs=("categories", "share"), outcomes=("above",), whole_rincian=True)
def check_budget_share_max(field_path: str, params: dict[str, Any]) -> Evaluate:
    """The listed budget categories together take at most params.share of the activity's budget."""
    categories, share = params["categories"], params["share"]

    def evaluate(record: dict[str, Any]) -> Sequence[Outcome]:
        total = _budget_total(record)
        if not total:
            return ()
        part = _budget_total(record, categories)
        if part > share * total + 0.5:
            return [
                Outcome(
                    "above",
                    field_path,
                    {
                        "value": _fmt(part),
                        "total": _fmt(total),
                        "percent": _fmt(round(100 * part / total, 1)),
                        "limit": _fmt(share * 100),
                    },
                )
            ]
        return ()

    return evaluate


@check("forbidden_category", needs=("category",), outcomes=("forbidden",))
def check_forbidden_category(field_path: str, params: dict[str, Any]) -> Evaluate:
    """No budget line of a category the regulation says may not be funded."""
    category = params["category"]

    def evaluate(record: dict[str, Any]) -> Sequence[Outcome]:
        outcomes = []
        for index, line in enumerate(record.get("budget") or []):
            if line.get("category") == category:
                outcomes.append(
                    Outcome(
                        "forbidden",
                        f"{field_path}[{index}].category",
                        {"category": line["category"], "amount": _fmt(line.get("amount") or 0)},
                    )
                )
        return outcomes

    return evaluate


# A requirement the text sets for some roles (instruktur/pengajar, tenaga pendamping...) binds only a
# person of those roles; a person whose role the plan does not state gets the finding as a warning
# (the engine lowers it, saying which role would make the requirement binding). Without `roles` in the
# parameters (a participant of a roster) the requirement binds every person.
UNSTATED_ROLE = "role_unstated"


def _bound_by(params: dict[str, Any]) -> Callable[[dict[str, Any]], bool | None]:
    """person -> True (the requirement binds them), False (their role is not named), None (no role)."""
    roles = params.get("roles")
    if not roles:
        return lambda person: True
    named = frozenset(roles)

    def bound(person: dict[str, Any]) -> bool | None:
        role = person.get("role")
        return None if role is None else role in named

    return bound


def _person_context(bound: bool | None, **context: Any) -> dict[str, Any]:
    return {**context, UNSTATED_ROLE: True} if bound is None else context


@check("min_education", needs=("min",), may=("exempt", "roles"), outcomes=("below",))
def check_min_education(field_path: str, params: dict[str, Any]) -> Evaluate:
    """Each person (a list field) or the record itself has at least the given education level.

    params.exempt names a boolean field that waives the requirement (the business actor with an NIB).
    """
    get, exempt, binds = _getter(field_path), params.get("exempt"), _bound_by(params)
    minimum = EDUCATION_LEVELS.index(params["min"])
    whole_record = field_path == "."

    def evaluate(record: dict[str, Any]) -> Sequence[Outcome]:
        people = [record] if whole_record else get(record)
        if not isinstance(people, list):
            return ()
        outcomes = []
        for index, person in enumerate(people):
            if not isinstance(person, dict):
                continue
            education = person.get("education")
            rank = _EDUCATION_RANK.get(education) if isinstance(education, str) else None
            if rank is None or rank >= minimum:
                continue  # an unknown level is the plan reader's to report; a level high enough binds no one
            if exempt and person.get(exempt):
                continue
            bound = binds(person)
            if bound is not False:
                where = f"{field_path}[{index}].education" if field_path != "." else "education"
                context = {"value": person["education"], "min": params["min"], "index": index + 1}
                outcomes.append(Outcome("below", where, _person_context(bound, **context)))
        return outcomes

    return evaluate


@check("min_each", needs=("key", "min"), may=("roles",), outcomes=("below",))
def check_min_each(field_path: str, params: dict[str, Any]) -> Evaluate:
    """Each person of a list has params.key ≥ params.min (e.g. years of experience)."""
    get, key, minimum, binds = _getter(field_path), params["key"], params["min"], _bound_by(params)

    def evaluate(record: dict[str, Any]) -> Sequence[Outcome]:
        people = get(record)
        if not isinstance(people, list):
            return ()
        outcomes = []
        for index, person in enumerate(people):
            value = person.get(key) if isinstance(person, dict) else None
            if isinstance(value, _NUMBER) and value < minimum and (bound := binds(person)) is not False:
                context = {"value": _fmt(value), "min": _fmt(minimum), "index": index + 1}
                outcomes.append(
                    Outcome("below", f"{field_path}[{index}].{key}", _person_context(bound, **context))
                )
        return outcomes

    return evaluate


@check("required_each", needs=("key",), may=("exempt", "roles"), outcomes=("missing",))
def check_required_each(field_path: str, params: dict[str, Any]) -> Evaluate:
    """Each person of a list has params.key true (e.g. a certificate), unless params.exempt is true."""
    get, key, exempt, binds = _getter(field_path), params["key"], params.get("exempt"), _bound_by(params)

    def evaluate(record: dict[str, Any]) -> Sequence[Outcome]:
        people = get(record)
        if not isinstance(people, list):
            return ()
        outcomes = []
        for index, person in enumerate(people):
            if not isinstance(person, dict) or key not in person:
                continue
            if exempt and person.get(exempt):
                continue
            if person[key] is False and (bound := binds(person)) is not False:
                where = f"{field_path}[{index}].{key}"
                outcomes.append(Outcome("missing", where, _person_context(bound, index=index + 1)))
        return outcomes

    return evaluate


@check("allowed_values", needs=("allowed",), may=("conditional",), outcomes=("conditional", "not_allowed"))
def check_allowed_values(field_path: str, params: dict[str, Any]) -> Evaluate:
    """A text field (e.g. a participant's NIB answer) takes one of the allowed values."""
    get, allowed, conditional = _getter(field_path), params.get("allowed", []), params.get("conditional", [])

    def evaluate(record: dict[str, Any]) -> Sequence[Outcome]:
        value = get(record)
        if value is None or value in allowed:
            return ()
        key = "conditional" if value in conditional else "not_allowed"
        return [Outcome(key, field_path, {"value": value, "allowed": ", ".join(allowed)})]

    return evaluate


# How each check reached an outcome, as data and in words: asked only when a finding is explained
# (`explain=True`), so the checks above stay as quick as they are. An explainer reads the same record
# again and returns the fields it read, the comparison {left, op, right} and that comparison in words.
Explainer = Callable[[str, dict[str, Any], dict[str, Any], Outcome], dict[str, Any]]
EXPLAINERS: dict[str, Explainer] = {}


def explains(name: str) -> Callable[[Explainer], Explainer]:
    def register(function: Explainer) -> Explainer:
        EXPLAINERS[name] = function
        return function

    return register


def read_path(record: dict[str, Any], path: str) -> Any:
    """The value at a finding's field path ("instructors[1].education", "participant_ages[3]")."""
    value: Any = record
    for step in path.split("."):
        name, _, index = step.partition("[")
        value = value.get(name) if isinstance(value, dict) else None
        if index:
            position = int(index.rstrip("]"))
            value = value[position] if isinstance(value, list) and position < len(value) else None
    return value


def _both(template: str, **values: Any) -> dict[str, str]:
    """One comparison in both languages, each number written its language's way."""
    return {lang: template.format(**{k: number(v, lang) for k, v in values.items()}) for lang in LANGS}


_OP = {"below": "<", "above": ">"}


def _bound_of(params: dict[str, Any], key: str) -> Any:
    return params.get("min") if key == "below" else params.get("max")


@explains("range")
def explain_range(
    field_path: str, params: dict[str, Any], record: dict[str, Any], outcome: Outcome
) -> dict[str, Any]:
    left, op, right = read_path(record, outcome.field), _OP[outcome.key], _bound_of(params, outcome.key)
    return {
        "inputs": [outcome.field],
        "compared": {"left": left, "op": op, "right": right},
        "words": _both("{left} " + op + " {right}", left=left, right=right),
    }


@explains("ratio")
def explain_ratio(
    field_path: str, params: dict[str, Any], record: dict[str, Any], outcome: Outcome
) -> dict[str, Any]:
    total, per = read_path(record, field_path), read_path(record, params["per"])
    left, op, right = round(total / per, 2), _OP[outcome.key], _bound_of(params, outcome.key)
    words = _both("{total} / {per} = {left} " + op + " {right}", total=total, per=per, left=left, right=right)
    return {
        "inputs": [field_path, params["per"]],
        "compared": {"left": left, "op": op, "right": right},
        "words": words,
    }


@explains("share_of")
def explain_share_of(
    field_path: str, params: dict[str, Any], record: dict[str, Any], outcome: Outcome
) -> dict[str, Any]:
    value, base, share = read_path(record, field_path), read_path(record, params["of"]), params["share"]
    limit = round(share * base, 2)
    words = _both(
        "{value} > {percent}% × {base} = {limit}", value=value, percent=share * 100, base=base, limit=limit
    )
    return {
        "inputs": [field_path, params["of"]],
        "compared": {"left": value, "op": ">", "right": limit},
        "words": words,
    }


@explains("method_mix")
def explain_method_mix(
    field_path: str, params: dict[str, Any], record: dict[str, Any], outcome: Outcome
) -> dict[str, Any]:
    if outcome.key == "sum":
        method = read_path(record, field_path) or {}
        parts = [k for k, v in method.items() if isinstance(v, int | float)]
        total = sum(method[k] for k in parts)
        words = {
            lang: " + ".join(number(method[k], lang) for k in parts) + f" = {number(total, lang)} ≠ 100"
            for lang in LANGS
        }
        return {
            "inputs": [f"{field_path}.{k}" for k in parts],
            "compared": {"left": total, "op": "≠", "right": 100},
            "words": words,
        }
    part = outcome.field.rsplit(".", 1)[1]
    actual, expected, tolerance = (
        read_path(record, outcome.field) or 0,
        params["expected"][part],
        params["tolerance"],
    )
    gap = round(abs(actual - expected), 2)
    words = _both(
        "|{actual} − {expected}| = {gap} > {tolerance}",
        actual=actual,
        expected=expected,
        gap=gap,
        tolerance=tolerance,
    )
    return {
        "inputs": [outcome.field],
        "compared": {"left": gap, "op": ">", "right": tolerance},
        "words": words,
    }


@explains("budget_share_max")
def explain_budget_share_max(
    field_path: str, params: dict[str, Any], record: dict[str, Any], outcome: Outcome
) -> dict[str, Any]:
    categories, share = params["categories"], params["share"]
    lines = record.get("budget") or []
    counted = [i for i, line in enumerate(lines) if line.get("category") in categories]
    part, total = _budget_total(record, categories), _budget_total(record)
    percent = round(100 * part / total, 1)
    figures = {"part": part, "total": total, "percent": percent, "limit": share * 100}
    words = {
        "id": _both("Rp {part} dari Rp {total} = {percent}% > {limit}%", **figures)["id"],
        "en": _both("Rp {part} of Rp {total} = {percent}% > {limit}%", **figures)["en"],
    }
    return {
        "inputs": [f"{field_path}[{i}]" for i in counted],
        "compared": {"left": percent, "op": ">", "right": share * 100},
        "words": words,
        "counted": {"categories": list(categories), "lines": counted, "part": part, "total": total},
    }


@explains("forbidden_category")
def explain_forbidden_category(
    field_path: str, params: dict[str, Any], record: dict[str, Any], outcome: Outcome
) -> dict[str, Any]:
    category = params["category"]
    return {
        "inputs": [outcome.field],
        "compared": {"left": category, "op": "in", "right": [category]},
        # {category} becomes the category's name where the trace is made (the names are the rules').
        "words": {
            "id": "{category}: termasuk biaya yang tidak dapat dibiayai tahun ini",
            "en": "{category}: among the costs that may not be funded this year",
        },
        "category": category,
    }


def _person_inputs(outcome: Outcome, params: dict[str, Any], record: dict[str, Any]) -> list[str]:
    person = outcome.field.rsplit(".", 1)[0]
    inputs = [outcome.field]
    if params.get("roles") and "[" in person:
        inputs.append(f"{person}.role")
    return inputs


@explains("min_education")
def explain_min_education(
    field_path: str, params: dict[str, Any], record: dict[str, Any], outcome: Outcome
) -> dict[str, Any]:
    value, minimum = read_path(record, outcome.field), params["min"]
    order = " < ".join(EDUCATION_LEVELS)
    return {
        "inputs": _person_inputs(outcome, params, record),
        "compared": {"left": value, "op": "<", "right": minimum},
        "words": {
            "id": f"{value} < {minimum} (urutan jenjang: {order})",
            "en": f"{value} < {minimum} (order of levels: {order})",
        },
    }


@explains("min_each")
def explain_min_each(
    field_path: str, params: dict[str, Any], record: dict[str, Any], outcome: Outcome
) -> dict[str, Any]:
    value, minimum = read_path(record, outcome.field), params["min"]
    return {
        "inputs": _person_inputs(outcome, params, record),
        "compared": {"left": value, "op": "<", "right": minimum},
        "words": _both("{value} < {minimum}", value=value, minimum=minimum),
    }


@explains("required_each")
def explain_required_each(
    field_path: str, params: dict[str, Any], record: dict[str, Any], outcome: Outcome
) -> dict[str, Any]:
    return {
        "inputs": _person_inputs(outcome, params, record),
        "compared": {"left": False, "op": "≠", "right": True},
        "words": {"id": "tidak ≠ ya (disyaratkan: ya)", "en": "no ≠ yes (required: yes)"},
    }


@explains("allowed_values")
def explain_allowed_values(
    field_path: str, params: dict[str, Any], record: dict[str, Any], outcome: Outcome
) -> dict[str, Any]:
    value, allowed = read_path(record, outcome.field), params.get("allowed", [])
    if outcome.key == "conditional":
        words = {
            "id": f"“{value}” hanya boleh dengan syarat",
            "en": f"“{value}” is allowed only on a condition",
        }
        return {
            "inputs": [outcome.field],
            "compared": {"left": value, "op": "in", "right": params.get("conditional", [])},
            "words": words,
        }
    listed = ", ".join(allowed)
    return {
        "inputs": [outcome.field],
        "compared": {"left": value, "op": "not in", "right": list(allowed)},
        "words": {
            "id": f"“{value}” bukan salah satu dari: {listed}",
            "en": f"“{value}” is not one of: {listed}",
        },
    }
