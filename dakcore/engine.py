"""Checking a plan against the rules of one year, or of both side by side."""

from __future__ import annotations

from collections import Counter
from functools import cache
from itertools import repeat
from string import Formatter
from typing import Any, NamedTuple
from weakref import WeakKeyDictionary

from .checks import UNSTATED_ROLE, WHOLE_RINCIAN, Evaluate, Figure, Outcome
from .errors import input_error
from .explain import trace
from .findings import Finding, Level
from .plan import PLAN_FIELDS, parse_plan
from .rules import RuleSet, RuleValue
from .vocabulary import LEGACY_FIELDS, one_of, roles_in_words, where_label

# Fields an activity may carry: what the rules read, older names still read, and free text for the
# dinas's own use.
KNOWN_FIELDS = {"activity", *PLAN_FIELDS, *LEGACY_FIELDS, "name", "notes", "location"}


class _Context(dict):
    """What a message may quote; a placeholder it lacks stays visible ("{min}") rather than failing."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _in_language(context: _Context, lang: str) -> _Context:
    """The context with each figure a check wrote in both languages in this one."""
    return _Context({k: _word(v, lang) for k, v in context.items()})


def _word(value: Any, lang: str) -> Any:
    if isinstance(value, Figure):
        return getattr(value, lang)
    return value[lang] if isinstance(value, dict) and lang in value else value


_ABSENT = object()
_ABSENTS = repeat(_ABSENT)


@cache
def _quoted(*texts: str) -> tuple[str, ...] | None:
    """The names a rule's messages quote ("{value}", "{min}"): what decides the words, so a message is
    filled once for each set of them. None for a template quoting more than plain names ("{n:>3}")."""
    names: dict[str, None] = {}
    for text in texts:
        for _, name, spec, conversion in Formatter().parse(text):
            if name is None:
                continue
            if spec or conversion or not name.isidentifier():
                return None
            names[name] = None
    return tuple(names)


def _message(value: RuleValue, key: str, context: dict[str, Any]) -> tuple[Level, dict[str, str]]:
    """The level and the message in both languages of one outcome of a rule value."""
    level = value.levels[key]
    texts = value.rule.messages[key]
    filled = _Context(value.message_params, **context)
    message = {lang: text.format_map(_in_language(filled, lang)) for lang, text in texts.items()}
    if context.get(UNSTATED_ROLE):
        # The text binds only the roles it names; of a person whose role the plan leaves out, the
        # finding can only say what would follow if they had one of those roles.
        level = max(level, Level.WARNING, key=lambda lv: lv.rank)
        roles = {lang: roles_in_words(value.params.get("roles", ()), lang).lower() for lang in message}
        message = {
            "id": f"{message['id']} (peran orang ini tidak diisi; syarat ini mengikat bila ia {roles['id']})",
            "en": f"{message['en']} (this person's role is not stated; the requirement binds them "
            f"if they are: {roles['en']})",
        }
    return level, message


def _remembered(value: RuleValue, key: str, context: dict[str, Any]) -> tuple[Level, dict[str, str]]:
    """_message, made once for each outcome, unstated role and figures quoted, and then shared: the
    words are a function of those alone, and filling them is most of a finding's cost."""
    quoted = _quoted(*value.rule.messages[key].values())
    if quoted is None:
        return _message(value, key, context)
    memo = value.filled
    try:
        remembered = (key, bool(context.get(UNSTATED_ROLE)), *map(context.get, quoted, _ABSENTS))
        made = memo.get(remembered)
    except TypeError:  # a figure that cannot be a key (a list): made each time
        return _message(value, key, context)
    if made is None:
        if len(memo) >= 1024:
            memo.clear()  # many different figures: keep the memory of a long session small
        made = memo[remembered] = _message(value, key, context)
    return made


def evaluate_record(value: RuleValue, record: dict[str, Any]) -> list[tuple[str, str, dict]]:
    """Run one rule value on one record: (outcome key, field, context) for each breach it defines."""
    if not value.applies_to(record):
        return []
    outcomes = value.evaluate(record)
    return [(o.key, o.field, o.context) for o in outcomes if o.key in value.levels]


def make_finding(
    value: RuleValue,
    key: str,
    field: str,
    context: dict[str, Any],
    *,
    explained: tuple[dict[str, Any], dict[str, Any]] | None = None,
    activity_index: int | None = None,
    activity: str | None = None,
    row: int | None = None,
) -> Finding:
    """The finding for one outcome of a rule value, its message filled in both languages; with
    `explained` (the record the check read, and the budget categories' names), its trace too."""
    level, message = _remembered(value, key, context)
    return Finding(
        value.year,
        value.rule.id,
        level,
        field,
        dict(message),  # each finding its own: the remembered one is shared
        value.sources[0] if value.sources else None,
        activity_index,
        activity,
        row,
        value.note or value.rule.note,
        value.disputed,
        trace(value, Outcome(key, field, context), *explained, level) if explained else None,
    )


