"""Rule behaviour as data: tests/rule_cases/*.yml hold plans (and rosters) with the exact findings
they must produce. Each rule has, in every year it exists, a case where it fires and one where the
same field is checked and it does not.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest
import yaml

from dakcore.engine import validate
from dakcore.roster import check_roster
from dakcore.rules import RuleSet
from site_build.rules.compiler import compile_rules

CASES_DIR = Path(__file__).parent / "rule_cases"
RULES = RuleSet(compile_rules())  # fresh from rules/, so a case never runs against a stale JSON


def _load_cases() -> tuple[list, list]:
    plans, rosters = [], []
    for path in sorted(CASES_DIR.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        plans += [pytest.param(case, id=f"{path.stem}: {case['name']}") for case in data.get("cases", [])]
        rosters += [
            pytest.param(case, id=f"{path.stem}: {case['name']}") for case in data.get("roster_cases", [])
        ]
    return plans, rosters


PLAN_CASES, ROSTER_CASES = _load_cases()
KEY = ("year", "activity_index", "rule", "field", "level")


def _plan_findings(case: dict) -> list[dict]:
    plan = {"format": "dak-plan/1", **case["plan"]}
    return validate(RULES, plan, case.get("years"))["findings"]


def _roster_findings(case: dict) -> dict:
    return check_roster(
        RULES,
        case["csv"],
        activity=case["activity"],
        year=case["year"],
        on=date.fromisoformat(str(case["on"])),
    )


@pytest.mark.parametrize("case", PLAN_CASES)
def test_plan_case(case):
    found = Counter(tuple(f[k] for k in KEY) for f in _plan_findings(case))
    expected = Counter(
        tuple({"activity_index": 0, "year": case["plan"]["year"], **e}[k] for k in KEY)
        for e in case.get("expect") or []
    )
    assert found == expected


@pytest.mark.parametrize("case", ROSTER_CASES)
def test_roster_case(case):
    report = _roster_findings(case)
    found = Counter((f["row"], f["rule"], f["field"], f["level"]) for f in report["findings"])
    expected = Counter((e["row"], e["rule"], e["field"], e["level"]) for e in case.get("expect") or [])
    assert found == expected
    problems = sorted((p["line"], p["field"]) for p in report["row_problems"])
    assert problems == sorted((p["line"], p["field"]) for p in case.get("row_problems") or [])


def _exercised() -> tuple[set, set]:
    """(rule, year) pairs some case makes fire, and pairs some case checks without a finding."""
    fired, passed = set(), set()
    for param in PLAN_CASES:
        case = param.values[0]
        years = case.get("years") or [case["plan"]["year"]]
        expect = case.get("expect") or []
        for year in years:
            for index, activity in enumerate(case["plan"]["activities"]):
                applicable = [
                    *RULES.values_for(year, activity["activity"]),
                    *RULES.forbidden_categories(year, activity["activity"]).values(),
                ]
                for value in applicable:
                    top = value.rule.field.split(".")[0].split("[")[0]
                    hit = any(
                        e["rule"] == value.rule.id
                        and e.get("year", case["plan"]["year"]) == year
                        and e.get("activity_index", 0) == index
                        for e in expect
                    )
                    if hit:
                        fired.add((value.rule.id, year))
                    elif top in activity and value.applies_to(activity):
                        passed.add((value.rule.id, year))
    for param in ROSTER_CASES:
        case = param.values[0]
        rules_hit = {e["rule"] for e in case.get("expect") or []}
        for value in RULES.values_for(case["year"], case["activity"], scope="participant"):
            key = (value.rule.id, case["year"])
            (fired if value.rule.id in rules_hit else passed).add(key)
            if value.rule.id in rules_hit and len(case.get("expect")) < case["csv"].count("\n") - 1:
                passed.add(key)  # other rows of the same roster pass the rule
    return fired, passed


def test_every_rule_has_a_failing_and_a_passing_case_in_each_year():
    fired, passed = _exercised()
    needed = {(rule_id, value.year) for rule_id, values in RULES.values.items() for value in values}
    missing = sorted(
        f"{rule} {year}: no {'failing' if (rule, year) not in fired else 'passing'} case"
        for rule, year in needed
        if (rule, year) not in fired or (rule, year) not in passed
    )
    assert not missing, "\n".join(missing)
