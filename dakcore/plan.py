"""The public plan format `dak-plan/1`: reading it and saying exactly what is wrong with it.

A plan is JSON: {"format": "dak-plan/1", "year": <a year of the rules>, "activities": [ {...}, ... ]}. Fields
an activity may carry are listed in PLAN_FIELDS; more are allowed and kept. Every problem is
reported at once, each naming its field path, in Indonesian and English.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Collection
from typing import TYPE_CHECKING, Any

from .errors import InputError, InputProblem, problem
from .numbers import NumberError, parse_number
from .vocabulary import EDUCATION_LEVELS, FIELDS, LEGACY_FIELDS, ROLES, one_of

if TYPE_CHECKING:
    from .rules import RuleSet

FORMAT = "dak-plan/1"
# The fields of an activity in a dak-plan/1 plan that rules read (the vocabulary's order), and the
# older names still read.
PLAN_FIELDS = tuple(FIELDS)
# An older field is read as the field(s) it stands for, so it has their type.
_SPECS = {
    **FIELDS,
    **{name: FIELDS[next(iter(legacy["read_as"]))] for name, legacy in LEGACY_FIELDS.items()},
}
INTEGER_FIELDS = tuple(name for name, spec in _SPECS.items() if spec["type"] == "integer")
ROLE_NAMES = tuple(ROLES)
_Known = Collection[str] | None  # the ids a plan may use (None: any)
_ABSENT = object()  # a key not in the plan, as distinct from a key set to null


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "..."


class _Reader:
    def __init__(self) -> None:
        self.problems: list[InputProblem] = []

    def problem(self, where: str, id_text: str, en_text: str) -> None:
        self.problems.append(problem(where, id=id_text, en=en_text))

    def text_number(self, text: str, where: str) -> int | float | None:
        """A number written as text, the Indonesian way ("Rp 12.000.000", "2,5")."""
        try:
            return parse_number(text)
        except NumberError as error:
            self.problem(where, error.message["id"], error.message["en"])
            return None

    def integer(self, value: Any, *where: str, minimum: int = 0) -> int | None:
        """`where` is the field's path in parts, joined only when there is a problem (plans are large)."""
        if type(value) is int and value >= minimum:
            return value
        where = ".".join(where)
        if isinstance(value, str):
            value = self.text_number(value, where)
            if value is None:
                return None
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or (isinstance(value, float) and (not math.isfinite(value) or not value.is_integer()))
        ):
            self.problem(
                where,
                f"harus bilangan bulat, bukan {_describe(value)}",
                f"must be a whole number, not {_describe(value)}",
            )
            return None
        if value < minimum:
            self.problem(
                where,
                f"harus paling sedikit {minimum}, bukan {_describe(value)}",
                f"must be at least {minimum}, not {_describe(value)}",
            )
            return None
        return int(value)

    def number(self, value: Any, *where: str, minimum: float = 0) -> float | None:
        if type(value) in (int, float) and minimum <= value < math.inf:
            return float(value)
        where = ".".join(where)
        if isinstance(value, str):
            value = self.text_number(value, where)
            if value is None:
                return None
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            self.problem(
                where,
                f"harus berupa angka, bukan {_describe(value)}",
                f"must be a number, not {_describe(value)}",
            )
            return None
        if value < minimum:
            self.problem(
                where,
                f"tidak boleh kurang dari {minimum:g}, bukan {_describe(value)}",
                f"must not be less than {minimum:g}, not {_describe(value)}",
            )
            return None
        return float(value)

    def boolean(self, value: Any, *where: str) -> bool | None:
        if not isinstance(value, bool):
            where = ".".join(where)
            self.problem(
                where,
                f"harus true atau false, bukan {_describe(value)}",
                f"must be true or false, not {_describe(value)}",
            )
            return None
        return value

    def mapping(self, value: Any, where: str, keys: tuple[str, ...]) -> dict | None:
        if not isinstance(value, dict):
            self.problem(
                where,
                f"harus berupa objek dengan kunci {', '.join(keys)}",
                f"must be an object with the keys {', '.join(keys)}",
            )
            return None
        return value


