"""The report skeletons the regulations ask for: the semester and final reports of a plan's year.

The outline (title lines, sections I-V, the annexes) is the regulation's own, compiled from the
content into rules.json (`report_formats`); the annex tables are filled with what the plan (and a
participant list, if given) knows, with empty cells where the dinas must write. Each report carries
its deadline from the year's obligations, so the report and `dak deadlines` always agree.
"""

from __future__ import annotations

from typing import Any

from .errors import input_error
from .obligations import deadlines
from .plan import parse_plan
from .roster import csv_table, find_columns, is_workbook
from .rules import RuleSet
from .vocabulary import REPORT, ROLES, one_of

FORMAT = "dak-report/1"
KINDS = tuple(REPORT["kinds"])
# The deadline of each kind in the year's obligations, and the printed outline it follows.
_DEADLINE = {"semester-1": "semester_1_report", "semester-2": "semester_2_report", "final": "final_report"}
_OUTLINE = {"semester-1": "semester", "semester-2": "semester", "final": "final"}
_SEMESTER = {"semester-1": "I", "semester-2": "II"}
_MENTOR_ROLES = ("pendamping", "instruktur", "pengajar")


def check_kind(kind: Any) -> str:
    if kind not in KINDS:
        raise input_error(
            "kind",
            id=f"jenis laporan tidak dikenal (yang ada: {', '.join(KINDS)})",
            en=f"unknown kind of report (known: {', '.join(KINDS)})",
        )
    return kind


def read_plan(rules: RuleSet, data: bytes | str | dict[str, Any]) -> dict[str, Any]:
    """A plan from a dak-plan/1 JSON (text or data) or a filled-in plan workbook (.xlsx bytes). A
    workbook's cells that could not be read are left out: a skeleton is still useful without them."""
    if isinstance(data, bytes) and is_workbook(data):
        from .workbook import read_plan_workbook  # only a workbook needs openpyxl

        plan, _problems = read_plan_workbook(rules, data)
        return plan
    return parse_plan(data, rules)


def _word(key: str, lang: str) -> str:
    return REPORT["words"][key][lang]


def _heading(lines: list[str], kind: str) -> list[str]:
    """The printed title lines, with "I / II" narrowed to this report's semester."""
    semester = _SEMESTER.get(kind)
    return [line.replace("I / II", semester) if semester else line for line in lines]


def _amount(value: Any) -> int | float | None:
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


def _yes_no(value: Any, lang: str) -> str:
    if value is None:
        return ""
    return {"id": "ya", "en": "yes"}[lang] if value else {"id": "tidak", "en": "no"}[lang]


def roster_rows(data: bytes | str, sheet: str | None = None) -> list[dict[str, str]]:
    """A participant list's people as written (name, NIB, education, age or date of birth)."""
    if is_workbook(data):
        from .workbook import roster_table  # only a workbook needs openpyxl

        header, rows, _ = roster_table(data, sheet)  # type: ignore[arg-type]
    else:
        header, rows, _ = csv_table(data)
    columns = find_columns(header)
    if "name" not in columns:
        raise input_error(
            "line 1",
            id="daftar peserta tidak punya kolom Nama",
            en="the participant list has no Name column",
        )

    def cell(cells: list[str], key: str) -> str:
        index = columns.get(key)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    out = []
    for _line, cells in rows:
        if any(c.strip() for c in cells):
            out.append(
                {
                    "name": cell(cells, "name"),
                    "nib": cell(cells, "nib"),
                    "education": cell(cells, "education"),
                    "age": cell(cells, "age") or cell(cells, "birth_date"),
                }
            )
    return out


def _text(value: Any) -> str:
    """A plan's free text as a cell holds it (a plan may carry anything in fields no rule reads)."""
    return "" if value is None else value if isinstance(value, str) else str(value)


def _length(activity: dict[str, Any], lang: str) -> str:
    parts = []
    if isinstance(activity.get("jpl"), int):
        parts.append(f"{activity['jpl']} JPL")
    if isinstance(activity.get("duration_months"), int):
        parts.append(f"{activity['duration_months']} {'bulan' if lang == 'id' else 'months'}")
    return ", ".join(parts)


