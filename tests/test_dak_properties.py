"""Whatever a user feeds the `dak` command, it answers with findings or a clear message: never a
traceback. Unusable input always exits 2 and names what is wrong."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dakcore.api import METHODS, call, handle
from dakcore.cli import main
from dakcore.engine import validate, validate_year
from dakcore.errors import InputError
from dakcore.obligations import ANSWERS, deadlines, eligibility, to_ics
from dakcore.plan import FORMAT, parse_plan
from dakcore.roster import check_roster
from dakcore.rules import load_rules

ACTIVITIES = ["pelatihan-manajemen-wirausaha", "sertifikat-halal", "promosi-ekspor", "nope"]
FIELDS = [
    "participants", "participant_ages", "jpl", "duration_months", "committee", "committee_total",
    "committee_accompanying", "outside_region", "mentors",
    "ikm", "visits", "method", "study_visit", "instructors", "budget", "activity",
]  # fmt: skip
SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

scalars = st.none() | st.booleans() | st.integers(-(10**12), 10**12) | st.floats() | st.text(max_size=12)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
activity = st.fixed_dictionaries(
    {"activity": st.sampled_from(ACTIVITIES)},
    optional={name: json_values for name in FIELDS[:-1]},
)
plans = st.fixed_dictionaries(
    {"activities": st.lists(activity | json_values, max_size=4)},
    optional={"format": st.just(FORMAT) | json_values, "year": st.sampled_from([2022, 2023]) | json_values},
)


def run(capsys, tmp_path, name: str, data: str | bytes, *argv: str) -> tuple[int, str, str]:
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass"))
    code = main([argv[0], str(path), *argv[1:]])
    out, err = capsys.readouterr()
    return code, out, err


@SETTINGS
@given(plan=plans | json_values)
def test_any_json_plan(capsys, tmp_path, plan):
    code, out, err = run(capsys, tmp_path, "plan.json", json.dumps(plan), "validate", "--format", "json")
    assert code in (0, 1, 2)
    if code == 2:
        problems = json.loads(out)["problems"]
        assert problems and all(p["message"]["en"] for p in problems)
        assert err.startswith("dak: ")
    else:
        assert json.loads(out)["format"] == "dak-findings/1"


@SETTINGS
@given(data=st.binary(max_size=300))
def test_any_bytes_as_a_plan(capsys, tmp_path, data):
    code, _, err = run(capsys, tmp_path, "plan.json", data, "validate")
    assert code in (0, 1, 2) and "Traceback" not in err


cell = st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\r\n\x00"), max_size=10)
header = st.lists(
    st.sampled_from(["Nama", "Umur", "Tanggal Lahir", "Pendidikan", "NIB", "Alamat"]) | cell, max_size=5
)


@SETTINGS
@given(
    head=header,
    rows=st.lists(
        st.lists(cell | st.sampled_from(["25", "17", "SMA", "ya", "bersedia", "31/12/1990"]), max_size=6)
    ),
    separator=st.sampled_from([";", ",", "\t"]),
    bom=st.booleans(),
)
def test_any_csv_roster(capsys, tmp_path, head, rows, separator, bom):
    text = "\n".join(separator.join(r) for r in [head, *rows])
    data = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
    argv = ("roster", "--activity", "pelatihan-teknis-produksi", "--year", "2023", "--on", "2023-06-01")
    code, out, err = run(capsys, tmp_path, "roster.csv", data, *argv, "--format", "json")
    assert code in (0, 1, 2) and "Traceback" not in err
    report = json.loads(out)
    if code == 2:
        assert report["problems"][0]["message"]["en"]
    else:
        assert report["rows"] <= len(rows)
        for problem in report["row_problems"]:
            assert problem["line"] >= 2 and problem["message"]["en"]


# --- Every entry point of dakcore, not just the command: whatever it is given, it answers with a
# result or an InputError naming what is wrong (the API: a response with problems); never a traceback.

RULES = load_rules()
YEARS = st.sampled_from([2022, 2023])
CRITERIA = [c["id"] for c in RULES.data["eligibility"]]
iso_dates = st.dates().map(date.isoformat)
answer_words = st.sampled_from(sorted(ANSWERS)) | st.sampled_from(["YA", " tidak ", "mungkin", ""])


def assert_input_problems(error: InputError) -> None:
    """An InputError a user sees: at least one problem, each with its text in both languages."""
    assert error.problems
    for problem in error.problems:
        assert isinstance(problem.where, str) and problem.message["id"] and problem.message["en"]


def assert_response(response: dict) -> None:
    """The API's promise: JSON-ready, ok with a result, or not ok with located, bilingual problems."""
    json.dumps(response)
    assert response["ok"] in (True, False)
    if response["ok"]:
        assert "result" in response
    else:
        assert response["problems"]
        for problem in response["problems"]:
            assert isinstance(problem["where"], str)
            assert problem["message"]["id"] and problem["message"]["en"]


