"""The `dak` command as a user runs it: exit codes, output shapes, languages and bad input."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from dakcore.cli import main

PLAN_2023 = {
    "format": "dak-plan/1",
    "year": 2023,
    "activities": [
        {"activity": "pelatihan-manajemen-wirausaha", "participants": 25, "jpl": 60},
        {"activity": "sertifikat-halal", "participants": 20},
    ],
}


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path, name: str, data) -> str:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return str(path)


def test_a_clean_plan_exits_0(tmp_path, capsys):
    code, out, _ = run(capsys, "validate", write(tmp_path, "plan.json", PLAN_2023), "--format", "json")
    report = json.loads(out)
    assert code == 0 and report["ok"] and report["years"] == [2023]
    assert report["format"] == "dak-findings/1"


def test_an_activity_missing_in_2022_is_an_error_with_its_source(tmp_path, capsys):
    plan = write(tmp_path, "plan.json", PLAN_2023)
    code, out, _ = run(capsys, "validate", plan, "--year", "both", "--format", "json")
    report = json.loads(out)
    assert code == 1 and not report["ok"]
    [finding] = [f for f in report["findings"] if f["rule"] == "activity.exists"]
    assert finding["year"] == 2022 and finding["activity_index"] == 1 and finding["level"] == "error"
    assert finding["source"]["regulation"] == "permenperin-5-2022"
    assert finding["source"]["citation"]["short"].endswith("Permenperin 5/2022")
    assert set(finding["message"]) == {"id", "en"}
    row = next(r for r in report["comparison"] if r["activity_index"] == 1)
    assert row["by_year"] == {"2022": "error", "2023": "ok"}


def test_findings_carry_everything_the_issue_promises(tmp_path, capsys):
    plan = {**PLAN_2023, "activities": [{"activity": "pelatihan-manajemen-wirausaha", "participants": 99}]}
    _code, out, _ = run(capsys, "validate", write(tmp_path, "p.json", plan), "--format", "json")
    finding = json.loads(out)["findings"][0]
    assert set(finding) >= {"activity_index", "activity", "field", "level", "rule", "message", "source"}
    assert set(finding["source"]) == {"regulation", "unit", "citation", "quote", "quote_en"}
    assert finding["field"] == "participants"


@pytest.mark.parametrize(("lang", "word"), [("id", "tidak ada dalam"), ("en", "does not exist in")])
def test_text_output_speaks_the_chosen_language(tmp_path, capsys, lang, word):
    plan = write(tmp_path, "plan.json", PLAN_2023)
    code, out, _ = run(capsys, "validate", plan, "--year", "2022", "--lang", lang)
    assert code == 1 and word in out and "Permenperin 5/2022" in out


@pytest.mark.parametrize(
    ("content", "named"),
    [
        ("{not json", "line 1"),
        ("[]", "JSON"),
        ('{"year": 2023, "activities": [{"activity": "no-such-activity"}]}', "activities[0].activity"),
        ('{"year": 2024, "activities": []}', "year"),
        ('{"activities": []}', "year"),
        (
            '{"year": 2023, "activities": [{"activity": "promosi-ekspor", "participants": "many"}]}',
            "participants",
        ),
        (
            '{"year": 2023, "activities": [{"activity": "promosi-ekspor", "budget": [{"category": "x", "amount": 1}]}]}',
            "budget[0].category",
        ),
    ],
)
def test_unusable_input_exits_2_naming_the_field(tmp_path, capsys, content, named):
    code, _out, err = run(capsys, "validate", write(tmp_path, "bad.json", content), "--lang", "en")
    assert code == 2 and named in err and "Traceback" not in err


def test_missing_file_and_bad_options_exit_2(tmp_path, capsys):
    code, _, err = run(capsys, "validate", str(tmp_path / "absent.json"))
    assert code == 2 and "absent.json" in err
    with pytest.raises(SystemExit) as exited:
        main(["validate", "x.json", "--year", "2021"])
    assert exited.value.code == 2


def test_activities_and_rules_listings(capsys):
    code, out, _ = run(capsys, "activities", "--year", "2022", "--format", "json")
    activities = json.loads(out)["activities"]
    assert code == 0 and len(activities) == 15
    assert {a["id"] for a in activities}.isdisjoint({"sertifikat-tkdn", "sertifikat-halal"})
    code, out, _ = run(capsys, "rules", "--year", "2023", "--format", "json")
    rules = json.loads(out)["rules"]
    assert code == 0 and rules and all(v["year"] == 2023 for r in rules for v in r["values"])
    assert all(s["quote"] for r in rules for v in r["values"] for s in v["sources"])


ROSTER = "\ufeffNama;Umur;Pendidikan Terakhir;NIB\nAni;25;SMA;ya\nBudi;abc;S1;ya\nCici;30;SMP;bersedia\n"


def test_roster_reports_bad_rows_by_line_and_goes_on(tmp_path, capsys):
    path = write(tmp_path, "peserta.csv", ROSTER)
    code, out, _ = run(
        capsys, "roster", path, "--activity", "pelatihan-manajemen-wirausaha", "--year", "2023",
        "--on", "2023-06-01", "--format", "json",
    )  # fmt: skip
    report = json.loads(out)
    assert report["rows"] == 3 and report["columns"]["age"] == "Umur"
    assert [(p["line"], p["field"]) for p in report["row_problems"]] == [(3, "age")]
    assert code == 1  # a row that cannot be read is not ok


def test_roster_accepts_commas_tabs_and_birth_dates(tmp_path, capsys):
    for text in (
        "Nama,Tanggal Lahir,Pendidikan,NIB\nAni,31/12/1990,SMA,ya\n",
        "nama\ttgl lahir\tpendidikan\tnib\nAni\t1990-12-31\tSMA\tya\n",
    ):
        path = write(tmp_path, "p.csv", text)
        code, out, _ = run(
            capsys, "roster", path, "--activity", "pelatihan-teknis-produksi", "--year", "2023",
            "--on", "2023-06-01", "--format", "json",
        )  # fmt: skip
        report = json.loads(out)
        assert report["rows"] == 1 and report["row_problems"] == [] and code == 0, report


def test_python_dash_m_dakcore_is_the_same_command():
    result = subprocess.run(
        [sys.executable, "-m", "dakcore", "activities", "--year", "2023"], capture_output=True, text=True
    )
    assert result.returncode == 0 and "sertifikat-halal" in result.stdout


def test_the_readme_example_plan(capsys):
    """The README's example is real: it validates, and its findings are the ones the README shows."""
    from pathlib import Path

    example = Path(__file__).resolve().parents[1] / "examples" / "plan-2023.json"
    code, out, _ = run(capsys, "validate", str(example), "--format", "json")
    report = json.loads(out)
    assert code == 1
    assert {(f["rule"], f["field"]) for f in report["findings"]} == {
        ("budget.honorarium_panitia", "budget[2].category"),
        ("committee.accompanying", "committee_accompanying"),
        ("participants.ages", "participant_ages[4]"),
    }
