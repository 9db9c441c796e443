"""The crosswalk: every unit of either year is shown beside its counterpart, or marked new/removed."""

import pytest

from site_build.content.crosswalk import Crosswalk
from site_build.content.loader import load_content

CONTENT = load_content()
CROSSWALK = Crosswalk(CONTENT)


@pytest.mark.parametrize("year", [2022, 2023])
def test_every_unit_resolves(year):
    regulation = CONTENT.by_year(year)
    unresolved = []
    for unit in regulation.walk():
        found = CROSSWALK.counterpart(year, unit.eid)
        other = CONTENT.by_year(CROSSWALK.other_year(year))
        assert all(eid in other.by_eid for eid in found.eids), (unit.eid, found)
        if found.how == "none" and not _declared_absent(year, unit.eid):
            unresolved.append(unit.eid)
    assert not unresolved, (
        f"{len(unresolved)} units of {year} have no counterpart and no null entry: {unresolved[:10]}"
    )


def _declared_absent(year: int, eid: str) -> bool:
    """Absent on purpose: a null in the crosswalk for it or an ancestor, a 2023-only activity, or a field."""
    regulation = CONTENT.by_year(year)
    unit = regulation.by_eid[eid]
    while unit is not None:
        for entry in CONTENT.crosswalk["units"]:
            if entry.get(str(year)) == unit.eid and entry.get(str(CROSSWALK.other_year(year))) is None:
                return True
        if unit.activity or unit.field:
            return True
        unit = regulation.by_eid.get(unit.parent)
    return False


def test_activities_pair_by_catalog_id_across_the_menu_swap():
    found = CROSSWALK.counterpart(2022, "att_1__chp_IV__sec_B__point_1")  # promosi-kemitraan, menu B in 2022
    assert found.eids == ("att_1__chp_II__sec_C__point_1",) and found.how == "activity"
    assert CROSSWALK.counterpart(2023, "att_1__chp_II__sec_A__point_6").how == "none"  # sertifikat-halal


def test_fields_pair_by_name():
    found = CROSSWALK.counterpart(2022, "att_1__chp_IV__sec_A__point_1__point_a")
    assert found.how == "field"
    assert [CONTENT.by_year(2023).by_eid[e].field for e in found.eids] == ["tujuan_sasaran"]
    bentuk = next(
        c for c in CONTENT.by_year(2023).activity_unit("promosi-ekspor").children if c.field == "bentuk"
    )
    assert CROSSWALK.counterpart(2023, bentuk.eid).how == "none"


def test_moved_provisions_are_explicit_with_a_note():
    found = CROSSWALK.counterpart(2022, "att_1__chp_II__sec_A")
    assert found.eids == ("body__art_3",) and found.note and found.note["en"]
    assert CROSSWALK.counterpart(2023, "body__art_3__point_b").eids == ("att_1__chp_II__sec_A__point_2",)


@pytest.mark.parametrize("year", [2022, 2023])
def test_menus_and_activities_pair_by_catalog_id_in_both_directions(year):
    """Every menu and every activity finds the unit of the same catalog id in the other year (the menu
    letters B and C swapped between the years, so a pairing by letter would be wrong)."""
    other_year = CROSSWALK.other_year(year)
    regulation, other = CONTENT.by_year(year), CONTENT.by_year(other_year)
    for menu in CONTENT.catalog["menus"]:
        unit = next(u for u in regulation.walk() if u.menu == menu["letter"][str(year)])
        found = CROSSWALK.counterpart(year, unit.eid)
        assert found.how == "menu", (menu["id"], found)
        assert [other.by_eid[e].menu for e in found.eids] == [menu["letter"][str(other_year)]], menu["id"]
    for activity in CONTENT.catalog["activities"]:
        unit = regulation.activity_unit(activity["id"])
        if unit is None:
            continue
        found = CROSSWALK.counterpart(year, unit.eid)
        match = other.activity_unit(activity["id"])
        assert found.eids == ((match.eid,) if match else ()), activity["id"]


def test_kemitraan_menu_pairs_across_the_letter_swap():
    assert CROSSWALK.counterpart(2022, "att_1__chp_IV__sec_B").eids == ("att_1__chp_II__sec_C",)
    assert CROSSWALK.counterpart(2023, "att_1__chp_II__sec_B").eids == ("att_1__chp_IV__sec_C",)
