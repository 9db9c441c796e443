"""Build and serve the handbook with MkDocs (the dak-generate plugin renders the pages first).

Both go through MkDocs' own command line, so logging, strict mode and live reload behave exactly as
`mkdocs build` / `mkdocs serve` do.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.__main__ import cli

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "mkdocs.yml"
DOCS_DIR = ROOT / "build" / "docs"


def _mkdocs(*args: str) -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's banner is noise in our output
    DOCS_DIR.mkdir(parents=True, exist_ok=True)  # MkDocs checks docs_dir before plugins can fill it
    cli.main(args=[*args, "--config-file", str(CONFIG)], prog_name="mkdocs", standalone_mode=False)


def build_site(*, strict: bool = True, site_dir: Path | None = None, site_url: str | None = None) -> int:
    """Build both languages into site/ (or `site_dir`), for the address `site_url` if given (else the
    SITE_URL environment variable's, as mkdocs.yml reads it); return the number of HTML pages."""
    target = site_dir or ROOT / "site"
    saved = os.environ.get("SITE_URL")
    if site_url is not None:
        os.environ["SITE_URL"] = site_url
    try:
        _mkdocs("build", *(["--strict"] if strict else []), "--site-dir", str(target))
    finally:
        if saved is None:
            os.environ.pop("SITE_URL", None)
        else:
            os.environ["SITE_URL"] = saved
    return sum(1 for _ in target.rglob("*.html"))


def serve_site(*, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve at http://host:port with live reload on changes to content/, rules/ and site_build/."""
    _mkdocs("serve", "--dev-addr", f"{host}:{port}", "--livereload")
