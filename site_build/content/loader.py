"""The one loader of the handbook's content: catalog, glossary and the text of each regulation.

Everything else (rules compiler, site generator, tests) reads content through `load_content`. It
collects every problem before failing, so an editor sees all of them at once, each as
`file:line: key.path: what is wrong (what is allowed)`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import jsonschema

from .yamlfile import LocatedDict, YamlProblem, line_of, read_yaml

CONTENT_DIR = Path(__file__).resolve().parents[2] / "content"
SCHEMA_DIR_NAME = "schema"
PARTS = ("heading", "text", "wrap")


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the content, where it is and what is allowed."""

    file: str
    line: int
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.path or '(file)'}: {self.message}"


class ContentError(Exception):
    """The content cannot be used; `problems` lists everything that is wrong."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class Text:
    """A bilingual text: the Indonesian of the source and its unofficial English translation."""

    id: str
    en: str

    def paragraphs(self, lang: str) -> list[str]:
        return [p.strip() for p in re.split(r"\n\s*\n", getattr(self, lang)) if p.strip()]


@dataclass
class Unit:
    """One addressable unit of a regulation (a Pasal, a point, a field of a rincian kegiatan, ...)."""

    eid: str
    local: str
    parent: str
    num: str | None
    heading: Text | None
    text: Text | None
    wrap: Text | None
    field: str | None
    activity: str | None
    menu: str | None
    corrections: list[dict]
    raw: dict
    file: str
    line: int
    children: list[Unit] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return self.local.split("_", 1)[0]

    def walk(self) -> Iterator[Unit]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Regulation:
    """A regulation: its metadata, its unit tree in reading order and its source text."""

    id: str
    metadata: dict
    units: list[Unit]
    by_eid: dict[str, Unit]
    source_text: str
    # False when some of its text could not be read (a broken file, an unknown parent, a duplicate
    # eId): those units are missing, so references into it are not checked; they would only repeat
    # the problem already reported, dozens of times.
    complete: bool = True

    @property
    def year(self) -> int:
        return int(self.metadata["budget_year"])

    def walk(self) -> Iterator[Unit]:
        for unit in self.units:
            yield from unit.walk()

    def activity_unit(self, activity: str) -> Unit | None:
        return self._activity_units.get(activity)

    @cached_property
    def _activity_units(self) -> dict[str, Unit]:
        """Each activity's first unit in reading order (asked for every field of every page)."""
        units: dict[str, Unit] = {}
        for unit in self.walk():
            if unit.activity:
                units.setdefault(unit.activity, unit)
        return units


@dataclass
class Content:
    """All content of the handbook, validated."""

    root: Path
    catalog: dict
    glossary: dict
    regulations: dict[str, Regulation]
    crosswalk: dict  # content/crosswalk.yml; site_build.content.crosswalk resolves it

    def by_year(self, year: int) -> Regulation:
        for regulation in self.regulations.values():
            if regulation.year == year:
                return regulation
        raise KeyError(f"no regulation for budget year {year}")


@cache
def _schema(schema_dir: Path, name: str) -> jsonschema.Draft202012Validator:
    store = {}
    for path in schema_dir.glob("*.schema.json"):
        loaded = json.loads(path.read_text(encoding="utf-8"))
        store[loaded["$id"]] = loaded
        store[path.name] = loaded
    schema = store[f"{name}.schema.json"]
    registry = _registry(store)
    return jsonschema.Draft202012Validator(schema, registry=registry)


def _registry(store: dict) -> Any:
    from referencing import Registry, Resource

    resources = [(uri, Resource.from_contents(doc)) for uri, doc in store.items()]
    registry = Registry().with_resources(resources)
    # Relative $refs such as "text.schema.json#/..." resolve against the $id's base.
    for doc in list(store.values()):
        base = doc["$id"].rsplit("/", 1)[0]
        for name in [k for k in store if "/" not in k]:
            registry = registry.with_resource(f"{base}/{name}", Resource.from_contents(store[name]))
    return registry


def _schema_problems(schema_dir: Path, name: str, data: Any, file: str) -> list[Problem]:
    validator = _schema(schema_dir, name)
    problems = []
    for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        path = tuple(error.absolute_path)
        line = line_of(data, path)
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            # The line of the (first) unknown key, not of the mapping that holds it.
            line = line_of(data, (*path, _unknown_keys(error)[0]))
        problems.append(Problem(file, line, dotted_path(path), _explain(error)))
    return problems


