"""dakcore's quick paths answer exactly as its careful paths do.

parse_plan first tests a whole activity against WELL_FORMED and reads it field by field (the readers
that word every message) only when that test fails; the range check decides a whole list of numbers
in C before it looks at each number. Both shortcuts are fed the same varied input here, from a fixed
seed, and must agree with the careful path: a plan that takes the shortcut is one the readers would
have passed unchanged, and a list the range check passes at once holds no number out of range.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from dakcore.checks import CHECKS, Outcome
from dakcore.engine import validate
from dakcore.errors import InputError
from dakcore.plan import (
    EDUCATION_LEVELS,
    INTEGER_FIELDS,
    PLAN_FIELDS,
    ROLE_NAMES,
    WELL_FORMED,
    _is_well_formed,
    _read_activity,
    _Reader,
)
from dakcore.rules import load_rules

RULES = load_rules()
ACTIVITY_IDS, CATEGORIES = set(RULES.activities), set(RULES.budget_categories)
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "plan-2023.json"
# Values a careless form or script might send, next to the well-formed ones drawn below.
ODD = [None, True, False, -1, -0.5, 2.5, 25.0, 10**30, float("inf"), float("nan"), "", "12", [], {}, [1]]


def _well_formed_value(rng: random.Random, field: str) -> object:
    if field == "participant_ages":
        return [rng.randint(0, 80) for _ in range(rng.randint(0, 30))]
    if field == "outside_region":
        return rng.random() < 0.5
    if field == "duration_months":
        return rng.choice([0, 1, 3, 4.5, 12])
    if field == "method":
        return {k: rng.choice([0, 20, 33.3, 50]) for k in rng.sample(["theory", "discussion", "practice"], 2)}
    if field == "study_visit":
        return {k: rng.randint(0, 9) for k in rng.sample(["working_days", "industries"], rng.randint(0, 2))}
    if field == "instructors":
        person = {"education": rng.choice(["SMA", "S1", "S2"]), "experience_years": rng.choice([0, 2.5, 7])}
        person.update(rng.choice([{}, {"certificate": True}, {"business_actor_with_nib": False}]))
        person.update(rng.choice([{}, {"role": "instruktur"}, {"role": "pendamping"}]))
        return [person] * rng.randint(0, 2)
    if field == "budget":
        return [{"category": rng.choice(sorted(CATEGORIES)), "amount": rng.choice([0, 1.5e6, 10**7])}]
    return rng.randint(0, 60)


def _activity(rng: random.Random) -> dict:
    activity = {"activity": rng.choice(sorted(ACTIVITY_IDS))}
    for field in rng.sample(PLAN_FIELDS, rng.randint(0, len(PLAN_FIELDS))):
        activity[field] = _well_formed_value(rng, field)
    for _ in range(rng.choice([0, 0, 1, 2])):  # spoil a field, or a part of one
        target = activity
        field = rng.choice([*activity, "notes", "location"])
        value = activity.get(field)
        if isinstance(value, list) and value and isinstance(value[0], dict):
            target, field = dict(value[0]), rng.choice([*value[0], "certificate"])
            activity[rng.choice(["instructors", "budget"])] = [target]
        elif isinstance(value, dict):
            target, field = dict(value), rng.choice(["theory", "working_days", "other"])
            activity[rng.choice(["method", "study_visit"])] = target
        target[field] = rng.choice(ODD)
    return activity


ACTIVITIES = [_activity(random.Random(seed)) for seed in range(3000)]


def test_both_paths_are_exercised():
    passed = sum(_is_well_formed(a, ACTIVITY_IDS, CATEGORIES) for a in ACTIVITIES)
    assert 0.3 * len(ACTIVITIES) < passed < 0.9 * len(ACTIVITIES)


@pytest.mark.parametrize("start", range(0, len(ACTIVITIES), 500))
def test_a_well_formed_activity_is_one_the_readers_pass_unchanged(start):
    for activity in ACTIVITIES[start : start + 500]:
        reader = _Reader()
        read = _read_activity(reader, activity, "activities[0]", ACTIVITY_IDS, CATEGORIES)
        unchanged = not reader.problems and read == activity
        assert _is_well_formed(activity, ACTIVITY_IDS, CATEGORIES) <= unchanged, activity
        if reader.problems:  # what the readers find is what the plan's reader reports
            plan = {"year": 2023, "activities": [activity]}
            with pytest.raises(InputError) as error:
                validate(RULES, plan)
            assert error.value.problems == reader.problems


def _read_alone(field: str, value: object) -> object:
    """The value as the primitive readers (whole number, number, true/false) return it, part by part,
    or None when one of them has a problem: the reference the WELL_FORMED shortcuts must agree with."""
    reader = _Reader()
    whole = reader.integer

    def number(value: object) -> object:  # the reader gives a float; the plan keeps what it was given
        return value if reader.number(value) is not None else None

    if field in INTEGER_FIELDS:
        read = whole(value)
    elif field == "duration_months":
        read = number(value)
    elif field == "outside_region":
        read = reader.boolean(value)
    elif field in ("participant_ages", "instructors") and not isinstance(value, list):
        return None
    elif field == "participant_ages":
        read = [whole(age) for age in value]
    elif field in ("method", "study_visit"):
        keys = {"method": ("theory", "discussion", "practice"), "study_visit": ("working_days", "industries")}
        if not isinstance(value, dict) or not set(value) <= set(keys[field]) | {"research_institutions"}:
            return None
        read = {k: (number if field == "method" else whole)(v) for k, v in value.items()}
    else:  # instructors
        read = []
        for person in value:
            if not isinstance(person, dict) or person.get("education", "SD") not in EDUCATION_LEVELS:
                return None
            if person.get("role", "narasumber") not in ROLE_NAMES:
                return None
            flags = {
                k: reader.boolean(person[k])
                for k in ("certificate", "business_actor_with_nib")
                if k in person
            }
            years = (
                {"experience_years": number(person["experience_years"])}
                if "experience_years" in person
                else {}
            )
            read.append({**person, **flags, **years})
    return None if reader.problems else read


def test_each_well_formed_value_is_what_the_primitive_readers_accept_unchanged():
    rng = random.Random(5)
    for field, well_formed in WELL_FORMED.items():
        values = [_well_formed_value(rng, field) for _ in range(300)] + ODD
        values += (
            [[odd] for odd in ODD] + [{"theory": odd} for odd in ODD] + [{"working_days": odd} for odd in ODD]
        )
        values += [[{"experience_years": odd}] for odd in ODD] + [[{"certificate": odd}] for odd in ODD]
        values += [[{"education": odd}] for odd in [*ODD, "S9", "s1"]]
        values += [[{"role": odd}] for odd in [*ODD, "dosen", "Instruktur"]]
        for value in values:
            if well_formed(value):
                read = _read_alone(field, value)
                assert read == value, (field, value)


def _range_by_hand(values: list, low: float | None, high: float | None) -> list[tuple[str, str, str]]:
    """The range check, one number at a time, as the regulation words it."""
    found = []
    for index, value in enumerate(values):
        if isinstance(value, int | float) and low is not None and value < low:
            found.append(("below", f"ages[{index}]", str(index + 1)))
        elif isinstance(value, int | float) and high is not None and value > high:
            found.append(("above", f"ages[{index}]", str(index + 1)))
    return found


@pytest.mark.parametrize("low, high", [(18, 60), (18, None), (None, 60)])
def test_the_range_of_a_list_is_each_number_in_range(low, high):
    rng = random.Random(low or high)
    params = {k: v for k, v in (("min", low), ("max", high)) if v is not None}
    check = CHECKS["range"]("ages", params)
    for _ in range(2000):
        values = [
            rng.choice([rng.randint(10, 70), rng.randint(18, 60), 17.5, True, None, "30"]) for _ in range(4)
        ]
        outcomes: list[Outcome] = list(check({"ages": values}))
        assert [(o.key, o.field, str(o.context["index"])) for o in outcomes] == _range_by_hand(
            values, low, high
        )


def test_the_example_plan_reads_the_same_as_text_and_as_data():
    text = EXAMPLE.read_text(encoding="utf-8")
    for years in (None, [2022], [2022, 2023]):
        assert json.dumps(validate(RULES, text, years)) == json.dumps(
            validate(RULES, json.loads(text), years)
        )


@pytest.mark.parametrize("start", range(0, len(ACTIVITIES), 500))
def test_an_explained_report_is_the_quick_report_with_a_trace_on_each_rule_finding(start):
    """Explaining adds a `trace` to every finding of a rule and changes nothing else (the quick path,
    without `explain`, builds no trace at all)."""
    for activity in ACTIVITIES[start : start + 500]:
        plan = {"activities": [activity]}
        try:
            quick = validate(RULES, plan, [2022, 2023])
        except InputError:
            continue
        explained = validate(RULES, plan, [2022, 2023], explain=True)
        for finding in explained["findings"]:
            trace = finding.pop("trace", None)
            assert (trace is not None) == (finding["rule"] in RULES.rules), finding
            if trace:
                assert (
                    trace["rule"]["year"] == finding["year"] and trace["level"]["level"] == finding["level"]
                )
                assert trace["inputs"] and trace["comparison_words"]["id"] and trace["level"]["why"]["en"]
        assert explained == quick
        assert not any("trace" in finding for finding in quick["findings"])
