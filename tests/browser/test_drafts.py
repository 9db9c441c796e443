"""Never lose a draft (headless Chromium against the built site): the plan checker and the activity
forms keep what the reader typed in the browser's own storage. A reload mid-edit finds every field as
it was (the rows and activities rebuilt, the numbers as typed), with a notice and a "start over" that
clears the draft and the form; a browser whose storage refuses says so at once, and then a reload or a
navigation asks before discarding the changes.

The runtime is never answered in these tests (the drafts need no engine), so nothing is downloaded.
"""

from __future__ import annotations

import pytest

LANGS = ("id", "en")
PREFIX = {"id": "", "en": "en/"}
PLAN = "periksa-rencana/"
ACTIVITY = "kegiatan/pelatihan-teknis-produksi/"
WORDS = {
    "id": {
        "restored": "Draf dipulihkan",
        "start_over": "Mulai dari awal",
        "unsaved": "Peramban ini tidak menyimpan draf",
        "example": "Isi dengan contoh",
        "add_budget": "Tambah baris anggaran",
        "amount": "Jumlah (Rp)",
        "category": "Kategori biaya",
        "participants": "Jumlah peserta",
        "region": "Daerah (kabupaten/kota)",
    },
    "en": {
        "restored": "Draft restored",
        "start_over": "Start over",
        "unsaved": "This browser does not keep the draft",
        "example": "Fill in the example",
        "add_budget": "Add a budget line",
        "amount": "Amount (Rp)",
        "category": "Cost category",
        "participants": "Number of participants",
        "region": "Region (regency/city)",
    },
}
# Storage that refuses every write, as a full quota or a blocked storage does.
REFUSING_STORAGE = """Storage.prototype.setItem = function () {
  throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
};"""
FIELDS = """() => [...document.querySelectorAll('.dak-validator form input:not([type=file]), .dak-validator form select')]
  .map((input) => input.value)"""


@pytest.fixture
def context(new_context):
    def open_context(lang: str, init_script: str | None = None):
        context = new_context(locale="id-ID" if lang == "id" else "en-GB")
        context.route("**/*.wasm", lambda route: None)  # the runtime never arrives: no download needed
        if init_script:
            context.add_init_script(init_script)
        return context

    return open_context


def _open(page, served, path: str):
    page.goto(served.url(path))
    page.wait_for_selector(".dak-validator .dak-form")
    return page.locator(".dak-validator")


def _fields(page) -> list[str]:
    return page.evaluate(FIELDS)


def _armed(page) -> bool:
    """Whether leaving the page now would ask the reader first (a cancelled beforeunload)."""
    return page.evaluate(
        "() => { const e = new Event('beforeunload', {cancelable: true}); window.dispatchEvent(e); return e.defaultPrevented; }"
    )


@pytest.mark.parametrize("lang", LANGS)
def test_the_plan_checker_keeps_a_draft_across_a_reload(context, served, lang):
    words = WORDS[lang]
    page = context(lang).new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    checker = _open(page, served, PREFIX[lang] + PLAN)
    empty = _fields(page)
    # Three activities with their people and budget lines, then edits of the reader's own.
    checker.get_by_role("button", name=words["example"]).click()
    checker.get_by_label(words["region"], exact=True).fill("Kab. Contoh <b>")
    first = checker.locator(".dak-activity").first
    first.get_by_role("button", name=words["add_budget"]).click()
    first.get_by_label(words["category"]).last.select_option(index=1)
    first.get_by_label(words["amount"], exact=True).last.fill("12.000.000")
    first.get_by_label(words["participants"], exact=True).fill("27")
    typed = _fields(page)
    assert checker.locator(".dak-activity").count() == 3 and len(typed) > 40
    assert not _armed(page), "stored in this browser: leaving loses nothing, so nothing to ask"

    page.reload()  # at once: the last keystrokes are stored as the page goes, not only after a pause
    page.wait_for_selector(".dak-validator .dak-form")
    notice = checker.locator(".dak-draft")
    assert words["restored"] in notice.inner_text()
    assert checker.locator(".dak-activity").count() == 3
    assert _fields(page) == typed

    notice.get_by_role("button", name=words["start_over"]).click()
    assert notice.is_hidden()
    assert checker.locator(".dak-activity").count() == 1 and _fields(page) == empty
    page.reload()
    page.wait_for_selector(".dak-validator .dak-form")
    assert checker.locator(".dak-draft").is_hidden() and _fields(page) == empty
    assert page.evaluate("() => Object.keys(localStorage).filter((k) => k.startsWith('dak-draft'))") == []
    assert not errors