def _missing_activity(rules: RuleSet, activity_id: Any, year: int, **where: Any) -> Finding:
    """The activity is in the catalog but not in this year's regulation."""
    regulation = rules.regulations[year]
    entry = rules.activities.get(activity_id, {})
    other = [y for y in rules.years if str(y) in entry.get("years", {})]
    return Finding(
        year=year,
        rule="activity.exists",
        level=Level.ERROR,
        field="activity",
        message={
            "id": f"Rincian kegiatan {activity_id} tidak ada dalam {regulation['short']}"
            + (f" (hanya ada pada tahun {', '.join(map(str, other))})" if other else ""),
            "en": f"The activity {activity_id} does not exist in {regulation['short']}"
            + (f" (it exists only in {', '.join(map(str, other))})" if other else ""),
        },
        source=rules.source(regulation["menu_list_source"]),
        **where,
    )


def _plan_warning(
    rule: str, field: str, message: dict[str, str], year: int, activity_index: int, activity: str
) -> Finding:
    """A word about the plan's own fields (unknown, or an older name), not about the regulation."""
    return Finding(year, rule, Level.WARNING, field, message, None, activity_index, activity)


def _unknown_field(field: str, year: int, activity_index: int, activity: str) -> Finding:
    message = {
        "id": f"Isian {field!r} tidak dikenal dan tidak diperiksa oleh aturan mana pun",
        "en": f"The field {field!r} is not known and no rule checks it",
    }
    return _plan_warning("plan.unknown_field", field, message, year, activity_index, activity)


def _legacy_field(field: str, year: int, activity_index: int, activity: str) -> Finding:
    message = LEGACY_FIELDS[field]["message"]
    return _plan_warning("plan.legacy_field", field, message, year, activity_index, activity)


def _order(finding: Finding) -> tuple:
    """Findings are listed by activity, then the most serious first, then by field and rule."""
    return (finding.activity_index or 0, finding.level.rank, finding.field, finding.rule)


def _split_rincian(activities: list[dict[str, Any]]) -> dict[int, dict[str, Any] | None]:
    """For a rincian the plan lists in several entries: entry index -> the budget of all its entries
    (on the first entry) or None (on the others, where the whole was already read)."""
    entries: dict[Any, list[int]] = {}
    for index, activity in enumerate(activities):
        entries.setdefault(activity.get("activity"), []).append(index)
    merged: dict[int, dict[str, Any] | None] = {}
    if len(entries) == len(activities):
        return merged  # the common case: each rincian in one entry
    for indexes in entries.values():
        if len(indexes) > 1:
            budget = [line for i in indexes for line in activities[i].get("budget") or ()]
            merged[indexes[0]] = {"budget": budget} if budget else None
            merged.update(dict.fromkeys(indexes[1:]))
    return merged


class _Ready(NamedTuple):
    """What validate_year reads of the rules for one activity in one year, gathered once per rule set:
    a batch of plans reads the same few dozen rule values tens of thousands of times."""

    # (value, the plan field it reads, whether it reads the whole rincian, its ready check, its levels)
    values: tuple[tuple[RuleValue, str, bool, Evaluate, dict[str, Level]], ...]
    forbidden: dict[str, RuleValue]  # budget category -> the value that says it may not be funded


_READY: WeakKeyDictionary[RuleSet, dict[tuple[int, Any], _Ready | None]] = WeakKeyDictionary()


def _ready(rules: RuleSet, year: int, activity_id: Any) -> _Ready | None:
    """The activity's rules in the year, or None when the year's regulation does not have it."""
    if not rules.exists_in(activity_id, year):
        return None
    values = tuple(
        (value, value.rule.reads, value.rule.check in WHOLE_RINCIAN, value.evaluate, value.levels)
        for value in rules.values_for(year, activity_id)
    )
    return _Ready(values, rules.forbidden_categories(year, activity_id))


