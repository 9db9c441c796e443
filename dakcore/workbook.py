"""Excel workbooks, both ways: a plan template a dinas fills in, the plan read back from it, findings
and a batch summary as worksheets, and a participant list read from (and annotated into) a workbook.

The only module that uses openpyxl, and only inside its functions: the rest of dakcore stays pure
standard library, and a reader who never opens a workbook never loads it. Every problem with a
workbook is an InputProblem naming the sheet and cell ("Kegiatan!C5") and what is allowed.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any

from .errors import InputError, InputProblem, input_error, problem
from .numbers import NumberError, parse_number
from .plan import FORMAT
from .roster import Table
from .rules import RuleSet
from .vocabulary import EDUCATION_LEVELS, FIELDS, LANGS, LEVELS, ROLES, WORKBOOK, one_of

# Excel's day 0 (its serial numbers count days from here, with the 1900 leap-year bug folded in).
_EXCEL_EPOCH = date(1899, 12, 30)
_HIGHLIGHT = "FFF2CC"


def _openpyxl() -> Any:
    try:
        import openpyxl
    except ImportError:
        raise input_error(
            "",
            id="membaca/menulis berkas Excel memerlukan paket openpyxl (pip install openpyxl)",
            en="reading or writing Excel files needs the openpyxl package (pip install openpyxl)",
        ) from None
    return openpyxl


def _word(key: str, lang: str = "id") -> str:
    return WORKBOOK[key][lang]


def _open(data: bytes, *, read_only: bool, data_only: bool = True) -> Any:
    """A workbook from bytes, or an InputError saying why it cannot be opened."""
    openpyxl = _openpyxl()
    if data[:4] == b"\xd0\xcf\x11\xe0":
        raise input_error(
            "",
            id="berkas ini terkunci kata sandi atau berformat .xls lama; "
            "simpan ulang sebagai .xlsx tanpa kata sandi",
            en="this file is password-protected or in the old .xls format; save it again as .xlsx "
            "without a password",
        )
    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=read_only, data_only=data_only)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, IndexError) as exc:
        raise input_error(
            "",
            id=f"berkas ini bukan buku kerja Excel .xlsx yang terbaca ({exc.__class__.__name__})",
            en=f"this file is not a readable Excel .xlsx workbook ({exc.__class__.__name__})",
        ) from None


def open_workbook(data: bytes) -> Any:
    """A workbook opened to read (read-only), or an InputError saying why it cannot be."""
    return _open(data, read_only=True)


def _save(workbook: Any) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _sheet(workbook: Any, key: str) -> Any:
    """A sheet by its name in either language, or an InputError naming the sheets there are."""
    for lang in LANGS:
        if _word(key, lang) in workbook.sheetnames:
            return workbook[_word(key, lang)]
    raise input_error(
        _word(key),
        id=f"lembar {_word(key)!r} tidak ada (yang ada: {', '.join(workbook.sheetnames)})",
        en=f"the sheet {_word(key)!r} ({_word(key, 'en')}) is missing "
        f"(there are: {', '.join(workbook.sheetnames)})",
    )


# --- the plan template ------------------------------------------------------------------------------


def _unit(spec: dict[str, Any]) -> str:
    return f" ({spec['unit']['id']})" if spec.get("unit") else ""


def plan_columns() -> list[tuple[str, str | None, str]]:
    """The activity sheet's columns after No. and Kegiatan: (field, part or None, header)."""
    columns: list[tuple[str, str | None, str]] = []
    for field, spec in FIELDS.items():
        if spec["type"] in ("people", "budget"):
            continue
        if spec["type"] == "parts":
            for part, words in spec["parts"].items():
                columns.append((field, part, f"{spec['label']['id']}: {words['id']}{_unit(spec)}"))
        else:
            columns.append((field, None, f"{spec['label']['id']}{_unit(spec)}"))
    return columns


PEOPLE_PARTS = tuple(FIELDS["instructors"]["parts"])
BUDGET_PARTS = tuple(FIELDS["budget"]["parts"])


def _person_headers() -> list[str]:
    parts = FIELDS["instructors"]["parts"]
    return [_word("activity_row"), _word("person_name"), *(parts[p]["id"] for p in PEOPLE_PARTS)]


def _budget_headers() -> list[str]:
    parts = FIELDS["budget"]["parts"]
    return [_word("activity_row"), *(parts[p]["id"] for p in BUDGET_PARTS)]