@pytest.mark.parametrize("lang", LANGS)
def test_an_activity_form_keeps_a_draft_across_a_reload(context, served, lang):
    words = WORDS[lang]
    page = context(lang).new_page()
    checker = _open(page, served, PREFIX[lang] + ACTIVITY)
    empty = _fields(page)
    checker.get_by_label(words["participants"], exact=True).fill("25")
    for _ in range(2):
        checker.get_by_role("button", name=words["add_budget"]).click()
    checker.get_by_label(words["category"]).first.select_option("honorarium_panitia")
    checker.get_by_label(words["amount"], exact=True).first.fill("4.500.000")
    checker.get_by_label(words["amount"], exact=True).last.fill("Rp 1.250.000,00")
    typed = _fields(page)
    page.wait_for_timeout(800)  # this time stored after the pause
    page.reload()
    page.wait_for_selector(".dak-validator .dak-form")
    assert words["restored"] in checker.locator(".dak-draft").inner_text()
    assert _fields(page) == typed
    assert checker.get_by_label(words["amount"], exact=True).first.input_value() == "4.500.000"

    # Another page's checker keeps its own draft: the plan checker starts empty.
    _open(page, served, PREFIX[lang] + PLAN)
    assert page.locator(".dak-validator .dak-draft").is_hidden()

    checker = _open(page, served, PREFIX[lang] + ACTIVITY)
    checker.locator(".dak-draft").get_by_role("button", name=words["start_over"]).click()
    assert _fields(page) == empty


@pytest.mark.parametrize("lang", LANGS)
def test_storage_that_refuses_is_said_and_leaving_asks_first(context, served, lang):
    words = WORDS[lang]
    page = context(lang, REFUSING_STORAGE).new_page()
    checker = _open(page, served, PREFIX[lang] + PLAN)
    assert not _armed(page)
    checker.get_by_label(words["region"], exact=True).fill("Kota Contoh")
    problem = checker.locator(".dak-draft.dak-message-problem")
    problem.wait_for()
    assert words["unsaved"] in problem.inner_text()
    assert _armed(page)

    # A real reload asks (Chromium shows its "leave site?" dialog); staying keeps the form.
    dialogs: list[str] = []

    def answer(dialog) -> None:
        dialogs.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", answer)
    page.close(run_before_unload=True)
    page.wait_for_timeout(500)
    assert dialogs == ["beforeunload"] and not page.is_closed()
    assert checker.get_by_label(words["region"], exact=True).input_value() == "Kota Contoh"

    # Saved to a file, nothing is lost by leaving any more.
    with page.expect_download():
        checker.get_by_role(
            "button", name="Simpan rencana (JSON)" if lang == "id" else "Save the plan (JSON)"
        ).click()
    assert not _armed(page)


def test_two_tabs_of_one_checker_keep_their_own_drafts(context, served):
    words = WORDS["en"]
    browser_context = context("en")
    first, second = browser_context.new_page(), browser_context.new_page()
    region = words["region"]
    one = _open(first, served, "en/" + PLAN)
    one.get_by_label(region, exact=True).fill("Kab. Pertama")
    first.wait_for_timeout(800)
    # A new tab starts from the newest draft of the page, and takes it over.
    two = _open(second, served, "en/" + PLAN)
    assert two.get_by_label(region, exact=True).input_value() == "Kab. Pertama"
    two.get_by_label(region, exact=True).fill("Kab. Kedua")
    one.get_by_label(region, exact=True).fill("Kab. Pertama, lagi")
    first.wait_for_timeout(800)
    # Each tab's reload finds its own work, neither overwritten by the other's.
    for page, checker, text in ((first, one, "Kab. Pertama, lagi"), (second, two, "Kab. Kedua")):
        page.reload()
        page.wait_for_selector(".dak-validator .dak-form")
        assert words["restored"] in checker.locator(".dak-draft").inner_text()
        assert checker.get_by_label(region, exact=True).input_value() == text
