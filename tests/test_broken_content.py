"""The promise to editors of both trees: every kind of broken content gets exact, located messages.

The cases are data (tests/broken_content/cases.yml): one small change to a copy of the real content/
or rules/ tree, and the complete list of messages the loader or the rules compiler gives for it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from site_build.content.loader import ContentError, load_content
from site_build.rules.compiler import compile_rules

ROOT = Path(__file__).resolve().parents[1]
CASES = yaml.safe_load((Path(__file__).parent / "broken_content" / "cases.yml").read_text(encoding="utf-8"))
# The cells of the matrix: each kind of mistake must have a case in each tree.
KINDS = (
    "bad YAML",
    "unknown key",
    "duplicate key",
    "missing translation",
    "dangling reference",
    "wrong type",
)
TREES = ("content", "rules")


@pytest.fixture(scope="module")
def content():
    """The real content, which the rules cases compile against."""
    return load_content()


def broken_copy(tmp_path: Path, case: dict) -> Path:
    """A copy of the case's tree with its one change made; the copy's root."""
    root = tmp_path / case["tree"]
    shutil.copytree(ROOT / case["tree"], root)
    path = root / case["file"]
    old, new = case["replace"]
    text = path.read_text(encoding="utf-8")
    assert old in text, f"case {case['kind']!r} no longer applies to {case['tree']}/{case['file']}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return root


def messages_for(tmp_path: Path, case: dict, content) -> list[str]:
    root = broken_copy(tmp_path, case)
    with pytest.raises(ContentError) as raised:
        if case["tree"] == "content":
            load_content(root)
        else:
            compile_rules(rules_dir=root, content=content)
    return [str(problem) for problem in raised.value.problems]


def case_id(case: dict) -> str:
    return f"{case['tree']}/{case['file']}: {case['kind']}"


@pytest.mark.parametrize("case", CASES, ids=[case_id(c) for c in CASES])
def test_broken_content_gets_exact_located_messages(tmp_path, content, case):
    assert messages_for(tmp_path, case, content) == case["expect"]


def test_the_matrix_has_a_case_for_every_kind_in_both_trees():
    covered = {(case["kind"], case["tree"]) for case in CASES}
    assert {(kind, tree) for kind in KINDS for tree in TREES} <= covered


# The same mistakes through the commands editors run: exit status 1, the message, no traceback.


def test_handbook_compile_rules_only_reports_a_broken_rules_file(tmp_path):
    case = next(c for c in CASES if c["tree"] == "rules" and c["kind"] == "unknown key")
    root = broken_copy(tmp_path, case)
    result = subprocess.run(
        [sys.executable, "-m", "site_build.cli", "compile-rules", "--only", str(root / case["file"])],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.splitlines() == case["expect"]


def test_handbook_build_reports_broken_content(tmp_path):
    """`handbook build` of a checkout whose content is broken (a copy of the project, since the
    command reads the content beside its own code)."""
    case = next(c for c in CASES if c["tree"] == "content" and c["kind"] == "dangling reference")
    checkout = tmp_path / "checkout"
    for name in ("site_build", "docs_plugins", "dakcore", "rules", "overrides", "mkdocs.yml"):
        copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy2
        copy(ROOT / name, checkout / name)
    broken_copy(checkout, case)
    result = subprocess.run(
        [sys.executable, "-m", "site_build.cli", "build"],
        cwd=checkout,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(checkout)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "dak-generate: the content has problems:\n" + "\n".join(case["expect"]) + "\n" in result.stderr
