"""Why a finding is what it is, and what a rule needs to be checked at all.

A finding's trace (asked for with `explain=True`) is plain data in both languages: the fields the check
read with their labels and values, the rule's value and its year, the comparison made, the level and
the words of the text that decide it, the reading note and the provision. An activity's data needs
list, per year, the plan fields its rules read, so a dinas knows what to gather before filling a form.
"""

from __future__ import annotations

import re
from typing import Any

from .checks import EXPLAINERS, UNSTATED_ROLE, Outcome, read_path
from .findings import Level
from .rules import RuleSet, RuleValue
from .vocabulary import FIELDS, LANGS, LEVELS, roles_in_words, where_label

Text = dict[str, str]

# The words of a provision that decide a level (rules/FORMAT.md, "How the text's words decide the
# level"). "dapat" is soft, but not in "tidak dapat" (a prohibition) nor in the approval clause's
# "alasan yang dapat dipertanggungjawabkan".
SOFT_WORDS: dict[str, tuple[re.Pattern[str], str]] = {
    "secara umum": (re.compile(r"\bsecara umum\b", re.I), "in general"),
    "sekitar": (re.compile(r"\bsekitar\b", re.I), "about"),
    "diutamakan": (re.compile(r"\bdiutamakan\b", re.I), "preferably"),
    "dapat": (re.compile(r"(?<!tidak )\bdapat\b(?! dipertanggungjawabkan)", re.I), "may"),
    "perkiraan": (re.compile(r"\bperkiraan\b", re.I), "estimate"),
    "disarankan": (re.compile(r"\bdisarankan\b", re.I), "recommended"),
}
ROUTE_WORDS: dict[str, re.Pattern[str]] = {
    "needs_approval": re.compile(r"\bpersetujuan\b", re.I),
    "needs_statement": re.compile(r"\bpernyataan\b", re.I),
}
ROUTE_OPENING = re.compile(r"dalam hal\b", re.I)
HARD_WORDS = re.compile(
    r"\b(paling banyak|paling sedikit|paling lama|paling rendah|maksimal|minimal|wajib|harus|"
    r"tidak dapat dibiayai|tidak diperkenankan)\b",
    re.I,
)


def _level_reason(value: RuleValue, level: Level, context: dict[str, Any]) -> dict[str, Any]:
    """The level and the words of the text that decide it (the route clause, the soft or hard word)."""
    reason: dict[str, Any] = {
        "level": level.value,
        "label": LEVELS[level.value]["label"],
        "meaning": LEVELS[level.value]["meaning"],
    }
    if context.get(UNSTATED_ROLE) and level is Level.WARNING:
        roles = {lang: roles_in_words(value.params.get("roles", ()), lang).lower() for lang in LANGS}
        reason["why"] = {
            "id": f"Peran orang ini tidak diisi; syarat ini hanya mengikat {roles['id']}",
            "en": f"This person's role is not stated; the requirement binds only: {roles['en']}",
        }
        return reason
    route = ROUTE_WORDS.get(level.value)
    if route:
        # The route is usually the value's second quote ("Dalam hal … persetujuan dari kementerian");
        # a quote may stop before the route's last words, but it starts with "Dalam hal".
        for source in sorted(value.sources, key=lambda s: not route.search(s.quote)):
            if route.search(source.quote) or ROUTE_OPENING.match(source.quote):
                reason["route"] = {
                    "unit": source.unit,
                    "citation": source.citation,
                    "quote": source.quote,
                    "quote_en": source.quote_en,
                }
                reason["why"] = {
                    "id": f"Teks memberi jalan: “{source.quote}” ({source.citation['id']})",
                    "en": f"The text gives a route: “{source.quote}” ({source.citation['en']})",
                }
                break
        reason.setdefault("why", reason["meaning"])
        return reason
    # The words of the limit itself, not of a route clause that speaks of another outcome.
    routes = ROUTE_WORDS.values()
    quotes = " ".join(s.quote for s in value.sources if not any(r.search(s.quote) for r in routes))
    if level is Level.WARNING:
        for word, (pattern, english) in SOFT_WORDS.items():
            if pattern.search(quotes):
                reason["words"] = word
                reason["why"] = {
                    "id": f"Teks berkata “{word}”: ini bukan batas tegas",
                    "en": f"The text says “{word}” ({english}): this is not a hard limit",
                }
                break
    elif level is Level.ERROR and (match := HARD_WORDS.search(quotes)):
        word = match.group(0)
        reason["words"] = word
        reason["why"] = {
            "id": f"Teks menetapkan batas tegas (“{word}”) tanpa jalan lain",
            "en": f"The text sets a hard limit (“{word}”) with no other route",
        }
    reason.setdefault("why", reason["meaning"])
    return reason


