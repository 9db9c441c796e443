"""Strict YAML reading that remembers where every value came from.

PyYAML silently keeps the last of two equal keys and forgets line numbers; an editor of the
regulations needs both caught and reported at the right line. Mappings load as `LocatedDict` and
sequences as `LocatedList`, which carry the 1-based line of each key or item.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


class LocatedDict(dict):
    """A mapping that knows the line of each of its keys (and of itself)."""

    line: int = 0
    key_lines: dict[str, int]


class LocatedList(list):
    """A sequence that knows the line of each of its items (and of itself)."""

    line: int = 0
    item_lines: list[int]


class YamlProblem(Exception):
    """A YAML file that cannot be read: its line and what is wrong."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class _Strict:
    """Mappings and sequences that remember their lines, and duplicate keys refused (the constructor
    of both loaders below)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LocatedDict:
        if not isinstance(node, yaml.MappingNode):
            raise YamlProblem(node.start_mark.line + 1, "expected a mapping")
        self.flatten_mapping(node)
        result = LocatedDict()
        result.line = node.start_mark.line + 1
        result.key_lines = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if key in result:
                raise YamlProblem(line, f"duplicate key {key!r} (first at line {result.key_lines[str(key)]})")
            result[key] = self.construct_object(value_node, deep=True)
            result.key_lines[str(key)] = line
        return result

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> LocatedList:
        result = LocatedList(self.construct_object(child, deep=True) for child in node.value)
        result.line = node.start_mark.line + 1
        result.item_lines = [child.start_mark.line + 1 for child in node.value]
        return result


class _StrictLoader(_Strict, yaml.SafeLoader):
    """PyYAML's own parser, in Python: its messages are the ones editors are shown."""


class _FastStrictLoader(_Strict, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The same, parsed by libyaml where PyYAML was built with it: the same documents read seven times
    faster (the content is half a megabyte, read on every build)."""


for _loader in (_StrictLoader, _FastStrictLoader):
    _loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _Strict.construct_mapping)
    _loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _Strict.construct_sequence)
    # Dates stay strings: the content holds them as ISO text and JSON has no date type.
    _loader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


def read_yaml(path: Path) -> Any:
    """Read one YAML file strictly; raise YamlProblem with the line of the first error."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise YamlProblem(1, f"not UTF-8 text ({exc.reason})") from None
    try:
        return yaml.load(text, Loader=_FastStrictLoader)
    except (YamlProblem, yaml.YAMLError):
        pass  # read again by PyYAML's own parser, whose message and line the editor is shown
    try:
        return yaml.load(text, Loader=_StrictLoader)
    except YamlProblem:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise YamlProblem(line, f"invalid YAML: {exc.problem or exc.context}") from None


def line_of(container: Any, path: tuple) -> int:
    """The line of the value at `path` inside `container` (the nearest known line)."""
    line = getattr(container, "line", 1)
    node = container
    for step in path:
        if isinstance(node, LocatedDict) and step in node:
            line = node.key_lines.get(str(step), line)
            node = node[step]
        elif isinstance(node, LocatedList) and isinstance(step, int) and step < len(node):
            line = node.item_lines[step]
            node = node[step]
        else:
            break
    return line
