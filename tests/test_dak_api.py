"""dakcore.api: the JSON entry point the browser validators use answers exactly as `dak` does."""

import json
from pathlib import Path

from dakcore.api import call, handle
from dakcore.cli import main

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "plan-2023.json"


def test_validate_matches_the_command_line(capsys):
    main(["validate", str(EXAMPLE), "--year", "both", "--format", "json"])
    from_cli = json.loads(capsys.readouterr().out)
    plan = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    response = json.loads(
        handle(json.dumps({"method": "validate", "params": {"plan": plan, "years": "both"}}))
    )
    assert response == {"ok": True, "result": from_cli}


def test_bad_input_is_a_problem_list_never_an_exception():
    for method, params in [
        ("validate", {"plan": {"year": 2023, "activities": [{"activity": "nope"}]}}),
        ("validate", {"plan": "{broken"}),
        ("roster", {"csv": None, "activity": "pelatihan-teknis-produksi", "year": 2023}),
        ("roster", {"csv": "a,b\n1,2\n", "activity": "pelatihan-teknis-produksi", "year": 2023}),
        ("deadlines", {"year": 2021}),
        ("eligibility", {"year": 2023, "answers": {"unknown": "ya"}}),
        ("form", {"activity": "nope"}),
        ("no-such-method", {}),
    ]:
        response = call(method, params)
        assert response["ok"] is False and response["problems"][0]["message"]["en"], (method, response)
    assert json.loads(handle("not json"))["ok"] is False


def test_roster_deadlines_eligibility_and_form():
    roster = call(
        "roster",
        {
            "csv": "Nama;Umur;NIB\nAni;16;ya\n",
            "activity": "pelatihan-teknis-produksi",
            "year": 2023,
            "on": "2023-06-01",
        },
    )
    assert roster["ok"] and roster["result"]["findings"][0]["rule"] == "participant.age"
    deadlines = call("deadlines", {"year": 2023, "lang": "en"})["result"]
    assert deadlines["ics"].startswith("BEGIN:VCALENDAR") and len(deadlines["deadlines"]) == 5
    assert call("eligibility", {"year": 2023, "answers": {}})["result"]["eligible"] is False
    form = call("form", {"activity": "sertifikat-halal"})["result"]
    assert set(form["years"]) == {"2023"} and "budget" in form["years"]["2023"]["fields"]
