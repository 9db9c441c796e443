"""Check the text of one regulation as an editor works on it.

    python dev/check_text.py permenperin-7-2023 [--gaps N]

Loads all content with the one loader (every problem as `file:line: key.path: what is wrong`), then
traces the regulation's units to its source and prints the word coverage and the uncovered runs of
at least N words (default 4), so an editor sees what is still missing.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from site_build.content.loader import ContentError, load_content
from site_build.content.trace import trace_units


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("regulation", help="folder name under content/, e.g. permenperin-5-2022")
    parser.add_argument("--gaps", type=int, default=4, help="show uncovered runs of at least this many words")
    args = parser.parse_args()
    try:
        content = load_content()
    except ContentError as error:
        print(error)
        return 1
    regulation = content.regulations.get(Path(args.regulation).name)
    if regulation is None:
        print(f"unknown regulation {args.regulation!r} (known: {', '.join(sorted(content.regulations))})")
        return 2
    units = ((unit.eid, unit.raw) for unit in regulation.walk())
    report = trace_units(units, regulation.source_text, ordered=regulation.metadata["source_kind"] == "text")
    for problem in report.problems:
        print(problem)
    covered, total = report.coverage.word_ratio()
    print(f"{len(report.problems)} problems; coverage {covered}/{total} words = {covered / total:.2%}")
    for gap in report.coverage.gaps(args.gaps):
        print("  GAP:", gap[:300])
    return 1 if report.problems else 0


if __name__ == "__main__":
    sys.exit(main())
