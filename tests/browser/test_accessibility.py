"""Accessibility of the built site, in headless Chromium: axe-core finds no serious or critical violation
on any kind of page in either language, the validators included before and after they show a result;
every validator works with the keyboard alone; and a result is announced in a live region.

axe-core comes from npm (package.json, pinned; dev/bootstrap.sh installs it) and is put into each
page with `page.evaluate`, never as a <script> of the page: the site's Content-Security-Policy allows
only its own scripts, and the DevTools protocol that `evaluate` uses is not subject to it.

Nothing is excluded from axe's rules. Should a third party's markup (Material, Pagefind UI) ever need
an exclusion, it must be one selector for one rule, explained where it is written.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from test_validators import (
    ENGINE_TIMEOUT,
    LANGS,
    PREFIX,
    ROSTER,
    check_the_example_plan,
    engine_findings,
    engine_rows,
    open_validator,
    roster_rows,
    shown_findings,
    submit,
)

from dakcore.api import call

AXE_SOURCE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.1 A and AA, and axe's best practices (landmarks, headings, unique names).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
BLOCKING = ("serious", "critical")

# One page of every kind a reader reaches, by the path under a language's root; pages of one kind come
# from one template. The activity pages and the checker pages have a validator: they are checked in
# each of the validator's states below.
PAGES = {
    "home": "",
    "reading view 2022": "peraturan/permenperin-5-2022/",
    "reading view 2023": "peraturan/permenperin-7-2023/",
    "activity list": "kegiatan/",
    "key facts of all activities": "kegiatan/fakta-kunci/",
    "what changed": "perubahan/",
    "glossary": "glosarium/",
    "sources": "sumber/",
    "open data": "data/",
    "reports": "laporan/",  # with a plan's skeleton shown too: tests/browser/test_report_page.py
}
ACTIVITY = "pelatihan-teknis-produksi"
VALIDATOR_PAGES = {
    "activity": f"kegiatan/{ACTIVITY}/",
    "plan": "periksa-rencana/",
    "roster": "periksa-peserta/",
    "deadlines": "batas-waktu/",
    "eligibility": "kelayakan/",
}
# The not-found page exists once, in the default language.
NOT_FOUND = "404.html"


# --- axe ---------------------------------------------------------------------------------------------


@functools.cache
def axe_source() -> str:
    if not AXE_SOURCE.exists():
        pytest.fail(f"{AXE_SOURCE} is missing: dev/bootstrap.sh installs axe-core from package-lock.json")
    return AXE_SOURCE.read_text(encoding="utf-8")


def axe_violations(page) -> list[dict]:
    """axe's violations of the page once it has settled, of every impact, with what a fix needs to
    know. Finite animations and transitions are let finish first: mid-fade (Material's back-to-top
    button appearing after a scroll) colours are blended with the background, and contrast would be
    measured on a frame no reader stops at."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(axe_source())
    page.evaluate(
        """() => Promise.all(document.getAnimations()
            .filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
            .map(a => a.finished.catch(() => null)))"""
    )
    return page.evaluate(
        """tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
            .then(result => result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, url: v.helpUrl,
                nodes: v.nodes.map(n => ({target: n.target, html: n.html, why: n.failureSummary})),
            })))""",
        AXE_TAGS,
    )


def blocking(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v["impact"] in BLOCKING]


def report(where: str, violations: list[dict]) -> str:
    """A failure message to act on: each rule, its impact and help, and the offending elements."""
    lines = [f"{where}: {len(violations)} serious or critical axe violation(s)"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} <{violation['url']}>")
        for node in violation["nodes"][:8]:
            lines.append(f"    at {' '.join(map(str, node['target']))}: {node['html'][:240]}")
            lines.extend(f"      {line}" for line in (node["why"] or "").splitlines()[:4])
        if len(violation["nodes"]) > 8:
            lines.append(f"    ... and {len(violation['nodes']) - 8} more")
    return "\n".join(lines)


def assert_accessible(page, where: str) -> None:
    found = blocking(axe_violations(page))
    assert not found, report(where, found)


# --- every kind of page, both languages --------------------------------------------------------------