def parse_plan(data: Any, rules: RuleSet | None = None) -> dict[str, Any]:
    """Check the shape of a plan (a JSON text or already-parsed data) and return it normalised; with
    `rules`, its year, activity ids and budget categories must be theirs.

    Raises InputError listing every problem. Values of the regulation's rules (is 35 participants
    allowed?) are not judged here: that is the engine's work; this only makes sure they can be read.
    A well-formed activity is returned as it is, not copied: plans can be large.
    """
    reader = _Reader()
    activity_ids = rules.activities if rules else None
    budget_categories = rules.budget_categories if rules else None
    if isinstance(data, str | bytes):
        try:
            data = json.loads(data)
        except (ValueError, RecursionError) as exc:
            line = getattr(exc, "lineno", None)
            where = f"line {line}" if line else ""
            reader.problem(
                where,
                f"bukan JSON yang sah ({exc.__class__.__name__})",
                f"not valid JSON ({getattr(exc, 'msg', exc.__class__.__name__)})",
            )
            raise InputError(reader.problems) from None
    if not isinstance(data, dict):
        reader.problem(
            "",
            'rencana harus berupa objek JSON {"format", "year", "activities"}',
            'a plan must be a JSON object {"format", "year", "activities"}',
        )
        raise InputError(reader.problems)
    plan: dict[str, Any] = {"format": FORMAT}
    if "format" in data and data["format"] != FORMAT:
        reader.problem(
            "format",
            f"format {_describe(data['format'])} tidak dikenal (yang dikenal: {FORMAT})",
            f"unknown format {_describe(data['format'])} (known: {FORMAT})",
        )
    year = data.get("year")
    if year is not None:
        years = rules.years if rules else None
        whole = isinstance(year, int | float) and not isinstance(year, bool) and float(year).is_integer()
        if whole and (years is None or int(year) in years):
            plan["year"] = int(year)
        else:
            reader.problem(
                "year",
                f"harus {one_of(years or ['bilangan bulat'], 'id')}, bukan {_describe(year)}",
                f"must be {one_of(years or ['a whole number'], 'en')}, not {_describe(year)}",
            )
    for key in ("region", "title"):
        if key in data:
            if isinstance(data[key], str):
                plan[key] = data[key]
            else:
                reader.problem(key, "harus berupa teks", "must be text")
    activities = data.get("activities")
    if not isinstance(activities, list):
        reader.problem("activities", "harus berupa daftar kegiatan", "must be a list of activities")
        raise InputError(reader.problems)
    plan["activities"] = [
        _parse_activity(reader, raw, index, activity_ids, budget_categories)
        for index, raw in enumerate(activities)
    ]
    if reader.problems:
        raise InputError(reader.problems)
    return plan


# What a well-formed value of each field looks like. Most plans are well formed and can be large, so
# an activity is first tested whole against these (fast, building nothing); only an activity that
# fails goes through the readers below, which say exactly what is wrong, field by field.
def _is_count(value: Any) -> bool:
    return type(value) is int and value >= 0


def _is_amount(value: Any) -> bool:
    return type(value) in (int, float) and 0 <= value < math.inf


def _is_ages(value: Any) -> bool:
    return type(value) is list and (not value or (set(map(type, value)) == {int} and min(value) >= 0))


def _is_parts(value: Any, keys: frozenset[str], is_part: Callable[[Any], bool]) -> bool:
    return type(value) is dict and value.keys() <= keys and all(map(is_part, value.values()))


def _is_flag(value: Any) -> bool:
    return type(value) is bool


def _is_instructor(person: Any) -> bool:
    return (
        type(person) is dict
        and person.get("role", "narasumber") in ROLE_NAMES
        and person.get("education", "SD") in EDUCATION_LEVELS
        and _is_amount(person.get("experience_years", 0))
        and type(person.get("business_actor_with_nib", False)) is bool
        and type(person.get("certificate", False)) is bool
    )


def _is_instructors(value: Any) -> bool:
    return type(value) is list and all(map(_is_instructor, value))


def _is_budget_line(line: Any, categories: _Known) -> bool:
    if type(line) is not dict:
        return False
    category = line.get("category")
    return type(category) is str and category in (categories or ()) and _is_amount(line.get("amount"))


def _is_parts_of(spec: dict[str, Any]) -> Callable[[Any], bool]:
    keys, is_part = frozenset(spec["parts"]), _is_count if spec["part_type"] == "integer" else _is_amount
    return lambda value: _is_parts(value, keys, is_part)


