"""The `dak` command: check plans, rosters and eligibility, list deadlines, activities and rules."""

from __future__ import annotations

import argparse
import base64
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from . import __version__, api
from .errors import InputError, InputProblem, input_error
from .roster import is_workbook
from .rules import RuleSet, load_rules
from .vocabulary import LANGS, LEVELS, PLACES, WORKBOOK

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2
# The level's one wording (dakcore/vocabulary.py), in capitals so a finding's level stands out.
LEVEL_LABEL = {
    level: {lang: text.upper() for lang, text in spec["label"].items()} for level, spec in LEVELS.items()
}


LEVEL_NONE = {lang: text.lower() for lang, text in WORKBOOK["ok"].items()}


class _Parser(argparse.ArgumentParser):
    """argparse that exits with status 2 and a one-line message (never a traceback)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_INPUT, f"dak: {message}\n")


def _iso_date(text: str) -> date:
    """argparse type of --on: a calendar date written YYYY-MM-DD (argparse turns the error into exit 2)."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD, e.g. 2023-06-01): {text!r}") from None


def _call(method: str, params: dict[str, Any], rules: RuleSet | None = None) -> Any:
    """One method of the API (the browser's front door too): its result, or its problems raised."""
    response = api.call(method, params, rules)
    if not response["ok"]:
        raise InputError.from_json(response["problems"])
    return response["result"]


def _binary(result: dict[str, str]) -> bytes:
    """A workbook the API hands over as base64 text."""
    return base64.b64decode(result["xlsx"])


