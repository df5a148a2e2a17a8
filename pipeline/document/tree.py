"""Small helpers over pandoc's JSON AST, in the spirit of panflute.

A transform is a function over one element that returns None (keep it), a
replacement element, or a `Splice` of elements to put in its place.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Element = dict[str, Any]
Action = Callable[[Element], Any]


class Splice(list):
    """Elements that replace one element in its parent list."""


def walk(node: Any, action: Action) -> Any:
    """Apply `action` to every element, children first; return the new tree."""
    if isinstance(node, list):
        out: list[Any] = []
        for item in node:
            new = walk(item, action)
            if isinstance(new, Splice):
                out.extend(new)
            else:
                out.append(new)
        return out
    if not isinstance(node, dict):
        return node
    if "t" not in node:
        return {key: walk(value, action) for key, value in node.items()}
    if "c" in node:
        node = {**node, "c": walk(node["c"], action)}
    replacement = action(node)
    return node if replacement is None else replacement


def stringify(node: Any) -> str:
    """The plain text of inlines or blocks (notes and raw output left out)."""
    return " ".join(_text(node).split())


def _text(node: Any) -> str:
    if isinstance(node, list):
        return "".join(_text(item) for item in node)
    if not isinstance(node, dict) or "t" not in node:
        return ""
    kind, content = node["t"], node.get("c")
    if kind == "Str":
        return content
    if kind in ("Space", "SoftBreak", "LineBreak"):
        return " "
    if kind in ("Code", "Math"):
        return content[1]
    if kind == "Quoted":
        mark = "\u2018\u2019" if content[0]["t"] == "SingleQuote" else "\u201c\u201d"
        return mark[0] + _text(content[1]) + mark[1]
    if kind in ("Note", "RawInline", "RawBlock"):
        return ""
    if kind in ("Para", "Plain", "Header"):
        return " " + _text(content) + " "
    return _text(content)


def attributes(attr: list[Any]) -> dict[str, str]:
    return dict(attr[2])


def meta_string(value: str) -> Element:
    return {"t": "MetaString", "c": value}


def text_inlines(text: str) -> list[Element]:
    """Plain text as inlines: words and spaces, every character taken as written."""
    inlines: list[Element] = []
    for index, word in enumerate(text.split(" ")):
        if index:
            inlines.append({"t": "Space"})
        if word:
            inlines.append({"t": "Str", "c": word})
    return inlines


def meta_inlines(text: str) -> Element:
    """Plain text as MetaInlines, so every writer escapes it for its own format."""
    return {"t": "MetaInlines", "c": text_inlines(text)}


def raw_inline(fmt: str, text: str) -> Element:
    return {"t": "RawInline", "c": [fmt, text]}


def raw_block(fmt: str, text: str) -> Element:
    return {"t": "RawBlock", "c": [fmt, text]}


def typst_string(text: str) -> str:
    """`text` as a Typst string literal, for the raw Typst that transforms write."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