# CSV text as users save it: a separator, maybe a BOM, birth dates in the forms the roster reads
# (and some it cannot), ages, education levels and free text.
date_cells = st.one_of(
    st.dates().map(date.isoformat),
    st.dates().map(lambda d: f"{d.day}/{d.month}/{d.year}"),
    st.dates().map(lambda d: f"{d.day:02d}-{d.month:02d}-{d.year}"),
    st.sampled_from(["31/02/1990", "2000-13-01", "1/1/0", "00.00.0000", "kemarin"]),
)
roster_cell = cell | date_cells | st.sampled_from(["25", "17", "-3", "SMA", "S-1", "D3", "ya", "", '"a;b"'])
boms = st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"])


@st.composite
def roster_data(draw) -> str | bytes:
    separator = draw(st.sampled_from([";", ",", "\t", "|"]))
    rows = draw(st.lists(st.lists(roster_cell, max_size=7), max_size=6))
    text = draw(st.sampled_from(["\n", "\r\n", "\r"])).join(separator.join(r) for r in [draw(header), *rows])
    if draw(st.booleans()):
        return text
    encoding = draw(st.sampled_from(["utf-8", "cp1252", "utf-16"]))
    return draw(boms) + text.encode(encoding, errors="replace")


@SETTINGS
@given(
    data=roster_data() | st.text(max_size=200) | st.binary(max_size=200),
    activity=st.sampled_from(ACTIVITIES) | st.text(max_size=10),
    year=YEARS,
    on=st.dates(),
)
def test_check_roster_reads_any_csv(data, activity, year, on):
    try:
        report = check_roster(RULES, data, activity=activity, year=year, on=on)
    except InputError as error:
        assert_input_problems(error)
        return
    json.dumps(report)
    assert report["rows_with_findings"] <= report["rows"] + len(report["row_problems"])
    for problem in report["row_problems"]:
        assert problem["line"] >= 2 and problem["message"]["id"] and problem["message"]["en"]


@SETTINGS
@given(data=plans | json_values | st.text(max_size=60) | st.binary(max_size=60))
def test_parse_plan_reads_anything(data):
    try:
        plan = parse_plan(data, RULES)
    except InputError as error:
        assert_input_problems(error)
        return
    assert plan["format"] == FORMAT and isinstance(plan["activities"], list)
    # A plan that reads is one the engine can judge in either year.
    for year in (2022, 2023):
        for finding in validate_year(RULES, plan, year):
            assert finding.year == year and finding.message["id"] and finding.message["en"]


@SETTINGS
@given(
    data=plans | json_values | st.text(max_size=60),
    years=st.none() | st.sampled_from([[2022], [2023], [2022, 2023]]),
)
def test_engine_validate_answers_or_names_the_problem(data, years):
    try:
        report = validate(RULES, data, years)
    except InputError as error:
        assert_input_problems(error)
        return
    json.dumps(report)
    assert report["years"] and set(report["summary"]) == {str(y) for y in report["years"]}


@SETTINGS
@given(
    year=st.integers(-(10**6), 10**6) | YEARS, lang=st.sampled_from(["id", "en"]), stamp=st.text(max_size=20)
)
def test_deadlines_of_any_year_make_a_well_formed_calendar(year, lang, stamp):
    items = deadlines(RULES, year)
    assert [item["date"] for item in items] == sorted(item["date"] for item in items)
    assert bool(items) == (year in RULES.years)
    # A year's obligations fall in that year, the last reports in the January after it.
    assert all(item["year"] == year and item["date"][:4] in (str(year), str(year + 1)) for item in items)
    ics = to_ics(items, lang, stamp.replace("\r", "").replace("\n", ""))
    assert_well_formed_ics(ics, len(items))


