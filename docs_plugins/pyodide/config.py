from mkdocs.config import config_options as opt
from mkdocs.config.base import Config

# What the browser needs of the npm `pyodide` package: the loader, the interpreter and the standard
# library. The package's pyodide-lock.json is not copied as is: the site's own lock file (made from its
# `info`) lists the dakcore wheel and nothing the site does not host.
RUNTIME_FILES = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip"]


class PyodideConfig(Config):
    """`dak-pyodide`: self-host the Pyodide runtime and dakcore's wheel in the built site."""

    enabled = opt.Type(bool, default=True)
    # The npm `pyodide` package (package.json pins it; dev/bootstrap.sh installs it with `npm ci`).
    # Default: node_modules/pyodide beside mkdocs.yml.
    runtime_dir = opt.Optional(opt.Dir(exists=True))
    # The runtime files copied from runtime_dir into the site.
    runtime_files = opt.ListOfItems(opt.Type(str), default=RUNTIME_FILES)
    # The folder inside site_dir; the runtime goes into <output_subdir>/<Pyodide version>/.
    output_subdir = opt.Type(str, default="pyodide")
    # The Python package built into the wheel (a folder beside mkdocs.yml, with its data files).
    package = opt.Type(str, default="dakcore")
    # Data files of the package that go into the wheel besides its modules.
    package_data = opt.ListOfItems(opt.Type(str), default=["data/rules.json"])
    # Ship the standard library cut down to what Pyodide's start-up and dakcore import, precompiled
    # (docs_plugins/pyodide/stdlib.py); off: the npm package's whole python_stdlib.zip.
    trim_stdlib = opt.Type(bool, default=True)
    # Python scripts run under Pyodide, after the dakcore probe, to find the modules an extra package
    # imports (paths relative to mkdocs.yml); one line here per package that the site loads.
    stdlib_probes = opt.ListOfItems(opt.File(exists=True), default=[])
    # Pure-Python wheels of PyPI packages the site hosts beside dakcore's, for the worker to load on
    # demand (openpyxl, when a reader opens or saves a workbook), in the versions and with the hashes
    # of `wheels_lock`, downloaded once into `wheels_cache` (docs_plugins/pyodide/wheels.py).
    wheels = opt.ListOfItems(opt.Type(str), default=[])
    # Probes run after those wheels are loaded: the standard-library modules only they add go into a
    # second zip, which the worker fetches with them (never with the first download).
    wheels_probes = opt.ListOfItems(opt.File(exists=True), default=[])
    wheels_lock = opt.Type(str, default="requirements.lock")
    wheels_cache = opt.Type(str, default=".cache/dak-wheels")
    # Where built standard libraries and lock files are kept between builds (relative to mkdocs.yml).
    cache_dir = opt.Type(str, default=".cache/dak-stdlib")
    # The service worker (docs_plugins/pyodide/assets/sw.js) at the site root, so that its scope is the
    # whole site.
    service_worker = opt.Type(bool, default=True)
    # The hidden runtime test page and the bare-Pyodide floor page in _dak/: for the builds of the
    # tests and the benchmarks only, not for a published site.
    test_pages = opt.Type(bool, default=False)
