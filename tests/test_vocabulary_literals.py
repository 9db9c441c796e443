"""The browser code holds no copy of the vocabulary: levels, plan fields, education levels, roles, years
and regulation names reach it in each checker's configuration (dakcore's vocabulary and the compiled
rules), so a renamed level or a new year's regulation is a change in one place. A word of theirs
written as a literal in the browser code (site_build/assets/dak/*.js, and the runtime's scripts that
docs_plugins/pyodide owns) fails here, naming the file and line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dakcore import vocabulary
from dakcore.rules import load_rules

ROOT = Path(__file__).resolve().parents[1]
BROWSER_CODE = [
    *sorted((ROOT / "site_build" / "assets" / "dak").glob("*.js")),
    *sorted((ROOT / "docs_plugins" / "pyodide" / "assets").glob("*.js")),
]
# A string literal ('…', "…" or the text of a `…` template) or a number; comments and regular
# expressions (a quote inside one is no string) are skipped.
TOKENS = re.compile(
    r"//[^\n]*|/\*.*?\*/"
    r"|(?<=[(,=:\[!&|?{};])\s*/(?![/*])(?:\\.|\[(?:\\.|[^\]\\\n])*\]|[^/\\\n])+/[a-z]*"
    r"|(?P<quote>[\"'])(?P<string>(?:\\.|(?!(?P=quote))[^\\\n])*)(?P=quote)"
    r"|`(?P<template>(?:\\.|[^\\`])*)`"
    r"|(?P<number>(?<![\w.])\d+(?![\w.]))",
    re.DOTALL,
)


def literals(source: str) -> list[tuple[int, str, bool]]:
    """(line, text, is_number) of every string and number literal of a JavaScript source."""
    found = []
    for match in TOKENS.finditer(source):
        text = next(
            (match[group] for group in ("string", "template", "number") if match[group] is not None), None
        )
        if text is not None:
            line = source.count("\n", 0, match.start()) + 1
            found.append((line, text, match.group("number") is not None))
    return found


def vocabulary_words() -> dict[str, str]:
    """Every word the vocabulary and the compiled rules own, with what it is."""
    rules = load_rules()
    words: dict[str, str] = {}
    for name, level in vocabulary.LEVELS.items():
        for text in level["label"].values():
            words[text] = f"the label of level {name}"
    for name, spec in vocabulary.FIELDS.items():
        for text in spec["label"].values():
            words[text] = f"the label of field {name}"
        for part, labels in spec.get("parts", {}).items():
            for text in labels.values():
                words[text] = f"the label of {name}.{part}"
    for name, labels in vocabulary.ROLES.items():
        for text in labels.values():
            words[text] = f"the label of role {name}"
    for level in vocabulary.EDUCATION_LEVELS:
        words[level] = "an education level"
    for year, regulation in rules.regulations.items():
        words[regulation["short"]] = f"the regulation of {year}"
        words[str(year)] = "a year of the rules"
    return words


def contains(text: str, word: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text) is not None


@pytest.mark.parametrize("module", BROWSER_CODE, ids=lambda path: path.name)
def test_browser_code_has_no_vocabulary_literal(module: Path) -> None:
    words = vocabulary_words()
    copies = [
        f"{module.name}:{line}: {text!r} holds {what} ({word!r})"
        for line, text, is_number in literals(module.read_text(encoding="utf-8"))
        for word, what in words.items()
        if (text == word if is_number else contains(text, word))
    ]
    assert not copies, "\n".join(copies)


def test_the_scanner_sees_literals_and_skips_comments() -> None:
    source = (
        'const a = "Permenperin 7/2023"; // 2022 in a comment\n'
        'const b = `${x} SD`; f(2023, 1.5, /["\\r]/.test(c) ? "S1" : "");'
    )
    assert literals(source) == [
        (1, "Permenperin 7/2023", False),
        (2, "${x} SD", False),
        (2, "2023", True),
        (2, "S1", False),
        (2, "", False),
    ]


TEMPLATES = Path(__file__).resolve().parents[1] / "site_build" / "templates"
# Jinja: a comment, or a tag/expression whose string literals are checked like the text around it.
JINJA = re.compile(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", re.DOTALL)
JINJA_STRING = re.compile(r"\"((?:\\.|[^\"\\])*)\"|'((?:\\.|[^'\\])*)'")


def template_texts(source: str) -> list[tuple[int, str]]:
    """(line, text) of a template's own words: the text around its tags and the strings inside them."""
    found = []
    last = 0
    for match in JINJA.finditer(source):
        found.append((source.count("\n", 0, last) + 1, source[last : match.start()]))
        if not match.group().startswith("{#"):
            for string in JINJA_STRING.finditer(match.group()):
                found.append((source.count("\n", 0, match.start()) + 1, string[1] or string[2] or ""))
        last = match.end()
    found.append((source.count("\n", 0, last) + 1, source[last:]))
    return found


def template_words() -> dict[str, str]:
    """The years and the regulations' short names: the pages address them through the data (YEARS,
    OLD, NEW, SHORT). Labels of levels, fields and roles may still occur in the long prose blocks."""
    rules = load_rules()
    words = {}
    for year, regulation in rules.regulations.items():
        words[regulation["short"]] = f"the regulation of {year}"
        words[str(year)] = "a year of the rules"
    return words


@pytest.mark.parametrize("template", sorted(TEMPLATES.glob("*.j2")), ids=lambda path: path.name)
def test_templates_have_no_year_or_regulation_literal(template: Path) -> None:
    words = template_words()
    copies = [
        f"{template.name}:{line}: {text.strip()[:60]!r} holds {what} ({word!r})"
        for line, text in template_texts(template.read_text(encoding="utf-8"))
        for word, what in words.items()
        if contains(text, word)
    ]
    assert not copies, "\n".join(copies)


def test_the_finding_levels_are_the_vocabularys():
    """dakcore.findings.Level names each level the vocabulary labels, in the same order of severity."""
    from dakcore.findings import Level

    assert [level.value for level in Level] == list(vocabulary.LEVELS)
