"""Security and privacy of the built site, in headless Chromium under the policy each page declares.

- Every page carries a strict Content-Security-Policy (docs_plugins/csp) and nothing the reader does
  runs into it: every page of both languages is loaded, and every kind of page is used (the
  validators run to a result, a search shows results, a glossary tip opens, a citation is copied),
  with each `securitypolicyviolation` recorded (tests/browser/conftest.py's CSP_RECORDER) and each
  console message about the policy.
- No request leaves the site's origin, from any page, and none of the site's own requests fails; no
  link leaves the sub-path the site is served under.
- Text from the reader's files and from the content is shown as text, never run, in every validator:
  a payload "runs" if a dialog opens, if the flag it sets becomes true, or if an element it describes
  exists in the page. Where a validator echoes the text, it appears literally.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from html import escape, unescape
from pathlib import Path

import pytest
from test_validators import HOSTILE, fill_field, open_validator, submit

from dakcore.api import call

LANGS = ("id", "en")
PREFIX = {"id": "", "en": "en/"}
POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')
INLINE_HASH = re.compile(r"'sha256-[A-Za-z0-9+/]{43}='")


def site_pages(root: Path, lang: str) -> list[str]:
    """Every HTML page of one language as a URL path below the site's root (`kegiatan/x/`)."""
    base = root / PREFIX[lang]
    pages = []
    for path in sorted(base.rglob("*.html")):
        relative = path.relative_to(root).as_posix()
        if lang == "id" and relative.startswith("en/"):
            continue
        pages.append(relative.removesuffix("index.html"))
    return pages


@dataclass
class Watch:
    """What the pages of one browser context did that they must not."""

    origin: str
    violations: list[dict] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def attach(self, page) -> None:
        def console(message) -> None:
            if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
                location = message.location or {}
                self.console.append(
                    f"{page.url}: {message.text} ({location.get('url', '?')}:{location.get('lineNumber')})"
                )

        def response(response) -> None:
            if response.url.startswith(self.origin + "/") and response.status >= 400:
                self.failed.append(f"{response.status} {response.url} (from {page.url})")

        def request_failed(request) -> None:
            # A request cut short by the next navigation is no failure of the site.
            if request.url.startswith(self.origin + "/") and "ERR_ABORTED" not in (request.failure or ""):
                self.failed.append(f"{request.failure} {request.url} (from {page.url})")

        page.on("console", console)
        page.on("response", response)
        page.on("requestfailed", request_failed)

    def collect(self, page) -> None:
        """The violations the page recorded so far (call before leaving it: they live in the page)."""
        self.violations += page.evaluate("window.__cspViolations || []")
        page.evaluate("window.__cspViolations && (window.__cspViolations.length = 0)")

    def assert_clean(self) -> None:
        lines = [
            f"{v['page']}: {v['directive']} blocked {v['blocked'] or '(inline)'} at {v['source']}"
            + (f" sample {v['sample']!r}" if v.get("sample") else "")
            for v in self.violations
        ]
        assert not lines and not self.console, (
            "Content-Security-Policy violations (fix the page, or the policy in docs_plugins/csp/config.py):\n"
            + "\n".join(lines + self.console)
        )
        assert not self.failed, "the site's own requests that failed:\n" + "\n".join(self.failed)


@pytest.fixture
def watched(new_context, served):
    """A guarded page of its own context, watched; clean at the end or the test fails."""
    context = new_context()
    page = context.new_page()
    page.set_default_timeout(120_000)  # Pyodide's first start on a busy machine
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    watch = Watch(served.origin)
    watch.attach(page)
    foreign_before = len(served.foreign_requests)
    yield page, watch
    watch.collect(page)
    watch.assert_clean()
    assert not errors, f"JavaScript errors on the page: {errors}"
    assert served.foreign_requests[foreign_before:] == []


# --- the policy as built -------------------------------------------------------------------------


