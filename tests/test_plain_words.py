"""Every value a reader sees is worded in the page's language: no key of the plan format
(business_actor_with_nib, experience_years, outside_region, participant_ages, ...) in the visible
text of any page of the built site."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from dakcore.vocabulary import FIELDS


def plan_keys() -> set[str]:
    """The plan format's keys that are not words (with an underscore): fields and their parts."""
    keys = set(FIELDS)
    for spec in FIELDS.values():
        keys |= set(spec.get("parts", {}))
    return {key for key in keys if "_" in key}


class VisibleText(HTMLParser):
    """The text a reader sees: not scripts, styles, templates or attributes."""

    HIDDEN = frozenset({"script", "style", "template", "noscript"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs) -> None:
        if tag in self.HIDDEN:
            self.hidden += 1

    def handle_endtag(self, tag) -> None:
        if tag in self.HIDDEN and self.hidden:
            self.hidden -= 1

    def handle_data(self, data) -> None:
        if not self.hidden:
            self.parts.append(data)


def test_no_plan_format_key_in_any_page_s_visible_text(site):
    keys = plan_keys()
    assert {"business_actor_with_nib", "experience_years", "outside_region", "participant_ages"} <= keys
    pattern = re.compile(r"\b(" + "|".join(sorted(map(re.escape, keys))) + r")\b")
    found = {}
    for page in sorted(site.rglob("*.html")):
        parser = VisibleText()
        parser.feed(page.read_text(encoding="utf-8"))
        hits = sorted(set(pattern.findall(" ".join(parser.parts))))
        if hits:
            found[str(page.relative_to(site))] = hits
    assert not found, f"plan-format keys in visible text: {found}"