def validate_year(rules: RuleSet, plan: dict[str, Any], year: int, explain: bool = False) -> list[Finding]:
    """All findings of one year for a parsed plan (each with its trace when `explain`)."""
    findings: list[Finding] = []
    names = {c: entry["name"] for c, entry in rules.budget_categories.items()} if explain else {}
    activities = plan["activities"]
    split = _split_rincian(activities)
    ready_for = _READY.get(rules)
    if ready_for is None:
        ready_for = _READY[rules] = {}
    for index, activity in enumerate(activities):
        activity_id = activity.get("activity")
        try:
            ready = ready_for[year, activity_id]
        except KeyError:
            ready = ready_for[year, activity_id] = _ready(rules, year, activity_id)
        if ready is None:
            findings.append(
                _missing_activity(rules, activity_id, year, activity_index=index, activity=activity_id)
            )
            continue
        found: list[Finding] = []
        for value, reads, whole_rincian, evaluate, levels in ready.values:
            record = activity
            if whole_rincian and index in split:
                record = split[index]  # the rincian's entries together, read once
                if record is None:
                    continue
            if reads not in record:  # nothing to check: most plans fill few fields
                continue
            if value.when and not value.applies_to(activity):
                continue
            for outcome in evaluate(record):
                if outcome.key in levels:
                    found.append(
                        make_finding(
                            value,
                            outcome.key,
                            outcome.field,
                            outcome.context,
                            explained=(record, names) if explain else None,
                            activity_index=index,
                            activity=activity_id,
                        )
                    )
        budget = activity.get("budget")
        if budget and ready.forbidden:
            for line_index, line in enumerate(budget):
                value = ready.forbidden.get(line["category"])
                if value is not None:
                    for outcome in value.evaluate({"budget": [line]}):
                        found.append(
                            make_finding(
                                value,
                                outcome.key,
                                f"{value.rule.field}[{line_index}].category",
                                outcome.context,
                                explained=(activity, names) if explain else None,
                                activity_index=index,
                                activity=activity_id,
                            )
                        )
        for field in LEGACY_FIELDS:
            if field in activity:
                found.append(_legacy_field(field, year, index, activity_id))
        if not KNOWN_FIELDS.issuperset(activity):
            found += [
                _unknown_field(field, year, index, activity_id)
                for field in sorted(activity.keys() - KNOWN_FIELDS)
            ]
        # Findings come activity by activity: sorting each activity's own keeps the plan's order.
        if len(found) > 1:
            found.sort(key=_order)
        findings += found
    return findings


def validate(
    rules: RuleSet, data: Any, years: list[int] | None = None, *, explain: bool = False
) -> dict[str, Any]:
    """Validate a plan (JSON text or data) for the given years (default: the plan's own year); with
    `explain`, each finding carries its `trace` (how it was reached).

    Returns the JSON-ready report. Raises InputError when the plan cannot be read.
    """
    plan = parse_plan(data, rules)
    if years is None:
        if "year" not in plan:
            raise input_error(
                "year",
                id=f"tahun rencana tidak ada (isi year: {one_of(rules.years, 'id')}, atau pilih tahunnya)",
                en=f"the plan has no year (set year: {one_of(rules.years, 'en')}, or choose the year)",
            )
        years = [plan["year"]]
    unknown = [year for year in years if year not in rules.regulations]
    if unknown:
        allowed = ", ".join(str(year) for year in rules.years)
        raise input_error(
            "years",
            id=f"tidak ada peraturan untuk tahun {unknown[0]!r} (yang ada: {allowed})",
            en=f"no regulation for the year {unknown[0]!r} (there are: {allowed})",
        )
    findings = [f for year in years for f in validate_year(rules, plan, year, explain)]
    counts = Counter((f.year, f.level) for f in findings)
    summary = {str(year): {level.value: counts[year, level] for level in Level} for year in years}
    return {
        "format": "dak-findings/1",
        "years": years,
        "activities": [a.get("activity") for a in plan["activities"]],
        "findings": [f.to_json() for f in findings],
        "summary": summary,
        "comparison": compare(findings, years) if len(years) > 1 else [],
        "ok": not any(level is Level.ERROR for _, level in counts),
    }


def compare(findings: list[Finding], years: list[int]) -> list[dict[str, Any]]:
    """Per activity and field: how the plan fares under each year (the worst level, or ok)."""
    rows: dict[tuple, dict[str, Any]] = {}
    for finding in findings:
        key = (finding.activity_index, finding.field)
        row = rows.setdefault(
            key,
            {
                "activity_index": finding.activity_index,
                "activity": finding.activity,
                "field": finding.field,
                "where": where_label(finding.field),
                "by_year": {str(y): "ok" for y in years},
            },
        )
        current = row["by_year"][str(finding.year)]
        if current == "ok" or Level(current).rank > finding.level.rank:
            row["by_year"][str(finding.year)] = finding.level.value
    return sorted(rows.values(), key=lambda r: (r["activity_index"] or 0, r["field"]))
