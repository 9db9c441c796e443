"""The comparison of every provision with its counterpart (site_build/compare.py): computed from the
crosswalk and the texts, each word in exactly one marked provision, moved menus followed by identity."""

from __future__ import annotations

from collections import Counter

import pytest

from site_build.compare import Comparisons
from site_build.content.loader import load_content
from site_build.render import plain


@pytest.fixture(scope="module")
def comparisons() -> Comparisons:
    return Comparisons(load_content())


def test_every_word_of_a_regulation_is_in_exactly_one_marked_provision(comparisons):
    for year, regulation in comparisons.regulations.items():
        marks = comparisons.by_year[year]
        assert all(u.eid in marks for u in regulation.units), "every top-level part is marked"
        held = Counter()
        for unit in regulation.walk():
            if unit.eid in marks:  # a marked provision's own number is outside its compared words
                held.update(f"{unit.num or ''} {comparisons.words(year, unit.eid, 'id')}".split())
        assert held == Counter(" ".join(plain(u, "id") for u in regulation.units).split()), year


def test_a_menu_moved_across_the_letter_swap_is_compared_with_its_catalog_counterpart(comparisons):
    b_2022 = comparisons.by_year[2022]["att_1__chp_IV__sec_B"]
    c_2023 = comparisons.by_year[2023]["att_1__chp_II__sec_C"]
    assert b_2022.counterparts == ("att_1__chp_II__sec_C",)
    assert c_2023.counterparts == ("att_1__chp_IV__sec_B",)
    assert comparisons.by_year[2023]["att_1__chp_II__sec_C__point_1"].counterparts == (
        "att_1__chp_IV__sec_B__point_1",
    )


def test_statuses_follow_the_texts_and_the_crosswalk(comparisons):
    for year, marks in comparisons.by_year.items():
        for mark in marks.values():
            if not mark.counterparts:
                assert mark.status == ("new" if year == 2023 else "removed")
                continue
            old, new = comparisons.pair_words(mark, "id")
            assert (mark.status == "unchanged") == (old.split() == new.split()), mark.eid
    counts = comparisons.counts()
    assert counts[2022]["new"] == 0 and counts[2023]["removed"] == 0
    assert counts[2023]["new"] > 0 and counts[2022]["removed"] > 0


def test_a_marker_opens_without_javascript_and_links_the_counterpart(comparisons):
    html = comparisons.marker(2023, "att_1__chp_II__sec_C__point_1", "en", "../permenperin-5-2022/")
    assert html.startswith('<details class="dak-vs dak-vs-changed"')
    assert 'href="../permenperin-5-2022/#att_1__chp_IV__sec_B__point_1"' in html
    assert "<del>" in html and "<ins>" in html
    assert comparisons.marker(2023, "no-such-unit", "en", "x") == ""
