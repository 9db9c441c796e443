"""One JSON-in, JSON-out entry point for programs that embed dakcore, above all the handbook's
validators, which run it under Pyodide in a Web Worker: `handle(request_json) -> response_json`.

A request is `{"method": ..., "params": {...}}`; a response is `{"ok": true, "result": ...}` or, when
the input cannot be checked, `{"ok": false, "problems": [{"where", "message": {"id", "en"}}]}` (the
same problems `dak` prints before exiting with status 2). The results are exactly what the `dak`
command prints with `--format json`, so the browser and the command line always agree.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

from .engine import validate
from .errors import InputError, input_error
from .explain import data_needs
from .obligations import deadlines, eligibility, ics_stamp, to_ics
from .plan import parse_plan
from .roster import check_roster
from .rules import RuleSet, load_rules
from .vocabulary import as_data as vocabulary
from .vocabulary import one_of


def _year(rules: RuleSet, params: dict[str, Any], key: str = "year") -> int:
    """A year of the compiled rules, as a number or as text ("2023")."""
    year = params.get(key)
    if isinstance(year, str) and year.isdigit():
        year = int(year)
    if type(year) is int and year in rules.regulations:
        return year
    years = rules.years
    raise input_error(
        key, id=f"pilih tahun {one_of(years, 'id')}", en=f"choose the year {one_of(years, 'en')}"
    )


def _years(rules: RuleSet, params: dict[str, Any]) -> list[int] | None:
    """The years to check a plan against: a list of years, one year, "both" (every year), or None (the
    plan's own year)."""
    years = params.get("years")
    if years is None:
        return None
    if years == "both":
        return list(rules.years)
    if isinstance(years, int | str) and not isinstance(years, bool):
        years = [years]
    if isinstance(years, list) and years:
        picked = [int(y) if isinstance(y, str) and y.isdigit() else y for y in years]
        if all(type(y) is int and y in rules.regulations for y in picked):
            return sorted(set(picked))
    listed = ", ".join(map(str, rules.years))
    raise input_error("years", id=f"tahun harus {listed} atau keduanya", en=f"years must be {listed} or both")


def _validate(rules: RuleSet, params: dict[str, Any]) -> dict[str, Any]:
    return validate(rules, params.get("plan"), _years(rules, params), explain=params.get("explain") is True)


def _xlsx(params: dict[str, Any], key: str = "xlsx") -> bytes:
    """A workbook the browser sends as base64 text (the command line, in the same process, its bytes)."""
    if isinstance(params.get(key), bytes):
        return params[key]
    try:
        return base64.b64decode(params[key], validate=True)
    except (KeyError, TypeError, ValueError, binascii.Error):
        raise input_error(key, id="pilih berkas Excel (.xlsx)", en="choose an Excel file (.xlsx)") from None


def _encoded(data: bytes) -> dict[str, str]:
    return {"xlsx": base64.b64encode(data).decode("ascii")}


def _template(rules: RuleSet, params: dict[str, Any]) -> dict[str, str]:
    from .workbook import plan_workbook

    plan = params.get("plan")
    if plan is not None:
        plan = parse_plan(plan, rules)
    return _encoded(plan_workbook(rules, _year(rules, params), plan))


def _validate_workbook(rules: RuleSet, params: dict[str, Any]) -> dict[str, Any]:
    from .workbook import validate_workbook

    return validate_workbook(
        rules,
        _xlsx(params),
        _years(rules, params),
        explain=params.get("explain") is True,
        with_plan=params.get("plan") is True,
    )


def _report(params: dict[str, Any]) -> dict[str, Any]:
    report = params.get("report")
    if not isinstance(report, dict) or not isinstance(report.get("findings"), list):
        raise input_error("report", id="laporan temuan tidak ada", en="the findings report is missing")
    return report


def _findings_workbook(rules: RuleSet, params: dict[str, Any]) -> dict[str, str]:
    from .workbook import findings_workbook

    return _encoded(findings_workbook(rules, _report(params), _lang(params)))


def _summary_workbook(rules: RuleSet, params: dict[str, Any]) -> dict[str, str]:
    """A reviewer's batch as one workbook: params {"plans": [{"file": name, ...its report}]}."""
    from .workbook import summary_workbook

    plans = params.get("plans")
    if not isinstance(plans, list) or not all(isinstance(p, dict) and "file" in p for p in plans):
        raise input_error(
            "plans", id="daftar laporan rencana tidak ada", en="the list of plan reports is missing"
        )
    reports = [(str(p["file"]), {k: v for k, v in p.items() if k != "file"}) for p in plans]
    return _encoded(summary_workbook(rules, reports, _lang(params)))


def _annotated_roster(rules: RuleSet, params: dict[str, Any]) -> dict[str, str]:
    """The checked list with its findings: {"xlsx": base64} or {"csv": text for Excel (BOM, ;)}. The
    findings are the `report` given, or else the list is checked with the `roster` method's
    parameters (a page of rows carries only its own findings, so the browser asks this way)."""
    from .workbook import annotated_roster

    data = _xlsx(params) if "xlsx" in params else params.get("csv")
    if not isinstance(data, str | bytes):
        raise input_error("csv", id="pilih berkas daftar peserta", en="choose a participant list")
    as_xlsx = params.get("as") == "xlsx"
    report = _report(params) if "report" in params else _roster(rules, {**params, "rows": None})
    out = annotated_roster(report, data, as_xlsx=as_xlsx, sheet=params.get("sheet"), lang=_lang(params))
    return _encoded(out) if as_xlsx else {"csv": out.decode("utf-8")}


def _lang(params: dict[str, Any]) -> str:
    return "en" if params.get("lang") == "en" else "id"


def _roster(rules: RuleSet, params: dict[str, Any]) -> dict[str, Any]:
    on_text = params.get("on")
    try:
        on = date.fromisoformat(on_text) if on_text else date.today()
    except (TypeError, ValueError):
        raise input_error(
            "on", id="tanggal harus berbentuk YYYY-MM-DD", en="the date must look like YYYY-MM-DD"
        ) from None
    data = _xlsx(params) if "xlsx" in params else params.get("csv")
    if not isinstance(data, str | bytes):
        raise input_error("csv", id="pilih berkas CSV daftar peserta", en="choose a CSV file of participants")
    rows = params.get("rows")
    return check_roster(
        rules,
        data,
        activity=str(params.get("activity")),
        year=_year(rules, params),
        on=on,
        sheet=params.get("sheet"),
        page=rows if isinstance(rows, dict) else None,
        explain=params.get("explain") is True,
    )


def _report_skeleton(rules: RuleSet, params: dict[str, Any]) -> dict[str, Any]:
    """A report skeleton from a plan ({"plan": JSON data} or {"xlsx": base64}), with the people of a
    participant list if one is given ({"roster_csv": text} or {"roster_xlsx": base64})."""
    from .report import build_report, read_plan, roster_rows

    plan = read_plan(rules, _xlsx(params) if "xlsx" in params else params.get("plan"))
    roster = None
    try:
        if "roster_xlsx" in params:
            roster = roster_rows(_xlsx(params, "roster_xlsx"), params.get("roster_sheet"))
        elif isinstance(params.get("roster_csv"), str):
            roster = roster_rows(params["roster_csv"])
    except InputError as error:  # said of the participant list, not of the plan
        raise InputError([replace(p, where=f"roster {p.where}".strip()) for p in error.problems]) from None
    return build_report(rules, plan, params.get("kind", "semester-1"), _lang(params), roster)


def _report_workbook(rules: RuleSet, params: dict[str, Any]) -> dict[str, str]:
    from .report_workbook import report_workbook

    return _encoded(report_workbook(_report_skeleton(rules, params)))


def _deadlines(rules: RuleSet, params: dict[str, Any]) -> dict[str, Any]:
    year = _year(rules, params)
    items = deadlines(rules, year)
    lang = "en" if params.get("lang") == "en" else "id"
    return {
        "format": "dak-deadlines/1",
        "year": year,
        "deadlines": items,
        "ics": to_ics(items, lang, ics_stamp(year)),
    }


def _eligibility(rules: RuleSet, params: dict[str, Any]) -> dict[str, Any]:
    answers = params.get("answers") or {}
    if not isinstance(answers, dict):
        raise input_error(
            "answers",
            id="jawaban harus berupa {kriteria: ya|tidak}",
            en="answers must be {criterion: yes|no}",
        )
    return eligibility(rules, _year(rules, params), answers)


def _form(rules: RuleSet, params: dict[str, Any]) -> dict[str, Any]:
    """What a validator form for one activity needs: for each year, the plan fields its rules read."""
    activity = params.get("activity")
    if not isinstance(activity, str) or activity not in rules.activities:
        raise input_error("activity", id="kegiatan tidak ada dalam katalog", en="activity not in the catalog")
    years: dict[str, Any] = {}
    for year in rules.years:
        if not rules.exists_in(activity, year):
            continue
        values = [*rules.values_for(year, activity), *rules.forbidden_categories(year, activity).values()]
        fields: dict[str, list[str]] = {}
        for value in values:
            fields.setdefault(value.rule.reads, []).append(value.rule.id)
            # A value that applies only `when` another field has a value (2023's committee limit,
            # only outside the region) needs that field in the form too.
            for key in value.when:
                fields.setdefault(key, []).append(value.rule.id)
        years[str(year)] = {"fields": fields, "needs": data_needs(rules, activity, year)}
    return {"activity": activity, "years": years}


def _vocabulary(rules: RuleSet) -> dict[str, Any]:
    """The vocabulary with the years of the compiled rules and each year's regulation by its short name
    (the rules own them: a new year's regulation is a rules change, not a code change)."""
    return {
        **vocabulary(),
        "years": [str(year) for year in rules.years],
        "regulations": {str(year): regulation["short"] for year, regulation in rules.regulations.items()},
    }


METHODS: dict[str, Callable[[RuleSet, dict[str, Any]], Any]] = {
    "validate": _validate,
    "roster": _roster,
    "deadlines": _deadlines,
    "eligibility": _eligibility,
    "form": _form,
    # Workbooks travel as base64 text ({"xlsx": ...}) both ways.
    "template": _template,
    "validate_workbook": _validate_workbook,
    "findings_workbook": _findings_workbook,
    "annotated_roster": _annotated_roster,
    "summary_workbook": _summary_workbook,
    "report_workbook": _report_workbook,
    # The semester and final report skeletons of a plan's year (dak report).
    "report": _report_skeleton,
    "activities": lambda rules, params: rules.data["activities"],
    "budget_categories": lambda rules, params: rules.data["budget_categories"],
    "rules": lambda rules, params: rules.data["rules"],
    "vocabulary": lambda rules, params: _vocabulary(rules),
}


def call(method: str, params: dict[str, Any] | None = None, rules: RuleSet | None = None) -> dict[str, Any]:
    """Run one method; the response as data (never raises for bad input)."""
    if method not in METHODS:
        known = ", ".join(sorted(METHODS))
        return {
            "ok": False,
            "problems": [
                {
                    "where": "method",
                    "message": {
                        "id": f"metode tidak dikenal (yang ada: {known})",
                        "en": f"unknown method (known: {known})",
                    },
                }
            ],
        }
    if params is not None and not isinstance(params, dict):
        return {
            "ok": False,
            "problems": [
                {"where": "params", "message": {"id": "params harus objek", "en": "params must be an object"}}
            ],
        }
    try:
        return {"ok": True, "result": METHODS[method](rules or load_rules(), params or {})}
    except InputError as error:
        return {"ok": False, "problems": error.to_json()["problems"]}


def handle(request_json: str) -> str:
    """The Web Worker's entry point: a JSON request in, a JSON response out."""
    try:
        request = json.loads(request_json)
    except ValueError:
        request = None
    if not isinstance(request, dict):
        response = {
            "ok": False,
            "problems": [
                {"where": "", "message": {"id": "permintaan bukan JSON", "en": "the request is not JSON"}}
            ],
        }
    else:
        response = call(str(request.get("method")), request.get("params"))
    return json.dumps(response, ensure_ascii=False)