def _cell_value(field: str, value: Any) -> Any:
    if isinstance(value, bool):
        return _word("yes") if value else _word("no")
    if field == "participant_ages" and isinstance(value, list):
        return ", ".join(str(age) for age in value)
    if field == "role" and value in ROLES:
        return ROLES[value]["id"]
    if isinstance(value, dict | list):
        return str(value)
    return value


def plan_workbook(rules: RuleSet, year: int, plan: dict[str, Any] | None = None) -> bytes:
    """The plan template of a year as .xlsx bytes; with `plan`, filled with that plan (export)."""
    openpyxl = _openpyxl()
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    plan = plan or {"format": FORMAT, "year": year, "activities": []}
    regulation = rules.regulations[year]
    book = openpyxl.Workbook()
    readme = book.active
    readme.title = _word("sheet_readme")
    readme.append([_word("year"), plan.get("year", year)])
    readme.append([_word("region"), plan.get("region", "")])
    readme.append([_word("title"), plan.get("title", "")])
    readme.append([])
    readme.append([regulation["short"], regulation["title"]["id"]])
    readme.append(["", regulation["title"]["en"]])
    readme.append([])
    readme.append([_word("readme"), ""])
    readme.append([WORKBOOK["readme"]["en"], ""])
    readme.column_dimensions["A"].width = 24
    readme.column_dimensions["B"].width = 100

    catalog = book.create_sheet(_word("sheet_catalog"))
    activities = [a for a in rules.data["activities"] if str(year) in a["years"]]
    categories = rules.data["budget_categories"]
    catalog.append(
        [
            _word("activity"),
            _word("activity_name"),
            FIELDS["budget"]["parts"]["category"]["id"],
            _word("category_name"),
        ]
    )
    for index in range(max(len(activities), len(categories))):
        activity = activities[index] if index < len(activities) else None
        category = categories[index] if index < len(categories) else None
        catalog.append(
            [
                activity["id"] if activity else None,
                activity["name"]["id"] if activity else None,
                category["id"] if category else None,
                category["name"]["id"] if category else None,
            ]
        )

    columns = plan_columns()
    # A plan's own further fields (a name, a note) are kept: a column each, headed by the key.
    extra = sorted({key for a in plan["activities"] for key in a if key not in FIELDS and key != "activity"})
    sheet = book.create_sheet(_word("sheet_activities"), 1)
    sheet.append([_word("row"), _word("activity"), *(header for _, _, header in columns), *extra])
    people = book.create_sheet(_word("sheet_people"), 2)
    people.append(_person_headers())
    budget = book.create_sheet(_word("sheet_budget"), 3)
    budget.append(_budget_headers())
    for number, activity in enumerate(plan["activities"], start=1):
        row: list[Any] = [number, activity.get("activity")]
        for field, part, _ in columns:
            value = activity.get(field)
            if part is not None:
                value = value.get(part) if isinstance(value, dict) else None
            row.append(_cell_value(field, value))
        sheet.append(row + [_cell_value(key, activity.get(key)) for key in extra])
        for person in activity.get("instructors") or ():
            people.append(
                [number, person.get("name")] + [_cell_value(p, person.get(p)) for p in PEOPLE_PARTS]
            )
        for line in activity.get("budget") or ():
            budget.append([number, line.get("category"), line.get("amount")])

    rows = 1000  # the validated range: enough rows for any plan, small enough to open quickly
    letter = openpyxl.utils.get_column_letter
    drop_down = DataValidation(
        type="list", formula1=f"={_word('sheet_catalog')}!$A$2:$A${len(activities) + 1}", allow_blank=True
    )
    drop_down.add(f"B2:B{rows}")
    sheet.add_data_validation(drop_down)
    yes_no = DataValidation(type="list", formula1=f'"{_word("yes")},{_word("no")}"', allow_blank=True)
    sheet.add_data_validation(yes_no)
    for index, (field, _, _) in enumerate(columns, start=3):
        kind = FIELDS[field]["type"]
        col = letter(index)
        if kind == "boolean":
            yes_no.add(f"{col}2:{col}{rows}")
        elif kind in ("integer", "number", "parts"):
            number = DataValidation(
                type="whole" if kind == "integer" or field == "study_visit" else "decimal",
                operator="greaterThanOrEqual",
                formula1="0",
                allow_blank=True,
                error="0, 1, 2, ... (12.000.000 / 2,5)",
                errorTitle=FIELDS[field]["label"]["id"],
            )
            number.add(f"{col}2:{col}{rows}")
            sheet.add_data_validation(number)
    roles = DataValidation(type="list", formula1='"' + ",".join(r["id"] for r in ROLES.values()) + '"')
    roles.add(f"C2:C{rows}")
    education = DataValidation(type="list", formula1='"' + ",".join(EDUCATION_LEVELS) + '"')
    education.add(f"D2:D{rows}")
    experience = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
    experience.add(f"E2:E{rows}")
    people_yes_no = DataValidation(type="list", formula1=f'"{_word("yes")},{_word("no")}"', allow_blank=True)
    people_yes_no.add(f"F2:G{rows}")
    for validation in (roles, education, experience, people_yes_no):
        people.add_data_validation(validation)
    category = DataValidation(
        type="list", formula1=f"={_word('sheet_catalog')}!$C$2:$C${len(categories) + 1}", allow_blank=True
    )
    category.add(f"B2:B{rows}")
    amount = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
    amount.add(f"C2:C{rows}")
    budget.add_data_validation(category)
    budget.add_data_validation(amount)
    for column in budget.iter_cols(min_col=3, max_col=3, min_row=2):
        for cell in column:
            cell.number_format = "#,##0"
    for ws in (sheet, people, budget, catalog):
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
        for index in range(1, ws.max_column + 1):
            ws.column_dimensions[letter(index)].width = 18
    return _save(book)


