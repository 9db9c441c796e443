"""One English rendering per recurring term: the decisions table of content/FORMAT.md ("English
renderings") names, for each term, the rival renderings that must not come back in any English text
of the regulations, the glossary, the crosswalk or the catalog."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from site_build.content.citation import printed_number
from site_build.content.loader import load_content

FORMAT = Path(__file__).resolve().parents[1] / "content" / "FORMAT.md"
CONTENT = load_content()


def _cells(row: str) -> list[str]:
    """A Markdown table row's cells; `\\|` inside a cell is a literal bar."""
    return [cell.strip().replace("\\|", "|") for cell in re.split(r"(?<!\\)\|", row.strip().strip("|"))]


def renderings() -> list[tuple[str, str, list[str]]]:
    """(Indonesian, English, rival patterns) for each row of the decisions table."""
    text = FORMAT.read_text(encoding="utf-8")
    section = text.split("## English renderings", 1)[1]
    rows = [line for line in section.splitlines() if line.startswith("|")][2:]
    return [(cells[0], cells[1], re.findall(r"`([^`]+)`", cells[2])) for cells in map(_cells, rows)]


def _english(node: Any, where: str) -> Iterator[tuple[str, str]]:
    """Every `en` string of a YAML mapping/list, with where it is."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "en" and isinstance(value, str):
                yield where, value
            else:
                yield from _english(value, f"{where}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            label = value.get("id", index) if isinstance(value, dict) else index
            yield from _english(value, f"{where}[{label}]")


def english_texts() -> list[tuple[str, str]]:
    texts = []
    for regulation in CONTENT.regulations.values():
        for unit in regulation.walk():
            if unit.num:  # shown in English headings and citations
                texts.append((f"{regulation.id}#{unit.eid} num", printed_number(unit.num, "en")))
            for part in ("heading", "text", "wrap"):
                text = getattr(unit, part)
                if text:
                    texts.append((f"{regulation.id}#{unit.eid} {part}", text.en))
    texts += _english(CONTENT.glossary, "glossary.yml")
    texts += _english(CONTENT.crosswalk, "crosswalk.yml")
    texts += _english(CONTENT.catalog, "catalog.yml")
    return texts


def test_the_table_decides_the_terms_the_handbook_promises():
    decided = " ".join(indonesian for indonesian, _, _ in renderings())
    promised = (
        "Pasal BAB rincian_kegiatan dinas_daerah pembinaan tenaga_pendamping narasumber tenaga_ahli pengajar"
    )
    for term in (promised + " Menetapkan Ditetapkan Diundangkan tentang cq. OPD APIP TKDN").split():
        assert term.replace("_", " ") in decided, term
    assert sum(len(rivals) for _, _, rivals in renderings()) >= 40


@pytest.mark.parametrize(("indonesian", "english", "rivals"), renderings(), ids=lambda v: str(v)[:30])
def test_no_rival_rendering_in_any_english_text(indonesian, english, rivals):
    found = []
    for rival in rivals:
        pattern = re.compile(rf"(?<!\w){rival}(?!\w)", re.IGNORECASE)
        for where, text in english_texts():
            match = pattern.search(text)
            if match:
                found.append(f"{where}: {match.group(0)!r} (decided: {indonesian} = {english})")
    assert not found, "\n".join(found)


def test_a_rival_rendering_is_caught():
    """The check itself: a text saying 'field assistant' is found by the row of tenaga pendamping."""
    rivals = next(r for i, _, r in renderings() if i.startswith("tenaga pendamping"))
    assert any(re.search(rf"(?<!\w){r}(?!\w)", "one field assistant per IKM", re.IGNORECASE) for r in rivals)
