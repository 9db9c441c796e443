"""A rule value in words, for readers: what the value allows and what each kind of breach means.

One rendering for the activity pages' table of rules and the 'what changed' page, so that the two
never disagree and a change in any parameter (a list of categories, a method mix) shows as a change.
The words follow each check of dakcore/checks.py (its declared parameters and outcomes, SPECS, which
tests/test_check_kinds.py holds this module to); a check without words here stops the build, so a
new check cannot reach a page as raw data.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from dakcore.vocabulary import FIELDS, LANGS, LEVELS, ROLES, label, roles_in_words

# What each level of a breach means for the reader's plan: the vocabulary's one wording per level.
LEVEL_NAMES = {level: tuple(spec["label"][lang].lower() for lang in LANGS) for level, spec in LEVELS.items()}

# The outcomes a check reports (the keys of a value's `levels`), as a reader would say them.
OUTCOME_NAMES = {
    "below": ("di bawah batas", "below the limit"),
    "above": ("di atas batas", "above the limit"),
    "forbidden": ("dianggarkan", "budgeted"),
    "missing": ("tidak ada", "missing"),
    "conditional": ("bersyarat", "conditional"),
    "not_allowed": ("lainnya", "anything else"),
    "sum": ("jumlah bukan 100%", "not adding up to 100%"),
    "off": ("menyimpang", "off the mix"),
}

_WORDS = {
    "each": ("setiap orang", "each person"),
    "unless": ("kecuali", "unless"),
    "of": ("dari", "of"),
    "per": ("per", "per"),
    "allowed": ("boleh", "allowed"),
    "not_fundable": ("tidak dapat dibiayai", "not fundable"),
    "of_allocation": ("dari alokasi kegiatan", "of the activity's allocation"),
    "tolerance": ("toleransi", "tolerance"),
}


def _number(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _percent(share: float) -> str:
    return f"{share * 100:g}%"


def _range(p: Mapping[str, Any]) -> str:
    if "min" in p and "max" in p:
        return _number(p["min"]) if p["min"] == p["max"] else f"{_number(p['min'])}–{_number(p['max'])}"
    return f"≥ {_number(p['min'])}" if "min" in p else f"≤ {_number(p['max'])}"


def _category(categories: Mapping[str, Mapping[str, str]], lang: str) -> Callable[[str], str]:
    return lambda category: categories[category]["name"][lang] if category in categories else category


# The plan's words for a reader (the vocabulary owns them): a field's label, a person's attribute,
# and the one a ratio counts per, said in the singular ("5 IKM per mentor", not "per mentors").
def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]


def _person_part(key: str, lang: str) -> str:
    parts = FIELDS["instructors"]["parts"]
    return _lower(parts[key][lang]) if key in parts else _lower(label(key, lang))


PER_ONE = {"mentors": "pendamping"}  # a ratio's divisor, by the role one of it is


def _per(field: str, lang: str) -> str:
    role = PER_ONE.get(field)
    return _lower(ROLES[role][lang]) if role else _lower(label(field, lang))


def _allowed_text(check: str, p: Mapping[str, Any], lang: str, categories: Mapping) -> str:
    index = LANGS.index(lang)

    def say(word: str) -> str:
        return _WORDS[word][index]

    name = _category(categories, lang)
    match check:
        case "range":
            return _range(p)
        case "ratio":
            return f"{_range(p)} {say('per')} {_per(p['per'], lang)}"
        case "share_of":
            the = "" if lang == "id" else "the "
            return f"≤ {_percent(p['share'])} {say('of')} {the}{_lower(label(p['of'], lang))}"
        case "budget_share_max":
            shared = ", ".join(map(name, p["categories"]))
            return f"≤ {_percent(p['share'])} {say('of_allocation')}: {shared}"
        case "forbidden_category":  # the rule's title names the category
            return say("not_fundable")
        case "min_education":
            text = f"≥ {p['min']}"
            return f"{text} ({say('unless')} {_person_part(p['exempt'], lang)})" if p.get("exempt") else text
        case "min_each":
            return f"{_person_part(p['key'], lang)} ≥ {_number(p['min'])} ({say('each')})"
        case "required_each":
            return f"{_person_part(p['key'], lang)} ({say('each')})"
        case "allowed_values":
            text = f"{say('allowed')}: {', '.join(p['allowed'])}"
            if p.get("conditional"):
                text += f"; {OUTCOME_NAMES['conditional'][index]}: {', '.join(p['conditional'])}"
            return text
        case "method_mix":
            parts = FIELDS["method"]["parts"]
            mix = ", ".join(
                f"{_lower(parts[part][lang]) if part in parts else part} {_number(share)}%"
                for part, share in p["expected"].items()
            )
            return f"{mix} ({say('tolerance')} ± {_number(p['tolerance'])})"
    raise ValueError(f"site_build/rule_text.py has no words for the check {check!r}")


def value_in_words(
    check: str, value: Mapping[str, Any], lang: str, categories: Mapping[str, Mapping[str, Any]] | None = None
) -> str:
    """E.g. "20–30 (below the limit: needs a statement; above the limit: not allowed)", with the
    condition the value applies under, if any ("only when outside_region = true")."""
    index = LANGS.index(lang)
    allowed = _allowed_with_roles(check, value, lang, categories)
    outcomes = "; ".join(
        f"{OUTCOME_NAMES.get(outcome, (outcome, outcome))[index]}: {LEVEL_NAMES[level][index]}"
        for outcome, level in value["levels"].items()
    )
    return f"{allowed} ({outcomes})" + _condition(value, lang)


def allowed_in_words(
    check: str, value: Mapping[str, Any], lang: str, categories: Mapping[str, Mapping[str, Any]] | None = None
) -> str:
    """What the value allows, without what a breach means: "20–30" (the key-facts tables)."""
    return _allowed_with_roles(check, value, lang, categories) + _condition(value, lang)


def _allowed_with_roles(
    check: str, value: Mapping[str, Any], lang: str, categories: Mapping[str, Mapping[str, Any]] | None
) -> str:
    allowed = _allowed_text(check, value["params"], lang, categories or {})
    if value["params"].get("roles"):  # a requirement on people binds the roles its provision names
        allowed = f"{roles_in_words(value['params']['roles'], lang)}: {allowed}"
    return allowed


def _condition(value: Mapping[str, Any], lang: str) -> str:
    when = value.get("when") or {}
    condition = ", ".join(_when_words(key, v, lang) for key, v in when.items())
    only = ("hanya bila " if lang == "id" else "only when ") + condition if condition else ""
    return f" [{only}]" if only else ""


def _when_words(key: str, wanted: Any, lang: str) -> str:
    """'outside_region = true' as a reader says it: 'dilaksanakan di luar daerah' / 'held outside the
    region' (a yes/no field's label), 'not held ...' for false; other fields as 'label = value'."""
    words = _lower(label(key, lang))
    if isinstance(wanted, bool):
        return words if wanted else ("tidak " if lang == "id" else "not ") + words
    return f"{words} = {wanted}"


MONTHS = {
    "id": ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
           "Oktober", "November", "Desember"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"),
}  # fmt: skip


def date_in_words(iso_date: str, lang: str) -> str:
    """'2023-03-31' -> '31 Maret 2023' / '31 March 2023' (the way the regulations write dates)."""
    year, month, day = (int(part) for part in iso_date.split("-"))
    return f"{day} {MONTHS[lang][month - 1]} {year}"


def route_places(rules: Mapping[str, Any], level: str, lang: str) -> list[dict[str, Any]]:
    """Where the regulations print a route of `level` (ministry approval, a statement), read from the
    rule values themselves, so that a text naming the route never claims more places than the rules
    hold: one row per year and rule, with the outcomes that take the route and the activities."""
    index = LANGS.index(lang)
    activities = {a["id"]: a for a in rules["activities"]}
    rows: dict[tuple[int, str], dict[str, Any]] = {}
    for rule in rules["rules"]:
        for value in rule["values"]:
            outcomes = [o for o, lv in value["levels"].items() if lv == level]
            if not outcomes:
                continue
            row = rows.setdefault(
                (value["year"], rule["id"]),
                {"year": value["year"], "title": rule["title"][lang], "outcomes": [], "activities": []},
            )
            for outcome in outcomes:
                name = OUTCOME_NAMES.get(outcome, (outcome, outcome))[index]
                if name not in row["outcomes"]:
                    row["outcomes"].append(name)
            for activity_id in value["activities"]:
                place = activities[activity_id]["years"][str(value["year"])]
                label = f"{place['menu']}.{place['number']} {activities[activity_id]['name'][lang]}"
                if all(a["id"] != activity_id for a in row["activities"]):
                    row["activities"].append({"id": activity_id, "label": label})
    return [rows[key] for key in sorted(rows)]
