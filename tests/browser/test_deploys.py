"""Offline on purpose, and caches that never go stale (headless Chromium against the built site).

- "Prepare for offline use" on the home page keeps every page of both languages, the search and the
  checkers' runtime: afterwards, with the network off, the search answers in both languages, the
  English pages open and a checker answers.
- A new deploy: the site is built a second time with one rule value changed (in a copy of the
  repository), and served at the same address in place of the first build. A reader who used the
  first build's checker reloads once and gets the new value in both the page and the checker's
  verdict, and only the new build's caches remain.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_search import home, result_paths, search

from dev.local_pages import SITE_URL, SUB_PATH, serve, wait_for_async
from docs_plugins.pyodide.browser import read_runtime

ROOT = Path(__file__).resolve().parents[2]
ENGINE_TIMEOUT = 180_000
ACTIVITY = "kegiatan/pelatihan-manajemen-wirausaha/"
# The changed value: the most participants of this activity in 2023, 30 in the regulation.
RULE_FILE = "rules/participants.yml"
ORIGINAL = """      - activities: [pelatihan-manajemen-wirausaha]
        "2022":
          params: {min: 20, max: 30}
          levels: {below: needs_statement, above: error}
"""
YEAR_2023 = """        "2023":
          params: {min: 20, max: 30}"""


def _build_id(site: Path) -> str:
    return read_runtime(site)["build"]


def _caches(page) -> list[str]:
    return sorted(page.evaluate("() => caches.keys()"))


def _wait_for_caches(page, expected: set[str]) -> None:
    """Until the origin's caches are exactly `expected`."""
    wait_for_async(
        page,
        "async (expected) => JSON.stringify((await caches.keys()).sort()) === JSON.stringify(expected)",
        sorted(expected),
        timeout=ENGINE_TIMEOUT,
    )


def test_prepare_for_offline_use_keeps_both_languages_the_search_and_the_checkers(new_context, served):
    context = new_context()
    page = context.new_page()
    page.goto(served.url())
    panel = page.locator(".dak-offline")
    panel.get_by_role("button", name="Siapkan untuk luring").click()
    page.wait_for_selector(".dak-offline-done", timeout=ENGINE_TIMEOUT)
    assert panel.locator(".dak-offline-status").inner_text().startswith("Siap luring")
    context.set_offline(True)
    try:
        for lang, query, expected in (
            ("id", "sertifikasi halal", "kegiatan/sertifikat-halal"),
            ("en", "halal certificate", "en/kegiatan/sertifikat-halal"),
        ):
            page.goto(home(served, lang))
            search(page, query)
            assert expected in result_paths(page, served)[:3], (lang, result_paths(page, served))
        english = page.goto(served.url("en/kegiatan/"))
        assert english is not None and english.ok and english.from_service_worker
        page.goto(served.url("en/" + ACTIVITY))
        page.locator(".dak-validator").get_by_label("Number of participants", exact=True).fill("40")
        page.locator(".dak-validator form button[type=submit]").click()
        page.wait_for_selector(".dak-results .dak-years", timeout=ENGINE_TIMEOUT)
        assert "more than the maximum of 30" in page.locator(".dak-results").inner_text()
    finally:
        context.set_offline(False)


@pytest.fixture(scope="module")
def second_build(site: Path, tmp_path_factory) -> Path:
    """The site built from a copy of the repository in which one rule value differs (max 30 -> 37)."""
    copy = tmp_path_factory.mktemp("repo") / "repo"
    ignored = shutil.ignore_patterns(
        ".venv", "node_modules", "site", "build", ".cache", ".git", "__pycache__"
    )
    shutil.copytree(ROOT, copy, ignore=ignored)
    for shared in ("node_modules", ".cache"):
        if (ROOT / shared).exists():
            (copy / shared).symlink_to(ROOT / shared)
    rules = (copy / RULE_FILE).read_text(encoding="utf-8")
    start = rules.index(ORIGINAL) + len(ORIGINAL)
    at = rules.index(YEAR_2023, start)
    rules = rules[:at] + YEAR_2023.replace("max: 30", "max: 37") + rules[at + len(YEAR_2023) :]
    (copy / RULE_FILE).write_text(rules, encoding="utf-8")
    target = copy / "site"
    script = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "from site_build.cli import main; sys.argv = ['handbook', 'compile-rules']; main()\n"
    )
    env = {**os.environ, "PYTHONPATH": str(copy)}
    for command in (
        [sys.executable, "-c", script, str(copy)],
        [
            sys.executable,
            "-c",
            "import sys; sys.path.insert(0, sys.argv[1]); from site_build.site import build_site;"
            "build_site(strict=True, site_dir=__import__('pathlib').Path(sys.argv[2]), site_url=sys.argv[3])",
            str(copy),
            str(target),
            SITE_URL,
        ],
    ):
        result = subprocess.run(command, cwd=copy, env=env, capture_output=True, text=True, timeout=900)
        assert result.returncode == 0, result.stderr[-4000:]
    assert _build_id(target) != _build_id(site)
    return target


def _verdict(page, participants: str) -> str:
    page.locator(".dak-validator").get_by_label("Jumlah peserta", exact=True).fill(participants)
    page.locator(".dak-validator form button[type=submit]").click()
    page.wait_for_selector(".dak-results .dak-years", timeout=ENGINE_TIMEOUT)
    return page.locator(".dak-results").inner_text()


def test_a_new_deploy_replaces_the_runtime_the_rules_and_the_caches(browser, site, second_build, tmp_path):
    live = tmp_path / "live"
    shutil.copytree(site, live)
    first, second = _build_id(site), _build_id(second_build)
    with serve(live) as origin:
        context = browser.new_context()
        try:
            page = context.new_page()
            page.set_default_timeout(ENGINE_TIMEOUT)
            url = origin + SUB_PATH + ACTIVITY
            page.goto(url)
            values = page.locator("article").inner_text()
            assert "20–30" in values and "20–37" not in values  # the rule values, in the page's table
            assert "lebih dari jumlah maksimum 30" in _verdict(page, "40")
            # The first build's service worker in charge, with its caches: the runtime and the pages,
            # and the memory snapshot of its interpreter.
            page.wait_for_function("() => navigator.serviceWorker.controller !== null")
            _wait_for_caches(page, {f"dak-{first}", f"pyodide-snapshot-{first}"})

            # The deploy: the second build replaces the first at the same address.
            shutil.rmtree(live)
            shutil.copytree(second_build, live)
            page.reload()
            assert "20–37" in page.locator("article").inner_text()
            assert "lebih dari jumlah maksimum 37" in _verdict(page, "40")
            # The new build takes over and clears every cache of the old one; the page's snapshot is
            # made in the new build's cache once it is in charge.
            _wait_for_caches(page, {f"dak-{second}", f"pyodide-snapshot-{second}"})
            # Nothing of the old build comes back: not on the next page served either.
            page.reload()
            assert "lebih dari jumlah maksimum 37" in _verdict(page, "40")
            assert _caches(page) == sorted({f"dak-{second}", f"pyodide-snapshot-{second}"})
        finally:
            context.close()
