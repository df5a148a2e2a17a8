"""Boxed notes, examples, tips and warnings (`::: {.callout-tip title="…"}`).

The same fenced div keeps its look in each format: a styled `div` in HTML, a
bordered, shaded paragraph style in DOCX, a `#callout` block in Typst.
"""

from __future__ import annotations

from collections.abc import Callable

from pipeline.document.pandoc import Ast
from pipeline.document.transforms import classed_div
from pipeline.document.tree import (
    Element,
    Splice,
    attributes,
    raw_block,
    text_inlines,
    typst_string,
    walk,
)
from pipeline.render.labels import N_

KINDS = {"callout-note": "note", "callout-tip": "tip", "callout-warning": "warning",
         "callout-important": "warning"}
DEFAULT_TITLES = {"note": N_("Note"), "tip": N_("Tip"), "warning": N_("Warning")}
DOCX_STYLES = {"note": "Callout Note", "tip": "Callout Tip", "warning": "Callout Warning"}


def _each_box(ast: Ast, gettext: Callable[[str], str],
              make: Callable[[str, str, list[Element]], Element | Splice]) -> Ast:
    """Replace every callout div with `make(kind, title, blocks)`."""
    def box(element: Element) -> Element | Splice | None:
        if (found := classed_div(element, KINDS)) is None:
            return None
        name, attr, blocks = found
        kind = KINDS[name]
        title = attributes(attr).get("title") or gettext(DEFAULT_TITLES[kind])
        return make(kind, title, blocks)

    return {**ast, "blocks": walk(ast["blocks"], box)}


def _title(title: str, attributes_: list) -> Element:
    strong = {"t": "Strong", "c": text_inlines(title)}
    return {"t": "Div", "c": [["", *attributes_], [{"t": "Para", "c": [strong]}]]}


def for_html(ast: Ast, gettext: Callable[[str], str]) -> Ast:
    def make(kind: str, title: str, blocks: list[Element]) -> Element:
        attr = ["", ["callout", f"callout-{kind}"], [["role", "note"]]]
        return {"t": "Div", "c": [attr, [_title(title, [["callout-title"], []]), *blocks]]}

    return _each_box(ast, gettext, make)


def for_docx(ast: Ast, gettext: Callable[[str], str]) -> Ast:
    def make(kind: str, title: str, blocks: list[Element]) -> Element:
        heading = _title(title, [[], [["custom-style", "Callout Title"]]])
        attr = ["", [], [["custom-style", DOCX_STYLES[kind]]]]
        return {"t": "Div", "c": [attr, [heading, *blocks]]}

    return _each_box(ast, gettext, make)


def for_typst(ast: Ast, gettext: Callable[[str], str]) -> Ast:
    def make(kind: str, title: str, blocks: list[Element]) -> Splice:
        opening = f"#callout(kind: {typst_string(kind)}, title: {typst_string(title)})["
        return Splice([raw_block("typst", opening), *blocks, raw_block("typst", "]")])

    return _each_box(ast, gettext, make)