@pytest.mark.parametrize("kind", PAGES)
@pytest.mark.parametrize("lang", LANGS)
def test_page_kind_has_no_serious_violations(page, served, lang, kind):
    page.goto(served.url(PREFIX[lang] + PAGES[kind]))
    page.wait_for_selector("#dak-search input")  # the header's search field is there (Pagefind UI)
    assert_accessible(page, f"{kind} ({lang})")


def test_not_found_page_has_no_serious_violations(page, served):
    """GitHub Pages answers an address with nothing behind it with 404.html, whose links start from the
    site's path (site_url): the local server does the same."""
    response = page.goto(served.url("tidak-ada/"))
    assert response.status == 404
    assert page.locator("#__search").is_hidden(), "Material's styles are applied"
    assert_accessible(page, "not found (id)")


def test_english_not_found_page_has_no_serious_violations(page, served):
    page.goto(served.url("en/" + NOT_FOUND))
    page.wait_for_selector("#dak-search input")
    assert_accessible(page, "not found (en)")


@pytest.mark.parametrize("lang", LANGS)
def test_search_with_its_results_shown_has_no_serious_violations(page, served, lang):
    page.goto(served.url(PREFIX[lang]))
    page.wait_for_selector("#dak-search input")
    page.keyboard.press("/")  # to the search field, as in Material (dak-search.js)
    page.keyboard.press("Tab")
    assert not page.evaluate("document.activeElement.matches('.pagefind-ui__search-clear')"), (
        "with nothing typed, Tab passes over the clear button nobody can see"
    )
    page.keyboard.press("/")
    page.keyboard.type("honorarium")
    page.wait_for_selector("#dak-search .pagefind-ui__result")
    assert_accessible(page, f"search results ({lang})")


def page_kind(path: str) -> str:
    """The kind of a built page, by its path in the site: "en/kegiatan/promosi-ekspor/index.html" is an
    activity page."""
    if path in (NOT_FOUND, "en/" + NOT_FOUND):
        return "not found"
    folder = path.removeprefix("en/").removesuffix("index.html")
    if folder.startswith("_dak/"):
        return "runtime test page"  # docs_plugins/pyodide's pages for test_runtime.py; no link leads there
    for kind, kind_path in (PAGES | VALIDATOR_PAGES).items():
        if folder == kind_path:
            return kind
    if folder.startswith("peraturan/"):
        return "reading view"  # a further regulation: the reading views' template, checked above
    if folder.startswith("kegiatan/"):
        return "activity"  # every activity page has the activity page's template and validator
    return "unknown"


def test_every_built_page_is_of_a_kind_checked_here(site):
    """A new kind of page (a new template) must join PAGES or VALIDATOR_PAGES to be checked at all."""
    kinds: dict[str, list[str]] = {}
    for file in site.rglob("*.html"):
        path = file.relative_to(site).as_posix()
        kinds.setdefault(page_kind(path), []).append(path)
    assert "unknown" not in kinds, f"pages of no kind checked here: {sorted(kinds['unknown'])}"
    for kind, path in (PAGES | VALIDATOR_PAGES).items():
        for lang in LANGS:
            assert f"{PREFIX[lang]}{path}index.html" in kinds.get(kind, []), f"{kind} ({lang}) is not built"
    assert len(kinds["activity"]) > 2 * 10, "the activity pages of both languages"


# --- the validators: before, with an input problem, and with a result --------------------------------


def activity_problem(page, lang, tmp_path) -> None:
    submit(page)  # nothing entered
    page.wait_for_selector(".dak-messages .dak-message-problem")


def activity_result(page, lang, tmp_path) -> None:
    form = page.locator(".dak-validator")
    form.get_by_label("Jumlah peserta" if lang == "id" else "Number of participants", exact=True).fill("25")
    form.get_by_label("Jam pelajaran (JPL)" if lang == "id" else "Lesson hours (JPL)").fill("50")
    submit(page)
    page.wait_for_selector(".dak-results .dak-years")
    page.eval_on_selector_all(".dak-results details", "els => els.forEach(e => (e.open = true))")