def _tables(
    rules: RuleSet, plan: dict[str, Any], lang: str, roster: list[dict[str, str]] | None
) -> dict[str, list[list[Any]]]:
    """Each annex kind's rows (without the header), in the order of REPORT["tables"]."""
    names = {a["id"]: a["name"][lang] for a in rules.data["activities"]}
    categories = {c["id"]: c["name"][lang] for c in rules.data["budget_categories"]}
    rows: dict[str, list[list[Any]]] = {kind: [] for kind in REPORT["tables"]}
    for activity in plan.get("activities", []):
        name = _text(activity.get("name") or names.get(activity.get("activity"), activity.get("activity")))
        for line in activity.get("budget") or []:
            category = _text(categories.get(line.get("category"), line.get("category")))
            rows["budget"].append([name, category, _amount(line.get("amount")), None, None, ""])
        if roster is None and isinstance(activity.get("participants"), int):
            planned = {"id": "peserta direncanakan", "en": "participants planned"}[lang]
            rows["participants"].append([name, "", "", "", "", f"{activity['participants']} {planned}"])
        for person in activity.get("instructors") or []:
            role = person.get("role")
            known = [
                _text(person.get("name")),
                _text(person.get("education")),
                _amount(person.get("experience_years")),
                _yes_no(person.get("certificate"), lang),
                "",
            ]
            if role == "narasumber":
                rows["resource_persons"].append([name, *known])
            elif role in _MENTOR_ROLES:
                rows["mentors"].append([name, ROLES[role][lang], *known])
        rows["schedule"].append([name, "", "", "", _length(activity, lang), ""])
    for person in roster or []:
        rows["participants"].append(
            ["", person["name"], person["nib"], person["education"], person["age"], ""]
        )
    return rows


def build_report(
    rules: RuleSet,
    plan: dict[str, Any],
    kind: str,
    lang: str = "id",
    roster: list[dict[str, str]] | None = None,
) -> dict[str, Any]:
    """The skeleton of one report of the plan's year, in one language (`id` or `en`)."""
    kind = check_kind(kind)
    year = plan.get("year")
    if year not in rules.regulations:
        raise input_error(
            "year",
            id=f"rencana harus menyebut tahunnya ({one_of(rules.years, 'id')}) agar laporannya dapat disusun",
            en=f"the plan must name its year ({one_of(rules.years, 'en')}) for its report to be drawn up",
        )
    formats = rules.data["report_formats"][str(year)]
    regulation = rules.regulations[year]
    deadline = next(d for d in deadlines(rules, year) if d["id"] == _DEADLINE[kind])
    outline = formats["formats"].get(_OUTLINE[kind])
    tables = _tables(rules, plan, lang, roster)
    annexes = []
    for annex in outline["annexes"] if outline else []:
        keys = REPORT["tables"][annex["kind"]]
        body = [[number, *row] for number, row in enumerate(tables[annex["kind"]], start=1)]
        annexes.append(
            {
                "num": annex["num"],
                "kind": annex["kind"],
                "title": annex["title"][lang],
                "columns": [{"key": k, "label": REPORT["columns"][k][lang]} for k in keys],
                "rows": body,
            }
        )
    return {
        "format": FORMAT,
        "year": year,
        "kind": kind,
        "lang": lang,
        "name": REPORT["kinds"][kind][lang],
        "region": plan.get("region", ""),
        "title": _heading(outline["heading"][lang], kind)
        if outline
        else [REPORT["kinds"][kind][lang].upper()],
        "regulation": {"short": regulation["short"], "title": regulation["title"][lang]},
        "source": (outline or formats["provision"])["citation"][lang],
        "provision": formats["provision"]["citation"][lang],
        "deadline": {
            "date": deadline["date"],
            "to": deadline.get("to", {}).get(lang, ""),
            "citation": deadline["sources"][0]["citation"][lang] if deadline["sources"] else "",
        },
        "sections": [
            {
                "num": s["num"],
                "title": s["title"][lang],
                "parts": [{"num": p["num"], "title": p["title"][lang]} for p in s["parts"]],
            }
            for s in (outline["sections"] if outline else [])
        ],
        "annexes": annexes,
        "note": _word("columns_note" if outline else "no_format", lang),
        "signature": {"office": _word(formats["signed_by"], lang)},
        "words": {key: words[lang] for key, words in REPORT["words"].items()},
    }
