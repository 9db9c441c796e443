"""Compile rules/*.yml into the JSON that dakcore reads (dakcore/data/rules.json).

Each value's source is resolved against the content: the unit must exist in that year's regulation
and the quote must be its words. The compiled file carries the formal citation, so dakcore needs no
content at run time.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from dakcore.checks import SPECS
from dakcore.vocabulary import ROLES
from site_build.content.citation import cite
from site_build.content.loader import (
    Content,
    ContentError,
    Problem,
    Regulation,
    Unit,
    dotted_path,
    load_content,
    read_validated,
)
from site_build.content.trace import normalize_text
from site_build.content.yamlfile import line_of

ROOT = Path(__file__).resolve().parents[2]
RULES_DIR = ROOT / "rules"
COMPILED = ROOT / "dakcore" / "data" / "rules.json"


def unit_words(unit: Unit) -> str:
    """The Indonesian words of a unit and everything inside it, normalised, for quote checks."""
    parts = []
    for node in unit.walk():
        parts += [node.num or ""] + [
            getattr(node, p).id for p in ("heading", "text", "wrap") if getattr(node, p)
        ]
    return normalize_text(" ".join(parts))


def quote_english(unit: Unit, quote: str) -> str:
    """The unofficial English of the paragraph a quote is taken from (the first paragraph, in reading
    order, of the unit or of a unit inside it whose Indonesian holds the quote's words); "" when the
    quote spans paragraphs or a text's two languages are not paragraph for paragraph."""
    words = normalize_text(quote)
    for node in unit.walk():
        for text in (getattr(node, part) for part in ("heading", "text", "wrap")):
            if not text:
                continue
            indonesian, english = text.paragraphs("id"), text.paragraphs("en")
            if len(indonesian) != len(english):
                continue
            for paragraph_id, paragraph_en in zip(indonesian, english, strict=True):
                if words in normalize_text(paragraph_id):
                    return paragraph_en
    return ""


class _Compiler:
    def __init__(self, content: Content) -> None:
        self.content = content
        self.problems: list[Problem] = []

    def problem(self, file: str, data: Any, path: tuple, message: str) -> None:
        self.problems.append(Problem(file, line_of(data, path), dotted_path(path), message))

    def regulation(self, year: str) -> Regulation | None:
        try:
            return self.content.by_year(int(year))
        except KeyError:
            return None

    def source(self, file: str, data: Any, path: tuple, year: str, ref: dict) -> dict | None:
        regulation = self.regulation(year)
        if regulation is None:
            self.problem(file, data, path, f"no regulation for year {year}")
            return None
        unit = regulation.by_eid.get(ref["unit"])
        if unit is None:
            self.problem(
                file,
                data,
                (*path, "unit"),
                f"unknown unit {ref['unit']!r} in {regulation.id} (allowed: an eId of that regulation)",
            )
            return None
        quote = normalize_text(ref["quote"])
        if quote not in unit_words(unit):
            self.problem(
                file,
                data,
                (*path, "quote"),
                f"quote is not in the words of {ref['unit']} ({regulation.metadata['singkatan']}): {quote!r}",
            )
        return {
            "regulation": regulation.id,
            "unit": unit.eid,
            "citation": cite(regulation, unit),
            "quote": ref["quote"],
            "quote_en": quote_english(unit, ref["quote"]),
        }

    def sources(self, file: str, data: Any, path: tuple, year: str, refs: list) -> list[dict]:
        out = [self.source(file, data, (*path, i), year, ref) for i, ref in enumerate(refs)]
        return [s for s in out if s]

    def rule(self, file: str, data: Any, path: tuple, raw: dict) -> dict:
        needs, may, outcomes = SPECS[raw["check"]]
        for key in raw["messages"]:
            if key not in outcomes:
                self.problem(
                    file,
                    data,
                    (*path, "messages", key),
                    f"check {raw['check']} has no outcome {key!r} (allowed: {', '.join(sorted(outcomes))})",
                )
        activities = {a["id"]: a for a in self.content.catalog["activities"]}
        values = []
        for index, group in enumerate(raw["values"]):
            group_path = (*path, "values", index)
            for activity in group["activities"]:
                if activity not in activities:
                    self.problem(
                        file,
                        data,
                        (*group_path, "activities"),
                        f"unknown activity {activity!r} (allowed: catalog ids)",
                    )
            for year in ("2022", "2023"):
                if year not in group:
                    continue
                value, value_path = group[year], (*group_path, year)
                for activity in group["activities"]:
                    if activity in activities and year not in activities[activity]["number"]:
                        self.problem(
                            file,
                            data,
                            (*group_path, "activities"),
                            f"activity {activity!r} does not exist in {year}",
                        )
                params = value.get("params", {})
                missing = needs - set(params)
                if missing:
                    self.problem(
                        file,
                        data,
                        value_path,
                        f"check {raw['check']} needs params {', '.join(sorted(missing))}",
                    )
                for key in sorted(set(params) - needs - may):
                    self.problem(
                        file,
                        data,
                        (*value_path, "params", key),
                        f"check {raw['check']} has no parameter {key!r} "
                        f"(allowed: {', '.join(sorted(needs | may))})",
                    )
                for key in value["levels"]:
                    if key not in raw["messages"]:
                        self.problem(
                            file,
                            data,
                            (*value_path, "levels", key),
                            f"outcome {key!r} has no message (allowed: {', '.join(sorted(raw['messages']))})",
                        )
                compiled = {
                    "year": int(year),
                    "activities": group["activities"],
                    "params": params,
                    "levels": value["levels"],
                    "when": value.get("when", {}),
                    "sources": self.sources(file, data, (*value_path, "source"), year, value["source"]),
                }
                for key in ("note", "disputed"):
                    if key in value:
                        compiled[key] = value[key]
                if raw["field"] == "instructors":
                    self.roles(file, data, value_path, params)
                values.append(compiled)
        out = {key: raw[key] for key in ("id", "check", "field", "title", "messages") if key in raw}
        out["scope"] = raw.get("scope", "activity")
        if "note" in raw:
            out["note"] = raw["note"]
        out["values"] = values
        return out

    def roles(self, file: str, data: Any, path: tuple, params: dict) -> None:
        """A requirement on people names the roles its provision names: it binds no one else."""
        roles = params.get("roles")
        if not isinstance(roles, list) or not roles or not set(roles) <= set(ROLES):
            self.problem(
                file,
                data,
                (*path, "params", "roles") if roles is not None else path,
                f"a rule on people names the roles its provision binds: params.roles is a list of "
                f"{', '.join(ROLES)}, not {roles!r}",
            )

    def dated(self, file: str, data: Any, path: tuple, raw: dict, kind: str) -> dict:
        values = {}
        for year, value in raw["values"].items():
            entry = {k: v for k, v in value.items() if k != "source"}
            entry["sources"] = self.sources(
                file, data, (*path, "values", year, "source"), year, value["source"]
            )
            values[year] = entry
        return {**{k: v for k, v in raw.items() if k != "values"}, "values": values}


def _catalog(content: Content) -> list[dict]:
    out = []
    for activity in content.catalog["activities"]:
        years = {}
        for year, number in activity["number"].items():
            regulation = content.by_year(int(year))
            unit = regulation.activity_unit(activity["id"])
            menu = next(m for m in content.catalog["menus"] if m["id"] == activity["menu"])
            years[year] = {
                "menu": menu["letter"][year],
                "number": number,
                "unit": unit.eid if unit else None,
                "title": (unit.heading or unit.text).id.rstrip(":;")
                if unit and (unit.heading or unit.text)
                else None,
            }
        out.append(
            {
                "id": activity["id"],
                "menu": activity["menu"],
                "kind": activity["kind"],
                "name": activity["name"],
                "years": years,
            }
        )
    return out


def _regulations(content: Content) -> dict[str, dict]:
    out = {}
    for regulation in content.regulations.values():
        meta = regulation.metadata
        menu_list = next(
            (
                u
                for u in regulation.walk()
                if u.kind == "chp"
                and u.heading
                and "MENU" in u.heading.id.upper()
                and not any(c.menu for c in u.children)
            ),
            None,
        )
        out[str(regulation.year)] = {
            "id": regulation.id,
            "short": meta["singkatan"],
            "title": meta["judul"],
            "frbr_work": meta["frbr_work"],
            "menu_list_source": {
                "regulation": regulation.id,
                "unit": menu_list.eid if menu_list else "",
                "citation": cite(regulation, menu_list) if menu_list else {},
                "quote": menu_list.text.id if menu_list and menu_list.text else "",
                "quote_en": menu_list.text.en if menu_list and menu_list.text else "",
            },
        }
    return out


def compile_rules(
    rules_dir: Path = RULES_DIR, content: Content | None = None, only: list[Path] | None = None
) -> dict[str, Any]:
    """Compile every rules file (or `only` these); raise ContentError listing every problem."""
    content = content or load_content()
    compiler = _Compiler(content)
    rules, categories, deadlines, eligibility = [], [], [], []
    first_rule_at: dict[str, str] = {}  # rule id -> file:line where it is defined
    paths = sorted(rules_dir.glob("*.yml")) if only is None else [Path(p).resolve() for p in only]
    for path in paths:
        data = read_validated(path.parent, path, "rules", compiler.problems, schema_dir=RULES_DIR / "schema")
        if data is None:
            continue
        file = str(path.relative_to(path.parent.parent))
        for index, raw in enumerate(data.get("rules", [])):
            id_path = ("rules", index, "id")
            if raw["id"] in first_rule_at:
                compiler.problem(
                    file,
                    data,
                    id_path,
                    f"duplicate rule id {raw['id']!r} (first at {first_rule_at[raw['id']]})",
                )
            first_rule_at.setdefault(raw["id"], f"{file}:{line_of(data, id_path)}")
            rules.append(compiler.rule(file, data, ("rules", index), raw))
        categories += data.get("budget_categories", [])
        deadlines += [
            compiler.dated(file, data, ("deadlines", i), d, "deadline")
            for i, d in enumerate(data.get("deadlines", []))
        ]
        eligibility += [
            compiler.dated(file, data, ("eligibility", i), c, "criterion")
            for i, c in enumerate(data.get("eligibility", []))
        ]
    if compiler.problems:
        raise ContentError(compiler.problems)
    return {
        "format": "dak-rules/1",
        "regulations": _regulations(content),
        "activities": _catalog(content),
        "budget_categories": categories,
        "rules": rules,
        "deadlines": deadlines,
        "eligibility": eligibility,
        "report_formats": _report_formats(content),
    }


# Where each year's regulation sets out its reports: the reporting provision, and (2023 only) the
# printed outline of the semester and final reports. 2022 says "format laporan terlampir" but its
# published annex prints no format, so its entry carries the provision and no outline.
# Who signs a report is named by the provision: 2022 BAB VI B has the regency/city OPD report, 2023
# IV.A the Dinas (a key of dakcore.vocabulary.REPORT's words).
REPORT_UNITS = {
    "2022": {"provision": "att_1__chp_VI__sec_B", "formats": {}, "signed_by": "head_of_opd"},
    "2023": {
        "provision": "att_1__chp_IV__sec_A",
        "formats": {"semester": "att_1__chp_IV__sec_B__subsec_1", "final": "att_1__chp_IV__sec_B__subsec_2"},
        "signed_by": "head_of_office",
    },
}
# An annex of the 2023 outline by the words of its title: which table of the plan fills it.
ANNEX_KINDS = {
    "Realisasi Anggaran": "budget",
    "Data Peserta": "participants",
    "Data Narasumber": "resource_persons",
    "Data Tenaga Pendamping": "mentors",
    "Jadwal Kegiatan": "schedule",
}


def _words(unit: Unit) -> dict[str, str]:
    text = unit.heading or unit.text
    return {"id": text.id.rstrip("."), "en": text.en.rstrip(".")}


def _report_format(regulation: Regulation, unit: Unit) -> dict[str, Any]:
    """One printed outline: its title lines, sections I-V (with their lettered parts) and annexes."""
    sections, annexes = [], []
    for child in unit.children:
        if child.num:
            sections.append(
                {
                    "num": child.num,
                    "title": _words(child),
                    "parts": [{"num": part.num, "title": _words(part)} for part in child.children],
                }
            )
            continue
        for annex in child.children:
            kind = next((k for words, k in ANNEX_KINDS.items() if words in annex.text.id), None)
            if kind is None:
                raise ContentError(
                    [Problem(unit.file, annex.line, annex.eid, f"no table for the annex {annex.text.id!r}")]
                )
            annexes.append({"num": annex.num, "kind": kind, "title": _words(annex)})
    return {
        "unit": unit.eid,
        "citation": cite(regulation, unit),
        # The title lines as printed, without the word "FORMAT" that only labels the model.
        "heading": {
            lang: [
                line for line in getattr(unit.text, lang).splitlines() if line.strip() not in ("", "FORMAT")
            ]
            for lang in ("id", "en")
        },
        "sections": sections,
        "annexes": annexes,
    }


def _report_formats(content: Content) -> dict[str, Any]:
    out = {}
    for year, units in REPORT_UNITS.items():
        regulation = content.by_year(int(year))
        provision = regulation.by_eid[units["provision"]]
        out[year] = {
            "provision": {"unit": provision.eid, "citation": cite(regulation, provision)},
            "signed_by": units["signed_by"],
            "formats": {
                kind: _report_format(regulation, regulation.by_eid[eid])
                for kind, eid in units["formats"].items()
            },
        }
    return out


def render_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def write_compiled(data: dict[str, Any] | None = None, path: Path = COMPILED) -> bool:
    """Write the compiled rules (`data`, else rules/ compiled now) to `path` unless it already holds
    exactly them; True if it wrote. The site build calls this with the rules its pages show, so the
    checkers' copy (the wheel, `dak`) is always the one the pages were made from."""
    text = render_json(compile_rules() if data is None else data)
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True