def dotted_path(path: tuple) -> str:
    """('units', 0, 'text', 'en') -> 'units[0].text.en', the key path of every problem message."""
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out


# The names a YAML editor knows (the schemas' JSON types), not Python's.
TYPE_NAMES = {dict: "object", list: "array", str: "string", bool: "boolean", int: "integer", float: "number"}


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    return next((name for kind, name in TYPE_NAMES.items() if isinstance(value, kind)), type(value).__name__)


def _unknown_keys(error: jsonschema.ValidationError) -> list[str]:
    schema = error.schema if isinstance(error.schema, dict) else {}
    return sorted(set(error.instance) - set(schema.get("properties", {})), key=str)


def _explain(error: jsonschema.ValidationError) -> str:
    """Turn a JSON Schema error into 'what is wrong (what is allowed)'."""
    schema = error.schema if isinstance(error.schema, dict) else {}
    allowed_keys = sorted(schema.get("properties", {}))
    if error.validator == "additionalProperties":
        extra = _unknown_keys(error)
        return f"unknown key {', '.join(map(repr, extra))} (allowed: {', '.join(allowed_keys)})"
    if error.validator == "required":
        missing = error.message.split("'")[1]
        if missing == "en":
            return "missing English text 'en' (every Indonesian text needs an unofficial translation)"
        return f"missing key {missing!r} (required: {', '.join(schema.get('required', []))})"
    if error.validator == "enum":
        return f"{error.instance!r} is not allowed (allowed: {', '.join(map(str, error.validator_value))})"
    if error.validator == "const":
        return f"{error.instance!r} is not allowed (allowed: {error.validator_value!r})"
    if error.validator == "type":
        expected = error.validator_value
        expected = " or ".join(expected) if isinstance(expected, list) else expected
        return f"expected {expected}, found {_type_name(error.instance)} {error.instance!r}"
    if error.validator == "pattern":
        return f"{error.instance!r} does not have the allowed form (pattern {error.validator_value})"
    if error.validator == "minLength":
        return "must not be empty (a non-empty text is required)"
    return error.message


def read_validated(
    root: Path, path: Path, schema: str, problems: list[Problem], schema_dir: Path | None = None
) -> Any:
    """Read a YAML file strictly and validate it against `<schema>.schema.json`.

    Problems are appended (paths shown relative to root's parent); returns None when any was found.
    """
    file = str(path.relative_to(root.parent))
    try:
        data = read_yaml(path)
    except YamlProblem as exc:
        problems.append(Problem(file, exc.line, "", exc.message))
        return None
    found = _schema_problems(schema_dir or root / SCHEMA_DIR_NAME, schema, data, file)
    problems.extend(found)
    return None if found else data


def _text(value: dict | None) -> Text | None:
    return Text(value["id"], value["en"]) if value else None


def _build_units(
    raw_units: list,
    parent: str,
    file: str,
    raw_path: tuple,
    data: LocatedDict,
    by_eid: dict[str, Unit],
    problems: list[Problem],
    dropped: list[str],
) -> list[Unit]:
    """The units of `raw_units` and their children; a unit whose eId is taken is reported and dropped."""
    units = []
    for index, raw in enumerate(raw_units):
        path = (*raw_path, index)
        line = line_of(data, path)
        eid = f"{parent}__{raw['id']}" if parent else raw["id"]
        if eid in by_eid:
            other = by_eid[eid]
            problems.append(
                Problem(
                    file,
                    line,
                    dotted_path((*path, "id")),
                    f"duplicate eId {eid} (first at {other.file}:{other.line})",
                )
            )
            dropped.append(eid)
            continue
        unit = Unit(
            eid=eid,
            local=raw["id"],
            parent=parent,
            num=raw.get("num"),
            heading=_text(raw.get("heading")),
            text=_text(raw.get("text")),
            wrap=_text(raw.get("wrap")),
            field=raw.get("field"),
            activity=raw.get("activity"),
            menu=raw.get("menu"),
            corrections=list(raw.get("corrections", [])),
            raw=raw,
            file=file,
            line=line,
        )
        by_eid[eid] = unit
        for part in PARTS:
            value = getattr(unit, part)
            if value and len(value.paragraphs("id")) != len(value.paragraphs("en")):
                problems.append(
                    Problem(
                        file,
                        line_of(data, (*path, part, "en")),
                        dotted_path((*path, part, "en")),
                        f"{len(value.paragraphs('en'))} English paragraphs for "
                        f"{len(value.paragraphs('id'))} Indonesian (each paragraph needs its translation)",
                    )
                )
        unit.children = _build_units(
            raw.get("children", []), eid, file, (*path, "children"), data, by_eid, problems, dropped
        )
        units.append(unit)
    return units


