"""A report skeleton as a workbook: an outline sheet (title, deadline, sections I-V with empty cells to
write in, the signature) and one sheet per annex table. Written with workbook.py's plain-table writer,
so openpyxl is loaded only here, only when a workbook is asked for."""

from __future__ import annotations

from typing import Any

from .workbook import Rows, _sheets


def _outline_rows(report: dict[str, Any]) -> tuple[Rows, set[int]]:
    """The outline sheet's rows and the rows the dinas writes in (highlighted)."""
    words = report["words"]
    rows: Rows = [[line] for line in report["title"]]
    rows[0] = [report["title"][0], ""]
    rows.append([words["to"], report["deadline"]["to"]])
    rows.append([words["deadline"], report["deadline"]["date"], report["deadline"]["citation"]])
    rows.append([words["basis"], report["source"]])
    if report["region"]:
        rows.append(["", report["region"]])
    rows.append([])
    to_write: set[int] = set()
    for section in report["sections"]:
        rows.append([f"{section['num']} {section['title']}", ""])
        if not section["parts"]:
            to_write.add(len(rows))
        for part in section["parts"]:
            rows.append([f"    {part['num']} {part['title']}", words["write_here"]])
            to_write.add(len(rows))
    if report["annexes"]:
        rows += [[], [words["annexes"]]]
        rows += [[f"    {a['num']} {a['title']}"] for a in report["annexes"]]
    rows += [[], [report["note"]], [], [words["place_date"], ""], [report["signature"]["office"]]]
    rows += [[words["name"], ""], [words["nip"], ""]]
    to_write |= {len(rows) - 1, len(rows), len(rows) - 4}
    return rows, to_write


def report_workbook(report: dict[str, Any]) -> bytes:
    """The workbook of a report skeleton (`report.build_report`), in the report's language."""
    outline, to_write = _outline_rows(report)
    sheets = [(report["words"]["sheet_outline"], outline, to_write)]
    for annex in report["annexes"]:
        title = f"{report['words']['annex']} {annex['num'].rstrip('.')}"
        header = [column["label"] for column in annex["columns"]]
        sheets.append((title, [header, *annex["rows"]], set()))
    return _sheets(sheets)
