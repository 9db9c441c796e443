"""The site's standard library for Pyodide: the npm package's python_stdlib.zip cut down to what
Pyodide's start-up and dakcore import, precompiled to .pyc by Pyodide itself (stdlib.mjs, in Node);
and, made in the same run, dakcore's own zip for the browser (its wheel with the modules a start
imports precompiled).

Finding the modules means starting Pyodide and running the probes (~10 s of CPU), so the result is
kept in a cache folder, keyed by everything it is made from: the Pyodide package (version and its
zip's bytes), the wheels, the probes and the builder script. A Pyodide upgrade or a changed dakcore is
a new key, hence new zips.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import time
from pathlib import Path
from typing import NamedTuple

from mkdocs.exceptions import PluginError

from docs_plugins.pyodide.tools import run_tool

log = logging.getLogger("mkdocs.plugins.dak-pyodide")

BUILDER = Path(__file__).with_name("stdlib.mjs")
# The builder starts Python as the browser's worker does, with this module's startPython().
WORKER = Path(__file__).parent / "assets" / "worker.js"
# The probe every site runs; an extra package (a lazily loaded one included) adds its own script.
DAKCORE_PROBE = Path(__file__).parent / "probes" / "dakcore.py"


def _key(runtime_dir: Path, wheels: list[Path], probes: list[Path]) -> str:
    sha = hashlib.sha256()
    version = json.loads((runtime_dir / "package.json").read_text(encoding="utf-8"))["version"]
    for part in (
        version.encode(),
        (runtime_dir / "python_stdlib.zip").read_bytes(),
        *(w.read_bytes() for w in wheels),
        BUILDER.read_bytes(),
        WORKER.read_bytes(),
        *(p.read_bytes() for p in probes),
    ):
        sha.update(hashlib.sha256(part).digest())
    return sha.hexdigest()


class Built(NamedTuple):
    stdlib: Path  # the standard library a first start needs
    later: Path | None  # the modules only the packages loaded on demand add
    dakcore: Path  # dakcore for the browser


def build_stdlib(
    runtime_dir: Path,
    lock: Path,
    dakcore: Path,
    wheels: list[Path],
    probes: list[Path],
    cache_dir: Path,
    later_probes: list[Path] | None = None,
) -> Built:
    """The trimmed, precompiled zip for this runtime and dakcore's wheel, and dakcore's zip for the
    browser, from the cache when it has them; with `later_probes` (run after the packages of `lock`,
    the `wheels` the worker loads on demand, are loaded), also a second zip of the modules only they
    add (else None)."""
    later_probes = later_probes or []
    key = _key(runtime_dir, [dakcore, *wheels], [*probes, *later_probes])[:24]
    built = Built(
        cache_dir / f"{key}.zip",
        cache_dir / f"{key}-later.zip" if later_probes else None,
        cache_dir / f"{key}-dakcore.zip",
    )
    if all(path is None or path.is_file() for path in built):
        return built
    node = shutil.which("node")
    if node is None:
        raise PluginError("dak-pyodide: trimming the standard library needs Node.js (node on PATH)")
    cache_dir.mkdir(parents=True, exist_ok=True)
    partial = built.stdlib.with_suffix(".partial")
    command = [node, str(BUILDER), "--runtime", str(runtime_dir), "--lock", str(lock)]
    command += ["--wheel", str(dakcore), "--dakcore-out", str(built.dakcore), "--out", str(partial)]
    for probe in probes:
        command += ["--probe", str(probe)]
    for probe in later_probes:
        command += ["--later-probe", str(probe)]
    if built.later:
        command += ["--later-out", str(built.later)]
    start = time.monotonic()
    result = run_tool(
        command, name=f"{BUILDER.name} (building the standard library)", hint="a probe raised?", timeout=600
    )
    # Said, because it is most of such a build's time: any change of dakcore or of the rules it carries
    # is a new key.
    log.info(
        f"dak-pyodide: the standard library trimmed anew for this dakcore and Pyodide (Node, "
        f"{time.monotonic() - start:.1f} s; kept in {cache_dir} for the next builds)"
    )
    built.stdlib.with_suffix(".json").write_text(result.stdout, encoding="utf-8")
    partial.replace(built.stdlib)
    return built