def test_every_page_declares_the_policy_first_in_its_head(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 50
    for path in pages:
        html = path.read_text(encoding="utf-8")
        policies = POLICY.findall(html)
        assert len(policies) == 1, path
        head = html[html.index("<head") : html.index("</head>")]
        # Right after <meta charset>: no script, style or link comes before it.
        assert not re.search(r"<(script|style|link)\b", head[: head.index("Content-Security-Policy")]), path
        directives = dict(d.split(" ", 1) for d in policies[0].split("; "))
        assert directives["default-src"] == "'self'"
        assert directives["object-src"] == "'none'"
        # Scripts: the site's own files, WebAssembly, and inline scripts by their hashes; nothing else.
        for name in ("script-src", "style-src"):
            others = [s for s in directives[name].split() if not INLINE_HASH.fullmatch(s)]
            assert others == (["'self'", "'wasm-unsafe-eval'"] if name == "script-src" else ["'self'"]), path


# --- every page of the site, both languages ------------------------------------------------------


def crawl(new_context, served, paths: list[str], locale: str) -> Watch:
    """Load each page in one context, as a reader following links would, and return what they did."""
    page = new_context(locale=locale).new_page()
    page.set_default_timeout(60_000)
    watch = Watch(served.origin)
    watch.attach(page)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
    foreign_before = len(served.foreign_requests)
    outside: list[str] = []  # links to the server's other paths: on GitHub Pages, another site
    for path in paths:
        page.goto(served.url(path), wait_until="load")
        watch.collect(page)
        links = page.eval_on_selector_all("a[href], link[href]", "els => els.map(e => e.href)")
        outside += [f"{path}: {link}" for link in links if link.startswith(served.origin + "/")
                    and not link.startswith(served.base)]  # fmt: skip
    assert served.foreign_requests[foreign_before:] == [], "requests to another origin"
    assert not errors
    assert not outside, "links that leave the site's sub-path:\n" + "\n".join(outside)
    return watch


@pytest.mark.parametrize("lang", LANGS)
def test_no_page_breaks_the_policy_asks_another_origin_or_misses_a_file(new_context, served, lang):
    pages = [p for p in site_pages(served.root, lang) if p != "404.html"]
    assert len(pages) >= 29
    crawl(new_context, served, pages, "en-GB" if lang == "en" else "id-ID").assert_clean()
    print(f"crawled {len(pages)} pages ({lang})")


def test_the_404_page_finds_its_files_under_the_sub_path(new_context, served):
    crawl(new_context, served, ["404.html"], "id-ID").assert_clean()


# --- every kind of page, used as a reader uses it ------------------------------------------------

ROSTER_CSV = "Nama;Umur;Pendidikan Terakhir;NIB\r\nBudi;25;SMA;ya\r\nSiti;70;SD;tidak\r\n"


@pytest.mark.parametrize("lang", LANGS)
def test_reading_searching_and_every_validator_stay_within_the_policy(watched, served, lang, tmp_path):
    page, watch = watched
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=served.origin)
    prefix = PREFIX[lang]

    # A reading view: the glossary's tip on a term, the copy-citation button.
    page.goto(served.url(f"{prefix}peraturan/permenperin-7-2023/"))
    term = page.locator("article a.dak-term").first
    term.hover()
    tip = term.get_attribute("data-tip")
    assert tip and tip in page.evaluate("e => getComputedStyle(e, '::after').content", term.element_handle())
    page.locator("article button.dak-cite").first.click()
    page.wait_for_function(
        "t => document.getElementById('dak-status').textContent === t",
        arg="Citation copied" if lang == "en" else "Sitasi disalin",
    )
    assert served.url(f"{prefix}peraturan/permenperin-7-2023/#") in page.evaluate(
        "navigator.clipboard.readText()"
    )
    # A search with its results shown.
    page.locator("#dak-search input").fill("pelatihan" if lang == "id" else "training")
    page.wait_for_selector("#dak-search .pagefind-ui__result")
    watch.collect(page)

    # Each validator, run to a result.
    open_validator(page, served, f"{prefix}kegiatan/pelatihan-teknis-produksi/")
    fill_field(page, "Jumlah peserta" if lang == "id" else "Number of participants", "5")
    submit(page)
    page.wait_for_selector(".dak-results .dak-years")
    watch.collect(page)

    open_validator(page, served, f"{prefix}periksa-rencana/")
    page.locator(".dak-validator").get_by_role(
        "button", name="Isi dengan contoh" if lang == "id" else "Fill in the example"
    ).click()
    submit(page)
    page.wait_for_selector(".dak-results .dak-activity-result")
    watch.collect(page)

    roster = tmp_path / "peserta.csv"
    roster.write_text(ROSTER_CSV, encoding="utf-8")
    open_validator(page, served, f"{prefix}periksa-peserta/")
    page.locator(".dak-validator").get_by_label(
        "Kegiatan" if lang == "id" else "Activity", exact=True
    ).select_option("pelatihan-teknis-produksi")
    page.locator(".dak-validator input[type=file]").set_input_files(str(roster))
    submit(page)
    page.wait_for_selector(".dak-roster-table table")
    watch.collect(page)

    open_validator(page, served, f"{prefix}batas-waktu/")
    page.wait_for_selector(".dak-results [data-year]")
    with page.expect_download():
        page.locator(".dak-validator").get_by_role(
            "button", name="Unduh kalender (.ics)" if lang == "id" else "Download the calendar (.ics)"
        ).click()
    watch.collect(page)

    open_validator(page, served, f"{prefix}kelayakan/")
    for question in page.locator(".dak-question").all():
        question.get_by_label("ya" if lang == "id" else "yes", exact=True).check()
    submit(page)
    page.wait_for_selector(".dak-verdict")


