"""Levels follow the text's words (rules/FORMAT.md, "How the text's words decide the level").

For every rule value of both years, the words it quotes are read: a soft or approximate word ("secara
umum", "sekitar", "diutamakan", "dapat", "perkiraan") allows a `warning` at most, and a route that is
quoted (the ministry's approval, a statement) must be the level of some outcome. A value may depart
from this only where its note (or its rule's) quotes the word and so says why.
"""

from __future__ import annotations

import pytest

from dakcore.explain import ROUTE_WORDS, SOFT_WORDS
from dakcore.rules import load_rules

RULES = load_rules()

# The words that decide a level are dakcore's (the traces of findings quote them too).
SOFT = {word: pattern for word, (pattern, _english) in SOFT_WORDS.items()}
ROUTES = ROUTE_WORDS

VALUES = [value for values in RULES.values.values() for value in values]


def _explained(value, word: str) -> bool:
    notes = [n for n in (value.note, value.rule.note) if n]
    return any(word.lower() in n["id"].lower() for n in notes)


def _name(value) -> str:
    return f"{value.rule.id} {value.year} {sorted(value.activities)[0]}"


@pytest.mark.parametrize("value", VALUES, ids=_name)
def test_a_soft_word_gives_a_warning_at_most(value):
    quotes = " ".join(source.quote for source in value.sources)
    for word, pattern in SOFT.items():
        if pattern.search(quotes) and "error" in value.levels.values():
            assert _explained(value, word), (
                f"{_name(value)} quotes {word!r} but reports an error; lower the level, or say in the "
                f"note why {word!r} does not soften this limit"
            )


@pytest.mark.parametrize("value", VALUES, ids=_name)
def test_a_quoted_route_is_the_level_of_an_outcome(value):
    quotes = " ".join(source.quote for source in value.sources)
    for level, pattern in ROUTES.items():
        match = pattern.search(quotes)
        if match and level not in value.levels.values():
            assert _explained(value, match.group(0)), (
                f"{_name(value)} quotes the route {match.group(0)!r} but no outcome is {level}"
            )


def test_the_levels_test_reads_every_value_of_both_years():
    assert {value.year for value in VALUES} == set(RULES.years)
    assert len(VALUES) > 150


def test_notes_and_messages_name_levels_and_budget_lines_in_the_readers_words():
    """A reader sees each level by its one name (dakcore.vocabulary.LEVELS: "tidak boleh" / "not
    allowed"), never a developer's word for it ("galat", "error"), and a budget line by its amount,
    not by a key of the plan format."""
    import re

    def texts():
        for rule in RULES.rules.values():
            for message in rule.messages.values():
                yield f"{rule.id} message", message
            if rule.note:
                yield f"{rule.id} note", rule.note
        for value in VALUES:
            for part in ("note", "disputed"):
                if getattr(value, part, None):
                    yield f"{_name(value)} {part}", getattr(value, part)

    bad = [
        f"{where}: {lang}"
        for where, text in texts()
        for lang, pattern in (("id", r"\bgalat\b"), ("en", r"\ban error\b|\(error\)"))
        if re.search(pattern, text[lang], re.IGNORECASE)
    ]
    bad += [f"{where}: {{category}}" for where, text in texts() if "{category}" in text["id"] + text["en"]]
    assert not bad, bad
