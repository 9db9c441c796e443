# The dakcore probe of docs_plugins/pyodide/stdlib.mjs: runs under Pyodide, at build time, every
# method of dakcore's API with good and bad input, so that the standard library the site ships holds
# every module dakcore can import (its lazy imports and the codecs the roster reader decodes with).
# What this imports is what the browser will find; a module only ever reached outside these calls is
# missing there, and tests/test_pyodide.py (which runs on the built zip) says so.
import codecs
import json

from dakcore import api

# The codecs a reader's file may need besides the ones the calls below reach (a codec is a module).
for codec in ("utf-8", "utf-8-sig", "cp1252", "latin-1", "ascii"):
    codecs.lookup(codec)

call = api.call
activities = call("activities")["result"]
ids = [activity["id"] for activity in activities]
categories = call("budget_categories")["result"]
category = next(iter(categories)) if categories else "x"

for year in (2022, 2023):
    plan = {
        "format": "dak-plan/1",
        "year": year,
        "activities": [
            {
                "activity": activity,
                "participants": 25,
                "participant_ages": [17, 30, 70],
                "jpl": 40,
                "duration_months": 5,
                "committee": 3,
                "outside_region": True,
                "mentors": 2,
                "ikm": 5,
                "visits": 4,
                "method": {"theory": 30, "discussion": 0, "practice": 70},
                "study_visit": {"working_days": 4, "industries": 3, "research_institutions": 1},
                "instructors": [
                    {
                        "education": "SMA",
                        "experience_years": 1,
                        "business_actor_with_nib": True,
                        "certificate": False,
                    }
                ],
                "budget": [{"category": category, "amount": 12_000_000}],
            }
            for activity in ids
        ],
    }
    for years in (None, "both", [year]):
        call("validate", {"plan": plan, "years": years})
        call("validate", {"plan": json.dumps(plan), "years": years})
    for lang in ("id", "en"):
        call("deadlines", {"year": year, "lang": lang})
    call("eligibility", {"year": year, "answers": {}})
    call("eligibility", {"year": year, "answers": {"dinas_perindustrian": "ya"}})
    # The report skeletons, with and without a participant list.
    roster_csv = "Nama;Umur;Pendidikan Terakhir;NIB\nAni;20;S1;ya\n"
    for kind in ("semester-1", "semester-2", "final"):
        for lang in ("id", "en"):
            call("report", {"plan": plan, "kind": kind, "lang": lang})
            call("report", {"plan": json.dumps(plan), "kind": kind, "lang": lang, "roster_csv": roster_csv})
call("rules")
call("vocabulary")
for activity in ids:
    call("form", {"activity": activity})
    for year in (2022, 2023):
        for text in (
            "\ufeffNama;Tanggal Lahir;Pendidikan Terakhir;NIB\nAni;01/02/1990;S1;ya\nBudi;1990-13-01;;x\n",
            "Name,Age,Education,NIB\nJosé Müller,30,SMA,no\n",
        ):
            encoded = [text.encode(codec, errors="replace") for codec in ("utf-8-sig", "cp1252", "latin-1")]
            for data in (text, *encoded):
                call("roster", {"csv": data, "activity": activity, "year": year, "on": "2023-08-01"})
        call("roster", {"csv": "Nama;Umur\nAni;20\n", "activity": activity, "year": year})
# Bad input of every kind: each answer is a problem list, built on paths no good input takes.
for method, params in [
    ("validate", {"plan": "{broken"}),
    (
        "validate",
        {
            "plan": {
                "format": "dak-plan/1",
                "year": "x",
                "activities": [{"activity": 3, "participants": "many"}],
            }
        },
    ),
    ("validate", {"plan": {"format": "dak-plan/1", "year": 2023, "activities": [{"activity": "nope"}]}}),
    ("validate", {"plan": {}, "years": [2021]}),
    ("roster", {"csv": bytes(range(256)) * 4, "activity": ids[0], "year": 2023}),
    ("roster", {"csv": "{}", "activity": ids[0], "year": 2023, "on": "1/8/2023"}),
    ("roster", {"activity": "nope", "year": 2023}),
    ("deadlines", {"year": 2021}),
    ("eligibility", {"year": 2023, "answers": ["ya"]}),
    ("eligibility", {"year": 2023, "answers": {"dinas_perindustrian": "mungkin"}}),
    ("form", {}),
    ("report", {"plan": "{broken"}),
    ("report", {"plan": {"format": "dak-plan/1", "year": 2023, "activities": []}, "kind": "nope"}),
    ("report", {"plan": {"format": "dak-plan/1", "year": 2023, "activities": []}, "roster_csv": "x;y\n1"}),
    ("no-such-method", {}),
    ("validate", [1, 2]),
]:
    call(method, params)
json.dumps(call("deadlines", {"year": 2023}), ensure_ascii=False)
api.handle(json.dumps({"method": "activities", "params": {}}))
api.handle("{broken")