@pytest.mark.parametrize("lang", LANGS)
def test_search_without_a_web_worker_stays_within_the_policy(watched, served, lang):
    """Pagefind searches in a worker; without one it compiles its WebAssembly on the page itself,
    which is what the policy's 'wasm-unsafe-eval' is for."""
    page, _ = watched
    page.context.add_init_script("window.Worker = undefined;")
    page.goto(served.url(PREFIX[lang]))
    page.locator("#dak-search input").fill("pelatihan" if lang == "id" else "training")
    page.wait_for_selector("#dak-search .pagefind-ui__result")


# --- untrusted text is shown as text, never run --------------------------------------------------

# Each sets the flag, or opens a dialog, if it ever runs; `img[src=x]` exists if it became markup.
PAYLOADS = (
    '<img src=x onerror="window.__pwned=1">',
    '"><script>window.__pwned=1</script>',
    HOSTILE,
)


@pytest.fixture
def hostile(watched):
    """The watched page, also failing if any payload ran: a dialog, the flag, or its elements."""
    page, _ = watched
    dialogs: list[str] = []

    def dialog(opened) -> None:
        dialogs.append(opened.message)
        opened.dismiss()

    page.on("dialog", dialog)
    yield page
    ran = page.evaluate(
        """() => ({
            flag: window.__pwned === 1,
            images: document.querySelectorAll('img[src="x"]').length,
            scripts: [...document.scripts].filter(s => s.text.includes('__pwned')).length,
        })"""
    )
    assert not dialogs, f"a payload opened a dialog: {dialogs}"
    assert ran == {"flag": False, "images": 0, "scripts": 0}, f"a payload became markup or ran: {ran}"


def text_of(page, selector: str) -> str:
    return " ".join(page.locator(selector).all_text_contents())