def _load_regulation(root: Path, folder: Path, problems: list[Problem]) -> Regulation | None:
    metadata = read_validated(root, folder / "metadata.yml", "metadata", problems)
    roots: list[Unit] = []
    by_eid: dict[str, Unit] = {}
    dropped: list[str] = []  # eIds, or the files, whose units could not be added
    text_files = sorted((folder / "text").glob("*.yml"))
    if not text_files:
        problems.append(
            Problem(str(folder.relative_to(root.parent)), 1, "text", "no text files (text/*.yml)")
        )
    for path in text_files:
        data = read_validated(root, path, "text", problems)
        file = str(path.relative_to(root.parent))
        if data is None:
            dropped.append(file)
            continue
        parent = data["parent"]
        if parent and parent not in by_eid:
            if not dropped:  # else the parent may well be in the text dropped before
                problems.append(
                    Problem(
                        file,
                        line_of(data, ("parent",)),
                        "parent",
                        f"unknown parent unit {parent!r} (it must be defined in this or an earlier file)",
                    )
                )
            dropped.append(file)
            continue
        units = _build_units(data["units"], parent, file, ("units",), data, by_eid, problems, dropped)
        (by_eid[parent].children if parent else roots).extend(units)
    if metadata is None:
        return None
    source_path = root / "sources" / metadata["source_file"]
    if not source_path.is_file():
        problems.append(
            Problem(
                str((folder / "metadata.yml").relative_to(root.parent)),
                line_of(metadata, ("source_file",)),
                "source_file",
                f"no such source file {metadata['source_file']!r} in content/sources/",
            )
        )
        return None
    regulation = Regulation(
        folder.name, metadata, roots, by_eid, source_path.read_text(encoding="utf-8"), complete=not dropped
    )
    if metadata["source_kind"] != "ocr":
        for unit in regulation.walk():
            if unit.corrections:
                problems.append(
                    Problem(
                        unit.file,
                        unit.raw.key_lines.get("corrections", unit.line),
                        f"{unit.eid}.corrections",
                        "corrections are recorded only for an OCR source (source_kind: ocr)",
                    )
                )
    return regulation


def _check_catalog_references(content: Content, unreadable: set[str], problems: list[Problem]) -> None:
    activities = {a["id"]: a for a in content.catalog["activities"]}
    menus = {m["id"]: m for m in content.catalog["menus"]}
    catalog_file = "content/catalog.yml"
    for index, activity in enumerate(content.catalog["activities"]):
        if activity["menu"] not in menus:
            problems.append(
                Problem(
                    catalog_file,
                    line_of(content.catalog, ("activities", index, "menu")),
                    f"activities[{index}].menu",
                    f"unknown menu {activity['menu']!r} (allowed: {', '.join(menus)})",
                )
            )
    for regulation in content.regulations.values():
        if regulation.id in unreadable:
            continue  # its own problems are reported; missing activities would only repeat them
        year = str(regulation.year)
        seen: dict[str, Unit] = {}
        for unit in regulation.walk():
            if unit.activity is None:
                continue
            where = (unit.file, unit.line, f"{unit.eid}.activity")
            if unit.activity not in activities:
                problems.append(Problem(*where, f"unknown activity {unit.activity!r} (allowed: catalog ids)"))
                continue
            if unit.activity in seen:
                problems.append(
                    Problem(
                        *where,
                        f"activity {unit.activity!r} appears twice (first at {seen[unit.activity].eid})",
                    )
                )
            seen[unit.activity] = unit
            entry = activities[unit.activity]
            if entry["menu"] not in menus:
                continue  # reported with the catalog; its menu letter cannot be compared
            menu_unit = regulation.by_eid.get(unit.parent)
            expected_letter = menus[entry["menu"]]["letter"].get(year)
            expected_number = entry["number"].get(year)
            if expected_number is None:
                problems.append(
                    Problem(
                        *where,
                        f"activity {unit.activity!r} does not exist in {year} according to the catalog",
                    )
                )
            elif (
                menu_unit is None
                or menu_unit.menu != expected_letter
                or unit.local != f"point_{expected_number}"
            ):
                problems.append(
                    Problem(
                        *where,
                        f"activity {unit.activity!r} is menu {expected_letter} number "
                        f"{expected_number} in {year} according to the catalog",
                    )
                )
        for index, (activity_id, entry) in enumerate(activities.items()):
            if year in entry["number"] and activity_id not in seen:
                problems.append(
                    Problem(
                        catalog_file,
                        line_of(content.catalog, ("activities", index, "number", year)),
                        f"activities[{index}].number.{year}",
                        f"catalog activity {activity_id!r} has no unit in {regulation.id} (add activity: "
                        f"{activity_id} to its rincian kegiatan in content/{regulation.id}/text/)",
                    )
                )