def plan_result(page, lang, tmp_path) -> None:
    check_the_example_plan(page, lang)
    page.eval_on_selector_all(".dak-results details", "els => els.forEach(e => (e.open = true))")


def roster_problem(page, lang, tmp_path) -> None:
    submit(page)  # no file chosen
    page.wait_for_selector(".dak-validator input[type=file][aria-invalid=true]")


def roster_result(page, lang, tmp_path) -> None:
    path = tmp_path / "peserta.csv"
    path.write_bytes(ROSTER.encode("utf-8"))
    form = page.locator(".dak-validator")
    form.get_by_label("Kegiatan" if lang == "id" else "Activity", exact=True).select_option(ACTIVITY)
    form.locator("input[type=file]").set_input_files(str(path))
    submit(page)
    page.wait_for_selector(".dak-roster-table table")


def deadlines_result(page, lang, tmp_path) -> None:
    page.wait_for_selector(".dak-results [data-year]")  # answered at once for the latest year


def eligibility_problem(page, lang, tmp_path) -> None:
    submit(page)  # nothing answered
    page.wait_for_selector(".dak-messages .dak-message-problem")


def eligibility_result(page, lang, tmp_path) -> None:
    yes, no = ("ya", "tidak") if lang == "id" else ("yes", "no")
    questions = page.locator(".dak-question")
    for index in range(questions.count()):
        # The first criterion not met and the others met: the result shows both marks.
        questions.nth(index).get_by_label(no if index == 0 else yes, exact=True).check()
    submit(page)
    page.wait_for_selector(".dak-verdict")


VALIDATOR_STATES = {  # what brings each validator from its empty form to each further state, in order
    "activity": {"input problem": activity_problem, "result": activity_result},
    "plan": {"result": plan_result},
    "roster": {"input problem": roster_problem, "result": roster_result},
    "deadlines": {"result": deadlines_result},
    "eligibility": {"input problem": eligibility_problem, "result": eligibility_result},
}


@pytest.mark.parametrize("validator", VALIDATOR_PAGES)
@pytest.mark.parametrize("lang", LANGS)
def test_validator_has_no_serious_violations_before_and_after_a_result(
    page, served, lang, validator, tmp_path
):
    page.set_default_timeout(ENGINE_TIMEOUT)
    open_validator(page, served, PREFIX[lang] + VALIDATOR_PAGES[validator])
    assert_accessible(page, f"{validator} ({lang}), before")
    for state, reach in VALIDATOR_STATES[validator].items():
        reach(page, lang, tmp_path)
        assert_accessible(page, f"{validator} ({lang}), {state}")
    assert page.locator(".dak-results").inner_text().strip(), "the last state shows a result"


# --- the keyboard alone, and the result announced ----------------------------------------------------
# After the page has loaded, these tests only press keys (set_input_files stands in for the system's
# file picker, which is not part of the page). What they read back is observation only.

# The focused element: its tag, and its accessible name as a screen reader gets it for a form control
# (aria-labelledby, aria-label, its <label>, or a button's words), and whether it is in the validator.
FOCUSED = """() => {
  const e = document.activeElement;
  const text = (ids) => ids.split(/\\s+/).map((id) => document.getElementById(id)?.textContent || '').join(' ');
  const name = (e.getAttribute('aria-labelledby') && text(e.getAttribute('aria-labelledby')))
    || e.getAttribute('aria-label')
    || [...(e.labels || [])].map((label) => label.textContent).join(' ')
    || (['BUTTON', 'A', 'SUMMARY'].includes(e.tagName) ? e.textContent : '');
  return {tag: e.tagName.toLowerCase(), type: e.type || '', name: name.trim(),
          inValidator: !!e.closest('.dak-validator')};
}"""


