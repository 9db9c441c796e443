"""A rule value in words (site_build/rule_text.py), for each kind of check, in both languages."""

from __future__ import annotations

import pytest

from site_build.rule_text import value_in_words

CATEGORIES = {
    "honorarium_panitia": {"name": {"id": "Honorarium panitia", "en": "Committee fees"}},
    "bahan_praktik": {"name": {"id": "Bahan praktik", "en": "Practice materials"}},
}

CASES = [
    (
        "range",
        {"params": {"min": 20, "max": 30}, "levels": {"below": "needs_statement", "above": "error"}},
        "20–30 (di bawah batas: perlu surat pernyataan; di atas batas: tidak boleh)",
        "20–30 (below the limit: needs a statement; above the limit: not allowed)",
    ),
    (
        "range",
        {"params": {"max": 45}, "levels": {"above": "needs_approval"}},
        "≤ 45 (di atas batas: perlu persetujuan kementerian)",
        "≤ 45 (above the limit: needs ministry approval)",
    ),
    (
        "range",
        {"params": {"min": 1}, "levels": {"below": "error"}, "when": {"outside_region": True}},
        "≥ 1 (di bawah batas: tidak boleh) [hanya bila dilaksanakan di luar daerah]",
        "≥ 1 (below the limit: not allowed) [only when held outside the region]",
    ),
    (
        "ratio",
        {"params": {"per": "mentors", "min": 5, "max": 5}, "levels": {"below": "warning"}},
        "5 per tenaga pendamping (di bawah batas: perhatian)",
        "5 per mentor (below the limit: warning)",
    ),
    (
        "share_of",
        {"params": {"share": 0.1, "of": "participants"}, "levels": {"above": "error"}},
        "≤ 10% dari jumlah peserta (di atas batas: tidak boleh)",
        "≤ 10% of the number of participants (above the limit: not allowed)",
    ),
    (
        "budget_share_max",
        {"params": {"categories": ["bahan_praktik", "sewa"], "share": 0.2}, "levels": {"above": "error"}},
        "≤ 20% dari alokasi kegiatan: Bahan praktik, sewa (di atas batas: tidak boleh)",
        "≤ 20% of the activity's allocation: Practice materials, sewa (above the limit: not allowed)",
    ),
    (
        "forbidden_category",
        {"params": {"category": "honorarium_panitia"}, "levels": {"forbidden": "error"}},
        "tidak dapat dibiayai (dianggarkan: tidak boleh)",
        "not fundable (budgeted: not allowed)",
    ),
    (
        "min_education",
        {"params": {"min": "D3", "exempt": "business_actor_with_nib"}, "levels": {"below": "error"}},
        "≥ D3 (kecuali pelaku usaha ber-NIB) (di bawah batas: tidak boleh)",
        "≥ D3 (unless business actor with an NIB) (below the limit: not allowed)",
    ),
    (
        "min_each",
        {"params": {"key": "experience_years", "min": 3}, "levels": {"below": "error"}},
        "pengalaman (tahun) ≥ 3 (setiap orang) (di bawah batas: tidak boleh)",
        "experience (years) ≥ 3 (each person) (below the limit: not allowed)",
    ),
    (
        "min_education",
        {"params": {"min": "D3", "roles": ["instruktur", "pengajar"]}, "levels": {"below": "error"}},
        "Instruktur atau pengajar: ≥ D3 (di bawah batas: tidak boleh)",
        "Instructor or teacher: ≥ D3 (below the limit: not allowed)",
    ),
    (
        "required_each",
        {"params": {"key": "certificate"}, "levels": {"missing": "error"}},
        "bersertifikat kompetensi (setiap orang) (tidak ada: tidak boleh)",
        "holds a certificate of competence (each person) (missing: not allowed)",
    ),
    (
        "allowed_values",
        {
            "params": {"allowed": ["ya"], "conditional": ["bersedia"]},
            "levels": {"conditional": "needs_statement", "not_allowed": "error"},
        },
        "boleh: ya; bersyarat: bersedia (bersyarat: perlu surat pernyataan; lainnya: tidak boleh)",
        "allowed: ya; conditional: bersedia (conditional: needs a statement; anything else: not allowed)",
    ),
    (
        "method_mix",
        {
            "params": {"expected": {"theory": 50, "discussion": 20, "practice": 30}, "tolerance": 10},
            "levels": {"sum": "error", "off": "warning"},
        },
        "teori 50%, diskusi 20%, praktik 30% (toleransi ± 10) "
        "(jumlah bukan 100%: tidak boleh; menyimpang: perhatian)",
        "theory 50%, discussion 20%, practice 30% (tolerance ± 10) "
        "(not adding up to 100%: not allowed; off the mix: warning)",
    ),
]


@pytest.mark.parametrize(("check", "value", "in_indonesian", "in_english"), CASES)
def test_a_value_in_words(check, value, in_indonesian, in_english):
    assert value_in_words(check, value, "id", CATEGORIES) == in_indonesian
    assert value_in_words(check, value, "en", CATEGORIES) == in_english


def test_a_check_without_words_stops_the_build():
    with pytest.raises(ValueError, match="no words for the check 'new_check'"):
        value_in_words("new_check", {"params": {}, "levels": {}}, "en")


def test_every_check_the_rules_use_has_words():
    from site_build.generate import budget_categories
    from site_build.rules.compiler import compile_rules

    rules = compile_rules()
    for rule in rules["rules"]:
        for value in rule["values"]:
            for lang in ("id", "en"):
                assert value_in_words(rule["check"], value, lang, budget_categories(rules))


def test_route_places_name_every_rule_value_with_that_route_and_no_other():
    """The glossary's list of where a route applies is read from the rules: a value whose level changes
    (e.g. to needs_approval) joins the list, and a value without the route never appears in it."""
    from site_build.rule_text import route_places
    from site_build.rules.compiler import compile_rules

    rules = compile_rules()
    for level in ("needs_approval", "needs_statement"):
        expected = {
            (value["year"], rule["title"]["en"], activity)
            for rule in rules["rules"]
            for value in rule["values"]
            if level in value["levels"].values()
            for activity in value["activities"]
        }
        listed = {
            (row["year"], row["title"], activity["id"])
            for row in route_places(rules, level, "en")
            for activity in row["activities"]
        }
        assert expected and listed == expected, level
    synthetic = {
        "activities": [
            {"id": "x", "name": {"id": "X", "en": "X"}, "years": {"2023": {"menu": "A", "number": 9}}}
        ],
        "rules": [
            {
                "id": "r",
                "title": {"id": "R", "en": "R"},
                "values": [
                    {
                        "year": 2023,
                        "activities": ["x"],
                        "levels": {"below": "error", "above": "needs_approval"},
                    }
                ],
            }
        ],
    }
    assert route_places(synthetic, "needs_approval", "en") == [
        {
            "year": 2023,
            "title": "R",
            "outcomes": ["above the limit"],
            "activities": [{"id": "x", "label": "A.9 X"}],
        }
    ]
    assert route_places(synthetic, "needs_statement", "en") == []