# What a well-formed value of each type of field is; the vocabulary's field specs give each field its type.
_IS_TYPE: dict[str, Callable[[Any], bool]] = {
    "integer": _is_count,
    "number": _is_amount,
    "boolean": _is_flag,
    "ages": _is_ages,
    "people": _is_instructors,
}
WELL_FORMED: dict[str, Callable[[Any], bool]] = {
    name: _is_parts_of(spec) if spec["type"] == "parts" else _IS_TYPE[spec["type"]]
    for name, spec in _SPECS.items()
    if spec["type"] != "budget"
}  # and "budget", whose categories depend on the catalog: _is_budget_line
_COUNT_FIELDS = tuple(name for name, test in WELL_FORMED.items() if test is _is_count)
_FLAG_FIELDS = tuple(name for name, test in WELL_FORMED.items() if test is _is_flag)
_OTHER_FIELDS = tuple((name, test) for name, test in WELL_FORMED.items() if test not in (_is_count, _is_flag))


def _is_well_formed(raw: dict[str, Any], activity_ids: _Known, categories: _Known) -> bool:
    activity = raw.get("activity")
    if (
        type(activity) is not str
        or not activity
        or (activity_ids is not None and activity not in activity_ids)
    ):
        return False
    # Counts and flags, most of an activity's fields, are tested here rather than by a call each; a
    # field the activity leaves out reads as a well-formed value.
    for key in _COUNT_FIELDS:
        value = raw.get(key, 0)
        if type(value) is not int or value < 0:
            return False
    for key in _FLAG_FIELDS:
        if type(raw.get(key, False)) is not bool:
            return False
    for key, well_formed in _OTHER_FIELDS:
        value = raw.get(key, _ABSENT)
        if value is not _ABSENT and not well_formed(value):
            return False
    budget = raw.get("budget", [])
    return type(budget) is list and all(_is_budget_line(line, categories) for line in budget)


def _parse_activity(
    reader: _Reader, raw: Any, index: int, activity_ids: _Known, budget_categories: _Known
) -> dict[str, Any]:
    if type(raw) is dict and _is_well_formed(raw, activity_ids, budget_categories):
        # the common case: nothing to say, nothing to normalise, kept as it is
        return raw if LEGACY_FIELDS.keys().isdisjoint(raw) else _read_legacy(raw)
    where = f"activities[{index}]"  # named only where there is something to say
    return _read_legacy(_read_activity(reader, raw, where, activity_ids, budget_categories))


# Each older field, and the fields it is read as with the values of other fields that must hold.
_LEGACY_READ_AS = tuple(
    (name, tuple((field, tuple(when.items())) for field, when in legacy["read_as"].items()))
    for name, legacy in LEGACY_FIELDS.items()
)


def _read_legacy(activity: dict[str, Any]) -> dict[str, Any]:
    """An older plan's field, given to the fields it now stands for where the plan leaves them out.

    `committee` was one number checked against the 2022 limit (the whole committee) and the 2023
    limit (members accompanying participants outside the region); it is still checked against both,
    and the engine says which fields to write instead.
    """
    out = activity
    for name, read_as in _LEGACY_READ_AS:
        value = activity.get(name)
        if value is None:
            continue
        for field, when in read_as:
            if field in activity:
                continue
            for key, expected in when:
                if activity.get(key) != expected:
                    break
            else:
                out = out if out is not activity else dict(activity)
                out[field] = value
    return out


def _read_activity(
    reader: _Reader, raw: Any, where: str, activity_ids: _Known, budget_categories: _Known
) -> dict[str, Any]:
    """Read an activity field by field, noting every problem; normalised values go into a copy."""
    if not isinstance(raw, dict):
        reader.problem(
            where,
            'kegiatan harus berupa objek dengan kunci "activity"',
            'an activity must be an object with the key "activity"',
        )
        return {}
    out: dict[str, Any] = dict(raw)
    activity = raw.get("activity")
    if not isinstance(activity, str) or not activity:
        reader.problem(
            f"{where}.activity",
            "wajib diisi dengan id kegiatan dari katalog",
            "required: an activity id from the catalog",
        )
    elif activity_ids is not None and activity not in activity_ids:
        reader.problem(
            f"{where}.activity",
            f"kegiatan {_describe(activity)} tidak ada dalam katalog",
            f"activity {_describe(activity)} is not in the catalog",
        )
    for name, spec in _SPECS.items():
        value = raw.get(name, _ABSENT)
        if value is _ABSENT:
            continue
        if spec["type"] == "budget":
            out[name] = _parse_budget(reader, value, f"{where}.{name}", budget_categories)
        elif not WELL_FORMED[name](value):  # well-formed values are kept as they are
            out[name] = _READ_TYPE[spec["type"]](reader, value, where, name, spec)
    return out