titles = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=200)


@SETTINGS
@given(
    items=st.lists(
        st.fixed_dictionaries(
            {
                "id": st.from_regex(r"[a-z_]{1,12}", fullmatch=True),
                "year": YEARS,
                "date": iso_dates,
                "title": st.fixed_dictionaries({"id": titles, "en": titles}),
                "sources": st.just([]),
            },
            optional={"note": st.fixed_dictionaries({"id": titles, "en": titles})},
        ),
        max_size=4,
    ),
    lang=st.sampled_from(["id", "en"]),
)
def test_any_deadline_text_folds_into_lines_of_75_octets(items, lang):
    ics = to_ics(items, lang, "20230101T000000Z")
    assert_well_formed_ics(ics, len(items))
    unfolded = ics.replace("\r\n ", "")
    for item in items:
        summary = item["title"][lang].replace("\r\n", "\n").replace("\r", "\n")
        summary = summary.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
        assert f"SUMMARY:{summary.replace(chr(10), chr(92) + 'n')}\r\n" in unfolded


def test_a_carriage_return_in_a_deadline_title_is_escaped():
    item = {
        "id": "x",
        "year": 2023,
        "date": "2023-01-31",
        "title": {"id": "a\rb", "en": "a\rb"},
        "sources": [],
    }
    assert_well_formed_ics(to_ics([item], "id", "20230101T000000Z"), 1)


def assert_well_formed_ics(ics: str, events: int) -> None:
    """RFC 5545: CRLF line ends, lines of at most 75 octets, one VEVENT per item."""
    assert ics.startswith("BEGIN:VCALENDAR\r\n") and ics.endswith("END:VCALENDAR\r\n")
    lines = ics.split("\r\n")[:-1]
    assert all(len(line.encode("utf-8")) <= 75 and "\n" not in line and "\r" not in line for line in lines)
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == events


@SETTINGS
@given(
    year=YEARS,
    answers=st.dictionaries(
        st.sampled_from(CRITERIA) | st.text(max_size=8),
        answer_words | st.booleans() | json_values,
        max_size=5,
    ),
)
def test_eligibility_with_any_answers(year, answers):
    try:
        report = eligibility(RULES, year, answers)
    except InputError as error:
        assert_input_problems(error)
        return
    json.dumps(report)
    assert report["eligible"] == (not report["unmet"] and not report["unanswered"])


def request_params(method: str) -> st.SearchStrategy:
    """Plausible and junk params for each API method (each key may be missing or of any type)."""
    csv = roster_data().map(lambda d: d if isinstance(d, str) else d.decode("latin-1"))
    year = YEARS | st.sampled_from(["2022", "2023", "2024", "", None]) | json_values
    activity = st.sampled_from(ACTIVITIES) | st.text(max_size=8) | scalars
    keyed = {
        "validate": {
            "plan": plans | json_values,
            "years": st.sampled_from(["both", [2022], [2023], [2022, 2023], [], [2024]]) | json_values,
        },
        "roster": {
            "csv": csv | json_values,
            "activity": activity,
            "year": year,
            "on": iso_dates | json_values,
        },
        "deadlines": {"year": year, "lang": st.sampled_from(["id", "en"]) | json_values},
        "eligibility": {
            "year": year,
            "answers": st.dictionaries(st.sampled_from(CRITERIA), answer_words | json_values) | json_values,
        },
        "form": {"activity": activity},
    }.get(method, {})
    return st.fixed_dictionaries({}, optional=keyed) | json_values


methods = st.sampled_from(sorted(METHODS)) | st.text(max_size=12)


@SETTINGS
@given(data=st.data(), method=methods)
def test_api_call_answers_every_method_and_params(data, method):
    params = data.draw(request_params(method))
    assert_response(call(method, params, rules=RULES))


