"""dakcore under Pyodide answers exactly as under CPython.

tests/pyodide/run_dakcore.mjs loads, in Node, the Pyodide runtime the site ships and the dakcore zip
the build made (imported from as it is, as the browser's worker does) and runs a set of calls:
plans for both years, rosters as bytes in two encodings, calendars, eligibility, bad input. Each
response must equal CPython's `dakcore.api.call` for the same input. It runs on the standard library
the site ships (cut down and precompiled by docs_plugins/pyodide/stdlib.py), so a module the build
left out fails here, not in a reader's browser. Pyodide is a different Python
(3.14, WebAssembly, no OpenSSL hashlib or ssl, no time-zone data), so this is where a difference
between the two would show.
"""

from __future__ import annotations

import base64
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
    result = _run(_lock(site))
    assert result.returncode == 0, f"run_dakcore.mjs failed:\n{result.stderr[-4000:]}"
    return json.loads(result.stdout)


def _lock(site: Path) -> Path:
    locks = sorted(site.glob("pyodide/*/pyodide-lock.json"))
    assert len(locks) == 1, f"one runtime folder expected in {site / 'pyodide'}, found {locks}"
    return locks[0]


def _run(lock: Path, *options: str) -> subprocess.CompletedProcess:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not on PATH: the Pyodide tests need Node.js 20 (and `npm ci`)")
    command = [node, str(RUNNER), "--lock", str(lock), *options]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=300, check=False)


def _cpython_params(params):
    if isinstance(params, dict) and isinstance(params.get("csv"), dict):
        return {**params, "csv": (ROOT / params["csv"]["file"]).read_bytes()}
    return params


