"""Which unit of the other year corresponds to a unit: the crosswalk of content/crosswalk.yml resolved.

Most specific first: an explicit pair in `units`; a rincian kegiatan or menu by its catalog id; a field
of a rincian by the `fields` table; otherwise the nearest ancestor's counterpart, marked `within`.
"""

from __future__ import annotations

from dataclasses import dataclass

from site_build.content.loader import Content, Regulation, Unit


@dataclass(frozen=True)
class Counterpart:
    """Where a unit of one year went in the other year."""

    eids: tuple[str, ...]  # empty: no counterpart (removed in 2023, or new in 2023)
    how: str  # "explicit", "activity", "menu", "field", "within" (an ancestor's counterpart), "none"
    note: dict[str, str] | None = None

    @property
    def exists(self) -> bool:
        return bool(self.eids)


class Crosswalk:
    def __init__(self, content: Content) -> None:
        self.content = content
        self.regulations = {r.year: r for r in content.regulations.values()}
        self._explicit: dict[tuple[int, str], list[tuple[str | None, dict | None]]] = {}
        for entry in content.crosswalk.get("units", []):
            for year, other in ((2022, 2023), (2023, 2022)):
                eid = entry.get(str(year))
                if eid is not None:
                    self._explicit.setdefault((year, eid), []).append(
                        (entry.get(str(other)), entry.get("note"))
                    )
        # A menu unit carries its letter, and letters moved between the years (2022 B is 2023 C): a
        # menu is paired through its catalog id, never by its letter.
        self._menu_letters: dict[tuple[int, str], str] = {}
        for menu in content.catalog["menus"]:
            for year, other in ((2022, 2023), (2023, 2022)):
                letter, target = menu["letter"].get(str(year)), menu["letter"].get(str(other))
                if letter is not None and target is not None:
                    self._menu_letters[(year, letter)] = target
        self._fields: dict[tuple[int, str], list[str]] = {}
        for entry in content.crosswalk.get("fields", []):
            for year, other in ((2022, 2023), (2023, 2022)):
                field, target = entry.get(str(year)), entry.get(str(other))
                if field is not None:
                    bucket = self._fields.setdefault((year, field), [])
                    if target is not None and target not in bucket:
                        bucket.append(target)

    def other_year(self, year: int) -> int:
        return next(y for y in self.regulations if y != year)

    def counterpart(self, year: int, eid: str) -> Counterpart:
        """The counterpart in the other year of the unit `eid` of `year`."""
        regulation = self.regulations[year]
        other = self.regulations[self.other_year(year)]
        unit = regulation.by_eid[eid]
        direct = self._direct(year, unit, regulation, other)
        if direct is not None:
            return direct
        parent = regulation.by_eid.get(unit.parent)
        if parent is None:
            return Counterpart((), "none")
        found = self.counterpart(year, parent.eid)
        return Counterpart(found.eids, "within" if found.exists else found.how, found.note)

    def direct(self, year: int, eid: str) -> Counterpart | None:
        """The unit's own pair, or None where it only follows its ancestor's (a top-level unit without
        a pair of its own has none at all)."""
        regulation = self.regulations[year]
        unit = regulation.by_eid[eid]
        found = self._direct(year, unit, regulation, self.regulations[self.other_year(year)])
        if found is None and unit.parent not in regulation.by_eid:
            return Counterpart((), "none")
        return found

    def _direct(self, year: int, unit: Unit, regulation: Regulation, other: Regulation) -> Counterpart | None:
        if (year, unit.eid) in self._explicit:
            pairs = self._explicit[(year, unit.eid)]
            eids = tuple(e for e, _ in pairs if e is not None)
            note = next((n for _, n in pairs if n), None)
            return Counterpart(eids, "explicit" if eids else "none", note)
        if unit.activity:
            match = other.activity_unit(unit.activity)
            return Counterpart((match.eid,) if match else (), "activity" if match else "none")
        if unit.menu:
            letter = self._menu_letters.get((year, unit.menu))
            match = next((u for u in other.walk() if letter and u.menu == letter), None)
            return Counterpart((match.eid,) if match else (), "menu" if match else "none")
        if unit.field:
            parent = regulation.by_eid.get(unit.parent)
            activity = other.activity_unit(parent.activity) if parent and parent.activity else None
            if activity is None:
                return Counterpart((), "none")
            targets = self._fields.get((year, unit.field), [])
            eids = tuple(c.eid for c in activity.children if c.field in targets)
            return Counterpart(eids, "field" if eids else "none")
        return None
