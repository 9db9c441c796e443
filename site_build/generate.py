"""Render content/ and the compiled rules into the handbook's docs tree (Markdown + HTML blocks).

The tree is generated, never edited by hand, and not committed. Indonesian pages are `name.md`,
English pages `name.en.md` (mkdocs-static-i18n's suffix structure). Files are written only when their
text changed, so `mkdocs serve` does not rebuild in a loop.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2

from site_build.content.citation import cite
from site_build.content.crosswalk import Crosswalk
from site_build.content.loader import Content, Regulation, Unit, load_content
from site_build.render import LANGS, md_escape, unit_head, unit_html
from site_build.rules.compiler import compile_rules

TEMPLATES = Path(__file__).parent / "templates"
ASSETS = Path(__file__).parent / "assets"

FIELD_NAMES = {
    "tujuan": ("Tujuan", "Objective"),
    "sasaran": ("Sasaran", "Target"),
    "tujuan_sasaran": ("Tujuan dan sasaran", "Objective and target"),
    "bentuk": ("Bentuk", "Form"),
    "metode": ("Metode", "Method"),
    "jangka_waktu": ("Jangka waktu", "Duration"),
    "tempat": ("Tempat", "Place"),
    "target_peserta": ("Target peserta", "Participants"),
    "narasumber": ("Narasumber", "Resource persons"),
    "instruktur": ("Instruktur", "Instructors"),
    "tenaga_pendamping": ("Tenaga pendamping", "Mentors"),
    "materi_pokok": ("Materi pokok", "Core material"),
    "keluaran": ("Keluaran", "Output"),
    "penyelenggara": ("Penyelenggara", "Organiser"),
}
LEVEL_NAMES = {
    "error": ("tidak boleh", "not allowed"),
    "needs_approval": ("perlu persetujuan kementerian", "needs ministry approval"),
    "needs_statement": ("perlu surat pernyataan", "needs a statement"),
    "warning": ("perhatian", "warning"),
}


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = md_escape
    env.globals.update(unit_html=unit_html, unit_head=unit_head, field_names=FIELD_NAMES)
    env.globals["level_names"] = LEVEL_NAMES
    return env


def _write(path: Path, text: str, written: set[Path]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    written.add(path)


def _page_name(base: str, lang: str) -> str:
    return f"{base}.md" if lang == "id" else f"{base}.{lang}.md"


def _reading_blocks(regulation: Regulation, lang: str) -> list[dict[str, Any]]:
    """The reading view as a list of headings (for the table of contents) and HTML blocks."""
    blocks: list[dict[str, Any]] = []

    def visit(unit: Unit, depth: int) -> None:
        structural = unit.kind in ("preface", "preamble", "body", "conclusions", "att", "chp") or (
            unit.kind == "sec" and unit.parent.count("__") <= 1 and unit.parent.startswith("att")
        )
        if structural and unit.children and depth < 4:
            title = unit_head(unit, lang) or _section_name(unit, lang)
            blocks.append({"heading": title, "level": depth + 2, "eid": unit.eid})
            if unit.text:
                blocks.append({"html": unit_html(_leaf(unit), lang)})
            for child in unit.children:
                visit(child, depth + 1)
            if unit.wrap:
                blocks.append({"html": "\n".join(f"<p>{p}</p>" for p in unit.wrap.paragraphs(lang))})
        else:
            blocks.append({"html": unit_html(unit, lang)})

    for unit in regulation.units:
        visit(unit, 0)
    return blocks


def _leaf(unit: Unit) -> Unit:
    """The unit's own words without its heading or children (shown under a Markdown heading)."""
    from dataclasses import replace

    return replace(unit, eid=f"{unit.eid}__text", num=None, heading=None, children=[], wrap=None)


SECTION_NAMES = {
    "preface": ("Judul", "Title"),
    "preamble": ("Pembukaan", "Preamble"),
    "body": ("Batang tubuh", "Body"),
    "conclusions": ("Penutup", "Closing"),
    "att": ("Lampiran", "Annex"),
}


def _section_name(unit: Unit, lang: str) -> str:
    names = SECTION_NAMES.get(unit.kind, (unit.eid, unit.eid))
    return names[LANGS.index(lang)]