def _input(record: dict[str, Any], path: str, budget_names: dict[str, Text]) -> dict[str, Any]:
    """A field the check read: its path, its label and its value (a budget category also by name); a
    roster row's cell is named by its column."""
    value = read_path(record, path)
    item: dict[str, Any] = {"field": path, "label": where_label(path), "value": value}
    category = (
        value.get("category") if isinstance(value, dict) else value if path.endswith("category") else None
    )
    if isinstance(category, str) and category in budget_names:
        item["value_label"] = budget_names[category]
    return item


def trace(
    value: RuleValue, outcome: Outcome, record: dict[str, Any], budget_names: dict[str, Text], level: Level
) -> dict[str, Any]:
    """How a finding was reached, as plain data in both languages."""
    how = EXPLAINERS[value.rule.check](value.rule.field, value.params, record, outcome)
    if "category" in how:
        name = budget_names.get(how["category"], {"id": how["category"], "en": how["category"]})
        how["words"] = {lang: how["words"][lang].replace("{category}", name[lang]) for lang in LANGS}
    out: dict[str, Any] = {
        "inputs": [_input(record, path, budget_names) for path in how["inputs"]],
        "rule": {"id": value.rule.id, "year": value.year, "params": value.params, "title": value.rule.title},
        "comparison": how["compared"],
        "comparison_words": how["words"],
        "level": _level_reason(value, level, outcome.context),
        "provision": value.sources[0].to_json() if value.sources else None,
    }
    if "counted" in how:
        counted = how["counted"]
        names = [budget_names.get(c, {"id": c, "en": c}) for c in counted["categories"]]
        out["counted"] = {
            **counted,
            "words": {
                lang: ("dihitung: " if lang == "id" else "counted: ") + ", ".join(n[lang] for n in names)
                for lang in LANGS
            },
        }
    if value.params.get("roles"):
        out["roles"] = {
            "roles": list(value.params["roles"]),
            "words": {lang: roles_in_words(value.params["roles"], lang) for lang in LANGS},
        }
    note = value.note or value.rule.note
    if note:
        out["note"] = note
    if value.disputed:
        out["disputed"] = value.disputed
    return out


def _fields_read(value: RuleValue) -> list[tuple[str, str | None]]:
    """(plan field, part or None) for every field a rule value reads."""
    rule, params = value.rule, value.params
    top, _, part = rule.field.partition(".")
    read: list[tuple[str, str | None]] = [(top, part or None)]
    if rule.check in ("min_education", "min_each", "required_each"):
        key = "education" if rule.check == "min_education" else params["key"]
        read = [(top, key)]
        if params.get("exempt"):
            read.append((top, params["exempt"]))
        if params.get("roles"):
            read.append((top, "role"))
    elif rule.check in ("budget_share_max", "forbidden_category"):
        read = [(top, "category"), (top, "amount")]
    for key in ("per", "of"):
        if key in params:
            read.append((params[key], None))
    read += [(key, None) for key in value.when]
    return read


def data_needs(rules: RuleSet, activity: str, year: int) -> dict[str, Any]:
    """What a checker needs to check an activity in a year: the plan fields its rules read, in the
    form's order, with their labels, the parts it reads of each and the rules that read them."""
    values = [*rules.values_for(year, activity), *rules.forbidden_categories(year, activity).values()]
    needed: dict[str, dict[str, Any]] = {}
    for value in values:
        for field, part in _fields_read(value):
            entry = needed.setdefault(field, {"field": field, "parts": [], "rules": []})
            if part and part not in entry["parts"]:
                entry["parts"].append(part)
            if value.rule.id not in entry["rules"]:
                entry["rules"].append(value.rule.id)
    order = list(FIELDS)
    items = sorted(
        needed.values(), key=lambda e: order.index(e["field"]) if e["field"] in order else len(order)
    )
    for entry in items:
        spec = FIELDS.get(entry["field"], {})
        entry["label"] = where_label(entry["field"])
        parts = spec.get("parts", {})
        entry["parts"] = [{"part": p, "label": parts.get(p, {"id": p, "en": p})} for p in entry["parts"]]
    return {
        "fields": items,
        "words": {
            "id": "Untuk memeriksa kegiatan ini, pemeriksa memerlukan: "
            + "; ".join(_needed_words(e, "id") for e in items),
            "en": "To check this activity the checker needs: "
            + "; ".join(_needed_words(e, "en") for e in items),
        }
        if items
        else {
            "id": "Tidak ada aturan yang dapat diperiksa untuk kegiatan ini.",
            "en": "No checkable rule for this activity.",
        },
    }


def _lower_first(text: str) -> str:
    """'Jumlah peserta' -> 'jumlah peserta' inside a sentence; 'JPL', 'NIB' and the like stay."""
    return text if text[:2].isupper() else text[:1].lower() + text[1:]


def _needed_words(entry: dict[str, Any], lang: str) -> str:
    text = _lower_first(entry["label"][lang])
    if entry["parts"]:
        text += " (" + ", ".join(_lower_first(p["label"][lang]) for p in entry["parts"]) + ")"
    return text
