"""Deadlines and recipient criteria (rules/obligations.yml): the real dates of both years, the
iCalendar export, the eligibility answers, and the `dak deadlines` / `dak eligibility` commands."""

from __future__ import annotations

import json
import re

import pytest

import dakcore.cli
from dakcore.cli import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, main
from dakcore.errors import InputError
from dakcore.obligations import deadlines, eligibility, to_ics
from dakcore.rules import RuleSet
from site_build.rules.compiler import compile_rules

RULES = RuleSet(compile_rules())  # fresh from rules/, never a stale dakcore/data/rules.json

DEADLINE_IDS = {"plan_submission", "plan_change", "semester_1_report", "semester_2_report", "final_report"}
EXPECTED_DATES = {
    2022: {
        # Permenperin 5/2022 sets no date for submitting the plan (BAB V B), so it has no value.
        "plan_change": "2022-02-28",  # "bulan Februari di tahun berjalan"
        "semester_1_report": "2022-07-14",  # 14 calendar days after 30 June
        "semester_2_report": "2023-01-14",  # 14 calendar days after 31 December
        "final_report": "2023-01-31",  # "31 Januari pada tahun berikutnya"
    },
    2023: {
        "plan_submission": "2023-03-31",
        "plan_change": "2023-06-30",
        "semester_1_report": "2023-07-14",
        "semester_2_report": "2024-01-14",
        "final_report": "2024-01-31",
    },
}
REGULATION = {2022: "permenperin-5-2022", 2023: "permenperin-7-2023"}
CRITERIA = {"dinas_perindustrian", "lokasi_prioritas_dpp", "dak_fisik_ikm"}
ALL_YES = {"dinas_perindustrian": True, "lokasi_prioritas_dpp": True, "dak_fisik_ikm": True}


def answer_args(**answers: str) -> list[str]:
    return [arg for key, value in answers.items() for arg in ("--answer", f"{key}={value}")]


@pytest.fixture(autouse=True)
def fresh_rules(monkeypatch):
    """The command line reads the same freshly compiled rules as the functions."""
    monkeypatch.setattr(dakcore.cli, "load_rules", lambda: RULES)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# --- deadlines ---------------------------------------------------------------------------------


@pytest.mark.parametrize("year", [2022, 2023])
def test_deadlines_have_the_dates_of_the_text(year):
    items = deadlines(RULES, year)
    assert {d["id"]: d["date"] for d in items} == EXPECTED_DATES[year]
    assert [d["date"] for d in items] == sorted(d["date"] for d in items)
    for item in items:
        assert item["year"] == year
        assert set(item["title"]) == {"id", "en"}
        assert item["sources"] and all(s["regulation"] == REGULATION[year] for s in item["sources"])
        assert all(s["quote"] and s["citation"]["id"] for s in item["sources"])


def test_every_deadline_id_exists_in_both_years_except_the_2022_plan_submission():
    ids = {year: {d["id"] for d in deadlines(RULES, year)} for year in (2022, 2023)}
    assert ids[2023] == DEADLINE_IDS
    assert ids[2022] == DEADLINE_IDS - {"plan_submission"}
    assert {d["id"] for d in RULES.data["deadlines"]} == DEADLINE_IDS


def test_reports_of_the_second_semester_and_the_final_report_fall_in_the_next_january():
    for year in (2022, 2023):
        by_id = {d["id"]: d for d in deadlines(RULES, year)}
        for key in ("semester_2_report", "final_report"):
            assert by_id[key]["date"].startswith(f"{year + 1}-01-")


def test_a_month_only_deadline_is_the_end_of_that_month_and_says_so():
    by_id = {d["id"]: d for d in deadlines(RULES, 2022)}
    assert by_id["plan_change"]["end_of"] == "month"
    assert "Februari" in by_id["plan_change"]["sources"][0]["quote"]
    assert "end_of" not in {k for d in deadlines(RULES, 2023) for k in d}


def test_deadlines_say_to_whom_and_note_the_ambiguities():
    by_year = {year: {d["id"]: d for d in deadlines(RULES, year)} for year in (2022, 2023)}
    assert "Direktur Jenderal Industri Kecil" in by_year[2023]["plan_submission"]["to"]["id"]
    assert "Gubernur" in by_year[2022]["final_report"]["to"]["id"]
    assert "Menteri Dalam Negeri" in by_year[2023]["semester_1_report"]["to"]["id"]
    assert "kalender" in by_year[2023]["semester_1_report"]["note"]["id"]
    assert "note" in by_year[2022]["plan_change"]


def test_a_year_without_rules_has_no_deadlines():
    assert deadlines(RULES, 2021) == []


# --- iCalendar ---------------------------------------------------------------------------------