def test_the_runner_ran_under_pyodide(pyodide_run):
    package = json.loads((ROOT / "node_modules" / "pyodide" / "package.json").read_text(encoding="utf-8"))
    assert pyodide_run["pyodide"] == package["version"]
    assert pyodide_run["platform"] == "emscripten"
    assert pyodide_run["python"].startswith("3.14")
    # dakcore came from the zip the site ships (on sys.path), not from this source tree.
    assert pyodide_run["dakcore"] == "/lib/dakcore.zip/dakcore/__init__.pyc", pyodide_run["dakcore"]
    # The standard library was the site's: precompiled, no source in it.
    assert pyodide_run["stdlib"].endswith("/json/__init__.pyc"), pyodide_run["stdlib"]
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
    # dakcore's zip, and the workbook packages' wheels the worker loads on demand (as locked).
    dakcore = [n for n in names if n.startswith("dakcore-")]
    assert len(dakcore) == 1 and re.fullmatch(r"dakcore-[0-9a-f]{12}\.zip", dakcore[0]), names
    wheels = [n for n in names if n.endswith(".whl")]
    assert [n.split("-")[:2] for n in wheels] == [["et_xmlfile", "2.0.0"], ["openpyxl", "3.1.5"]]
    locked = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    for name in wheels:
        assert f"--hash=sha256:{hashlib.sha256((folder / name).read_bytes()).hexdigest()}" in locked
    stdlib = [n for n in names if n.startswith("python_stdlib-")]
    assert len(stdlib) == 1 and re.fullmatch(r"python_stdlib-[0-9a-f]{12}\.zip", stdlib[0]), names
    # The standard-library modules only the workbook packages import, in a zip loaded with them.
    later = [n for n in names if n.startswith("python_stdlib_later-")]
    assert len(later) == 1 and re.fullmatch(r"python_stdlib_later-[0-9a-f]{12}\.zip", later[0]), names
    assert names == sorted(
        [
            "pyodide.mjs",
            "pyodide.asm.mjs",
            "pyodide.asm.wasm",
            "pyodide-lock.json",
            *stdlib,
            *later,
            *dakcore,
            *wheels,
        ]
    )
    # The English pages use the root's runtime and scripts: no second copy.
    assert not list((site / "en").rglob("dakcore-*")) and not (site / "en" / "pyodide").exists()
    assert not (site / "en" / "assets").exists() and not (site / "en" / "sw.js").exists()

    lock = json.loads((folder / "pyodide-lock.json").read_text(encoding="utf-8"))
    npm_lock = json.loads(
        (ROOT / "node_modules" / "pyodide" / "pyodide-lock.json").read_text(encoding="utf-8")
    )
    # The lock lists what the worker loads with Pyodide's package loader: the workbook packages only.
    assert lock["info"] == npm_lock["info"] and list(lock["packages"]) == ["et-xmlfile", "openpyxl"]
    for entry in lock["packages"].values():
        assert entry["sha256"] == hashlib.sha256((folder / entry["file_name"]).read_bytes()).hexdigest()
    assert lock["packages"]["openpyxl"]["depends"] == ["et-xmlfile"]
    zip_file = folder / dakcore[0]
    with zipfile.ZipFile(zip_file) as archive:
        files = archive.namelist()
        # The rules as compiled, written without indentation.
        rules = archive.read("dakcore/data/rules.json")
    assert json.loads(rules) == json.loads((ROOT / "dakcore" / "data" / "rules.json").read_bytes())
    assert b"\n " not in rules
    # What a start imports, precompiled; what only a workbook needs, as source; the command line not.
    for module in ("__init__", "api", "engine", "checks", "rules", "roster", "plan", "vocabulary"):
        assert f"dakcore/{module}.pyc" in files and f"dakcore/{module}.py" not in files, module
    assert "dakcore/workbook.py" in files and "dakcore/workbook.pyc" not in files
    assert "dakcore/cli.py" not in files and "dakcore/cli.pyc" not in files
    assert not [f for f in files if ".dist-info/" in f]

    # client.js and the service worker get the built runtime's values from generated files they
    # import (the scripts themselves are copied as they are); the service worker sits at the root.
    from docs_plugins.pyodide.browser import SOURCES, read_runtime

    constants = read_runtime(site)
    assert constants["indexURL"] == f"pyodide/{package['version']}/"
    assert constants["dakcore"] == f"pyodide/{package['version']}/{zip_file.name}"
    assert constants["lockFileURL"].startswith(f"pyodide/{package['version']}/pyodide-lock.json?v=")
    assert constants["stdLibURL"] == f"pyodide/{package['version']}/{stdlib[0]}"
    # The standard library, dakcore and the wheels are fetched with their SRI hash.
    assert constants["integrity"] == {
        name: "sha384-" + base64.b64encode(hashlib.sha384((folder / name).read_bytes()).digest()).decode()
        for name in [stdlib[0], *dakcore, *wheels, *later]
    }
    for name in ("client.js", "worker.js", "serviceworker.js"):
        assert (site / "assets" / "dak" / name).read_bytes() == (SOURCES / name).read_bytes(), name
    assert (site / "sw.js").read_bytes() == (SOURCES / "sw.js").read_bytes()
    assert not (site / "assets" / "dak" / "sw.js").exists()
    service_worker = read_runtime(site, service_worker=True)
    assert service_worker["build"] == constants["build"] and re.fullmatch(r"[0-9a-f]{12}", constants["build"])
    assert f"pyodide/{package['version']}/{zip_file.name}" in service_worker["precache"]


def test_the_wheel_is_reproducible(tmp_path):
    from docs_plugins.pyodide.plugin import build_wheel

    first = build_wheel(ROOT / "dakcore", ["data/rules.json"], tmp_path / "a")
    second = build_wheel(ROOT / "dakcore", ["data/rules.json"], tmp_path / "b")
    assert first.name == second.name and first.read_bytes() == second.read_bytes()


