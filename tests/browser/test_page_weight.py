"""The page-weight budget (readers pay for every byte on slow metered links): every page without a
validator, in both languages, weighs at most 300 KB compressed (HTML + CSS + JS, everything the visit
requested) and loads no Pyodide.

The pages are found in the built site, not listed here, so a page added later is held to the budget
too. The figure itself is printed by `make bench` (dev/page_weight.py measures both).
"""

from __future__ import annotations

import pytest

from dev.page_weight import BUDGET_WITHOUT_VALIDATOR, page_weight, pages_without_validator, site_file


def test_every_language_has_pages_without_a_validator(site):
    pages = pages_without_validator(site)
    assert "" in pages and "en/" in pages and "glosarium/" in pages and "en/glosarium/" in pages, pages
    assert not [p for p in pages if p.startswith(("periksa-", "en/periksa-"))], "a validator page lost it"


def test_pages_without_a_validator_keep_the_budget_and_load_no_pyodide(page, served, site):
    pages = pages_without_validator(site)
    requested: list[str] = []
    page.on("requestfinished", lambda request: requested.append(request.url))
    over: list[str] = []
    for path in pages:
        requested.clear()
        page.goto(served.url(path))
        page.wait_for_load_state("networkidle")
        runtime = [url for url in requested if "/pyodide/" in url or url.endswith("/worker.js")]
        assert not runtime, f"{path or '/'} has no validator but requested its runtime: {runtime}"
        assert not page.workers, f"{path or '/'} started a worker"
        weight = page_weight(site, served.base, path, list(requested))
        assert weight.files, f"{path or '/'}: no request was matched to a built file"
        if weight.code > BUDGET_WITHOUT_VALIDATOR:
            over.append(weight.summary())
    assert not over, f"over {BUDGET_WITHOUT_VALIDATOR / 1000:.0f} KB compressed: {over}"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("", "index.html"),
        ("en/glosarium/", "en/glosarium/index.html"),
        ("assets/handbook.css?v=1", "assets/handbook.css"),
        ("no-such-page/", None),
    ],
)
def test_urls_map_to_built_files(site, url, expected):
    base = "http://127.0.0.1:1/handbook/"
    found = site_file(site, base, base + url)
    assert (found.relative_to(site).as_posix() if found else None) == expected
    assert site_file(site, base, "http://elsewhere.example/handbook/index.html") is None
