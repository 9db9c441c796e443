"""dakcore under Pyodide answers exactly as under CPython.

tests/pyodide/run_dakcore.mjs loads, in Node, the Pyodide runtime the site ships and the dakcore wheel
the build made (through the site's pyodide-lock.json, as the browser does) and runs a set of calls:
plans for both years, rosters as bytes in two encodings, calendars, eligibility, bad input. Each
response must equal CPython's `dakcore.api.call` for the same input. Pyodide is a different Python
(3.14, WebAssembly, no OpenSSL hashlib or ssl, no time-zone data), so this is where a difference
between the two would show.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from dakcore.api import call

ROOT = Path(__file__).resolve().parents[1]
RUNNER = ROOT / "tests" / "pyodide" / "run_dakcore.mjs"


@pytest.fixture(scope="module")
def pyodide_run(site: Path) -> dict:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not on PATH: the Pyodide tests need Node.js 20 (and `npm ci`)")
    locks = sorted(site.glob("pyodide/*/pyodide-lock.json"))
    assert len(locks) == 1, f"one runtime folder expected in {site / 'pyodide'}, found {locks}"
    result = subprocess.run(
        [node, str(RUNNER), "--lock", str(locks[0])],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, f"run_dakcore.mjs failed:\n{result.stderr[-4000:]}"
    return json.loads(result.stdout)


def _cpython_params(params):
    if isinstance(params, dict) and isinstance(params.get("csv"), dict):
        return {**params, "csv": (ROOT / params["csv"]["file"]).read_bytes()}
    return params


def test_the_runner_ran_under_pyodide(pyodide_run):
    package = json.loads((ROOT / "node_modules" / "pyodide" / "package.json").read_text(encoding="utf-8"))
    assert pyodide_run["pyodide"] == package["version"]
    assert pyodide_run["platform"] == "emscripten"
    assert pyodide_run["python"].startswith("3.14")
    # The wheel was installed from the lock file, not imported from this source tree.
    assert pyodide_run["dakcore"].startswith("/lib/python3.14/site-packages/dakcore/")
    assert len(pyodide_run["results"]) >= 25


def test_every_response_equals_cpython(pyodide_run):
    differ = []
    for case in pyodide_run["results"]:
        expected = call(case["method"], _cpython_params(case["params"]))
        if case["response"] != expected:
            differ.append(case["name"])
    assert not differ, f"Pyodide and CPython answer differently: {differ}"


def test_the_cases_cover_good_and_bad_input(pyodide_run):
    by_name = {case["name"]: case["response"] for case in pyodide_run["results"]}
    both = by_name["validate the README example, both years"]
    assert both["ok"] and both["result"]["years"] == [2022, 2023] and both["result"]["comparison"]
    assert by_name["deadlines 2023, English calendar"]["result"]["ics"].startswith("BEGIN:VCALENDAR")
    roster = by_name["roster, Windows-1252, ',', English columns"]["result"]
    assert roster["rows"] == 3 and roster["columns"]["name"] == "Name"  # read despite its é and ü
    bad = [case for case in pyodide_run["results"] if case["name"].startswith("bad:")]
    assert len(bad) >= 10
    for case in bad:
        assert case["response"]["ok"] is False, case["name"]
        assert all(p["message"]["id"] and p["message"]["en"] for p in case["response"]["problems"])


def test_the_site_hosts_the_runtime_once_with_only_what_it_needs(site):
    package = json.loads((ROOT / "node_modules" / "pyodide" / "package.json").read_text(encoding="utf-8"))
    folder = site / "pyodide" / package["version"]
    assert [p.name for p in (site / "pyodide").iterdir()] == [package["version"]]
    names = sorted(p.name for p in folder.iterdir())
    wheels = [n for n in names if n.endswith(".whl")]
    assert len(wheels) == 1 and wheels[0].startswith("dakcore-")
    assert names == sorted(
        [
            "pyodide.mjs",
            "pyodide.asm.mjs",
            "pyodide.asm.wasm",
            "python_stdlib.zip",
            "pyodide-lock.json",
            *wheels,
        ]
    )
    # The English pages use the root's runtime and scripts: no second copy.
    assert not list((site / "en").rglob("*.whl")) and not (site / "en" / "pyodide").exists()
    assert not (site / "en" / "assets").exists() and not (site / "en" / "sw.js").exists()

    lock = json.loads((folder / "pyodide-lock.json").read_text(encoding="utf-8"))
    npm_lock = json.loads(
        (ROOT / "node_modules" / "pyodide" / "pyodide-lock.json").read_text(encoding="utf-8")
    )
    assert lock["info"] == npm_lock["info"] and list(lock["packages"]) == ["dakcore"]
    entry = lock["packages"]["dakcore"]
    wheel = folder / wheels[0]
    assert entry["file_name"] == wheel.name and entry["imports"] == ["dakcore"] and entry["depends"] == []
    assert entry["sha256"] == hashlib.sha256(wheel.read_bytes()).hexdigest()
    with zipfile.ZipFile(wheel) as archive:
        files = archive.namelist()
    ours = sorted(f for f in files if not f.startswith(f"dakcore-{entry['version']}.dist-info/"))
    sources = sorted(
        f"dakcore/{p.relative_to(ROOT / 'dakcore').as_posix()}" for p in (ROOT / "dakcore").glob("*.py")
    )
    assert ours == sorted([*sources, "dakcore/data/rules.json"])

    # client.js and the service worker know the built runtime; the service worker sits at the root.
    client = (site / "assets" / "dak" / "client.js").read_text(encoding="utf-8")
    constants = json.loads(re.search(r"^const RUNTIME = (\{.*\});$", client, re.MULTILINE).group(1))
    assert constants["indexURL"] == f"pyodide/{package['version']}/"
    assert constants["wheel"] == f"pyodide/{package['version']}/{wheel.name}"
    assert constants["lockFileURL"].startswith(f"pyodide/{package['version']}/pyodide-lock.json?v=")
    assert (site / "sw.js").is_file() and not (site / "assets" / "dak" / "sw.js").exists()
    assert f"pyodide/{package['version']}/{wheel.name}" in (site / "sw.js").read_text(encoding="utf-8")


def test_the_wheel_is_reproducible(tmp_path):
    from docs_plugins.pyodide.plugin import build_wheel

    first = build_wheel(ROOT / "dakcore", ["data/rules.json"], tmp_path / "a")
    second = build_wheel(ROOT / "dakcore", ["data/rules.json"], tmp_path / "b")
    assert first.name == second.name and first.read_bytes() == second.read_bytes()
