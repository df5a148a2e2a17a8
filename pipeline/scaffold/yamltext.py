"""YAML for people: every field with a comment saying what it is, values as typed."""

from __future__ import annotations

import re
import textwrap

import yaml

from pipeline.content.schema import type_label
from pipeline.content.shapes import Shape
from pipeline.content.yamlfile import LocatedDict, LocatedList
from pipeline.problems import Position


class PlainDumper(yaml.SafeDumper):
    """YAML as writers write it: no &anchors and *aliases for repeated values."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def dump(data: object) -> str:
    text = yaml.dump(data, Dumper=PlainDumper, allow_unicode=True, sort_keys=False,
                     default_flow_style=None, width=100)
    return text.replace(": null\n", ":\n")  # an empty field reads as left out


def commented(shape: Shape, values: dict[str, object], notes: dict[str, str] | None = None,
              names: tuple[str, ...] | None = None) -> str:
    """The fields of `shape` (or those `names`), in order, each under a comment with its
    meaning and allowed values.

    A field missing from `values` is written empty; `notes` adds what to do at a field.
    """
    fields = [field for field in shape.fields if names is None or field.name in names]
    text = dump({field.name: values.get(field.name) for field in fields})
    # Each top-level field starts a line with its name (a list's items start with '- ').
    chunks = re.split(r"\n(?=[^\s-])", text.rstrip("\n"))
    parts = []
    for field, chunk in zip(fields, chunks, strict=True):
        need = "required" if field.required else "optional"
        comment = f"{field.doc} ({need}; {type_label(field.value)})"
        if notes and field.name in notes:
            comment += f" {notes[field.name]}"
        parts.append(textwrap.fill(comment, 98, initial_indent="# ", subsequent_indent="# ",
                                   break_on_hyphens=False, break_long_words=False))
        parts.append(chunk)
    return "\n".join(parts) + "\n"


def append_to_list(text: str, data: LocatedDict, key: str, item: str) -> str:
    """`text` of a YAML file (read as `data`) with `item` added to the list at `key`.

    The file is edited where the list is written, in its own style (`[a, b]` or one
    `- a` line each), so its comments and layout stay as the writer left them.
    """
    lines = (text if text.endswith("\n") else text + "\n").splitlines(keepends=True)

    def offset(position: Position) -> int:
        return sum(len(line) for line in lines[:position.line - 1]) + position.column - 1

    value = data.get(key)
    if not isinstance(value, LocatedList):
        return text.rstrip("\n") + f"\n{key}: [{item}]\n"
    if not value:
        start = offset(value.position)
        return text[:start] + text[start:].replace("[]", f"[{item}]", 1)
    last = value.item_positions[-1]
    if text[offset(value.position)] == "[":
        end = text.index("]", offset(last))
        return text[:end] + f", {item}" + text[end:]
    line = lines[last.line - 1]
    lines.insert(last.line, line[:last.column - 1] + item + "\n")
    return "".join(lines)