def test_the_standard_library_is_cut_down_and_precompiled(site):
    shipped = next(site.glob("pyodide/*/python_stdlib-*.zip"))
    stock = ROOT / "node_modules" / "pyodide" / "python_stdlib.zip"
    with zipfile.ZipFile(shipped) as archive:
        names = archive.namelist()
    with zipfile.ZipFile(stock) as archive:
        stock_modules = [n for n in archive.namelist() if n.endswith(".py")]
    compiled = [n for n in names if n.endswith(".pyc")]
    assert not [n for n in names if n.endswith(".py")], "source left in the zip"
    assert 100 < len(compiled) < len(stock_modules) / 2, (len(compiled), len(stock_modules))
    # What start-up and dakcore import, and the codecs the participant-list reader decodes with.
    for module in ("csv", "json/__init__", "encodings/cp1252", "encodings/utf_8_sig", "traceback"):
        assert f"{module}.pyc" in compiled, module
    # dakcore is imported from its wheel as it is: what Pyodide's package loader imports to install a
    # wheel comes only with the workbook packages, which it installs.
    later = next(site.glob("pyodide/*/python_stdlib_later-*.zip"))
    with zipfile.ZipFile(later) as archive:
        later_names = archive.namelist()
    for module in ("tarfile", "importlib/metadata/__init__"):
        assert f"{module}.pyc" not in compiled and f"{module}.pyc" in later_names, module
    assert shipped.stat().st_size < stock.stat().st_size / 2


def test_a_module_missing_from_the_standard_library_fails_the_run(site, tmp_path):
    """The runner really uses the shipped zip: without `csv`, which dakcore's roster reader imports, it
    cannot start dakcore at all."""
    shipped = next(site.glob("pyodide/*/python_stdlib-*.zip"))
    broken = tmp_path / "python_stdlib-broken.zip"
    with zipfile.ZipFile(shipped) as source, zipfile.ZipFile(broken, "w") as target:
        for info in source.infolist():
            if info.filename != "csv.pyc":
                target.writestr(info, source.read(info.filename))
    result = _run(_lock(site), "--stdlib", str(broken))
    assert result.returncode != 0, result.stdout[-2000:]
    assert "No module named 'csv'" in result.stderr, result.stderr[-2000:]


def test_the_workbook_methods_run_on_the_shipped_standard_library(pyodide_run):
    # openpyxl and et_xmlfile, loaded on demand from the site's lock, then every workbook method
    # (docs_plugins/pyodide/probes/workbook.py): a module the trimmed zip lacks fails here.
    assert pyodide_run["workbookProbe"] == "ok"


def test_the_lock_kept_in_the_build_cache_is_the_one_the_tool_writes(tmp_path):
    from docs_plugins.pyodide.plugin import build_wheel, write_lock

    npm_lock = ROOT / "node_modules" / "pyodide" / "pyodide-lock.json"
    wheel = build_wheel(ROOT / "dakcore", ["data/rules.json"], tmp_path / "site")
    written = tmp_path / "tool.json"
    write_lock(npm_lock, written, [wheel])
    cache = tmp_path / "cache"
    for name in ("first.json", "again.json"):  # the tool's, then the cache's
        write_lock(npm_lock, tmp_path / name, [wheel], cache_dir=cache)
        assert (tmp_path / name).read_text(encoding="utf-8") == written.read_text(encoding="utf-8")
    assert len(list(cache.iterdir())) == 1
    # Another wheel (a changed dakcore: here without its rules) is another lock.
    other = build_wheel(ROOT / "dakcore", [], tmp_path / "other")
    lock = write_lock(npm_lock, tmp_path / "other.json", [other], cache_dir=cache)
    assert lock["packages"]["dakcore"]["sha256"] == hashlib.sha256(other.read_bytes()).hexdigest()
    assert len(list(cache.iterdir())) == 2


def test_compressed_sizes_kept_in_the_build_cache_are_the_measured_ones(tmp_path):
    from docs_plugins.pyodide.plugin import wire_sizes
    from docs_plugins.wire import compressed_size

    files = [tmp_path / "a.js", tmp_path / "b.wasm"]
    files[0].write_text("const a = 1;\n" * 500, encoding="utf-8")
    files[1].write_bytes(bytes(range(256)) * 40)
    measured = {path: compressed_size(path.read_bytes()) for path in files}
    cache = tmp_path / "cache"
    assert wire_sizes(files) == wire_sizes(files, cache) == wire_sizes(files, cache) == measured
    files[0].write_text("let b = 2;\n", encoding="utf-8")  # a changed file is measured again
    assert wire_sizes(files, cache)[files[0]] == compressed_size(files[0].read_bytes())
    (cache / "wire-sizes.json").write_text("{not json", encoding="utf-8")  # unreadable: measured again
    assert wire_sizes(files, cache) == {path: compressed_size(path.read_bytes()) for path in files}
