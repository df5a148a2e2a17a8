"""Boxed notes, examples, tips and warnings (`::: {.callout-tip title="…"}`).

The same fenced div keeps its look in each format: a styled `div` in HTML, a
bordered, shaded paragraph style in DOCX, a `#callout` block in Typst.
"""

from __future__ import annotations

from collections.abc import Callable

from pipeline.document.pandoc import Ast
from pipeline.document.tree import (
    Attr,
    Element,
    Splice,
    attributes,
    children,
    div,
    div_class,
    make_attr,
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
        if (name := div_class(element, KINDS)) is None:
            return None
        kind = KINDS[name]
        title = attributes(element).get("title") or gettext(DEFAULT_TITLES[kind])
        return make(kind, title, children(element))

    return {**ast, "blocks": walk(ast["blocks"], box, {"Div"})}


def _title(title: str, attr: Attr) -> Element:
    strong = {"t": "Strong", "c": text_inlines(title)}
    return div(attr, [{"t": "Para", "c": [strong]}])


def for_html(ast: Ast, gettext: Callable[[str], str]) -> Ast:
    def make(kind: str, title: str, blocks: list[Element]) -> Element:
        attr = make_attr(class_names=["callout", f"callout-{kind}"], pairs=[("role", "note")])
        return div(attr, [_title(title, make_attr(class_names=["callout-title"])), *blocks])

    return _each_box(ast, gettext, make)


def for_docx(ast: Ast, gettext: Callable[[str], str]) -> Ast:
    def make(kind: str, title: str, blocks: list[Element]) -> Element:
        heading = _title(title, make_attr(pairs=[("custom-style", "Callout Title")]))
        attr = make_attr(pairs=[("custom-style", DOCX_STYLES[kind])])
        return div(attr, [heading, *blocks])

    return _each_box(ast, gettext, make)


def for_typst(ast: Ast, gettext: Callable[[str], str]) -> Ast:
    """Each box a `#callout`; one inside another is `nested`, so that only the outermost
    measures itself (a box that measures what it holds lays each box inside it out twice,
    and twice again for each level deeper)."""
    made: dict[int, tuple[Element, str, str]] = {}  # each opening made: kept, with its box

    def opening(kind: str, title: str, nested: bool = False) -> Element:
        options = ", nested: true" if nested else ""
        return raw_block("typst", f"#callout(kind: {typst_string(kind)}, "
                                  f"title: {typst_string(title)}{options})[")

    def make(kind: str, title: str, blocks: list[Element]) -> Splice:
        first = opening(kind, title)
        made[id(first)] = (first, kind, title)
        # The boxes inside, made before this one (children first), now known to be nested.
        inner = [opening(*made[id(block)][1:], nested=True) if id(block) in made else block
                 for block in blocks]
        return Splice([first, *inner, raw_block("typst", "]")])

    return _each_box(ast, gettext, make)