def generate(docs_dir: Path, content: Content | None = None) -> int:
    """Write the whole docs tree; remove generated files that are no longer produced. Returns pages."""
    content = content or load_content()
    rules = compile_rules(content=content)
    crosswalk = Crosswalk(content)
    env = _environment()
    written: set[Path] = set()
    regulations = sorted(content.regulations.values(), key=lambda r: r.year)
    activities = rules["activities"]
    rules_by_activity: dict[str, list[dict]] = {}
    for rule in rules["rules"]:
        for value in rule["values"]:
            for activity in value["activities"]:
                bucket = rules_by_activity.setdefault(activity, [])
                if rule not in bucket:
                    bucket.append(rule)
    common = {"regulations": regulations, "activities": activities, "rules": rules, "content": content}
    for lang in LANGS:
        page = {**common, "lang": lang}
        _write(docs_dir / _page_name("index", lang), env.get_template("home.md.j2").render(page), written)
        for regulation in regulations:
            text = env.get_template("regulation.md.j2").render(
                page,
                regulation=regulation,
                blocks=_reading_blocks(regulation, lang),
                title_citation=cite(regulation, regulation.units[0])[lang] if regulation.units else "",
            )
            _write(docs_dir / "peraturan" / _page_name(regulation.id, lang), text, written)
        _write(
            docs_dir / "kegiatan" / _page_name("index", lang),
            env.get_template("activities.md.j2").render(page),
            written,
        )
        for activity in activities:
            text = env.get_template("activity.md.j2").render(
                page,
                activity=activity,
                rows=_field_rows(content, activity, lang),
                activity_rules=rules_by_activity.get(activity["id"], []),
            )
            _write(docs_dir / "kegiatan" / _page_name(activity["id"], lang), text, written)
        _write(
            docs_dir / _page_name("glosarium", lang),
            env.get_template("glossary.md.j2").render(page, terms=_glossary(content, lang)),
            written,
        )
        _write(
            docs_dir / _page_name("sumber", lang),
            env.get_template("sources.md.j2").render(page, corrections=_corrections(content)),
            written,
        )
    del crosswalk  # the comparison pages (issue 4) use it; kept constructed so a broken crosswalk fails here
    for path in ASSETS.rglob("*"):
        if path.is_file():
            _write(docs_dir / "assets" / path.relative_to(ASSETS), path.read_text(encoding="utf-8"), written)
    for stale in [p for p in docs_dir.rglob("*") if p.is_file() and p not in written]:
        stale.unlink()
    return sum(1 for p in written if p.suffix == ".md")


def _field_rows(content: Content, activity: dict, lang: str) -> list[dict[str, Any]]:
    """One row per field of the rincian: the 2022 and 2023 text side by side."""
    units = {}
    for regulation in content.regulations.values():
        unit = regulation.activity_unit(activity["id"])
        units[regulation.year] = unit
    order: list[tuple[str | None, str | None]] = []
    for entry in content.crosswalk["fields"]:
        pair = (entry.get("2022"), entry.get("2023"))
        order.append(pair)
    rows = []
    seen: set[tuple[int, str]] = set()
    for field_2022, field_2023 in order:
        cells = {}
        for year, field in ((2022, field_2022), (2023, field_2023)):
            unit = units.get(year)
            if unit is None or field is None or (year, field) in seen:
                cells[year] = None
                continue
            children = [c for c in unit.children if c.field == field]
            if children:
                seen.add((year, field))
            cells[year] = "\n".join(unit_html(c, lang, anchors=False) for c in children) or None
        if cells[2022] or cells[2023]:
            name = FIELD_NAMES[field_2023 or field_2022][LANGS.index(lang)]
            if field_2022 and field_2023 and field_2022 != field_2023:
                name = FIELD_NAMES[field_2022][LANGS.index(lang)] + " → " + name
            rows.append({"name": name, "cells": cells})
    return rows


def _glossary(content: Content, lang: str) -> list[dict[str, Any]]:
    terms = []
    for term in sorted(content.glossary.get("terms", []), key=lambda t: t["term"].lower()):
        refs = []
        for ref in term["refs"]:
            regulation_id, _, eid = ref.partition("#")
            regulation = content.regulations[regulation_id]
            refs.append(
                {
                    "href": f"peraturan/{regulation_id}.md#{eid}",
                    "label": cite(regulation, regulation.by_eid[eid])["short"],
                }
            )
        terms.append({**term, "refs_out": refs})
    return terms


def _corrections(content: Content) -> list[dict[str, Any]]:
    out = []
    for regulation in content.regulations.values():
        for unit in regulation.walk():
            for correction in unit.corrections:
                out.append({"regulation": regulation, "unit": unit, **correction})
    return out
