"""YAML reading that remembers where every value came from.

PyYAML's safe loader forgets positions and silently keeps the last of two
equal keys. Here mappings and sequences remember the line and column of each
value, duplicate keys and impossible dates become problems, and a syntax error
is reported where the parser saw it, never as a traceback. A file whose mappings
and sequences nest deeper than any content needs is an error before it is built
into values: libyaml builds them by recursion, and 50,000 brackets inside each
other crash the process.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from pipeline.content.textfile import read_text
from pipeline.messages import Said, tr
from pipeline.problems import Position, Problems


class LocatedDict(dict):
    """A mapping that knows its own position and each value's position."""

    position: Position
    value_positions: dict[Any, Position]
    key_positions: dict[Any, Position]

    def where(self, key: Any) -> Position:
        return self.value_positions.get(key, self.position)


class LocatedList(list):
    position: Position
    item_positions: list[Position]

    def where(self, index: int) -> Position:
        if 0 <= index < len(self.item_positions):
            return self.item_positions[index]
        return self.position


class Reported:
    """A value that could not be read and whose problem is reported already.

    It keeps its key in the mapping, so that no second error says the field is missing.
    """


REPORTED = Reported()
DEEPEST = 50  # mappings and sequences inside each other; the content's go four deep
_OPENING = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_CLOSING = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


class _Loader(yaml.CSafeLoader):
    path: Path
    problems: Problems

    def position(self, node: yaml.Node) -> Position:
        mark = node.start_mark
        return Position(self.path, mark.line + 1, mark.column + 1)


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LocatedDict:
    loader.flatten_mapping(node)
    result = LocatedDict()
    result.position = loader.position(node)
    result.value_positions = {}
    result.key_positions = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str | int | float | bool) and key is not None:
            loader.problems.error(loader.position(key_node), tr("a key must be plain text"))
            continue
        if key in result:
            first = result.key_positions[key]
            loader.problems.error(
                loader.position(key_node),
                tr("duplicate key '{key}' (first given on line {line})", key=key, line=first.line),
                tr("give each key once; YAML would silently keep only the last one"),
            )
            continue
        result[key] = loader.construct_object(value_node, deep=True)
        result.value_positions[key] = loader.position(value_node)
        result.key_positions[key] = loader.position(key_node)
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LocatedList:
    result = LocatedList(loader.construct_object(child, deep=True) for child in node.value)
    result.position = loader.position(node)
    result.item_positions = [loader.position(child) for child in node.value]
    return result


def _construct_timestamp(loader: _Loader, node: yaml.ScalarNode) -> Any:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        loader.problems.error(
            loader.position(node),
            tr("'{value}' is not a date that exists", value=node.value),
            tr("write a real calendar date as YYYY-MM-DD, for example 2025-02-28"),
        )
        return REPORTED


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def load_yaml(path: Path, problems: Problems) -> Any:
    """Load one YAML file; return None (with problems recorded) when it cannot be read.

    Every YAML file of a content folder holds fields, so an empty one is an
    error too: returned quietly as None, it would drop a case from the counts
    or a publication from the build without a word.
    """
    text = read_text(path, problems)
    if text is None:
        return None
    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError as error:
        line = text[: error.position].count("\n") + 1
        column = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
        problems.error(Position(path, line, column),
                       tr("the file holds a control character ({character})",
                          character=f"U+{error.character:04X}"),
                       tr("delete it; YAML allows only printable text"))
        return None
    loader.path = path
    loader.problems = problems
    try:
        if _too_deep(text, path, problems):
            return None
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        position = Position(path, mark.line + 1, mark.column + 1) if mark else Position(path)
        problems.error(position,
                       tr("YAML syntax: {problem}", problem=error.problem or error.context),
                       _syntax_hint(error, text))
        return None
    except yaml.YAMLError as error:
        problems.error(Position(path), tr("YAML syntax: {problem}", problem=error))
        return None
    finally:
        loader.dispose()
    if data is None:  # blank, only comments, or a bare 'null'
        problems.error(Position(path, 1), tr("the file holds no fields"),
                       tr("write its fields as 'name: value' lines, or delete a file not needed"))
    return data


def _too_deep(text: str, path: Path, problems: Problems) -> bool:
    """Whether the file's mappings and sequences nest past DEEPEST; an error where they do.
    Read as a stream of parser events, which needs no recursion however deep they go."""
    depth = 0
    for event in yaml.parse(text, Loader=yaml.CSafeLoader):
        if isinstance(event, _OPENING):
            depth += 1
            if depth > DEEPEST:
                mark = event.start_mark
                problems.error(Position(path, mark.line + 1, mark.column + 1),
                               tr("lists and fields lie more than {deepest} levels deep inside "
                                  "each other", deepest=DEEPEST),
                               tr("write the value as text, or as a list of plain values"))
                return True
        elif isinstance(event, _CLOSING):
            depth -= 1
    return False


def _syntax_hint(error: yaml.MarkedYAMLError, text: str) -> Said | None:
    problem = str(error.problem or "")
    mark = error.problem_mark or error.context_mark
    lines = text.splitlines()
    line = lines[mark.line] if mark and mark.line < len(lines) else ""
    at_tab = mark is not None and line[:mark.column + 1].endswith("\t")
    if "\\t" in problem or "tab" in problem or at_tab:
        return tr("indent with spaces, not tabs")
    if "mapping values are not allowed" in problem:
        return tr("put text that holds ': ' in double quotes")
    return None
