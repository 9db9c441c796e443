"""Build and serve the handbook with MkDocs (the dak-generate plugin renders the pages first).

Both go through MkDocs' own command line, so logging, strict mode and live reload behave exactly as
`mkdocs build` / `mkdocs serve` do.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mkdocs.__main__ import cli

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "mkdocs.yml"
DOCS_DIR = ROOT / "build" / "docs"


def _mkdocs(*args: str) -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's banner is noise in our output
    DOCS_DIR.mkdir(parents=True, exist_ok=True)  # MkDocs checks docs_dir before plugins can fill it
    cli.main(args=[*args, "--config-file", str(CONFIG)], prog_name="mkdocs", standalone_mode=False)


@contextmanager
def _environment(values: dict[str, str]) -> Iterator[None]:
    """The environment variables `values` (which mkdocs.yml reads with !ENV) for the duration."""
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def build_site(
    *,
    strict: bool = True,
    site_dir: Path | None = None,
    site_url: str | None = None,
    test_pages: bool = False,
) -> int:
    """Build both languages into site/ (or `site_dir`), for the address `site_url` if given (else the
    SITE_URL environment variable's, as mkdocs.yml reads it); return the number of HTML pages.
    `test_pages`: also the hidden runtime pages the browser tests and benchmarks visit (_dak/), which
    the published site does not carry."""
    target = site_dir or ROOT / "site"
    values = {"DAK_TEST_PAGES": "true" if test_pages else "false"}
    if site_url is not None:
        values["SITE_URL"] = site_url
    with _environment(values):
        _mkdocs("build", *(["--strict"] if strict else []), "--site-dir", str(target))
    return sum(1 for _ in target.rglob("*.html"))


def serve_site(*, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve at http://host:port with live reload on changes to content/, rules/ and site_build/."""
    _mkdocs("serve", "--dev-addr", f"{host}:{port}", "--livereload")