def _assert_valid_ics(text: str, expected_events: int) -> list[str]:
    """RFC 5545 shape: CRLF line ends, at most 75 octets a line, balanced BEGIN/END."""
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")
    lines = text.split("\r\n")[:-1]
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    unfolded: list[str] = []
    for line in lines:
        if line.startswith(" "):
            unfolded[-1] += line[1:]
        else:
            unfolded.append(line)
    stack = []
    for line in unfolded:
        assert re.match(r"^[A-Z-]+[;:]", line), line
        if line.startswith("BEGIN:"):
            stack.append(line[6:])
        elif line.startswith("END:"):
            assert stack.pop() == line[4:]
    assert not stack
    assert unfolded[0] == "BEGIN:VCALENDAR" and unfolded[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in unfolded and any(x.startswith("PRODID:") for x in unfolded)
    assert unfolded.count("BEGIN:VEVENT") == expected_events
    for field in ("UID:", "DTSTAMP:", "DTSTART;VALUE=DATE:", "SUMMARY:"):
        assert sum(x.startswith(field) for x in unfolded) == expected_events
    return unfolded


@pytest.mark.parametrize(("year", "lang"), [(2022, "id"), (2023, "en"), (2023, "id")])
def test_ics_is_valid_rfc5545_with_one_all_day_event_per_deadline(year, lang):
    items = deadlines(RULES, year)
    unfolded = _assert_valid_ics(to_ics(items, lang, f"{year}0101T000000Z"), len(items))
    starts = [x.split(":", 1)[1] for x in unfolded if x.startswith("DTSTART;VALUE=DATE:")]
    assert starts == [d["date"].replace("-", "") for d in items]
    uids = [x for x in unfolded if x.startswith("UID:")]
    assert len(set(uids)) == len(uids) and all(f"-{year}@" in u for u in uids)


# --- eligibility -------------------------------------------------------------------------------


@pytest.mark.parametrize("year", [2022, 2023])
def test_the_same_three_criteria_in_both_years(year):
    report = eligibility(RULES, year, {})
    assert {c["id"] for c in report["criteria"]} == CRITERIA
    for criterion in report["criteria"]:
        assert set(criterion["question"]) == set(criterion["criterion"]) == {"id", "en"}
        assert criterion["sources"][0]["regulation"] == REGULATION[year]


@pytest.mark.parametrize("year", [2022, 2023])
def test_a_region_meeting_every_criterion_is_eligible(year):
    report = eligibility(RULES, year, {**ALL_YES, "lokasi_prioritas_dpp": "ya", "dak_fisik_ikm": "yes"})
    assert report["eligible"] and report["unmet"] == [] and report["unanswered"] == []
    assert report["format"] == "dak-eligibility/1" and report["year"] == year


@pytest.mark.parametrize("year", [2022, 2023])
def test_a_no_makes_the_region_not_eligible(year):
    report = eligibility(RULES, year, {**ALL_YES, "dinas_perindustrian": "ya", "dak_fisik_ikm": "tidak"})
    assert not report["eligible"] and report["unmet"] == ["dak_fisik_ikm"] and report["unanswered"] == []
    met = {c["id"]: c["met"] for c in report["criteria"]}
    assert met == {"dinas_perindustrian": True, "lokasi_prioritas_dpp": True, "dak_fisik_ikm": False}


@pytest.mark.parametrize("year", [2022, 2023])
def test_an_unanswered_criterion_is_unknown_and_not_yet_eligible(year):
    report = eligibility(RULES, year, {"dinas_perindustrian": True})
    assert not report["eligible"] and report["unmet"] == []
    assert sorted(report["unanswered"]) == ["dak_fisik_ikm", "lokasi_prioritas_dpp"]
    assert {c["id"]: c["met"] for c in report["criteria"]}["lokasi_prioritas_dpp"] is None


@pytest.mark.parametrize("year", [2022, 2023])
def test_an_unknown_criterion_is_an_input_error(year):
    with pytest.raises(InputError) as raised:
        eligibility(RULES, year, {"dinas_perindustrian": True, "punya_bandara": True})
    assert [p.where for p in raised.value.problems] == ["punya_bandara"]
    assert "dinas_perindustrian" in raised.value.problems[0].message["en"]


def test_an_answer_that_is_not_yes_or_no_is_an_input_error():
    with pytest.raises(InputError) as raised:
        eligibility(RULES, 2023, {"dak_fisik_ikm": "mungkin", "lokasi_prioritas_dpp": 3})
    assert sorted(p.where for p in raised.value.problems) == ["dak_fisik_ikm", "lokasi_prioritas_dpp"]


# --- the command line --------------------------------------------------------------------------


def test_dak_deadlines_json(capsys):
    code, out, _ = run(capsys, "deadlines", "--year", "2023", "--format", "json")
    data = json.loads(out)
    assert code == EXIT_OK
    assert data["format"] == "dak-deadlines/1" and data["year"] == 2023
    assert {d["id"]: d["date"] for d in data["deadlines"]} == EXPECTED_DATES[2023]


def test_dak_deadlines_ics(capsys):
    code, out, _ = run(capsys, "deadlines", "--year", "2023", "--format", "ics", "--lang", "en")
    assert code == EXIT_OK
    unfolded = _assert_valid_ics(out, len(EXPECTED_DATES[2023]))
    assert "DTSTART;VALUE=DATE:20240131" in unfolded
    assert "SUMMARY:Final report" in unfolded


def test_dak_deadlines_text(capsys):
    code, out, _ = run(capsys, "deadlines", "--year", "2022")
    assert code == EXIT_OK
    lines = out.splitlines()
    assert len(lines) == len(EXPECTED_DATES[2022])
    assert lines[0].startswith("2022-02-28  plan_change") and "Nomor 5 Tahun 2022" in lines[0]


def test_dak_deadlines_rejects_a_year_without_a_regulation(capsys):
    with pytest.raises(SystemExit) as raised:
        main(["deadlines", "--year", "2021"])
    assert raised.value.code == EXIT_INPUT


def test_dak_eligibility_all_yes_exits_0(capsys):
    args = answer_args(dinas_perindustrian="ya", lokasi_prioritas_dpp="ya", dak_fisik_ikm="ya")
    code, out, _ = run(capsys, "eligibility", "--year", "2023", *args)
    assert code == EXIT_OK
    assert out.count("✓") == 3 and out.rstrip().endswith(
        "Memenuhi semua kriteria daerah penerima tahun 2023."
    )


def test_dak_eligibility_a_no_exits_1(capsys):
    args = answer_args(dinas_perindustrian="ya", lokasi_prioritas_dpp="tidak", dak_fisik_ikm="ya")
    code, out, _ = run(capsys, "eligibility", "--year", "2023", "--format", "json", *args)
    report = json.loads(out)
    assert code == EXIT_FINDINGS and not report["eligible"] and report["unmet"] == ["lokasi_prioritas_dpp"]
    assert report["binding"] is True and report["verdict"]["en"].startswith("Does not meet the 2023")
    assert report["status"] == "unmet"


def test_a_condition_not_met_decides_before_an_open_question():
    report = eligibility(RULES, 2023, {"dinas_perindustrian": "tidak"})
    assert report["status"] == "unmet" and report["unanswered"]
    assert report["verdict"]["en"].startswith("Does not meet the 2023")


def test_dak_eligibility_2022_criteria_are_considerations_not_conditions(capsys):
    """2022 chooses recipients "dengan memperhatikan" (having regard to) its criteria: a "no" weighs in
    the choice but does not bar the region, so it is no failure."""
    args = answer_args(dinas_perindustrian="ya", lokasi_prioritas_dpp="tidak", dak_fisik_ikm="ya")
    code, out, _ = run(capsys, "eligibility", "--year", "2022", "--format", "json", *args)
    report = json.loads(out)
    assert code == EXIT_OK and report["binding"] is False and report["unmet"] == ["lokasi_prioritas_dpp"]
    assert report["status"] == "considered"
    assert "considerations" in report["verdict"]["en"] and "bukan syarat" in report["verdict"]["id"]
    assert all("memperhatikan" in " ".join(s["quote"] for s in c["sources"]) for c in report["criteria"])


def test_dak_eligibility_unanswered_exits_1_and_shows_a_question_mark(capsys):
    args = answer_args(dinas_perindustrian="yes")
    code, out, _ = run(capsys, "eligibility", "--year", "2023", "--lang", "en", *args)
    assert code == EXIT_FINDINGS
    assert out.count("?") >= 2 and "Cannot be judged yet: 2 questions unanswered." in out


def test_dak_eligibility_reads_an_answers_file(tmp_path, capsys):
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(ALL_YES))
    code, out, _ = run(capsys, "eligibility", "--year", "2022", "--answers", str(path), "--format", "json")
    assert code == EXIT_OK and json.loads(out)["eligible"]


@pytest.mark.parametrize(
    "argv",
    [
        ["--answer", "bandara=ya"],  # unknown criterion
        ["--answer", "dak_fisik_ikm"],  # no "="
        ["--answer", "dak_fisik_ikm=mungkin"],  # not yes or no
    ],
)
def test_dak_eligibility_bad_input_exits_2(capsys, argv):
    code, _, err = run(capsys, "eligibility", "--year", "2023", *argv)
    assert code == EXIT_INPUT and err.startswith("dak: ")


def test_dak_eligibility_unknown_criterion_in_json_reports_the_problem(capsys):
    code, out, _ = run(capsys, "eligibility", "--year", "2022", "--format", "json", "--answer", "bandara=ya")
    assert code == EXIT_INPUT
    assert json.loads(out)["problems"][0]["where"] == "bandara"