def _check_glossary_references(content: Content, unreadable: set[str], problems: list[Problem]) -> None:
    for index, term in enumerate(content.glossary.get("terms", [])):
        for ref_index, ref in enumerate(term["refs"]):
            regulation_id, _, eid = ref.partition("#")
            if regulation_id in unreadable:
                continue  # its own problems are reported; a dangling reference would only repeat them
            regulation = content.regulations.get(regulation_id)
            if regulation is None or eid not in regulation.by_eid:
                problems.append(
                    Problem(
                        "content/glossary.yml",
                        line_of(content.glossary, ("terms", index, "refs", ref_index)),
                        f"terms[{index}].refs[{ref_index}]",
                        f"dangling reference {ref!r} (allowed: <regulation>#<eId> of an existing unit)",
                    )
                )


def _check_crosswalk_references(content: Content, unreadable: set[str], problems: list[Problem]) -> None:
    by_year = {str(r.year): r for r in content.regulations.values()}
    fields = {str(r.year): {u.field for u in r.walk() if u.field} for r in content.regulations.values()}
    for section, known in (("units", None), ("fields", fields)):
        for index, entry in enumerate(content.crosswalk.get(section, [])):
            if entry.get("2022") is None and entry.get("2023") is None:
                problems.append(
                    Problem(
                        "content/crosswalk.yml",
                        line_of(content.crosswalk, (section, index)),
                        f"{section}[{index}]",
                        "both sides are null (allowed: at most one side null)",
                    )
                )
            for year in ("2022", "2023"):
                value, regulation = entry.get(year), by_year.get(year)
                if value is None or regulation is None or regulation.id in unreadable:
                    continue
                exists = value in known[year] if known else value in regulation.by_eid
                if not exists:
                    what = "a field of a rincian kegiatan" if known else "an eId"
                    problems.append(
                        Problem(
                            "content/crosswalk.yml",
                            line_of(content.crosswalk, (section, index, year)),
                            f"{section}[{index}].{year}",
                            f"dangling reference {value!r} (allowed: {what} of {regulation.id}, or null)",
                        )
                    )


def load_content(root: Path = CONTENT_DIR) -> Content:
    """Load and validate all content under `root`; raise ContentError listing every problem."""
    root = root.resolve()
    problems: list[Problem] = []
    catalog = read_validated(root, root / "catalog.yml", "catalog", problems)
    glossary_path = root / "glossary.yml"
    glossary = (
        read_validated(root, glossary_path, "glossary", problems) if glossary_path.exists() else {"terms": []}
    )
    crosswalk_path = root / "crosswalk.yml"
    crosswalk = (
        read_validated(root, crosswalk_path, "crosswalk", problems)
        if crosswalk_path.exists()
        else {"fields": [], "units": []}
    )
    regulations = {}
    unreadable = set()  # regulations with units missing: references into them are not checked
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and (p / "metadata.yml").exists()):
        regulation = _load_regulation(root, folder, problems)
        if regulation is None or not regulation.complete:
            unreadable.add(folder.name)
        if regulation is not None:
            regulations[regulation.id] = regulation
    if catalog is not None and glossary is not None and crosswalk is not None:
        content = Content(root, catalog, glossary, regulations, crosswalk)
        _check_catalog_references(content, unreadable, problems)
        _check_glossary_references(content, unreadable, problems)
        _check_crosswalk_references(content, unreadable, problems)
    if problems:
        raise ContentError(problems)
    return content
