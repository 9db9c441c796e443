"""Checking a participant list (roster) exported by a dinas: CSV as offices really write it.

UTF-8 with or without BOM (and Windows-1252 as a fallback), `;`, `,` or tab separators, Indonesian or
English column names. A row that cannot be read is reported by its line and the rest go on.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections import Counter
from collections.abc import Iterator
from datetime import date
from typing import Any

from .engine import evaluate_record, make_finding
from .errors import InputProblem, input_error, problem
from .findings import Finding, Level
from .numbers import NumberError, parse_number
from .plan import EDUCATION_LEVELS
from .rules import RuleSet
from .vocabulary import ROSTER_COLUMNS

# Column names as offices write them, normalised (lower case, letters and digits only); the
# vocabulary's own labels (the ones the handbook writes) are read too.
_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("nama", "namapeserta", "namalengkap", "name", "fullname", "participant"),
    "age": ("umur", "usia", "umurtahun", "usiatahun", "age"),
    "birth_date": ("tanggallahir", "tgllahir", "tgl lahir", "lahir", "birthdate", "dateofbirth", "dob"),
    "nib": ("nib", "punyanib", "memilikinib", "statusnib", "nomorindukberusaha", "hasnib"),
    "education": ("pendidikan", "pendidikanterakhir", "education", "ijazah"),
}
NIB_VALUES = {
    "ya": "ya",
    "y": "ya",
    "yes": "ya",
    "ada": "ya",
    "sudah": "ya",
    "punya": "ya",
    "memiliki": "ya",
    "tidak": "tidak",
    "t": "tidak",
    "no": "tidak",
    "belum": "tidak",
    "tidakada": "tidak",
    "bersedia": "bersedia",
    "willing": "bersedia",
    "akanmembuat": "bersedia",
    "bersediamembuat": "bersedia",
}
# A NIB as the OSS issues it: 13 digits.
NIB_NUMBER = re.compile(r"\d{13}")
EDUCATION_ALIASES = {
    "SLTP": "SMP",
    "SLTA": "SMA",
    "SMK": "SMA",
    "MA": "SMA",
    "MTS": "SMP",
    "MI": "SD",
    # Kejar Paket A/B/C (spaces are dropped before the look-up) certify primary, junior and senior
    # secondary school: equivalent schooling.
    "PAKETA": "SD",
    "PAKETB": "SMP",
    "PAKETC": "SMA",
    "SMU": "SMA",
    "DIII": "D3",
    "DIV": "D4",
    "D-III": "D3",
    "D-IV": "D4",
    "S-1": "S1",
    "S-2": "S2",
    "S-3": "S3",
}
_DATE_FORMATS = (
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})$"),
    re.compile(r"^(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})$"),
)


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


COLUMNS: dict[str, tuple[str, ...]] = {
    column: tuple(dict.fromkeys((*aliases, *(_key(t) for t in ROSTER_COLUMNS[column].values()))))
    for column, aliases in _ALIASES.items()
}


def decode(data: bytes | str) -> str:
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _dialect(text: str) -> str:
    header = text.split("\n", 1)[0]
    counts = {sep: header.count(sep) for sep in (";", ",", "\t")}
    return max(counts, key=lambda sep: counts[sep]) if any(counts.values()) else ","


def parse_birth_date(text: str) -> date | None:
    for pattern in _DATE_FORMATS:
        match = pattern.match(text)
        if match:
            try:
                return date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                return None
    return None


def age_on(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


Table = tuple[list[str], Iterator[tuple[int, list[str]]], list[InputProblem]]


def csv_table(data: bytes | str) -> Table:
    """A CSV's header and its rows as (line number, cells); unreadable rows land in the problems list
    (filled while the rows are read). Raises InputError when the file is not a table at all."""
    text = decode(data)
    if "\x00" in text[:4096]:
        raise input_error(
            "",
            id="berkas ini bukan CSV (berisi data biner)",
            en="this file is not a CSV (it holds binary data)",
        )
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_dialect(text))
    try:
        header = next(reader)
    except StopIteration:
        raise input_error("", id="berkas kosong", en="the file is empty") from None
    except csv.Error as exc:
        raise input_error("line 1", id=f"CSV tidak terbaca ({exc})", en=f"unreadable CSV ({exc})") from None
    problems: list[InputProblem] = []

    def rows() -> Iterator[tuple[int, list[str]]]:
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                problems.append(
                    problem(
                        "",
                        id=f"baris tidak terbaca ({exc})",
                        en=f"unreadable row ({exc})",
                        line=reader.line_num,
                    )
                )
                continue
            yield reader.line_num, cells

    return header, rows(), problems


def find_columns(header: list[str]) -> dict[str, int]:
    """Our column name -> its index in the header (empty when no column is known)."""
    columns: dict[str, int] = {}
    for index, name in enumerate(header):
        key = _key(name)
        for column, aliases in COLUMNS.items():
            if column not in columns and key in {_key(a) for a in aliases}:
                columns[column] = index
    return columns


def read_roster(
    data: bytes | str, *, on: date, sheet: str | None = None, cells: dict[int, list[str]] | None = None
) -> tuple[list[tuple[int, dict[str, Any]]], list[InputProblem], dict[str, str]]:
    """Rows as (line number, record) ready for the rules, the rows' problems, and the columns found
    (our column name -> the header as the file spells it). A CSV's rows are numbered by their line, a
    workbook's (.xlsx, the first sheet or `sheet`) by their Excel row number. `cells`, when given,
    receives each row's text in the columns found (name, age, birth date, education, NIB), by line.

    Raises InputError when the file is not a usable table at all (no header with a known column).
    """
    if is_workbook(data):
        from .workbook import roster_table  # only a workbook needs openpyxl

        header, table_rows, problems = roster_table(data, sheet)
    else:
        header, table_rows, problems = csv_table(data)
    columns = find_columns(header)
    if not ({"age", "birth_date", "nib", "education"} & set(columns)):
        known = "; ".join(f"{c}: {', '.join(a[:3])}" for c, a in COLUMNS.items())
        raise input_error(
            "line 1",
            id=f"tidak ada kolom yang dikenal pada baris judul (yang dikenal: {known})",
            en=f"no known column in the header row (known: {known})",
        )
    rows: list[tuple[int, dict[str, Any]]] = []
    for line, row in table_rows:
        if not any(cell.strip() for cell in row):
            continue
        record, row_problems = _record(row, columns, line, on)
        problems += row_problems
        rows.append((line, record))
        if cells is not None:
            cells[line] = [_cell(row, columns, column) for column in _ALIASES if column in columns]
    problems.sort(key=lambda p: p.line)
    return rows, problems, {column: header[index].strip() for column, index in sorted(columns.items())}


def is_workbook(data: bytes | str) -> bool:
    """An .xlsx (a zip) or an encrypted/old Office file (an OLE compound file), by its first bytes."""
    return isinstance(data, bytes) and data[:4] in (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")


def _cell(cells: list[str], columns: dict[str, int], column: str) -> str:
    index = columns.get(column)
    return cells[index].strip() if index is not None and index < len(cells) else ""


def _record(
    cells: list[str], columns: dict[str, int], line: int, on: date
) -> tuple[dict[str, Any], list[InputProblem]]:
    record: dict[str, Any] = {"name": _cell(cells, columns, "name")}
    problems = []
    age_text, born_text = _cell(cells, columns, "age"), _cell(cells, columns, "birth_date")
    if age_text:
        age = _whole_number(age_text)
        if age is not None and 0 <= age < 1000:
            record["age"] = age
        else:
            problems.append(
                problem(
                    "age",
                    id=f"umur {age_text!r} bukan bilangan bulat",
                    en=f"age {age_text!r} is not a whole number",
                    line=line,
                )
            )
    elif born_text:
        born = parse_birth_date(born_text)
        if born is None or born > on:
            problems.append(
                problem(
                    "birth_date",
                    id=f"tanggal lahir {born_text!r} tidak terbaca (bentuk: 1990-12-31 atau 31/12/1990)",
                    en=f"birth date {born_text!r} cannot be read (form: 1990-12-31 or 31/12/1990)",
                    line=line,
                )
            )
        else:
            record["age"] = age_on(born, on)
    nib_text = _cell(cells, columns, "nib")
    if nib_text:
        nib = NIB_VALUES.get(_key(nib_text))
        if nib is None and NIB_NUMBER.fullmatch(nib_text.replace(" ", "").replace(".", "")):
            nib = "ya"  # offices list the participant's NIB itself: having one is what the rules ask
        if nib is None:
            problems.append(
                problem(
                    "nib",
                    id=f"NIB {nib_text!r} tidak dikenal (yang boleh: ya, tidak, bersedia, atau NIB 13 angka)",
                    en=f"NIB {nib_text!r} is not known (allowed: ya, tidak, bersedia, or the 13-digit NIB)",
                    line=line,
                )
            )
        else:
            record["nib"] = nib
    education_text = _cell(cells, columns, "education").upper().replace(" ", "")
    if education_text:
        education = EDUCATION_ALIASES.get(education_text, education_text)
        if education in EDUCATION_LEVELS:
            record["education"] = education
        else:
            allowed = "|".join(EDUCATION_LEVELS)
            problems.append(
                problem(
                    "education",
                    id=f"pendidikan {education_text!r} tidak dikenal (yang boleh: {allowed})",
                    en=f"education {education_text!r} is not known (allowed: {allowed})",
                    line=line,
                )
            )
    return record, problems


def _whole_number(text: str) -> int | None:
    try:
        number = parse_number(text)
    except NumberError:
        return None
    return int(number) if number == int(number) else None


def check_roster(
    rules: RuleSet,
    data: bytes | str,
    *,
    activity: str,
    year: int,
    on: date,
    sheet: str | None = None,
    page: dict[str, Any] | None = None,
    explain: bool = False,
) -> dict[str, Any]:
    """Check every row of a roster for one activity and year: the JSON-ready report (with `explain`,
    each finding's trace too: the row's cells the check read, the comparison, the level and why). With
    `page` ({offset, limit, flagged}: rows from offset, at most limit of them, only the rows with
    findings when flagged), the report carries those rows as the file has them (`table`: the columns
    found, the rows' line numbers and cells, how many rows there are to page through) and, for a
    workbook, its sheets' names (`sheets`): what a page shows, so that no browser reads the file itself."""
    if activity not in rules.activities:
        raise input_error(
            "activity",
            id=f"kegiatan {activity!r} tidak ada dalam katalog",
            en=f"activity {activity!r} is not in the catalog",
        )
    paged = page is not None
    digest = hashlib.sha256(data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass"))
    key = (id(rules), digest.digest(), activity, year, on, sheet, explain)
    if _LAST_PAGED[0] == key:
        report, shown, flagged = _LAST_PAGED[1]
    else:
        report, shown, flagged = _checked(
            rules, data, activity=activity, year=year, on=on, sheet=sheet, explain=explain, paged=paged
        )
        if paged and is_workbook(data):
            from .workbook import sheet_names

            report["sheets"] = sheet_names(data)
        if paged:
            # A page turn (or the annotated copy) asks for the same file again: answered from this
            # check, not a new one.
            _LAST_PAGED[:] = [key, (report, shown, flagged)]
    if shown is not None and page is not None:
        # A page carries the findings of its own rows (`summary` counts them all): a list of many
        # thousand rows with findings would otherwise send every finding's provision on every turn.
        columns = report["columns"]
        table = _table_page(shown, flagged, page)
        lines = {row["line"] for row in table["rows"]}
        report = {
            **report,
            "findings": [f for f in report["findings"] if f["row"] in lines],
            "row_problems": [p for p in report["row_problems"] if p["line"] in lines],
            "table": {"header": [columns[column] for column in _ALIASES if column in columns], **table},
        }
    return report


# The last check a page of rows was asked of: (its key, its result).
_LAST_PAGED: list[Any] = [None, None]


def _checked(
    rules: RuleSet,
    data: bytes | str,
    *,
    activity: str,
    year: int,
    on: date,
    sheet: str | None,
    explain: bool,
    paged: bool,
) -> tuple[dict[str, Any], dict[int, list[str]] | None, set[int]]:
    """The report of every row, the rows' cells as the file has them (when paged) and the lines with
    findings or problems."""
    shown: dict[int, list[str]] | None = {} if paged else None
    rows, problems, columns = read_roster(data, on=on, sheet=sheet, cells=shown)
    values = rules.values_for(year, activity, scope="participant")
    findings: list[Finding] = []
    for line, record in rows:
        for value in values:
            for key, field, context in evaluate_record(value, record):
                context = {"name": record.get("name", ""), **context}
                explained = (record, {}) if explain else None
                findings.append(
                    make_finding(value, key, field, context, explained=explained, activity=activity, row=line)
                )
    flagged = {f.row for f in findings} | {p.line for p in problems}
    counts = Counter(f.level for f in findings)
    report = {
        "format": "dak-roster/1",
        "year": year,
        "activity": activity,
        "columns": columns,
        "rows": len(rows),
        "rows_with_findings": len(flagged),
        "summary": {level.value: counts[level] for level in Level},
        "unreadable_rows": len({p.line for p in problems}),
        "findings": [f.to_json() for f in findings],
        "row_problems": [p.to_json() for p in problems],
        "ok": not counts[Level.ERROR] and not problems,
    }
    return report, shown, flagged


def _table_page(shown: dict[int, list[str]], flagged: set[int], page: dict[str, Any]) -> dict[str, Any]:
    lines = [line for line in shown if line in flagged] if page.get("flagged") else list(shown)
    offset = page.get("offset", 0)
    limit = page.get("limit", 100)
    offset = offset if isinstance(offset, int) and 0 <= offset < max(len(lines), 1) else 0
    limit = limit if isinstance(limit, int) and 0 < limit <= 1000 else 100
    return {
        "total": len(lines),
        "offset": offset,
        "rows": [{"line": line, "cells": shown[line]} for line in lines[offset : offset + limit]],
    }
