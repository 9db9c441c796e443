# The workbook probe of docs_plugins/pyodide/stdlib.mjs: runs under Pyodide, at build time, with
# openpyxl loaded (the worker loads it only when a reader opens or saves a workbook), every workbook
# method of dakcore's API, writing and reading back, with good and bad input, so that the site ships
# every standard-library module openpyxl and dakcore.workbook import on those paths: the ones no
# other probe reaches go into a zip of their own, which the worker loads with openpyxl (mkdocs.yml's
# `wheels_probes`). tests/test_pyodide.py runs the same calls on the built zips: a module missing
# there fails a test, not a reader.
import base64

from dakcore import api

call = api.call


def good(method: str, params: dict) -> dict:
    """A call that must succeed: a failure (openpyxl or a module missing) stops the build, named."""
    response = call(method, params)
    if not response["ok"]:
        raise AssertionError(f"{method}: {response['problems']}")
    return response["result"]


ids = [activity["id"] for activity in call("activities")["result"]]
categories = [category["id"] for category in call("budget_categories")["result"]] or ["x"]


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


for year in (2022, 2023):
    plan = {
        "format": "dak-plan/1",
        "year": year,
        "region": "Kab. Contoh",
        "activities": [
            {
                "activity": ids[0],
                "participants": 25,
                "jpl": 40,
                "outside_region": True,
                "instructors": [{"education": "SMA", "experience_years": 1, "certificate": False}],
                "budget": [{"category": categories[0], "amount": 12_000_000}],
            }
        ],
    }
    empty = good("template", {"year": year})["xlsx"]
    filled = good("template", {"year": year, "plan": plan})["xlsx"]
    for workbook in (empty, filled):
        for years in (None, "both"):
            report = good("validate_workbook", {"xlsx": workbook, "years": years, "plan": True})
            for lang in ("id", "en"):
                good("findings_workbook", {"report": report, "lang": lang})
                good("summary_workbook", {"plans": [{"file": "rencana.xlsx", **report}], "lang": lang})
    # The report skeletons from a plan workbook, with a participant list as a workbook, and saved as one.
    roster_xlsx = good(
        "annotated_roster",
        {
            "report": good("roster", {"csv": "Nama;Umur\nAni;20\n", "activity": ids[0], "year": year}),
            "csv": "Nama;Umur\nAni;20\n",
            "as": "xlsx",
        },
    )["xlsx"]
    for kind in ("semester-1", "final"):
        good("report", {"xlsx": filled, "kind": kind, "roster_xlsx": roster_xlsx})
        good("report_workbook", {"plan": plan, "kind": kind})
        good("report_workbook", {"xlsx": filled, "kind": kind, "lang": "en"})
csv_text = "Nama;Umur;Pendidikan Terakhir;NIB\nAni;20;S1;ya\nBudi;x;SMA;mungkin\n"
for lang in ("id", "en"):
    report = good("roster", {"csv": csv_text, "activity": ids[0], "year": 2023})
    listed = good("annotated_roster", {"report": report, "csv": csv_text, "as": "xlsx", "lang": lang})
    data = base64.b64decode(listed["xlsx"])
    roster = good("roster", {"csv": data, "activity": ids[0], "year": 2023, "rows": {"limit": 10}})
    for kind in ("xlsx", "csv"):
        good("annotated_roster", {"report": roster, "xlsx": b64(data), "as": kind, "lang": lang})
# Bad workbooks: each answer is a problem list.
for data in (b"PK\x03\x04 not really a zip", b"\xd0\xcf\x11\xe0" + bytes(60), b"not a workbook at all"):
    call("validate_workbook", {"xlsx": b64(data)})
    call("roster", {"csv": data, "activity": ids[0], "year": 2023})
call("validate_workbook", {"xlsx": "%%% not base64"})
call("roster", {"csv": base64.b64decode(empty), "activity": ids[0], "year": 2023, "sheet": "nope"})