# --- reading a plan back -------------------------------------------------------------------------------


class _Cells:
    """Reads a sheet's cells, noting every problem by sheet and cell and going on."""

    def __init__(self) -> None:
        self.problems: list[InputProblem] = []

    def note(self, where: str, id_text: str, en_text: str) -> None:
        self.problems.append(problem(where, id=id_text, en=en_text))

    def number(self, value: Any, where: str, *, whole: bool) -> int | float | None:
        if isinstance(value, datetime | date):
            self.note(
                where,
                f"berisi tanggal ({value:%Y-%m-%d}); yang boleh: angka, mis. 12.000.000 atau 2,5",
                f"holds a date ({value:%Y-%m-%d}); allowed: a number, e.g. 12.000.000 or 2,5",
            )
            return None
        try:
            number = parse_number(value if isinstance(value, int | float) else str(value))
        except NumberError as error:
            self.note(where, error.message["id"], error.message["en"])
            return None
        if number < 0 or (whole and number != int(number)):
            kind_id, kind_en = ("bilangan bulat", "whole number") if whole else ("angka", "number")
            self.note(
                where,
                f"{number} tidak boleh; yang boleh: {kind_id} 0 atau lebih",
                f"{number} is not allowed; allowed: a {kind_en} of 0 or more",
            )
            return None
        return int(number) if whole or number == int(number) else number

    def flag(self, value: Any, where: str) -> bool | None:
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in ("ya", "yes", "y", "true", "benar", "1"):
            return True
        if text in ("tidak", "no", "t", "n", "false", "salah", "0"):
            return False
        self.note(
            where,
            f"{value!r} tidak dikenal; yang boleh: ya, tidak",
            f"{value!r} is not known; allowed: ya, tidak (yes, no)",
        )
        return None

    def choice(self, value: Any, where: str, allowed: dict[str, str], shown: str) -> str | None:
        key = allowed.get(str(value).strip().lower())
        if key is None:
            self.note(
                where,
                f"{value!r} tidak dikenal; yang boleh: {shown}",
                f"{value!r} is not known; allowed: {shown}",
            )
        return key


def _header_map(sheet: Any, expected: dict[str, Any], cells: _Cells) -> dict[int, Any]:
    """Column index -> what it holds, by the header row (either language's label, or the key)."""
    columns: dict[int, Any] = {}
    merged = [str(r) for r in sheet.merged_cells.ranges if r.min_row == 1]  # plans open in full mode
    if merged:
        cells.note(
            f"{sheet.title}!{merged[0]}",
            f"sel judul digabung ({', '.join(merged)}); "
            "pisahkan gabungan sel agar setiap kolom berjudul sendiri",
            f"header cells are merged ({', '.join(merged)}); unmerge them so every column has its own header",
        )
    header = next(sheet.iter_rows(min_row=1, max_row=1, values_only=True), ())
    for index, title in enumerate(header):
        if title is None:
            continue
        key = " ".join(str(title).split()).lower()
        if key in expected:
            columns[index] = expected[key]
        else:
            columns[index] = ("extra", str(title).strip())
    return columns


