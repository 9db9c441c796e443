import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The handbook built once per test run (strict, both languages, with the search index), shared by
    the checks of the built files and the browser tests."""
    from dev.local_pages import SITE_URL
    from site_build.site import build_site

    target = tmp_path_factory.mktemp("site")
    build_site(strict=True, site_dir=target, site_url=SITE_URL, test_pages=True)
    return target
