"""Each kind of check declares, beside its code (dakcore/checks.py: SPECS), the parameters it needs
and may take and the outcomes it reports. The rules schema offers exactly those kinds, the rules
compiler holds every rule value to its kind's declaration (tests/broken_content/cases.yml has its
messages), and the rule wording (site_build/rule_text.py) has words for every kind and outcome."""

from __future__ import annotations

import json

import pytest

from dakcore.checks import CHECKS, SPECS
from site_build.rule_text import OUTCOME_NAMES, value_in_words
from site_build.rules.compiler import RULES_DIR

# A value for every parameter any check declares: a new parameter needs one here, so that its
# wording is tried below.
SAMPLE_PARAMS = {
    "min": 1,
    "max": 2,
    "per": "mentors",
    "share": 0.1,
    "of": "participants",
    "expected": {"theory": 50, "discussion": 20, "practice": 30},
    "tolerance": 5,
    "categories": ["bahan_praktik"],
    "category": "bahan_praktik",
    "key": "certificate",
    "exempt": "business_actor_with_nib",
    "roles": ["instruktur"],
    "allowed": ["ya"],
    "conditional": ["bersedia"],
}


def test_every_check_declares_its_parameters_and_outcomes():
    assert set(SPECS) == set(CHECKS)
    for name, spec in SPECS.items():
        assert spec.outcomes, name
        assert not spec.needs & spec.may, name


def test_the_rules_schema_offers_exactly_the_declared_checks():
    schema = json.loads((RULES_DIR / "schema" / "rules.schema.json").read_text(encoding="utf-8"))
    assert sorted(schema["$defs"]["rule"]["properties"]["check"]["enum"]) == sorted(SPECS)


def test_the_rule_wording_names_exactly_the_declared_outcomes():
    assert set(OUTCOME_NAMES) == {outcome for spec in SPECS.values() for outcome in spec.outcomes}


@pytest.mark.parametrize("name", sorted(SPECS))
@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_rule_wording_words_every_declared_check_with_all_its_parameters(name, lang):
    spec = SPECS[name]
    value = {
        "params": {key: SAMPLE_PARAMS[key] for key in spec.needs | spec.may},
        "levels": dict.fromkeys(spec.outcomes, "warning"),
    }
    words = value_in_words(name, value, lang)
    assert words and "{" not in words, words