@SETTINGS
@given(
    request=st.text(max_size=80)
    | st.builds(
        json.dumps,
        st.fixed_dictionaries({}, optional={"method": methods | json_values, "params": json_values})
        | json_values,
    )
)
def test_api_handle_answers_any_request_text(request):
    assert_response(json.loads(handle(request)))


@pytest.mark.parametrize("activity", [[], {}])
def test_api_form_with_an_unhashable_activity(activity):
    assert_response(json.loads(handle(json.dumps({"method": "form", "params": {"activity": activity}}))))


def test_engine_validate_for_a_year_without_regulation():
    with pytest.raises(InputError):
        validate(RULES, {"format": FORMAT, "activities": []}, [2024])


# --- The `dak` command with any arguments: the words it knows, in any order, and files of any content.

WORDS = [
    "validate", "roster", "deadlines", "eligibility", "activities", "rules", "--year", "2022", "2023",
    "both", "1999", "--format", "json", "text", "ics", "--lang", "id", "en", "--activity", *ACTIVITIES,
    "--on", "--answers", "--answer", "dinas_perindustrian=ya", "lokasi_prioritas_dpp=tidak", "x=maybe",
    "novalue", "--help", "--version", "-", "--", "",
]  # fmt: skip
argument = st.sampled_from(WORDS) | iso_dates | st.just("FILE") | st.text(max_size=6)


@st.composite
def commands(draw) -> list[str]:
    """A command a user means to give, so that the file's content is read, then any extra words."""
    year = draw(st.sampled_from(["2022", "2023"]))
    argv = draw(
        st.sampled_from(
            [
                ["validate", "FILE", *draw(st.sampled_from([[], ["--year", "both"], ["--year", year]]))],
                ["roster", "FILE", "--activity", draw(st.sampled_from(ACTIVITIES)), "--year", year],
                ["eligibility", "--year", year, "--answers", "FILE"],
                ["deadlines", "--year", year],
                ["activities"],
                ["rules", "--year", year],
            ]
        )
    )
    if argv[0] == "roster":
        argv += ["--on", draw(iso_dates)]
    formats = ["text", "json", "ics"] if argv[0] == "deadlines" else ["text", "json"]
    argv += ["--lang", draw(st.sampled_from(["id", "en"])), "--format", draw(st.sampled_from(formats))]
    return [*argv, *draw(st.lists(argument, max_size=2))]


file_contents = (
    plans.map(json.dumps)
    | json_values.map(json.dumps)
    | roster_data().map(lambda d: d if isinstance(d, str) else d.decode("latin-1"))
    | st.dictionaries(st.sampled_from(CRITERIA), answer_words | json_values).map(json.dumps)
    | st.text(max_size=40)
)


def run_dak(capsys, monkeypatch, tmp_path, argv: list[str], content: str) -> tuple[int, str, str]:
    """Run `dak argv` with FILE (and standard input) holding `content`: its exit status and output."""
    path = tmp_path / "input"
    path.write_text(content, encoding="utf-8", errors="surrogatepass")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(path.read_bytes())))
    try:
        code = main([str(path) if word == "FILE" else word for word in argv])
    except SystemExit as exit_:  # argparse: --help, --version and unusable arguments
        code = exit_.code
    out, err = capsys.readouterr()
    return code, out, err


@SETTINGS
@given(argv=commands() | st.lists(argument, max_size=8), content=file_contents)
def test_dak_with_any_arguments_exits_0_1_or_2(capsys, monkeypatch, tmp_path, argv, content):
    code, _, err = run_dak(capsys, monkeypatch, tmp_path, argv, content)
    assert code in (0, 1, 2), (argv, code)
    assert "Traceback" not in err
    if code == 2:
        assert err.startswith("dak: ") and err.strip() != "dak:", (argv, err)


@pytest.mark.parametrize("on", ["31-12-2023", "2023-02-30", "kemarin"])
def test_dak_roster_with_an_on_that_is_not_a_date(capsys, monkeypatch, tmp_path, on):
    argv = ["roster", "FILE", "--activity", ACTIVITIES[0], "--year", "2023", "--on", on]
    code, _, err = run_dak(capsys, monkeypatch, tmp_path, argv, "Nama;Umur\nAni;25\n")
    assert code == 2 and err.startswith("dak: ")
