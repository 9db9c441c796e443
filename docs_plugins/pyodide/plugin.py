"""MkDocs plugin `dak-pyodide`: the validators' Python runtime, self-hosted inside the built site.

After the whole site is built (both languages), this puts into site_dir:

- `pyodide/<Pyodide version>/`: the runtime files of the npm `pyodide` package (package.json pins it),
  its standard library cut down to what Pyodide's start-up and dakcore import and precompiled
  (`python_stdlib-<digest>.zip`, docs_plugins/pyodide/stdlib.py; loaded with `stdLibURL`, fetched
  with its Subresource Integrity),
  dakcore as the browser imports it, `dakcore-<digest>.zip` (a changed rule is a new file name): made
  from a pure-Python wheel of dakcore (its modules and data/rules.json, built with hatchling), with
  the modules a start imports precompiled by Pyodide (stdlib.mjs, with the standard library); the
  worker fetches it while the interpreter starts and imports from it as it is (a zip on sys.path), and
  the site's `pyodide-lock.json`: the package's lock `info` with the wheels the worker loads on demand
  (openpyxl's) registered by the Pyodide toolchain (`pyodide lockfile add-wheels`, from
  pyodide-build), so that `pyodide.loadPackage()` finds them. Nothing else of Pyodide's package set.
- the plugin's own browser files (docs_plugins/pyodide/assets/: the runtime's client, its Web Worker,
  the service worker and the pages' side of it) and the generated files that give them the built
  runtime's values (docs_plugins/pyodide/browser.py).
- with `test_pages` (the tests' and benchmarks' builds only), `_dak/`: a hidden page with a validator
  runtime and a bare-Pyodide page (the benchmark's floor), for the tests and dev/bench_browser.py;
  not in the navigation, not in the search index, not in a published site.

The English build (site_dir/en) gets no copy: its pages reach the root's assets and runtime.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.metadata
import json
import logging
import os
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from docs_plugins.nesting import BuildNesting
from docs_plugins.pyodide import browser
from docs_plugins.pyodide.config import PyodideConfig
from docs_plugins.pyodide.stdlib import DAKCORE_PROBE, build_stdlib
from docs_plugins.pyodide.tools import run_tool
from docs_plugins.pyodide.wheels import locked_wheels
from docs_plugins.wire import compressed_size

log = logging.getLogger("mkdocs.plugins.dak-pyodide")

ROOT = Path(__file__).resolve().parents[2]
PAGES = Path(__file__).parent / "pages"
VERSION_LINE = re.compile(r'^__version__ = "([^"]+)"$', re.MULTILINE)
# Runtime files whose download the worker reports as progress (the rest are small).
TRACKED = (".wasm", ".zip", ".whl")
STDLIB = "python_stdlib.zip"


@dataclass
class Runtime:
    """What the build put into the site, as the browser code needs it (URLs relative to the root)."""

    version: str
    python: str
    folder: str
    lock: str
    dakcore: str
    build: str
    stdlib: str
    integrity: dict[str, str] = field(default_factory=dict)
    sizes: dict[str, int] = field(default_factory=dict)
    # What a first use downloads, compressed as GitHub Pages sends it (the runtime and the worker).
    download: int = 0
    # Every page of both languages and what they load: what "prepare for offline use" caches.
    offline: list[str] = field(default_factory=list)
    # Packages the worker loads only when a reader needs them (openpyxl: a workbook is opened or
    # saved): their names, their files' sizes (the wheels, and a zip of the standard-library modules
    # only they import), and what they add to the download, compressed.
    on_demand: list[str] = field(default_factory=list)
    on_demand_files: dict[str, int] = field(default_factory=dict)
    on_demand_download: int = 0

    def constants(self, *, offline: bool = False) -> dict[str, Any]:
        """The values the browser scripts import (`offline`: the service worker's, with its list of
        what "prepare for offline use" caches)."""
        values = {
            "version": self.version,
            "python": self.python,
            "indexURL": self.folder,
            "lockFileURL": self.lock,
            "dakcore": self.dakcore,
            "stdLibURL": self.stdlib,
            "integrity": self.integrity,
            "build": self.build,
            "download": self.download,
            "worker": f"assets/dak/worker.js?v={self.build}",
            "bytes": {
                name: size
                for name, size in self.sizes.items()
                if name.endswith(TRACKED) and name not in self.on_demand_files
            },
            "excel": {
                "packages": self.on_demand,
                "stdlib": next((self.folder + n for n in self.on_demand_files if n.endswith(".zip")), None),
                "bytes": self.on_demand_files,
                "download": self.on_demand_download,
            },
            "precache": [
                *(
                    self.folder + name
                    for name in self.sizes
                    if not name.endswith(".json") and name not in self.on_demand_files
                ),
                self.lock,
                f"assets/dak/worker.js?v={self.build}",
            ],
        }
        return {**values, "offline": self.offline} if offline else values


def _digest(*parts: bytes) -> str:
    sha = hashlib.sha256()
    for part in parts:
        sha.update(len(part).to_bytes(8, "big"))
        sha.update(part)
    return sha.hexdigest()


# Not part of "prepare for offline use": the runtime (precached anyway), the hidden test pages,
# Material's unused lunr search (the site searches with Pagefind), maps.
OFFLINE_SKIPPED = ("_dak/", "assets/javascripts/lunr/", "assets/javascripts/workers/")
# Pagefind's search, kept whole for both languages (its UI, its wasm, every index, fragment and filter
# file: about 1 MB), so that search works offline too; but not the UIs the site does not use, nor the
# wasm for pages of no known language.
OFFLINE_PAGEFIND = "pagefind/"
OFFLINE_PAGEFIND_SKIPPED = (
    "pagefind-component-ui.",
    "pagefind-modular-ui.",
    "pagefind-highlight.",
    "wasm.unknown.",
)


def _searched_offline(name: str) -> bool:
    return name.startswith(OFFLINE_PAGEFIND) and not name.rpartition("/")[2].startswith(
        OFFLINE_PAGEFIND_SKIPPED
    )


def offline_urls(site_dir: Path, output_subdir: str) -> list[str]:
    """Every page of both languages (as folder URLs, as they are linked) and the styles, scripts and
    images they load, relative to the site root."""
    urls = []
    for path in sorted(site_dir.rglob("*")):
        name = path.relative_to(site_dir).as_posix()
        if not path.is_file() or name.startswith((f"{output_subdir}/", *OFFLINE_SKIPPED)):
            continue
        if name.endswith("index.html"):
            urls.append(name.removesuffix("index.html"))
        elif (name.startswith("assets/") and not name.endswith(".map")) or _searched_offline(name):
            urls.append(name)
    return urls


def build_wheel(package_dir: Path, data_files: list[str], out_dir: Path) -> Path:
    """A pure-Python wheel of the package: its modules and `data_files`, nothing else (no tests, no
    caches). Built with hatchling from a staging copy; reproducible (fixed time stamps), so the same
    sources give the same bytes and the same file name."""
    from hatchling.builders.wheel import WheelBuilder

    name = package_dir.name
    init = (package_dir / "__init__.py").read_text(encoding="utf-8")
    version = VERSION_LINE.search(init)
    if version is None:
        raise PluginError(f"dak-pyodide: package: no __version__ line in {package_dir / '__init__.py'}")
    files = sorted(p for p in package_dir.rglob("*.py") if "__pycache__" not in p.parts)
    for data in data_files:
        if not (package_dir / data).is_file():
            raise PluginError(f"dak-pyodide: package_data: {package_dir / data} does not exist")
        files.append(package_dir / data)
    with tempfile.TemporaryDirectory(prefix="dak-wheel-") as staging_name:
        staging = Path(staging_name)
        for path in files:
            target = staging / name / path.relative_to(package_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            if path.suffix == ".json":
                # Without the source's indentation: the same data, about a tenth fewer bytes for every
                # reader to download (and to parse).
                data = json.loads(path.read_text(encoding="utf-8"))
                target.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), "utf-8")
            else:
                shutil.copyfile(path, target)
        # Of the files as shipped: the name changes whenever the wheel's content does.
        digest = _digest(
            *(
                p.relative_to(staging / name).as_posix().encode() + p.read_bytes()
                for p in sorted((staging / name).rglob("*"))
                if p.is_file()
            )
        )
        (staging / "pyproject.toml").write_text(
            "[build-system]\n"
            'requires = ["hatchling"]\n'
            'build-backend = "hatchling.build"\n\n'
            "[project]\n"
            f'name = "{name}"\n'
            f'version = "{version.group(1)}+{digest[:12]}"\n'
            'description = "The rules engine of the DAK Nonfisik IKM handbook (for Pyodide)"\n'
            'requires-python = ">=3.12"\n'
            'license = { text = "MIT" }\n\n'
            "[tool.hatch.build.targets.wheel]\n"
            f'packages = ["{name}"]\n',
            encoding="utf-8",
        )
        out_dir.mkdir(parents=True, exist_ok=True)
        builder = WheelBuilder(str(staging))
        return Path(next(iter(builder.build(directory=str(out_dir), versions=["standard"]))))


def write_lock(
    npm_lock: Path, output: Path, wheels: list[Path], cache_dir: Path | None = None
) -> dict[str, Any]:
    """The site's pyodide-lock.json: `pyodide lockfile add-wheels` registers the `wheels` the site
    hosts for `loadPackage()` in a lock that has the npm package's `info` (Python version, ABI,
    platform) and none of its packages, which the site does not host. Each wheel's `file_name` is
    relative to the lock file (the same folder). With a `cache_dir`, the lock is kept there by what it
    is made from (the `info`, the wheels' paths and bytes, the tool's version): starting the tool
    takes a second or two of every build, and the same wheels give the same lock."""
    base = json.loads(npm_lock.read_text(encoding="utf-8"))
    empty = json.dumps({"info": base["info"], "packages": {}})
    if not wheels:
        output.write_text(empty, encoding="utf-8")
        return json.loads(empty)
    cached = None
    if cache_dir is not None:
        key = _digest(
            empty.encode(),
            _tool_version("pyodide-build").encode(),
            *(os.path.relpath(w, wheels[0].parent).encode() + b"\0" + w.read_bytes() for w in wheels),
        )
        cached = cache_dir / f"pyodide-lock-{key[:24]}.json"
    if cached is not None and cached.is_file():
        shutil.copyfile(cached, output)
    else:
        with tempfile.TemporaryDirectory(prefix="dak-lock-") as scratch:
            source = Path(scratch) / "pyodide-lock.json"
            source.write_text(empty, encoding="utf-8")
            command = [
                sys.executable,
                "-m",
                "pyodide_cli",
                "lockfile",
                "add-wheels",
                "--input",
                str(source),
                "--output",
                str(output),
                "--base-path",
                str(wheels[0].parent),
                *(str(w) for w in wheels),
            ]
            run_tool(
                command,
                name="`pyodide lockfile add-wheels`",
                hint="pyodide-build is in the dev extra; dev/bootstrap.sh installs it",
                timeout=300,
            )
    lock = json.loads(output.read_text(encoding="utf-8"))
    for path in wheels:
        entries = [p for p in lock["packages"].values() if p["file_name"] == path.name]
        if len(entries) != 1:
            raise PluginError(
                f"dak-pyodide: the lock written by add-wheels does not list {path.name}: {lock}"
            )
    if cached is not None and not cached.is_file():
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{os.getpid()}.partial")
        shutil.copyfile(output, partial)
        partial.replace(cached)  # whole or not at all, should two builds write it at once
    return lock


def _tool_version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"  # the tool's own run then says what is missing


def build_runtime(
    site_dir: Path,
    *,
    runtime_dir: Path,
    runtime_files: list[str],
    output_subdir: str,
    package_dir: Path,
    package_data: list[str],
    stdlib_probes: list[Path] | None = None,
    cache_dir: Path | None = None,
    extra_wheels: list[Path] | None = None,
    wheels_probes: list[Path] | None = None,
    build_cache: Path | None = None,
) -> Runtime:
    """Put the runtime, dakcore and the lock into site_dir/<output_subdir>/<version>/; with a
    `cache_dir`, the trimmed standard library (stdlib_probes: extra probes), else the npm package's.
    `extra_wheels` (pure-Python wheels of PyPI packages) are hosted and registered in the lock, for
    the worker to load on demand, with the standard-library modules only they need (`wheels_probes`
    find them) in a zip of their own. With a `build_cache`, the lock the Pyodide tool writes and the
    files' compressed sizes are kept there (write_lock, wire_sizes)."""
    version = json.loads((runtime_dir / "package.json").read_text(encoding="utf-8"))["version"]
    folder = site_dir / output_subdir / version
    shutil.rmtree(site_dir / output_subdir, ignore_errors=True)  # no runtime of an earlier version
    folder.mkdir(parents=True)
    for name in runtime_files:
        if not (cache_dir and name == STDLIB):
            shutil.copyfile(runtime_dir / name, folder / name)
    hosted = []
    for source in extra_wheels or []:
        shutil.copyfile(source, folder / source.name)
        hosted.append(folder / source.name)
    lock = write_lock(
        runtime_dir / "pyodide-lock.json", folder / "pyodide-lock.json", hosted, cache_dir=build_cache
    )
    lock_bytes = (folder / "pyodide-lock.json").read_bytes()
    with tempfile.TemporaryDirectory(prefix="dak-wheel-") as scratch:
        wheel = build_wheel(package_dir, package_data, Path(scratch))
        if cache_dir:
            probes = [DAKCORE_PROBE, *(stdlib_probes or [])]
            built = build_stdlib(
                runtime_dir, folder / "pyodide-lock.json", wheel, hosted, probes, cache_dir, wheels_probes
            )
            stdlib = f"python_stdlib-{_digest(built.stdlib.read_bytes())[:12]}.zip"
            shutil.copyfile(built.stdlib, folder / stdlib)
            if built.later:
                hosted.append(folder / f"python_stdlib_later-{_digest(built.later.read_bytes())[:12]}.zip")
                shutil.copyfile(built.later, hosted[-1])
            made = built.dakcore
        else:
            stdlib = STDLIB
            made = wheel  # a wheel is a zip Python imports from too (its modules as source)
        dakcore = folder / f"dakcore-{_digest(made.read_bytes())[:12]}.zip"
        shutil.copyfile(made, dakcore)
    stdlib_bytes = (folder / stdlib).read_bytes()
    integrity = {
        path.name: "sha384-" + base64.b64encode(hashlib.sha384(path.read_bytes()).digest()).decode()
        for path in [folder / stdlib, dakcore, *hosted]
    }
    # The build's identity: the runtime, dakcore (its rules) and every script of the validators as
    # built (the caches carry it, so a changed rule or script is a new service worker with caches of
    # its own).
    scripts = [p.read_bytes() for p in browser.scripts(site_dir)]
    build = _digest(version.encode(), lock_bytes, stdlib_bytes, dakcore.read_bytes(), *scripts)[:12]
    prefix = f"{output_subdir}/{version}/"
    worker = site_dir / browser.FOLDER / "worker.js"
    wire = wire_sizes([*sorted(folder.iterdir()), worker], build_cache)
    return Runtime(
        version=version,
        python=lock["info"]["python"],
        folder=prefix,
        lock=f"{prefix}pyodide-lock.json?v={_digest(lock_bytes)[:12]}",
        dakcore=prefix + dakcore.name,
        build=build,
        stdlib=prefix + stdlib,
        integrity=integrity,
        sizes={p.name: p.stat().st_size for p in sorted(folder.iterdir())},
        download=sum(wire[p] for p in folder.iterdir() if p not in hosted) + wire[worker],
        on_demand=_roots(lock, {w.name for w in hosted}),
        on_demand_files={p.name: p.stat().st_size for p in hosted},
        on_demand_download=sum(wire[p] for p in hosted),
    )


