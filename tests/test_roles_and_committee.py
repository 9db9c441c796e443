"""Requirements bind the roles the text names; each year's committee limit reads its own concept.

A person's `role` decides whether the requirement of a provision binds them; a person without a role
gets only a warning that names the role that would make it binding. 2022 limits the whole committee
(`committee_total`), 2023 only the members accompanying participants outside the region
(`committee_accompanying`); an older plan's single `committee` is still read.
"""

from __future__ import annotations

import pytest

from dakcore.engine import validate
from dakcore.errors import InputError
from dakcore.rules import load_rules

RULES = load_rules()


def findings(activity: dict, year: int, rule_prefix: str = "") -> list[dict]:
    plan = {"format": "dak-plan/1", "year": year, "activities": [activity]}
    report = validate(RULES, plan, [year])
    return [f for f in report["findings"] if f["rule"].startswith(rule_prefix)]


def person(**fields) -> dict:
    return {"education": "SMA", "experience_years": 1, "certificate": False, **fields}


def roles_of(rule: str, year: int, activity: str) -> set[str]:
    return {
        role
        for value in RULES.values[rule]
        if value.year == year and activity in value.activities
        for role in value.params["roles"]
    }


@pytest.mark.parametrize("year", [2022, 2023])
def test_every_requirement_on_people_names_its_roles(year):
    for rule_id in ("experts.education", "experts.experience", "experts.certificate"):
        for value in RULES.values[rule_id]:
            assert value.params.get("roles"), (rule_id, value.year, sorted(value.activities))


@pytest.mark.parametrize(
    ("year", "activity"),
    [(2022, "pelatihan-teknis-produksi"), (2023, "pelatihan-upt-rumah-kemasan")],
)
def test_a_narasumber_is_not_held_to_an_instructors_requirements(year, activity):
    """2022 A.2 and 2023 B.2 set requirements for the instruktur/pengajar, none for a narasumber (2023
    A.2 names the narasumber too: "Narasumber/Instruktur/Pengajar/Tenaga Ahli ... harus memenuhi")."""
    roles = roles_of("experts.education", year, activity)
    assert "narasumber" not in roles and roles & {"instruktur", "pengajar"}
    found = findings({"activity": activity, "instructors": [person(role="narasumber")]}, year, "experts.")
    assert found == []


def test_2023_a2_binds_the_narasumber_as_its_text_names_them():
    activity = "pelatihan-teknis-produksi"
    assert "narasumber" in roles_of("experts.education", 2023, activity)
    found = findings({"activity": activity, "instructors": [person(role="narasumber")]}, 2023, "experts.")
    assert found and {f["level"] for f in found} == {"error"}


@pytest.mark.parametrize("year", [2022, 2023])
def test_an_instructor_below_the_requirements_is_an_error(year):
    activity = "pelatihan-teknis-produksi"
    found = findings({"activity": activity, "instructors": [person(role="instruktur")]}, year, "experts.")
    assert {f["rule"] for f in found} >= {"experts.education"}
    assert {f["level"] for f in found} == {"error"}


@pytest.mark.parametrize("year", [2022, 2023])
def test_a_person_without_a_role_gets_a_warning_naming_the_binding_role(year):
    activity = "pelatihan-teknis-produksi"
    found = findings({"activity": activity, "instructors": [person()]}, year, "experts.education")
    assert [f["level"] for f in found] == ["warning"]
    assert "instruktur" in found[0]["message"]["id"].lower()
    assert "role is not stated" in found[0]["message"]["en"]


def test_2023_mentoring_requirements_bind_the_mentor():
    activity = "pendampingan-diversifikasi-produk"
    assert "pendamping" in roles_of("experts.education", 2023, activity)
    mentor = findings({"activity": activity, "instructors": [person(role="pendamping")]}, 2023, "experts.")
    assert mentor and {f["level"] for f in mentor} == {"error"}


def test_an_unknown_role_is_an_input_problem_naming_the_allowed_roles():
    plan = {
        "format": "dak-plan/1",
        "year": 2023,
        "activities": [{"activity": "pelatihan-teknis-produksi", "instructors": [{"role": "dosen"}]}],
    }
    with pytest.raises(InputError) as raised:
        validate(RULES, plan)
    [problem] = raised.value.problems
    assert problem.where == "activities[0].instructors[0].role"
    assert "narasumber|instruktur|pengajar|pendamping|tenaga_ahli" in problem.message["en"]


TRAINING = {"activity": "pelatihan-teknis-produksi", "participants": 25}


def test_2022_limits_the_whole_committee_wherever_the_training_is_held():
    found = findings({**TRAINING, "committee_total": 12}, 2022, "committee.")
    assert [(f["rule"], f["field"], f["level"]) for f in found] == [
        ("committee.size", "committee_total", "error")
    ]
    assert findings({**TRAINING, "committee_total": 2}, 2022, "committee.") == []


def test_2023_limits_only_the_members_accompanying_participants_outside_the_region():
    assert findings({**TRAINING, "committee_total": 12}, 2023, "committee.") == []
    found = findings({**TRAINING, "committee_accompanying": 3}, 2023, "committee.")
    assert [(f["rule"], f["field"], f["level"]) for f in found] == [
        ("committee.accompanying", "committee_accompanying", "error")
    ]


def test_each_year_is_checked_against_its_own_concept_only():
    both = {**TRAINING, "committee_total": 12, "committee_accompanying": 2}
    assert [f["rule"] for f in findings(both, 2022, "committee.")] == ["committee.size"]
    assert findings(both, 2023, "committee.") == []


@pytest.mark.parametrize(
    ("outside_region", "year", "expected"),
    [
        (False, 2022, ["committee.size"]),
        (True, 2022, ["committee.size"]),
        (False, 2023, []),
        (True, 2023, ["committee.accompanying"]),
    ],
)
def test_an_older_plans_committee_is_still_read_with_a_warning(outside_region, year, expected):
    activity = {**TRAINING, "committee": 12, "outside_region": outside_region}
    found = findings(activity, year)
    assert [f["rule"] for f in found if f["rule"].startswith("committee.")] == expected
    legacy = [f for f in found if f["rule"] == "plan.legacy_field"]
    assert [(f["field"], f["level"]) for f in legacy] == [("committee", "warning")]
    assert "committee_total" in legacy[0]["message"]["en"]


def test_a_finding_carries_the_rules_reading_note():
    found = findings({**TRAINING, "committee_total": 12}, 2022, "committee.")
    assert found[0]["note"]["en"] and found[0]["note"]["id"]
