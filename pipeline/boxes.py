"""Boxed notes, examples, tips and warnings (`::: {.callout-tip title="…"}`).

The same fenced div keeps its look in each format: a styled `div` in HTML, a
bordered, shaded paragraph style in DOCX, a `#callout` block in Typst.
"""

from __future__ import annotations

from collections.abc import Callable

from pipeline.ast import Element, Splice, attributes, raw_block, walk
from pipeline.labels import N_
from pipeline.pandoc import Ast
from pipeline.transforms import typst_string

KINDS = {"callout-note": "note", "callout-tip": "tip", "callout-warning": "warning",
         "callout-important": "warning"}
DEFAULT_TITLES = {"note": N_("Note"), "tip": N_("Tip"), "warning": N_("Warning")}
DOCX_STYLES = {"note": "Callout Note", "tip": "Callout Tip", "warning": "Callout Warning"}


def _box(element: Element) -> tuple[str, str | None, list] | None:
    """(kind, title, blocks) of a callout div, else None."""
    if element["t"] != "Div":
        return None
    attr, blocks = element["c"]
    kind = next((KINDS[c] for c in attr[1] if c in KINDS), None)
    if kind is None:
        return None
    return kind, attributes(attr).get("title"), blocks


def _title_text(kind: str, title: str | None, gettext: Callable[[str], str]) -> str:
    return title or gettext(DEFAULT_TITLES[kind])


def _title_para(text: str) -> Element:
    return {"t": "Para", "c": [{"t": "Strong", "c": _words(text)}]}


def _words(text: str) -> list[Element]:
    inlines: list[Element] = []
    for index, word in enumerate(text.split()):
        if index:
            inlines.append({"t": "Space"})
        inlines.append({"t": "Str", "c": word})
    return inlines


def for_html(ast: Ast, gettext: Callable[[str], str]) -> Ast:
    def box(element: Element) -> Element | None:
        found = _box(element)
        if found is None:
            return None
        kind, title, blocks = found
        title_div = {"t": "Div", "c": [["", ["callout-title"], []],
                                       [_title_para(_title_text(kind, title, gettext))]]}
        attr = ["", ["callout", f"callout-{kind}"], [["role", "note"]]]
        return {"t": "Div", "c": [attr, [title_div, *blocks]]}

    return {**ast, "blocks": walk(ast["blocks"], box)}


def for_docx(ast: Ast, gettext: Callable[[str], str]) -> Ast:
    def box(element: Element) -> Element | None:
        found = _box(element)
        if found is None:
            return None
        kind, title, blocks = found
        style = DOCX_STYLES[kind]
        title_div = {"t": "Div", "c": [["", [], [["custom-style", "Callout Title"]]],
                                       [_title_para(_title_text(kind, title, gettext))]]}
        return {"t": "Div", "c": [["", [], [["custom-style", style]]], [title_div, *blocks]]}

    return {**ast, "blocks": walk(ast["blocks"], box)}


def for_typst(ast: Ast, gettext: Callable[[str], str]) -> Ast:
    def box(element: Element) -> Splice | None:
        found = _box(element)
        if found is None:
            return None
        kind, title, blocks = found
        opening = (f"#callout(kind: {typst_string(kind)}, "
                   f"title: {typst_string(_title_text(kind, title, gettext))})[")
        return Splice([raw_block("typst", opening), *blocks, raw_block("typst", "]")])

    return {**ast, "blocks": walk(ast["blocks"], box)}
