"""Whatever a user feeds the `dak` command, it answers with findings or a clear message: never a
traceback. Unusable input always exits 2 and names what is wrong."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dakcore.cli import main
from dakcore.plan import FORMAT

ACTIVITIES = ["pelatihan-manajemen-wirausaha", "sertifikat-halal", "promosi-ekspor", "nope"]
FIELDS = [
    "participants", "participant_ages", "jpl", "duration_months", "committee", "outside_region", "mentors",
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