def wire_sizes(paths: list[Path], cache_dir: Path | None = None) -> dict[Path, int]:
    """Each file's bytes over the wire (docs_plugins/wire.compressed_size). With a `cache_dir`, kept
    there by the SHA-256 of the file's bytes: gzip-compressing the runtime's twelve megabytes took half
    a second of every build, for the same files."""
    digests = {path: hashlib.sha256(path.read_bytes()).hexdigest() for path in paths}
    store = cache_dir / "wire-sizes.json" if cache_dir is not None else None
    known: dict[str, Any] = {}
    if store is not None and store.is_file():
        try:
            known = json.loads(store.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            known = {}  # unreadable: measured again and written anew
    sizes = {}
    for path, digest in digests.items():
        size = known.get(digest) if isinstance(known, dict) else None
        sizes[path] = size if isinstance(size, int) else compressed_size(path.read_bytes())
    kept = {digests[path]: size for path, size in sizes.items()}
    if store is not None and kept != known:
        store.parent.mkdir(parents=True, exist_ok=True)
        partial = store.with_suffix(f".{os.getpid()}.partial")
        partial.write_text(json.dumps(kept, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        partial.replace(store)  # whole or not at all, should two builds write it at once
    return sizes


def _roots(lock: dict[str, Any], files: set[str]) -> list[str]:
    """The names of the lock's packages in `files` that no other package depends on: what the worker
    asks for (Pyodide loads their dependencies with them)."""
    hosted = [name for name, package in lock["packages"].items() if package["file_name"] in files]
    return [
        name for name in hosted if not any(name in p.get("depends", []) for p in lock["packages"].values())
    ]


class PyodidePlugin(BasePlugin[PyodideConfig]):
    def __init__(self) -> None:
        self._builds = BuildNesting()
        self.runtime: Runtime | None = None

    def _runtime_dir(self, config: MkDocsConfig) -> Path:
        if self.config.runtime_dir:
            return Path(self.config.runtime_dir)
        return Path(config.config_file_path or ROOT / "mkdocs.yml").parent / "node_modules" / "pyodide"

    def _package_dir(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path or ROOT / "mkdocs.yml").parent / self.config.package

    def _cache_dir(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path or ROOT / "mkdocs.yml").parent / self.config.cache_dir

    def _extra_wheels(self, config: MkDocsConfig) -> list[Path]:
        if not self.config.wheels:
            return []
        here = Path(config.config_file_path or ROOT / "mkdocs.yml").parent
        return locked_wheels(
            here / self.config.wheels_lock, list(self.config.wheels), here / self.config.wheels_cache
        )

    def on_config(self, config: MkDocsConfig) -> None:
        subdir = PurePosixPath(self.config.output_subdir)
        if not self.config.output_subdir or subdir.is_absolute() or ".." in subdir.parts:
            raise PluginError(
                f"dak-pyodide: output_subdir: must be a folder inside site_dir such as 'pyodide', "
                f"got {self.config.output_subdir!r}"
            )
        if not self.config.enabled:
            return
        runtime_dir = self._runtime_dir(config)
        missing = [n for n in [*self.config.runtime_files, "package.json", "pyodide-lock.json"]
                   if not (runtime_dir / n).is_file()]  # fmt: skip
        if missing:
            raise PluginError(
                f"dak-pyodide: runtime_dir: {runtime_dir} lacks {', '.join(missing)}; the npm `pyodide` "
                "package is installed by `npm ci` (dev/bootstrap.sh does it)"
            )
        if not (self._package_dir(config) / "__init__.py").is_file():
            raise PluginError(f"dak-pyodide: package: no Python package at {self._package_dir(config)}")
        browser.check_sources()

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self._builds.enter()

    # After mkdocs-static-i18n's on_post_build (priority -100), which builds the English pages into
    # site_dir/en inside the first build: the runtime is written once, at the root, when the outermost
    # build ends (so `mkdocs serve` gets it too). After dak-pagefind's (-200) as well, so that the
    # offline list holds the search index it writes (and its index never holds the hidden test pages).
    @event_priority(-250)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self._builds.leave() or not self.config.enabled:
            return
        start = time.monotonic()
        site_dir = Path(config.site_dir)
        browser.copy_scripts(site_dir, service_worker=self.config.service_worker)
        runtime = build_runtime(
            site_dir,
            runtime_dir=self._runtime_dir(config),
            runtime_files=list(self.config.runtime_files),
            output_subdir=self.config.output_subdir,
            package_dir=self._package_dir(config),
            package_data=list(self.config.package_data),
            stdlib_probes=[Path(p) for p in self.config.stdlib_probes],
            cache_dir=self._cache_dir(config) if self.config.trim_stdlib else None,
            extra_wheels=self._extra_wheels(config),
            wheels_probes=[Path(p) for p in self.config.wheels_probes],
            build_cache=self._cache_dir(config),
        )
        self.runtime = runtime
        browser.write_runtime(site_dir, runtime.constants())
        # The wheels loaded on demand are not cached when the service worker installs (a reader who
        # never opens a workbook never downloads them), but "prepare for offline use" takes them.
        runtime.offline = offline_urls(site_dir, self.config.output_subdir) + [
            runtime.folder + name for name in runtime.on_demand_files
        ]
        if self.config.service_worker:
            browser.write_runtime(site_dir, runtime.constants(offline=True), service_worker=True)
        if self.config.test_pages:
            self._test_pages(site_dir / "_dak")
            # The benchmark's floor is Pyodide out of the box: the npm package's whole standard library.
            shutil.copyfile(self._runtime_dir(config) / STDLIB, site_dir / "_dak" / STDLIB)
        size = sum(runtime.sizes.values())
        log.info(
            f"dak-pyodide: Pyodide {runtime.version} (Python {runtime.python}) and "
            f"{Path(runtime.dakcore).name} in {runtime.folder} ({size / 1e6:.1f} MB) "
            f"in {time.monotonic() - start:.2f} s"
        )

    def _test_pages(self, target: Path) -> None:
        """The hidden pages as they are: they import the runtime's values as client.js does."""
        target.mkdir(parents=True, exist_ok=True)
        for page in sorted(PAGES.iterdir()):
            shutil.copyfile(page, target / page.name)

    def on_build_error(self, *, error: Exception) -> None:
        self._builds.reset()