@pytest.mark.parametrize("lang", LANGS)
def test_activity_checker_shows_typed_markup_as_text(hostile, served, lang):
    page = open_validator(hostile, served, f"{PREFIX[lang]}kegiatan/pelatihan-teknis-produksi/")
    fill_field(page, "Jumlah peserta" if lang == "id" else "Number of participants", PAYLOADS[2])
    fill_field(page, "Jam pelajaran (JPL)" if lang == "id" else "Lesson hours (JPL)", PAYLOADS[1])
    submit(page)
    page.wait_for_selector(".dak-messages li[data-where]")
    shown = text_of(page, ".dak-validator")
    # The engine quotes the values it cannot read: its words, with the very text typed, are shown.
    activity = {"activity": "pelatihan-teknis-produksi", "participants": PAYLOADS[2], "jpl": PAYLOADS[1]}
    expected = call("validate", {"plan": {"format": "dak-plan/1", "year": 2023, "activities": [activity]}})
    assert len(expected["problems"]) == 2
    for problem in expected["problems"]:
        assert problem["message"][lang] in shown
    assert PAYLOADS[2] in shown


def test_plan_checker_shows_a_files_markup_as_text(hostile, served, tmp_path):
    page = hostile
    # A plan that the engine accepts: the markup is in free text and in keys the form does not know.
    accepted = {
        "format": "dak-plan/1",
        "year": 2023,
        "region": PAYLOADS[0],
        PAYLOADS[1]: PAYLOADS[2],
        "activities": [
            {
                "activity": "pelatihan-teknis-produksi",
                "name": PAYLOADS[1],
                "participants": 5,
                "location": PAYLOADS[2],
                PAYLOADS[0]: PAYLOADS[1],
                "budget": [{"category": "konsumsi", "amount": 1000, "note": PAYLOADS[0]}],
                "instructors": [{"education": "S2", "note": PAYLOADS[2]}],
            },
            PAYLOADS[2],  # not even an object: the form says so, quoting it
        ],
    }
    path = tmp_path / "rencana.json"
    path.write_text(json.dumps(accepted), encoding="utf-8")
    open_validator(page, served, "periksa-rencana/")
    page.locator(".dak-validator input[type=file]").set_input_files(str(path))
    page.wait_for_selector(".dak-validator .dak-kept:not([hidden])")
    form = page.locator(".dak-validator")
    assert form.get_by_label("Daerah (kabupaten/kota)").input_value() == PAYLOADS[0]
    kept = text_of(page, ".dak-kept")
    assert PAYLOADS[0] in kept and "location" in kept
    assert PAYLOADS[2] in kept  # the activity that is no object, quoted
    # Saved again, the plan is the file it was: the markup is data, untouched.
    with page.expect_download() as download:
        form.get_by_role("button", name="Simpan rencana (JSON)").click()
    saved = tmp_path / "saved.json"
    download.value.save_as(saved)
    assert json.loads(saved.read_text(encoding="utf-8")) == accepted

    # A plan the engine refuses: it quotes the unknown activity and category and the unread number.
    refused = {
        "format": "dak-plan/1",
        "year": 2023,
        "activities": [
            {"activity": PAYLOADS[0]},
            {
                "activity": "pelatihan-teknis-produksi",
                "participants": PAYLOADS[1],
                "budget": [{"category": PAYLOADS[2], "amount": 1}],
            },
        ],
    }
    path = tmp_path / "ditolak.json"
    path.write_text(json.dumps(refused), encoding="utf-8")
    page.locator(".dak-validator input[type=file]").set_input_files(str(path))
    page.wait_for_selector(".dak-messages li[data-where]")
    problems = text_of(page, ".dak-messages")
    expected = call("validate", {"plan": refused})["problems"]
    assert len(expected) == 3
    assert all(problem["message"]["id"] in problems for problem in expected), problems
    assert PAYLOADS[2] in problems