def tab_to(page, target, limit: int = 300) -> list[dict]:
    """Press Tab until `target` (a locator) has the focus; returns the stops on the way, target last.
    Every stop inside the validator must have a name: a control without one is a blank to the reader
    of a screen reader."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stops.append(page.evaluate(FOCUSED))
        if target.evaluate("e => e === document.activeElement"):
            unnamed = [stop for stop in stops if stop["inValidator"] and not stop["name"]]
            assert not unnamed, f"controls without an accessible name: {unnamed}"
            return stops
    raise AssertionError(f"Tab never reached {target} in {limit} presses; the last stops: {stops[-8:]}")


def choose_with_arrows(page, select, value: str, limit: int = 80) -> None:
    """Move a focused, closed <select> to `value` with the arrow keys, as a keyboard user does."""
    for _ in range(limit):
        if select.input_value() == value:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"{value!r} not reached with ArrowDown; the select holds {select.input_value()!r}")


def live_region(page):
    """The validator's live region, as it is before any result: it must be in the page, empty, before
    the result arrives, or a screen reader does not announce what is put in it."""
    region = page.locator(".dak-validator .dak-messages")
    assert region.get_attribute("aria-live") == "polite"
    assert region.get_attribute("role") == "status"
    assert region.inner_text().strip() == ""
    return region.element_handle()


def announced(region) -> str:
    """What the live region says now, and proof that it is still the very element that was there."""
    connected, live, text = region.evaluate(
        "e => [e.isConnected, e.getAttribute('aria-live'), e.textContent]"
    )
    assert connected and live == "polite", "the live region was replaced instead of receiving the result"
    return text


def test_activity_checker_with_the_keyboard_alone(page, served):
    page.set_default_timeout(ENGINE_TIMEOUT)
    open_validator(page, served, VALIDATOR_PAGES["activity"])
    form = page.locator(".dak-validator")
    region = live_region(page)

    stops = tab_to(page, form.get_by_label("Jumlah peserta", exact=True))
    assert not any(stop["inValidator"] for stop in stops[:-1]), (
        f"the first stop in the form is its first field: {stops[-6:]}"
    )
    page.keyboard.type("25")
    page.keyboard.press("Tab")  # focus moves on to the next field
    assert page.evaluate(FOCUSED)["name"] == "Umur peserta (tahun, dipisah koma)"
    page.keyboard.type("19, 23, 31, 44, 52")
    tab_to(page, form.get_by_label("Jam pelajaran (JPL)"))
    page.keyboard.type("50")
    stops = tab_to(page, form.get_by_role("button", name="Periksa", exact=True))
    assert stops[-1] == {"tag": "button", "type": "submit", "name": "Periksa", "inValidator": True}
    page.keyboard.press("Enter")

    page.wait_for_selector(".dak-results .dak-years")
    plan = {"activity": ACTIVITY, "participants": 25, "participant_ages": [19, 23, 31, 44, 52], "jpl": 50}
    expected = call(
        "validate", {"plan": {"format": "dak-plan/1", "year": 2023, "activities": [plan]}, "years": "both"}
    )
    assert shown_findings(page) == engine_findings(expected["result"])
    said = announced(region)
    assert said.startswith("Hasil pemeriksaan: 2022: ") and "; 2023: " in said, said


def test_plan_checker_with_the_keyboard_alone(page, served):
    page.set_default_timeout(ENGINE_TIMEOUT)
    open_validator(page, served, VALIDATOR_PAGES["plan"])
    form = page.locator(".dak-validator")
    region = live_region(page)

    activity = form.locator(".dak-activity").first.get_by_label("Rincian kegiatan (katalog)")
    tab_to(page, activity)
    choose_with_arrows(page, activity, ACTIVITY)  # the activity's own fields appear under it
    tab_to(page, form.locator(".dak-activity").first.get_by_label("Jumlah peserta", exact=True))
    page.keyboard.type("25")
    tab_to(page, form.get_by_role("button", name="Periksa", exact=True))
    page.keyboard.press("Space")

    page.wait_for_selector(".dak-results .dak-activity-result")
    plan = {"format": "dak-plan/1", "year": 2023, "activities": [{"activity": ACTIVITY, "participants": 25}]}
    expected = call("validate", {"plan": plan})
    assert shown_findings(page) == engine_findings(expected["result"])
    said = announced(region)
    assert said.startswith("Hasil pemeriksaan: 2023: "), said


def test_participant_list_with_the_keyboard_alone(page, served, tmp_path):
    page.set_default_timeout(ENGINE_TIMEOUT)
    path = tmp_path / "peserta.csv"
    path.write_bytes(ROSTER.encode("utf-8"))
    open_validator(page, served, VALIDATOR_PAGES["roster"])
    form = page.locator(".dak-validator")
    region = live_region(page)

    picker = form.locator("input[type=file]")
    stops = tab_to(page, picker)
    assert stops[-1] == {
        "tag": "input",
        "type": "file",
        "name": "Berkas daftar peserta (CSV atau Excel .xlsx)",
        "inValidator": True,
    }
    picker.set_input_files(str(path))  # what the system's file dialog would do
    activity = form.get_by_label("Kegiatan", exact=True)
    tab_to(page, activity)
    choose_with_arrows(page, activity, ACTIVITY)
    tab_to(page, form.get_by_role("button", name="Periksa", exact=True))
    page.keyboard.press("Space")

    page.wait_for_selector(".dak-roster-table table")
    on = form.get_by_label("Umur dihitung pada tanggal").input_value()  # today, as the form had it
    result = call("roster", {"csv": path.read_bytes(), "activity": ACTIVITY, "year": 2023, "on": on})[
        "result"
    ]
    assert roster_rows(page) == engine_rows(result)
    said = announced(region)
    assert said.startswith(f"{result['rows']} baris dibaca, {result['rows_with_findings']} dengan temuan"), (
        said
    )


def test_deadlines_with_the_keyboard_alone(page, served, tmp_path):
    page.set_default_timeout(ENGINE_TIMEOUT)
    open_validator(page, served, VALIDATOR_PAGES["deadlines"])
    form = page.locator(".dak-validator")
    region = page.locator(".dak-validator .dak-messages").element_handle()
    page.wait_for_selector(".dak-results [data-year='2023']")  # the latest year, answered at once

    year = form.get_by_label("Tahun anggaran")
    tab_to(page, year)
    page.keyboard.press("ArrowUp")  # 2023 -> 2022: the page's list of 2022 is marked at once
    page.wait_for_selector(".dak-results [data-year='2022']")
    assert page.locator("ol.dak-deadlines.dak-chosen").get_attribute("data-year") == "2022"
    expected = call("deadlines", {"year": 2022, "lang": "id"})["result"]
    assert announced(region) == f"{len(expected['deadlines'])} batas waktu tahun 2022."
    tab_to(page, form.get_by_role("button", name="Unduh kalender (.ics)"))
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    calendar = tmp_path / "2022.ics"
    download.value.save_as(calendar)
    assert calendar.read_bytes().decode("utf-8") == expected["ics"]


def test_eligibility_with_the_keyboard_alone(page, served):
    page.set_default_timeout(ENGINE_TIMEOUT)
    open_validator(page, served, VALIDATOR_PAGES["eligibility"])
    form = page.locator(".dak-validator")
    region = live_region(page)
    questions = form.locator(".dak-question")
    ids = [questions.nth(i).get_attribute("data-criterion") for i in range(questions.count())]

    # Tab enters each question at its chosen answer ("belum tahu"); the arrow keys choose within it.
    tab_to(page, questions.first.get_by_label("belum tahu"))
    for index in range(len(ids)):
        if index:
            page.keyboard.press("Tab")
            assert page.evaluate(FOCUSED)["name"] == "belum tahu", f"question {index + 1}"
        page.keyboard.press("ArrowUp")
        page.keyboard.press("ArrowUp")
        assert questions.nth(index).get_by_label("ya", exact=True).is_checked()
    stops = tab_to(page, form.get_by_role("button", name="Periksa", exact=True))
    assert len(stops) == 1, "the button follows the last question"
    page.keyboard.press("Enter")

    page.wait_for_selector(".dak-verdict")
    expected = call("eligibility", {"year": 2023, "answers": dict.fromkeys(ids, "ya")})["result"]
    assert expected["eligible"]
    said = announced(region)
    assert (
        said
        == page.locator(".dak-verdict").inner_text()
        == "✓ Memenuhi semua kriteria daerah penerima tahun 2023."
    )
