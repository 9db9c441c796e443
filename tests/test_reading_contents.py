"""The reading views' table of contents (the theme's, beside the text) and their own foldable contents
list: an entry for every Pasal, activity, lettered field, deadline and the list of costs that may not
be funded, and no entry that says nothing ("A.")."""

from __future__ import annotations

import json
import re

import pytest

from site_build.content.loader import load_content
from site_build.generate import MAX_HEADING_DEPTH

CONTENT = load_content()
TOC_LINK = re.compile(
    r'<a href="#([^"]+)" class="md-nav__link">\s*<span class="md-ellipsis">\s*(.*?)\s*</span>', re.S
)


def toc_entries(html: str) -> dict[str, str]:
    """The theme's table of contents beside the text: eId -> the entry's words."""
    start = html.rindex('<nav class="md-nav md-nav--secondary"')
    end = html.index('<div class="md-content"', start)
    return {eid: " ".join(text.split()) for eid, text in TOC_LINK.findall(html[start:end])}


def landing(eid: str) -> str:
    """Where a link to the unit lands in the contents: the unit, or its ancestor at the deepest heading."""
    return "__".join(eid.split("__")[: MAX_HEADING_DEPTH + 1])


def expected_entries(regulation, rules: dict) -> set[str]:
    expected = set()
    for unit in regulation.walk():
        if unit.kind == "art" or unit.activity or (unit.field and unit.eid.count("__") <= MAX_HEADING_DEPTH):
            expected.add(unit.eid)
    for deadline in rules["deadlines"]:
        for value in deadline["values"].values():
            expected |= {landing(s["unit"]) for s in value["sources"] if s["regulation"] == regulation.id}
    return expected


FORBIDDEN_LISTS = {
    "permenperin-5-2022": "att_1__chp_V__sec_A__point_2",
    "permenperin-7-2023": "att_1__chp_II__block_1",
}


@pytest.mark.parametrize("prefix", ["", "en/"])
@pytest.mark.parametrize("regulation_id", sorted(CONTENT.regulations))
def test_the_contents_have_an_entry_for_everything_a_reader_looks_for(site, prefix, regulation_id):
    regulation = CONTENT.regulations[regulation_id]
    rules = json.loads((site / "data" / "rules.json").read_text(encoding="utf-8"))
    html = (site / prefix / "peraturan" / regulation_id / "index.html").read_text(encoding="utf-8")
    toc = toc_entries(html)
    missing = expected_entries(regulation, rules) - set(toc)
    assert not missing, f"no table-of-contents entry for {sorted(missing)}"
    forbidden = FORBIDDEN_LISTS[regulation_id]
    assert forbidden in toc
    assert ("tidak diperbolehkan" if not prefix else "may not be funded") in toc[forbidden]
    blank = {eid: text for eid, text in toc.items() if re.fullmatch(r"[\w()]{1,5}\.", text)}
    assert not blank, f"entries that say nothing: {blank}"
    # The page's own contents list: one foldable group per chapter, holding the same entries.
    contents = html[html.index('<nav class="dak-contents"') :]
    contents = contents[: contents.index("</nav>")]
    assert contents.count("<details>") >= 4
    assert set(re.findall(r'href="#([^"]+)"', contents)) == set(toc)