def _labels(pairs: list[tuple[Any, list[str]]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for target, names in pairs:
        for name in names:
            out[" ".join(name.split()).lower()] = target
    return out


def _where(sheet: Any, row: int, column: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"{sheet.title}!{get_column_letter(column + 1)}{row}"


def _is_formula_left(value: Any) -> bool:
    return isinstance(value, str) and value.startswith("=")


def read_plan_workbook(rules: RuleSet, data: bytes) -> tuple[dict[str, Any], list[InputProblem]]:
    """The plan a filled-in template holds, and the problems of the cells that could not be read.

    A cell that cannot be read is left out (and named in the problems); every other cell is kept,
    so the plan can still be checked. Raises InputError only when there is no plan to read at all.
    """
    book = _open(data, read_only=False)
    cells = _Cells()
    plan: dict[str, Any] = {"format": FORMAT}
    try:
        readme = _sheet(book, "sheet_readme")
    except InputError:
        readme = None
    if readme is not None:
        for row in readme.iter_rows(min_row=1, max_row=3):
            title, value = row[0].value, row[1].value if len(row) > 1 else None
            for key in ("year", "region", "title"):
                if title in (_word(key), _word(key, "en")) and value not in (None, ""):
                    if key == "year":
                        year = cells.number(value, f"{readme.title}!B{row[0].row}", whole=True)
                        if year in rules.regulations:
                            plan["year"] = year
                        elif year is not None:
                            cells.note(
                                f"{readme.title}!B{row[0].row}",
                                f"yang boleh: {one_of(rules.years, 'id')}",
                                f"allowed: {one_of(rules.years, 'en')}",
                            )
                    else:
                        plan[key] = str(value)
    sheet = _sheet(book, "sheet_activities")
    columns = plan_columns()
    expected = _labels(
        [
            ("row", [_word("row"), _word("row", "en"), "no", "nomor"]),
            ("activity", [_word("activity"), _word("activity", "en"), "activity", "kegiatan"]),
        ]
        + [
            ((field, part), [header, field if part is None else f"{field}.{part}"])
            for field, part, header in columns
        ]
        + [
            (
                (field, part),
                [
                    f"{FIELDS[field]['label']['en']}"
                    + (f": {FIELDS[field]['parts'][part]['en']}" if part else "")
                    + (f" ({FIELDS[field]['unit']['en']})" if FIELDS[field].get("unit") else "")
                ],
            )
            for field, part, _ in columns
        ]
    )
    header = _header_map(sheet, expected, cells)
    known = {a["id"] for a in rules.data["activities"]}
    numbers: dict[Any, dict[str, Any]] = {}
    plan["activities"] = []
    for row_number, row in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in row):
            continue
        activity: dict[str, Any] = {}
        number = row_number - 1
        for index, value in enumerate(row):
            target = header.get(index)
            if target is None or value is None or (isinstance(value, str) and not value.strip()):
                continue
            where = _where(sheet, row_number, index)
            if _is_formula_left(value):
                cells.note(
                    where,
                    "rumus tanpa hasil tersimpan; ketik nilainya",
                    "a formula with no saved result; type the value",
                )
                continue
            if target == "row":
                number = _row_key(value)
            elif target == "activity":
                if str(value).strip() in known:
                    activity["activity"] = str(value).strip()
                else:
                    cells.note(
                        where,
                        f"kegiatan {value!r} tidak ada dalam katalog; "
                        f"pilih id dari daftar (lembar {_word('sheet_catalog')})",
                        f"activity {value!r} is not in the catalog; "
                        f"pick an id from the list (sheet {_word('sheet_catalog', 'en')})",
                    )
            elif target[0] == "extra":
                activity[target[1]] = value
            else:
                _read_field(cells, activity, *target, value, where)
        if "activity" not in activity:
            if not any(c.where.startswith(f"{sheet.title}!B{row_number}") for c in cells.problems):
                cells.note(
                    _where(sheet, row_number, 1),
                    "wajib diisi: id kegiatan dari katalog",
                    "required: an activity id from the catalog",
                )
            continue
        numbers[number] = activity
        plan["activities"].append(activity)
    _note_formulas_without_results(book, data, cells)
    _read_people(book, cells, numbers)
    _read_budget(book, cells, numbers, {c["id"] for c in rules.data["budget_categories"]})
    return plan, cells.problems


def _note_formulas_without_results(book: Any, data: bytes, cells: _Cells) -> None:
    """A formula read as its saved result; one never calculated (a file written by a program, not
    saved by Excel) has none, and would otherwise read as an empty cell."""
    formulas = _open(data, read_only=False, data_only=False)
    for key in ("sheet_activities", "sheet_people", "sheet_budget"):
        try:
            sheet = _sheet(formulas, key)
        except InputError:
            continue
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if _is_formula_left(cell.value) and book[sheet.title][cell.coordinate].value is None:
                    cells.note(
                        f"{sheet.title}!{cell.coordinate}",
                        "rumus tanpa hasil tersimpan; ketik nilainya atau simpan ulang di Excel",
                        "a formula with no saved result; type the value or save the file again in Excel",
                    )


def _read_field(
    cells: _Cells, activity: dict[str, Any], field: str, part: str | None, value: Any, where: str
) -> None:
    kind = FIELDS[field]["type"]
    if kind == "boolean":
        flag = cells.flag(value, where)
        if flag is not None:
            activity[field] = flag
    elif kind == "ages":
        ages = []
        for text in str(value).replace(";", ",").split(","):
            if text.strip():
                age = cells.number(text.strip(), where, whole=True)
                if age is None:
                    return
                ages.append(age)
        activity[field] = ages
    else:
        whole = kind == "integer" or field == "study_visit"
        number = cells.number(value, where, whole=whole)
        if number is None:
            return
        if part is None:
            activity[field] = number
        else:
            activity.setdefault(field, {})[part] = number


def _rows(sheet: Any) -> Iterator[tuple[int, tuple]]:
    for row_number, row in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
        if any(v is not None and not (isinstance(v, str) and not v.strip()) for v in row):
            yield row_number, row


def _row_key(value: Any) -> Any:
    """An activity's No. as the people and budget sheets refer to it: 1, 1.0 and "1" are the same row."""
    try:
        number = parse_number(value if isinstance(value, int | float) else str(value))
    except NumberError:
        return str(value).strip()
    return int(number) if number == int(number) else number


def _activity_of(cells: _Cells, numbers: dict[Any, dict[str, Any]], value: Any, where: str) -> dict | None:
    activity = numbers.get(_row_key(value))
    if activity is None:
        shown = ", ".join(str(n) for n in numbers) or "-"
        cells.note(
            where,
            f"No. kegiatan {value!r} tidak ada di lembar {_word('sheet_activities')} (yang ada: {shown})",
            f"activity no. {value!r} is not on the sheet {_word('sheet_activities', 'en')} "
            f"(there are: {shown})",
        )
    return activity


def _optional_sheet(book: Any, key: str, cells: _Cells) -> Any:
    """A sheet the plan can be checked without: its absence is noted, and the rest is checked."""
    try:
        return _sheet(book, key)
    except InputError as error:
        problem = error.problems[0]
        cells.note(
            problem.where,
            problem.message["id"] + "; rencana diperiksa tanpa lembar ini",
            problem.message["en"] + "; the plan is checked without this sheet",
        )
        return None


def _read_people(book: Any, cells: _Cells, numbers: dict[Any, dict[str, Any]]) -> None:
    sheet = _optional_sheet(book, "sheet_people", cells)
    if sheet is None:
        return
    roles = {k: k for k in ROLES} | {w[lang].lower(): k for k, w in ROLES.items() for lang in LANGS}
    levels = {level.lower(): level for level in EDUCATION_LEVELS}
    for row_number, row in _rows(sheet):
        activity = _activity_of(cells, numbers, row[0], _where(sheet, row_number, 0))
        person: dict[str, Any] = {}
        for index, part in enumerate(("name", *PEOPLE_PARTS), start=1):
            value = row[index] if index < len(row) else None
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            where = _where(sheet, row_number, index)
            if part == "name":
                person["name"] = str(value)
            elif part == "role":
                role = cells.choice(value, where, roles, ", ".join(w["id"] for w in ROLES.values()))
                if role:
                    person["role"] = role
            elif part == "education":
                level = cells.choice(value, where, levels, "|".join(EDUCATION_LEVELS))
                if level:
                    person["education"] = level
            elif part == "experience_years":
                years = cells.number(value, where, whole=False)
                if years is not None:
                    person[part] = years
            else:
                flag = cells.flag(value, where)
                if flag is not None:
                    person[part] = flag
        if activity is not None:
            activity.setdefault("instructors", []).append(person)


def _read_budget(book: Any, cells: _Cells, numbers: dict[Any, dict[str, Any]], categories: set[str]) -> None:
    sheet = _optional_sheet(book, "sheet_budget", cells)
    if sheet is None:
        return
    for row_number, row in _rows(sheet):
        activity = _activity_of(cells, numbers, row[0], _where(sheet, row_number, 0))
        category = row[1] if len(row) > 1 else None
        amount = row[2] if len(row) > 2 else None
        ok = True
        if category not in categories:
            cells.note(
                _where(sheet, row_number, 1),
                f"kategori {category!r} tidak dikenal; pilih dari daftar (lembar {_word('sheet_catalog')})",
                f"category {category!r} is not known; "
                f"pick one from the list (sheet {_word('sheet_catalog', 'en')})",
            )
            ok = False
        value = (
            cells.number(amount, _where(sheet, row_number, 2), whole=False) if amount is not None else None
        )
        if value is None:
            if amount is None:
                cells.note(
                    _where(sheet, row_number, 2),
                    "wajib diisi: jumlah dalam rupiah",
                    "required: the amount in rupiah",
                )
            ok = False
        if ok and activity is not None:
            activity.setdefault("budget", []).append({"category": category, "amount": value})


def validate_workbook(
    rules: RuleSet,
    data: bytes,
    years: list[int] | None = None,
    explain: bool = False,
    with_plan: bool = False,
) -> dict[str, Any]:
    """Check a filled-in template: the findings of every cell that could be read, and the cells that
    could not (`input_problems`, each naming its sheet and cell); `ok` is false while there are any.
    `with_plan`: the plan read from it too (`plan`, dak-plan/1), for a form to show."""
    from .engine import validate

    plan, problems = read_plan_workbook(rules, data)
    report = validate(rules, plan, years, explain=explain)
    report["region"] = plan.get("region", "")
    report["input_problems"] = [{"where": p.where, "message": p.message} for p in problems]
    report["ok"] = report["ok"] and not problems
    if with_plan:
        report["plan"] = plan
    return report


# --- findings, a batch summary --------------------------------------------------------------------------


def _finding_rows(rules: RuleSet, report: dict[str, Any], lang: str, prefix: list[Any]) -> list[list[Any]]:
    names = {a["id"]: a["name"][lang] for a in rules.data["activities"]}
    rows = []
    for finding in report["findings"]:
        source = finding.get("source") or {}
        index = finding.get("activity_index")
        field = finding["field"].split("[")[0].split(".")[0]
        rows.append(
            [
                *prefix,
                finding["year"],
                index + 1 if index is not None else finding.get("row"),
                names.get(finding.get("activity"), finding.get("activity")),
                FIELDS[field]["label"][lang] if field in FIELDS else finding["field"],
                LEVELS[finding["level"]]["label"][lang],
                finding["message"][lang],
                source.get("citation", {}).get(lang, ""),
                source.get("quote", ""),
                (finding.get("note") or {}).get(lang, ""),
                (finding.get("disputed") or {}).get(lang, ""),
            ]
        )
    return rows


def _finding_headers(lang: str, prefix: list[str]) -> list[str]:
    return [
        *prefix,
        _word("year", lang),
        _word("row", lang),
        _word("sheet_activities", lang),
        _word("field", lang),
        _word("level", lang),
        _word("message", lang),
        _word("citation", lang),
        _word("quote", lang),
        _word("note", lang),
        _word("disputed", lang),
    ]


Rows = list[list[Any]]


def _sheets(sheets: list[tuple[str, Rows, set[int]]]) -> bytes:
    """A workbook of plain tables written as a stream (openpyxl's write-only mode: thousands of
    findings are written in a second, not a minute): (title, rows with the header first, the numbers
    of the rows to highlight). Bold header, frozen, wide text columns."""
    openpyxl = _openpyxl()
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = openpyxl.Workbook(write_only=True)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor=_HIGHLIGHT)
    for title, rows, highlight in sheets:
        sheet = book.create_sheet(title)
        sheet.freeze_panes = "A2"
        for index, value in enumerate(rows[0] if rows else (), start=1):
            wide = any(
                isinstance(r[index - 1], str) and len(r[index - 1]) > 30
                for r in rows[1:50]
                if len(r) >= index
            )
            sheet.column_dimensions[get_column_letter(index)].width = (
                50 if wide else max(12, len(str(value)) + 2)
            )
        for number, row in enumerate(rows, start=1):
            if number == 1 or number in highlight:
                styled = []
                for value in row:
                    cell = WriteOnlyCell(sheet, value=value)
                    if number == 1:
                        cell.font = bold
                    else:
                        cell.fill = fill
                    styled.append(cell)
                sheet.append(styled)
            else:
                sheet.append(row)
    return _save(book)


def _problem_rows(report: dict[str, Any], lang: str, prefix: list[Any]) -> Rows:
    return [[*prefix, p["where"], p["message"][lang]] for p in report.get("input_problems") or []]


def _problem_header(lang: str, with_file: bool) -> list[str]:
    return [*([_word("file", lang)] if with_file else []), _word("where", lang), _word("message", lang)]


def findings_workbook(rules: RuleSet, report: dict[str, Any], lang: str = "id") -> bytes:
    """A plan's findings as a worksheet, and both years side by side where both were checked."""
    sheets = [
        (
            _word("sheet_findings", lang),
            [_finding_headers(lang, []), *_finding_rows(rules, report, lang, [])],
            set(),
        )
    ]
    if report.get("comparison"):
        names = {a["id"]: a["name"][lang] for a in rules.data["activities"]}
        side: Rows = [
            [
                _word("row", lang),
                _word("sheet_activities", lang),
                _word("field", lang),
                *map(str, report["years"]),
            ]
        ]
        for row in report["comparison"]:
            field = row["field"].split("[")[0].split(".")[0]
            side.append(
                [
                    (row["activity_index"] or 0) + 1,
                    names.get(row["activity"], row["activity"]),
                    FIELDS[field]["label"][lang] if field in FIELDS else row["field"],
                    *(
                        _word("ok", lang) if v == "ok" else LEVELS[v]["label"][lang]
                        for v in (row["by_year"][str(y)] for y in report["years"])
                    ),
                ]
            )
        sheets.append((_word("sheet_comparison", lang), side, set()))
    problems = _problem_rows(report, lang, [])
    if problems:
        sheets.append((_word("sheet_problems", lang), [_problem_header(lang, False), *problems], set()))
    return _sheets(sheets)


def summary_workbook(rules: RuleSet, reports: list[tuple[str, dict[str, Any]]], lang: str = "id") -> bytes:
    """A reviewer's batch: one summary row per plan (region, counts per level per year), then every
    finding with the file it came from. A plan that could not be read at all is a row with its problem."""
    summary: Rows = [
        [
            _word("file", lang),
            _word("region", lang),
            _word("year", lang),
            *(spec["label"][lang] for spec in LEVELS.values()),
            _word("problems", lang),
        ]
    ]
    findings: Rows = [_finding_headers(lang, [_word("file", lang), _word("region", lang)])]
    problems: Rows = [_problem_header(lang, True)]
    for name, report in reports:
        for year in report.get("years") or [None]:
            counts = report.get("summary", {}).get(str(year), {})
            summary.append(
                [
                    name,
                    report.get("region", ""),
                    year,
                    *(counts.get(level, 0) if year else None for level in LEVELS),
                    len(report.get("input_problems") or []),
                ]
            )
        findings += _finding_rows(rules, report, lang, [name, report.get("region", "")])
        problems += _problem_rows(report, lang, [name])
    flagged = {n for n, row in enumerate(summary, start=1) if n > 1 and row[-1]}
    sheets = [
        (_word("sheet_summary", lang), summary, flagged),
        (_word("sheet_findings", lang), findings, set()),
    ]
    if len(problems) > 1:
        sheets.append((_word("sheet_problems", lang), problems, set()))
    return _sheets(sheets)


# --- participant lists -------------------------------------------------------------------------------


def _text(value: Any, column_is_date: bool) -> str:
    """A cell as the CSV reader would have read it from Excel's own CSV export."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float):
        if column_is_date and 1 <= value < 2958466:  # a date typed as Excel's serial number
            return (_EXCEL_EPOCH + timedelta(days=int(value))).isoformat()
        return str(int(value)) if float(value).is_integer() else str(value).replace(".", ",")
    return str(value)


def sheet_names(data: bytes) -> list[str]:
    """The names of a workbook's sheets, in order (for a reader to choose the participant list's)."""
    return list(_open(data, read_only=True).sheetnames)


def roster_table(data: bytes, sheet_name: str | None = None) -> Table:
    """A workbook's participant list as the roster reader's table: the header and the rows as text,
    numbered by their Excel row; the first sheet, or the one named."""
    from .roster import find_columns

    book = _open(data, read_only=True)
    if sheet_name is None:
        sheet = book.worksheets[0]
    elif sheet_name in book.sheetnames:
        sheet = book[sheet_name]
    else:
        raise input_error(
            sheet_name,
            id=f"lembar {sheet_name!r} tidak ada (yang ada: {', '.join(book.sheetnames)})",
            en=f"the sheet {sheet_name!r} is missing (there are: {', '.join(book.sheetnames)})",
        )
    rows = sheet.iter_rows(values_only=True)
    header: list[str] = []
    header_row = 0
    problems: list[InputProblem] = []
    # A title row above the header (often merged across the table) is common: the header is the first
    # of the first ten rows that names a known column.
    first: list[str] | None = None
    for header_row, cells in enumerate(rows, start=1):
        header = [_text(v, False) for v in cells]
        first = header if first is None else first
        if find_columns(header) or header_row >= 10:
            break
    else:
        if first is None:
            raise input_error("", id="lembar ini kosong", en="this sheet is empty")
        header = first  # no known column: the roster reader says which columns it knows
    date_columns = {index for key, index in find_columns(header).items() if key == "birth_date"}

    def table_rows() -> Iterator[tuple[int, list[str]]]:
        for line, cells in enumerate(rows, start=header_row + 1):
            texts = []
            for index, value in enumerate(cells):
                if type(value) is str and not value.startswith("="):
                    texts.append(value)  # most cells: text as it is (what _text gives a text)
                    continue
                if _is_formula_left(value):
                    problems.append(
                        problem(
                            "",
                            id="rumus tanpa hasil tersimpan; ketik nilainya",
                            en="a formula with no saved result; type the value",
                            line=line,
                        )
                    )
                    value = None
                texts.append(_text(value, index in date_columns))
            yield line, texts

    return header, table_rows(), problems


def annotated_roster(
    report: dict[str, Any], data: bytes | str, *, as_xlsx: bool, sheet: str | None = None, lang: str = "id"
) -> bytes:
    """The participant list with each row's findings in added columns (rows with findings highlighted
    in a workbook), as .xlsx, or as CSV for Excel (UTF-8 with BOM, `;`)."""
    import csv

    from .roster import csv_table, is_workbook

    header, rows, _ = roster_table(data, sheet) if is_workbook(data) else csv_table(data)
    notes: dict[int, list[tuple[str, str, str]]] = {}
    for finding in report["findings"]:
        citation = (finding.get("source") or {}).get("citation", {}).get(lang, "")
        notes.setdefault(finding["row"], []).append(
            (LEVELS[finding["level"]]["label"][lang], finding["message"][lang], citation)
        )
    for row_problem in report["row_problems"]:
        notes.setdefault(row_problem["line"], []).append(
            (_word("problems", lang), row_problem["message"][lang], "")
        )
    added = [_word("line", lang), _word("level", lang), _word("message", lang), _word("citation", lang)]
    table = [[*header, *added]]
    flagged = []
    for line, cells in rows:
        if not any(c.strip() for c in cells):
            continue
        found = notes.get(line, [])
        table.append(
            [
                *cells,
                *[""] * (len(header) - len(cells)),
                line,
                "; ".join(sorted({level for level, _, _ in found})),
                "\n".join(message for _, message, _ in found),
                "\n".join(sorted({c for _, _, c in found if c})),
            ]
        )
        if found:
            flagged.append(len(table))
    if not as_xlsx:
        out = io.StringIO()
        csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(table)
        return ("\ufeff" + out.getvalue()).encode("utf-8")
    return _sheets([(_word("sheet_findings", lang), table, set(flagged))])
