"""Quick structural + traceability check of one regulation's text files (for content editors).

    python tools/check_text.py content/permenperin-7-2023 [--gaps N]

Prints every problem (file: eId: what is wrong), then the word coverage of the source and the
uncovered runs of at least N words (default 4), so an editor sees what is missing.
"""

import argparse
import re
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from site_build.content.trace import PARTS, Coverage, normalize_source, unit_pieces  # noqa: E402

SOURCES = {
    "permenperin-5-2022": "permenperin-5-2022.ocr.txt",
    "permenperin-7-2023": "permenperin-7-2023.txt",
}
UNIT_KEYS = {"id", "num", "heading", "text", "children", "wrap", "field", "activity", "menu", "corrections"}
LOCAL_ID = re.compile(r"^(preface|preamble|recitals|recital|citations|citation|formula|body|art|para|point|conclusions|block|att|chp|sec|subsec)(_[A-Za-z0-9]+)?$")
FIELDS = {"tujuan", "sasaran", "tujuan_sasaran", "bentuk", "metode", "jangka_waktu", "tempat", "target_peserta", "narasumber", "instruktur", "tenaga_pendamping", "materi_pokok", "keluaran", "penyelenggara"}


def paragraphs(text):
    return [p for p in re.split(r"\n\s*\n", text or "") if p.strip()]


def walk(units, prefix, fname, problems, seen, out):
    siblings = set()
    for unit in units:
        if not isinstance(unit, dict):
            problems.append(f"{fname}: {prefix}: unit is not a mapping")
            continue
        local = str(unit.get("id", ""))
        eid = f"{prefix}__{local}" if prefix else local
        for key in unit:
            if key not in UNIT_KEYS:
                problems.append(f"{fname}: {eid}: unknown key {key!r} (allowed: {sorted(UNIT_KEYS)})")
        if not LOCAL_ID.match(local):
            problems.append(f"{fname}: {eid}: bad local id {local!r}")
        if local in siblings:
            problems.append(f"{fname}: {eid}: duplicate sibling id")
        siblings.add(local)
        if eid in seen and not unit.get("children") is None and False:
            pass
        for part in ("heading", "text", "wrap"):
            value = unit.get(part)
            if value is None:
                continue
            if not isinstance(value, dict) or not value.get("id") or not value.get("en"):
                problems.append(f"{fname}: {eid}.{part}: needs both 'id' and 'en' texts")
                continue
            if len(paragraphs(value["id"])) != len(paragraphs(value["en"])):
                problems.append(f"{fname}: {eid}.{part}: {len(paragraphs(value['id']))} Indonesian paragraphs but {len(paragraphs(value['en']))} English")
        if "field" in unit and unit["field"] not in FIELDS:
            problems.append(f"{fname}: {eid}.field: unknown field {unit['field']!r}")
        seen[eid] = unit
        out.append((fname, eid, unit))
        walk(unit.get("children") or [], eid, fname, problems, seen, out)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("folder")
    parser.add_argument("--gaps", type=int, default=4)
    args = parser.parse_args()
    folder = Path(args.folder)
    root = Path(__file__).resolve().parents[1]
    source = normalize_source((root / "content/sources" / SOURCES[folder.name]).read_text(encoding="utf-8"))
    problems, seen, units = [], {}, []
    for path in sorted((folder / "text").glob("*.yml")):
        try:
            doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            problems.append(f"{path.name}: YAML error: {exc}")
            continue
        parent = doc.get("parent", "")
        if parent and parent not in seen:
            problems.append(f"{path.name}: parent {parent!r} is not defined in an earlier file")
        before = len(units)
        walk(doc.get("units") or [], parent, path.name, problems, seen, units)
        if parent in seen:
            seen[parent].setdefault("children", [])
    ordered = folder.name.endswith("2023")
    coverage = Coverage.of(source)
    cursor = 0
    for fname, eid, unit in units:
        located_at = None
        for part in ("heading", "text", "wrap"):
            for piece in unit_pieces(unit, part) if unit.get(part) else []:
                try:
                    at = coverage.locate(piece, start=cursor if ordered else 0)
                except ValueError as exc:
                    problems.append(f"{fname}: {eid}.{part}: {exc}")
                    continue
                if at < 0:
                    problems.append(f"{fname}: {eid}.{part}: not found in the source: {piece[:90]!r}")
                    continue
                if located_at is None:
                    located_at = at
                if ordered:
                    cursor = at + len(piece)
        try:
            nums = unit_pieces(unit, "num") if unit.get("num") else []
        except ValueError as exc:
            problems.append(f"{fname}: {eid}.num: {exc}")
            nums = []
        for num in nums:
            if located_at is not None:
                coverage.mark_near(num, located_at)
            elif coverage.locate(num, start=cursor if ordered else 0) < 0:
                problems.append(f"{fname}: {eid}.num: {num!r} not found in the source")
    for problem in problems:
        print(problem)
    covered, total = coverage.word_ratio()
    print(f"{len(units)} units, {len(problems)} problems; coverage {covered}/{total} words = {covered / total:.2%}")
    for gap in coverage.gaps(args.gaps):
        print("  GAP:", gap[:300])
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