def _read_parts(reader: _Reader, value: Any, where: str, name: str, spec: dict[str, Any]) -> dict | None:
    """Named non-negative numbers: `method` {theory, ...} or `study_visit` {working_days, ...}."""
    keys = tuple(spec["parts"])
    parts = reader.mapping(value, f"{where}.{name}", keys)
    if parts is None:
        return None
    read = reader.integer if spec["part_type"] == "integer" else reader.number
    out = {}
    for key, part in parts.items():
        if key not in keys:
            reader.problem(
                f"{where}.{name}.{key}",
                f"kunci tidak dikenal (yang boleh: {', '.join(keys)})",
                f"unknown key (allowed: {', '.join(keys)})",
            )
        else:
            out[key] = read(part, where, name, key)
    return out


def _read_ages(reader: _Reader, ages: Any, where: str, name: str, spec: dict[str, Any]) -> list | None:
    if not isinstance(ages, list):
        reader.problem(
            f"{where}.{name}",
            "harus berupa daftar umur (bilangan bulat)",
            "must be a list of ages (whole numbers)",
        )
        return None
    return [
        age if _is_count(age) else reader.integer(age, f"{where}.{name}[{i}]") for i, age in enumerate(ages)
    ]


def _parse_instructors(reader: _Reader, raw: Any, where: str) -> list[dict[str, Any]]:
    if not isinstance(raw, list):
        reader.problem(where, "harus berupa daftar narasumber/instruktur", "must be a list of instructors")
        return []
    people = []
    for index, person in enumerate(raw):
        at = f"{where}[{index}]"
        if not isinstance(person, dict):
            reader.problem(at, "harus berupa objek", "must be an object")
            continue
        out = dict(person)
        people.append(out)
        if _is_instructor(person):
            continue
        if "role" in person and person["role"] not in ROLE_NAMES:
            reader.problem(
                f"{at}.role",
                f"peran {_describe(person['role'])} tidak dikenal (yang boleh: {'|'.join(ROLE_NAMES)})",
                f"role {_describe(person['role'])} is not known (allowed: {'|'.join(ROLE_NAMES)})",
            )
        if "education" in person and person["education"] not in EDUCATION_LEVELS:
            reader.problem(
                f"{at}.education",
                f"{_describe(person['education'])} tidak dikenal (yang boleh: {'|'.join(EDUCATION_LEVELS)})",
                f"{_describe(person['education'])} is not known (allowed: {'|'.join(EDUCATION_LEVELS)})",
            )
        if "experience_years" in person:
            out["experience_years"] = reader.number(person["experience_years"], at, "experience_years")
        for key in ("business_actor_with_nib", "certificate"):
            if key in person:
                out[key] = reader.boolean(person[key], at, key)
    return people


def _parse_budget(reader: _Reader, raw: Any, where: str, categories: _Known) -> list[dict[str, Any]]:
    if not isinstance(raw, list):
        reader.problem(
            where,
            "harus berupa daftar baris anggaran {category, amount}",
            "must be a list of budget lines {category, amount}",
        )
        return []
    lines = []
    for index, line in enumerate(raw):
        if _is_budget_line(line, categories):
            lines.append(line)
            continue
        at = f"{where}[{index}]"
        if not isinstance(line, dict):
            reader.problem(
                at, "harus berupa objek {category, amount}", "must be an object {category, amount}"
            )
            continue
        category = line.get("category")
        if not isinstance(category, str) or (categories is not None and category not in categories):
            allowed = ", ".join(sorted(categories)) if categories else "a category id"
            reader.problem(
                f"{at}.category",
                f"kategori {_describe(category)} tidak dikenal (yang boleh: {allowed})",
                f"unknown category {_describe(category)} (allowed: {allowed})",
            )
        amount = reader.number(line.get("amount"), at, "amount")
        lines.append({**line, "category": category, "amount": amount})
    return lines


# How the careful reader reads a value of each type of field that is not well formed, noting its problems.
_READ_TYPE: dict[str, Callable[[_Reader, Any, str, str, dict[str, Any]], Any]] = {
    "integer": lambda reader, value, where, name, spec: reader.integer(value, where, name),
    "number": lambda reader, value, where, name, spec: reader.number(value, where, name),
    "boolean": lambda reader, value, where, name, spec: reader.boolean(value, where, name),
    "ages": _read_ages,
    "parts": _read_parts,
    "people": lambda reader, value, where, name, spec: _parse_instructors(reader, value, f"{where}.{name}"),
}
