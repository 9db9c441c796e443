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
from datetime import date
from typing import Any

from .engine import validate
from .explain import data_needs
from .obligations import deadlines, eligibility, to_ics
from .plan import InputError, InputProblem, parse_plan
from .roster import check_roster
from .rules import RuleSet, load_rules
from .vocabulary import as_data as vocabulary

YEARS = (2022, 2023)


def _problem(where: str, id_text: str, en_text: str) -> InputError:
    return InputError([InputProblem(where, {"id": id_text, "en": en_text})])


def _year(params: dict[str, Any], key: str = "year") -> int:
    year = params.get(key)
    if year in YEARS or (isinstance(year, str) and year.isdigit() and int(year) in YEARS):
        return int(year)
    raise _problem(key, "pilih tahun 2022 atau 2023", "choose the year 2022 or 2023")


def _years(params: dict[str, Any]) -> list[int] | None:
    years = params.get("years")
    if years is None:
        return None
    if years == "both":
        return list(YEARS)
    if isinstance(years, list) and years and all(y in YEARS for y in years):
        return sorted(set(years))
    raise _problem("years", "tahun harus 2022, 2023 atau keduanya", "years must be 2022, 2023 or both")


def _validate(rules: RuleSet, params: dict[str, Any]) -> dict[str, Any]:
    return validate(rules, params.get("plan"), _years(params), explain=params.get("explain") is True)


def _xlsx(params: dict[str, Any], key: str = "xlsx") -> bytes:
    """A workbook the browser sends as base64 text."""
    try:
        return base64.b64decode(params[key], validate=True)
    except (KeyError, TypeError, ValueError, binascii.Error):
        raise _problem(key, "pilih berkas Excel (.xlsx)", "choose an Excel file (.xlsx)") from None


def _encoded(data: bytes) -> dict[str, str]:
    return {"xlsx": base64.b64encode(data).decode("ascii")}


def _template(rules: RuleSet, params: dict[str, Any]) -> dict[str, str]:
    from .workbook import plan_workbook

    plan = params.get("plan")
    if plan is not None:
        plan = parse_plan(
            plan, activity_ids=set(rules.activities), budget_categories=set(rules.budget_categories)
        )
    return _encoded(plan_workbook(rules, _year(params), plan))


def _validate_workbook(rules: RuleSet, params: dict[str, Any]) -> dict[str, Any]:
    from .workbook import validate_workbook

    return validate_workbook(rules, _xlsx(params), _years(params), explain=params.get("explain") is True)


def _report(params: dict[str, Any]) -> dict[str, Any]:
    report = params.get("report")
    if not isinstance(report, dict) or not isinstance(report.get("findings"), list):
        raise _problem("report", "laporan temuan tidak ada", "the findings report is missing")
    return report


def _findings_workbook(rules: RuleSet, params: dict[str, Any]) -> dict[str, str]:
    from .workbook import findings_workbook

    return _encoded(findings_workbook(rules, _report(params), _lang(params)))


def _annotated_roster(rules: RuleSet, params: dict[str, Any]) -> dict[str, str]:
    """The checked list with its findings: {"xlsx": base64} or {"csv": text for Excel (BOM, ;)}."""
    from .workbook import annotated_roster

    data = _xlsx(params) if "xlsx" in params else params.get("csv")
    if not isinstance(data, str | bytes):
        raise _problem("csv", "pilih berkas daftar peserta", "choose a participant list")
    as_xlsx = params.get("as") == "xlsx"
    out = annotated_roster(
        _report(params), data, as_xlsx=as_xlsx, sheet=params.get("sheet"), lang=_lang(params)
    )
    return _encoded(out) if as_xlsx else {"csv": out.decode("utf-8")}


def _lang(params: dict[str, Any]) -> str:
    return "en" if params.get("lang") == "en" else "id"


def _roster(rules: RuleSet, params: dict[str, Any]) -> dict[str, Any]:
    on_text = params.get("on")
    try:
        on = date.fromisoformat(on_text) if on_text else date.today()
    except (TypeError, ValueError):
        raise _problem(
            "on", "tanggal harus berbentuk YYYY-MM-DD", "the date must look like YYYY-MM-DD"
        ) from None
    data = _xlsx(params) if "xlsx" in params else params.get("csv")
    if not isinstance(data, str | bytes):
        raise _problem("csv", "pilih berkas CSV daftar peserta", "choose a CSV file of participants")
    return check_roster(
        rules,
        data,
        activity=str(params.get("activity")),
        year=_year(params),
        on=on,
        sheet=params.get("sheet"),
        explain=params.get("explain") is True,
    )


def _deadlines(rules: RuleSet, params: dict[str, Any]) -> dict[str, Any]:
    year = _year(params)
    items = deadlines(rules, year)
    lang = "en" if params.get("lang") == "en" else "id"
    stamp = rules.regulations[year].get("stamp", f"{year}0101T000000Z")
    return {"format": "dak-deadlines/1", "year": year, "deadlines": items, "ics": to_ics(items, lang, stamp)}


def _eligibility(rules: RuleSet, params: dict[str, Any]) -> dict[str, Any]:
    answers = params.get("answers") or {}
    if not isinstance(answers, dict):
        raise _problem(
            "answers", "jawaban harus berupa {kriteria: ya|tidak}", "answers must be {criterion: yes|no}"
        )
    return eligibility(rules, _year(params), answers)


def _form(rules: RuleSet, params: dict[str, Any]) -> dict[str, Any]:
    """What a validator form for one activity needs: for each year, the plan fields its rules read."""
    activity = params.get("activity")
    if not isinstance(activity, str) or activity not in rules.activities:
        raise _problem("activity", "kegiatan tidak ada dalam katalog", "activity not in the catalog")
    years: dict[str, Any] = {}
    for year in YEARS:
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
    "activities": lambda rules, params: rules.data["activities"],
    "budget_categories": lambda rules, params: rules.data["budget_categories"],
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
