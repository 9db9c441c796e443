"""The loader on a tiny content tree. Every kind of broken content, with its exact message, is in
tests/broken_content/cases.yml (tests/test_broken_content.py)."""

import shutil
from pathlib import Path

import pytest
import yaml

from site_build.content.loader import ContentError, load_content

CASES = Path(__file__).parent / "content_cases"
SCHEMA = Path(__file__).resolve().parents[1] / "content" / "schema"


def make_tree(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    for name, text in yaml.safe_load((CASES / "minimal.yml").read_text()).items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    shutil.copytree(SCHEMA, root / "schema")
    return root


def test_minimal_tree_loads(tmp_path):
    content = load_content(make_tree(tmp_path))
    regulation = content.by_year(2023)
    assert regulation.by_eid["body__art_1"].text.en == "Participants number 20-30 people."
    assert regulation.activity_unit("pelatihan-contoh").eid == "att_1__sec_A__point_1"


def test_every_problem_is_reported_at_once(tmp_path):
    root = make_tree(tmp_path)
    metadata = root / "reg-2023" / "metadata.yml"
    metadata.write_text(
        metadata.read_text().replace("nomor: 7", "nomor: x").replace("tahun: 2023", "tahun: y", 1)
    )
    with pytest.raises(ContentError) as raised:
        load_content(root)
    assert len([p for p in raised.value.problems if p.file.endswith("metadata.yml")]) == 2


def test_every_unit_has_a_formal_citation_of_its_own():
    """No two units of a regulation share a citation (Indonesian, English or short): a citation that
    loses a level (a report format's sub-section, an unnumbered passage) would point a reader at two
    provisions at once."""
    from site_build.content.citation import cite

    for regulation in load_content().regulations.values():
        for key in ("id", "en", "short"):
            by_citation: dict[str, list[str]] = {}
            for unit in regulation.walk():
                by_citation.setdefault(cite(regulation, unit)[key], []).append(unit.eid)
            shared = {c: eids for c, eids in by_citation.items() if len(eids) > 1}
            assert not shared, f"{regulation.id} ({key}): {shared}"


def test_citations_of_the_report_formats_keep_their_sub_section():
    from site_build.content.citation import cite

    regulation = load_content().by_year(2023)
    semester = regulation.by_eid["att_1__chp_IV__sec_B__subsec_1__point_II__point_c"]
    final = regulation.by_eid["att_1__chp_IV__sec_B__subsec_2__point_II__point_c"]
    assert cite(regulation, semester)["short"] == "Lampiran angka IV.B.1 angka II huruf c Permenperin 7/2023"
    assert cite(regulation, final)["short"] == "Lampiran angka IV.B.2 angka II huruf c Permenperin 7/2023"
    closing = regulation.by_eid["att_1__chp_II__block_1"]
    assert cite(regulation, closing)["en"].startswith("Annex, II, passage after section D,")


def test_libyaml_reads_every_content_and_rules_file_as_pyyaml_does_lines_included():
    """The build reads with libyaml's parser (quicker), editors' messages come from PyYAML's own: the
    two must read the same values, with the same line for every key and item."""
    from site_build.content.yamlfile import LocatedDict, LocatedList, _FastStrictLoader, _StrictLoader

    def same(a, b, where: str) -> None:
        assert type(a) is type(b), where
        if isinstance(a, LocatedDict):
            assert list(a) == list(b) and (a.line, a.key_lines) == (b.line, b.key_lines), where
            for key in a:
                same(a[key], b[key], f"{where}.{key}")
        elif isinstance(a, LocatedList):
            assert len(a) == len(b) and (a.line, a.item_lines) == (b.line, b.item_lines), where
            for index, (x, y) in enumerate(zip(a, b, strict=True)):
                same(x, y, f"{where}[{index}]")
        else:
            assert a == b, where

    root = SCHEMA.parents[1]
    files = sorted((root / "content").rglob("*.yml")) + sorted((root / "rules").rglob("*.yml"))
    assert len(files) > 20
    for path in files:
        text = path.read_text(encoding="utf-8")
        same(yaml.load(text, Loader=_StrictLoader), yaml.load(text, Loader=_FastStrictLoader), str(path))