def _read_input(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    file = Path(path)
    if not file.is_file():
        raise input_error(path, id="berkas tidak ada", en="no such file")
    return file.read_bytes()


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _text_trace(trace: dict[str, Any], lang: str) -> list[str]:
    """A finding's trace as indented lines: what was read, the rule's value, the comparison, the level."""
    words = {
        "id": ("cara pemeriksaan", "dibaca", "nilai aturan", "perbandingan", "mengikat", "tingkat"),
        "en": ("how it was checked", "read", "rule value", "comparison", "binds", "level"),
    }[lang]
    lines = [f"    {words[0]}:"]
    for item in trace["inputs"]:
        value = item["value"]
        shown = item.get("value_label", {}).get(lang) or (
            {True: {"id": "ya", "en": "yes"}, False: {"id": "tidak", "en": "no"}}[value][lang]
            if isinstance(value, bool)
            else json.dumps(value, ensure_ascii=False)
        )
        lines.append(f"      {words[1]}: {item['label'][lang]} ({item['field']}) = {shown}")
    rule = trace["rule"]
    lines.append(f"      {words[2]} {rule['year']}: {json.dumps(rule['params'], ensure_ascii=False)}")
    lines.append(f"      {words[3]}: {trace['comparison_words'][lang]}")
    if trace.get("counted"):
        lines.append(f"      {trace['counted']['words'][lang]}")
    if trace.get("roles"):
        lines.append(f"      {words[4]}: {trace['roles']['words'][lang]}")
    level = trace["level"]
    lines.append(f"      {words[5]}: {level['label'][lang]}: {level['why'][lang]}")
    return lines


def _text_findings(report: dict[str, Any], lang: str) -> str:
    lines = []
    for year in report["years"]:
        counts = report["summary"][str(year)]
        parts = [f"{LEVEL_LABEL[k][lang].lower()}: {v}" for k, v in counts.items() if v]
        lines.append(f"{year}: " + (", ".join(parts) if parts else LEVEL_NONE[lang]))
    for finding in report["findings"]:
        where = (
            f"#{finding['activity_index'] + 1} {finding['activity']}"
            if finding["activity_index"] is not None
            else ""
        )
        if finding.get("row") is not None:
            where = PLACES["line_n"][lang].format(n=finding["row"])
        lines.append(
            f"[{finding['year']}] {LEVEL_LABEL[finding['level']][lang]} {where} {finding['where'][lang]}: "
            f"{finding['message'][lang]}"
        )
        if finding["source"]:
            lines.append(f"    {finding['source']['citation'][lang]} ({finding['source']['unit']})")
            lines.append(f'    "{finding["source"]["quote"]}"')
        if finding.get("disputed"):
            label = "bacaan ini diperdebatkan" if lang == "id" else "this reading is disputed"
            lines.append(f"    {label}: {finding['disputed'][lang]}")
        if finding.get("note"):
            label = "cara membaca" if lang == "id" else "how it is read"
            lines.append(f"    {label}: {finding['note'][lang]}")
        if finding.get("trace"):
            lines += _text_trace(finding["trace"], lang)
    if report.get("comparison"):
        lines.append("")
        lines.append(
            ("Perbandingan" if lang == "id" else "Comparison") + ": " + " | ".join(map(str, report["years"]))
        )
        for row in report["comparison"]:
            cells = " | ".join(row["by_year"][str(y)] for y in report["years"])
            lines.append(f"  #{row['activity_index'] + 1} {row['activity']} {row['where'][lang]}: {cells}")
    return "\n".join(lines) + "\n"


def _read_table_input(path: str) -> bytes:
    """A file that may be a workbook: one named .xlsx that is not one is refused as a workbook
    (not misread as broken JSON or CSV)."""
    data = _read_input(path)
    if path.lower().endswith((".xlsx", ".xlsm", ".xls")) and not is_workbook(data):
        from .workbook import open_workbook

        try:
            open_workbook(data)  # raises the workbook's own message
        except InputError as error:
            raise _in_file(error, path) from None
    return data


def _in_file(error: InputError, path: str) -> InputError:
    """The same problems, each naming the file first."""
    return InputError([InputProblem(_where_in(path, p.where), p.message) for p in error.problems])


def _where_in(path: str, where: str) -> str:
    return where if where.startswith(path) else f"{path} {where}".strip()


def _check_plan(rules: RuleSet, path: str, years: str | None, explain: bool = False) -> dict[str, Any]:
    """One plan file's report: a dak-plan/1 JSON or a filled-in workbook (told apart by content)."""
    data = _read_table_input(path)
    try:
        if is_workbook(data):
            return _call("validate_workbook", {"xlsx": data, "years": years, "explain": explain}, rules)
        return _call("validate", {"plan": data, "years": years, "explain": explain}, rules)
    except InputError as error:
        raise _in_file(error, path) from None


def _write_binary(data: bytes) -> None:
    if sys.stdout.isatty():
        raise input_error(
            "",
            id="keluaran ini berkas Excel: arahkan ke berkas, mis. > temuan.xlsx",
            en="this output is an Excel file: redirect it to a file, e.g. > temuan.xlsx",
        )
    sys.stdout.buffer.write(data)


def cmd_validate(args: argparse.Namespace) -> int:
    rules = load_rules()
    years = args.year
    if args.summary or len(args.plan) > 1:
        return _validate_batch(rules, args, years)
    report = _check_plan(rules, args.plan[0], years, explain=args.explain)
    if args.format == "json":
        _print_json(report)
    elif args.format == "xlsx":
        _write_binary(_binary(_call("findings_workbook", {"report": report, "lang": args.lang}, rules)))
    else:
        for problem in report.get("input_problems", []):
            sys.stderr.write(
                f"dak: {_where_in(args.plan[0], problem['where'])}: {problem['message'][args.lang]}\n"
            )
        sys.stdout.write(_text_findings(report, args.lang))
    if report.get("input_problems"):
        return EXIT_INPUT
    return EXIT_OK if report["ok"] else EXIT_FINDINGS


def _validate_batch(rules: RuleSet, args: argparse.Namespace, years: str | None) -> int:
    """A reviewer's batch: every plan checked; one that cannot be read is a row with its problem."""
    reports = []
    for path in args.plan:
        try:
            report = _check_plan(rules, path, years)
        except InputError as error:
            report = {"years": [], "findings": [], "ok": False, "input_problems": error.to_json()["problems"]}
        reports.append((Path(path).name, report))
        for problem in report.get("input_problems") or []:
            sys.stderr.write(f"dak: {_where_in(path, problem['where'])}: {problem['message'][args.lang]}\n")
    if args.summary:
        plans = [{"file": name, **report} for name, report in reports]
        summary = _call("summary_workbook", {"plans": plans, "lang": args.lang}, rules)
        Path(args.summary).write_bytes(_binary(summary))
    if args.format == "json":
        _print_json({"format": "dak-batch/1", "plans": [{"file": n, **r} for n, r in reports]})
    else:
        for name, report in reports:
            problems = len(report.get("input_problems") or [])
            counts = (
                {k: sum(report["summary"][str(y)][k] for y in report["years"]) for k in LEVEL_LABEL}
                if report.get("summary")
                else {}
            )
            parts = [f"{LEVEL_LABEL[k][args.lang].lower()}: {v}" for k, v in counts.items() if v]
            if problems:
                parts.append(f"{'masalah isian' if args.lang == 'id' else 'input problems'}: {problems}")
            sys.stdout.write(f"{name}: {', '.join(parts) or LEVEL_NONE[args.lang]}\n")
    if any(r.get("input_problems") for _, r in reports):
        return EXIT_INPUT
    return EXIT_OK if all(r["ok"] for _, r in reports) else EXIT_FINDINGS


def cmd_template(args: argparse.Namespace) -> int:
    params: dict[str, Any] = {"year": args.year}
    if args.plan:
        params["plan"] = _read_input(args.plan)
    _write_binary(_binary(_call("template", params)))
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    rules = load_rules()
    data = _read_table_input(args.plan)
    params: dict[str, Any] = {"kind": args.kind, "lang": args.lang}
    params |= {"xlsx": data} if is_workbook(data) else {"plan": data.decode("utf-8-sig", errors="replace")}
    if args.roster:
        roster = _read_table_input(args.roster)
        params |= (
            {"roster_xlsx": roster, "roster_sheet": args.sheet}
            if is_workbook(roster)
            else {"roster_csv": roster.decode("utf-8-sig", errors="replace")}
        )
    method = "report" if args.format == "json" else "report_workbook"
    try:
        result = _call(method, params, rules)
    except InputError as error:
        # Name the file each problem is in: the participant list's keys start with "roster".
        raise InputError(
            [
                InputProblem(
                    _where_in(args.roster if p.where.startswith("roster") else args.plan, p.where), p.message
                )
                for p in error.problems
            ]
        ) from None
    if args.format == "json":
        _print_json(result)
    else:
        _write_binary(_binary(result))
    return EXIT_OK


def cmd_roster(args: argparse.Namespace) -> int:
    on = (args.on or date.today()).isoformat()
    data = _read_table_input(args.csv)
    table = {"csv": data, "sheet": args.sheet}
    params = {**table, "activity": args.activity, "year": args.year, "on": on}
    report = _call("roster", {**params, "explain": True} if args.explain else params)
    if args.annotated:
        as_xlsx = args.annotated.lower().endswith(".xlsx")
        params = {**table, "report": report, "as": "xlsx" if as_xlsx else "csv", "lang": args.lang}
        out = _call("annotated_roster", params)
        Path(args.annotated).write_bytes(_binary(out) if as_xlsx else out["csv"].encode("utf-8"))
    if args.format == "json":
        _print_json(report)
    else:
        lang = args.lang
        sys.stdout.write(
            f"{report['rows']} {'baris' if lang == 'id' else 'rows'}, "
            f"{report['rows_with_findings']} {'dengan temuan' if lang == 'id' else 'with findings'}\n"
        )
        for problem in report["row_problems"]:
            sys.stdout.write(
                f"{PLACES['line_n'][lang].format(n=problem['line'])} {problem['label'][lang]}: "
                f"{problem['message'][lang]}\n"
            )
        text = _text_findings({**report, "years": [], "comparison": []}, lang)
        sys.stdout.write(text.lstrip("\n"))
    return EXIT_OK if report["ok"] else EXIT_FINDINGS


def cmd_deadlines(args: argparse.Namespace) -> int:
    result = _call("deadlines", {"year": args.year, "lang": args.lang})
    ics = result.pop("ics")
    if args.format == "ics":
        sys.stdout.write(ics)
    elif args.format == "json":
        _print_json(result)
    else:
        for item in result["deadlines"]:
            source = item["sources"][0]["citation"][args.lang] if item["sources"] else ""
            sys.stdout.write(f"{item['date']}  {item['id']:<18} {item['title'][args.lang]}  ({source})\n")
    return EXIT_OK


def cmd_eligibility(args: argparse.Namespace) -> int:
    answers: dict[str, Any] = {}
    if args.answers:
        try:
            loaded = json.loads(_read_input(args.answers))
        except ValueError as exc:
            raise input_error(
                args.answers, id=f"bukan JSON yang sah ({exc})", en=f"not valid JSON ({exc})"
            ) from None
        if not isinstance(loaded, dict):
            raise input_error(
                args.answers,
                id="harus berupa objek {kriteria: ya|tidak}",
                en="must be an object {criterion: yes|no}",
            )
        answers.update(loaded)
    for pair in args.answer or []:
        key, sep, value = pair.partition("=")
        if not sep:
            raise input_error(pair, id="bentuknya KRITERIA=ya|tidak", en="the form is CRITERION=yes|no")
        answers[key.strip()] = value
    report = _call("eligibility", {"year": args.year, "answers": answers})
    if args.format == "json":
        _print_json(report)
    else:
        lang = args.lang
        for item in report["criteria"]:
            mark = {True: "✓", False: "✗", None: "?"}[item["met"]]
            sys.stdout.write(f"{mark} {item['id']}: {item['criterion'][lang]}\n")
        sys.stdout.write(report["verdict"][lang] + "\n")
    # Considerations (2022) that are not met do not bar a region: only binding criteria decide.
    return (
        EXIT_OK
        if report["eligible"] or (report["binding"] is False and not report["unanswered"])
        else EXIT_FINDINGS
    )


def cmd_activities(args: argparse.Namespace) -> int:
    activities = [a for a in _call("activities", {}) if not args.year or args.year in a["years"]]
    if args.format == "json":
        _print_json(
            {
                "format": "dak-activities/1",
                "year": int(args.year) if args.year else None,
                "activities": activities,
            }
        )
    else:
        for activity in activities:
            years = ", ".join(f"{y}: {v['menu']}.{v['number']}" for y, v in activity["years"].items())
            sys.stdout.write(f"{activity['id']:<36} {years}  {activity['name'][args.lang]}\n")
    return EXIT_OK


def cmd_rules(args: argparse.Namespace) -> int:
    selected = []
    for rule in _call("rules", {}):
        values = [v for v in rule["values"] if not args.year or str(v["year"]) == args.year]
        if values:
            selected.append({**rule, "values": values})
    if args.format == "json":
        _print_json(
            {"format": "dak-rules/1", "year": int(args.year) if args.year else None, "rules": selected}
        )
    else:
        for rule in selected:
            sys.stdout.write(f"{rule['id']}: {rule['title'][args.lang]}\n")
            for value in rule["values"]:
                levels = ", ".join(f"{k}→{v}" for k, v in value["levels"].items())
                sys.stdout.write(
                    f"  {value['year']} {json.dumps(value['params'], ensure_ascii=False)} {levels} "
                    f"[{', '.join(value['activities'])}]\n"
                )
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    rules = load_rules()  # the years and regulations the command knows are those of the rules
    years = tuple(str(year) for year in rules.years)
    regulations = " and ".join(rules.regulations[year]["short"] for year in rules.years)
    parser = _Parser(
        prog="dak",
        description=f"Check DAK Nonfisik IKM plans, rosters and regions against {regulations}.",
    )
    parser.add_argument("--version", action="version", version=f"dak {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def common(p: argparse.ArgumentParser, formats: tuple[str, ...] = ("text", "json")) -> None:
        p.add_argument("--lang", choices=LANGS, default="id", help="language of messages (default id)")
        p.add_argument("--format", choices=formats, default=formats[0])

    p = sub.add_parser("validate", help="check dak-plan/1 JSON files or filled-in plan workbooks (.xlsx)")
    p.add_argument("plan", nargs="+", help="plan files (JSON or .xlsx), or - for standard input")
    p.add_argument("--year", choices=(*years, "both"), help="default: the plan's own year")
    p.add_argument("--explain", action="store_true", help="say how each finding was reached (JSON: trace)")
    p.add_argument("--summary", metavar="FILE.xlsx", help="write a workbook: one row per plan, all findings")
    common(p, ("text", "json", "xlsx"))
    p.set_defaults(run=cmd_validate)

    p = sub.add_parser("roster", help="check a participant list (CSV or .xlsx)")
    p.add_argument("csv", help="CSV or .xlsx file, or - for standard input")
    p.add_argument("--sheet", help="the workbook's sheet (default: the first)")
    p.add_argument("--annotated", metavar="FILE", help="write the list with its findings (.xlsx or .csv)")
    p.add_argument("--activity", required=True, help="catalog id of the activity")
    p.add_argument("--year", required=True, choices=years)
    p.add_argument("--on", type=_iso_date, help="date ages are counted on (YYYY-MM-DD; default today)")
    p.add_argument("--explain", action="store_true", help="say how each finding was reached (JSON: trace)")
    common(p)
    p.set_defaults(run=cmd_roster)

    p = sub.add_parser("template", help="an Excel plan template of a year (to standard output)")
    p.add_argument("--year", required=True, choices=years)
    p.add_argument("--plan", help="fill it with this dak-plan/1 JSON plan")
    p.set_defaults(run=cmd_template)

    p = sub.add_parser(
        "report", help="a semester or final report skeleton of a plan (.xlsx to standard output)"
    )
    p.add_argument("plan", help="dak-plan/1 JSON or filled-in plan workbook (.xlsx)")
    p.add_argument("--kind", required=True, choices=("semester-1", "semester-2", "final"))
    p.add_argument(
        "--roster", metavar="FILE", help="participant list (CSV or .xlsx) for the participants annex"
    )
    p.add_argument("--sheet", help="the participant workbook's sheet (default: the first)")
    common(p, ("xlsx", "json"))
    p.set_defaults(run=cmd_report)

    p = sub.add_parser("deadlines", help="the dated obligations of a year")
    p.add_argument("--year", required=True, choices=years)
    common(p, ("text", "json", "ics"))
    p.set_defaults(run=cmd_deadlines)

    p = sub.add_parser("eligibility", help="whether a kabupaten/kota meets the recipient criteria")
    p.add_argument("--year", required=True, choices=years)
    p.add_argument("--answers", help="JSON file {criterion: true|false}")
    p.add_argument("--answer", action="append", metavar="CRITERION=ya|tidak")
    common(p)
    p.set_defaults(run=cmd_eligibility)

    for name, run, text in (
        ("activities", cmd_activities, "the activity catalog"),
        ("rules", cmd_rules, "the rules"),
    ):
        p = sub.add_parser(name, help=text)
        p.add_argument("--year", choices=years)
        common(p)
        p.set_defaults(run=run)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except InputError as error:
        lang = getattr(args, "lang", "id")
        if getattr(args, "format", "text") == "json":
            _print_json(error.to_json())
        for problem in error.problems:
            sys.stderr.write(f"dak: {problem.text(lang)}\n")
        return EXIT_INPUT
    except BrokenPipeError:
        return EXIT_OK