@pytest.mark.parametrize("lang", LANGS)
def test_participant_list_shows_a_csvs_markup_as_text(hostile, served, lang, tmp_path):
    page = hostile
    rows = [
        ["Nama", "Umur", "Pendidikan Terakhir", "NIB", PAYLOADS[1]],
        [PAYLOADS[0], "70", PAYLOADS[2], "ya", PAYLOADS[1]],
        [PAYLOADS[1], PAYLOADS[2], "SMA", PAYLOADS[0], "x"],
    ]
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows(rows)  # quoted as CSV quotes them: the payloads hold "
    text = out.getvalue()
    path = tmp_path / "peserta.csv"
    path.write_text(text, encoding="utf-8")
    open_validator(page, served, f"{PREFIX[lang]}periksa-peserta/")
    form = page.locator(".dak-validator")
    form.get_by_label("Kegiatan" if lang == "id" else "Activity", exact=True).select_option(
        "pelatihan-teknis-produksi"
    )
    form.locator("input[type=file]").set_input_files(str(path))
    submit(page)
    page.wait_for_selector(".dak-roster-table table")
    form.get_by_label("Hanya baris dengan temuan" if lang == "id" else "Only rows with findings").uncheck()
    names = page.eval_on_selector_all(
        ".dak-roster-table tbody tr", "rows => rows.map(r => r.querySelector('td').textContent)"
    )
    assert names == [PAYLOADS[0], PAYLOADS[1]]
    # The engine quotes the values it cannot read (an education, an age, an NIB answer).
    table = text_of(page, ".dak-roster-table")
    assert PAYLOADS[2] in table and PAYLOADS[0] in table
    # The annotated copy keeps every column, the unknown one too, as the file had it.
    with page.expect_download() as download:
        form.get_by_role(
            "button", name="Unduh CSV dengan temuan" if lang == "id" else "Download the CSV with findings"
        ).click()
    annotated = tmp_path / "annotated.csv"
    download.value.save_as(annotated)
    header = next(csv.reader(io.StringIO(annotated.read_bytes().decode("utf-8-sig")), delimiter=";"))
    assert header[: len(rows[0])] == rows[0]


def with_config(page, served, path: str, change) -> None:
    """Serve the validator page `path` with its data-dak-config (the content's text) changed by
    `change(config)`, as content holding markup would have written it."""

    def route(route) -> None:
        html = route.fetch().text()
        found = re.search(r"data-dak-config=([\"'])(.*?)\1", html)
        assert found, path
        config = json.loads(unescape(found.group(2)))
        change(config)
        attribute = f'data-dak-config="{escape(json.dumps(config), quote=True)}"'
        route.fulfill(body=html[: found.start()] + attribute + html[found.end() :], content_type="text/html")

    page.route(served.url(path), route)
    open_validator(page, served, path)


def test_deadlines_show_content_markup_as_text_and_download_the_calendar(hostile, served, tmp_path):
    page = hostile
    with_config(page, served, "batas-waktu/", lambda config: config["years"].insert(0, PAYLOADS[0]))
    page.wait_for_selector(".dak-results [data-year]")
    year = page.locator(".dak-validator select").first
    assert PAYLOADS[0] in year.locator("option").all_text_contents()
    year.select_option(label=PAYLOADS[0])  # not a year: the engine refuses it, nothing runs
    page.wait_for_selector(".dak-messages li[data-where]")
    year.select_option("2023")
    page.wait_for_selector(".dak-results [data-year='2023']")
    with page.expect_download() as download:
        page.locator(".dak-validator").get_by_role("button", name="Unduh kalender (.ics)").click()
    ics = tmp_path / "batas-waktu.ics"
    download.value.save_as(ics)
    assert ics.read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")
    assert page.url == served.url("batas-waktu/"), "the calendar is a download, never a page"


def test_eligibility_shows_content_markup_as_text(hostile, served):
    page = hostile

    def change(config) -> None:
        for criteria in config["criteria"].values():
            criteria[0]["question"] = {"id": PAYLOADS[0], "en": PAYLOADS[1]}

    with_config(page, served, "kelayakan/", change)
    assert page.locator(".dak-question legend").first.text_content() == PAYLOADS[0]
    for question in page.locator(".dak-question").all():
        question.get_by_label("ya", exact=True).check()
    submit(page)
    page.wait_for_selector(".dak-verdict")
