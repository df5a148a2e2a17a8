"""Key figures as tiles: a large number above its label (`::: key-figures`).

A chapter writes a definition list inside the fenced div, the label as the term
and the number as its definition:

    ::: key-figures
    Nye klager
    : {{ received.count | number }}
    :::

Each format draws the same tiles from it: a list in HTML (laid out as a grid by
the stylesheet), a borderless table of number and label paragraphs in DOCX, a
`#key-figures` grid in Typst. The numbers stay text in every format.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from pipeline.document.pandoc import Ast
from pipeline.document.tree import (
    Element,
    Splice,
    children,
    div,
    div_class,
    make_attr,
    raw_block,
    span,
    stringify,
    typst_string,
    walk,
)
from pipeline.messages import Said, tr

CLASS = "key-figures"
DOCX_STYLES = {"number": "Key Figure Number", "label": "Key Figure Label"}
DOCX_COLUMNS = 3


class KeyFigure(NamedTuple):
    number: list[Element]
    label: list[Element]


def figures(blocks: list[Element]) -> list[KeyFigure]:
    """The (number, label) pairs of every definition list among `blocks`, in order."""
    found = []
    for block in blocks:
        if block["t"] != "DefinitionList":
            continue
        for term, definitions in block["c"]:
            first = definitions[0] if definitions else []
            number = [inline for part in first if part["t"] in ("Plain", "Para")
                      for inline in part["c"]]
            found.append(KeyFigure(number, term))
    return found


def shape_problem(element: Element) -> Said | None:
    """Why a `::: key-figures` div cannot be drawn as tiles, or None when it can: it holds
    definition lists only, each term with one definition of one line (its number)."""
    if div_class(element, {CLASS}) is None:
        return None
    for block in children(element):
        if block["t"] != "DefinitionList":
            return tr("a key-figures block holds only a definition list: each label, then "
                      "': number' on the next line")
        for term, definitions in block["c"]:
            if len(definitions) != 1 or len(definitions[0]) != 1 \
                    or definitions[0][0]["t"] not in ("Plain", "Para"):
                return tr("the key figure '{label}' needs one number, on one line after ': '",
                          label=stringify(term))
    return None


def _each_group(ast: Ast, make: Callable[[list[KeyFigure]], Element | Splice]) -> Ast:
    def group(element: Element) -> Element | Splice | None:
        if div_class(element, {CLASS}) is None:
            return None
        return make(figures(children(element)))

    return {**ast, "blocks": walk(ast["blocks"], group, {"Div"})}


def for_html(ast: Ast) -> Ast:
    """A list of tiles, each item the number then its label, so they are read together."""
    def make(found: list[KeyFigure]) -> Element:
        items = [[{"t": "Plain", "c": [
            span(make_attr(class_names=["key-figure-number"]), figure.number),
            {"t": "Space"},
            span(make_attr(class_names=["key-figure-label"]), figure.label)]}]
            for figure in found]
        return div(make_attr(class_names=[CLASS]), [{"t": "BulletList", "c": items}])

    return _each_group(ast, make)


def for_docx(ast: Ast) -> Ast:
    """A table of DOCX_COLUMNS tiles a row; its borders are taken off when the file is
    finished (`formats/docx/key_figures.py`)."""
    def cell(figure: KeyFigure | None) -> list:
        blocks = [] if figure is None else [
            div(make_attr(pairs=[("custom-style", DOCX_STYLES["number"])]),
                [{"t": "Para", "c": figure.number}]),
            div(make_attr(pairs=[("custom-style", DOCX_STYLES["label"])]),
                [{"t": "Para", "c": figure.label}])]
        return [make_attr(), {"t": "AlignLeft"}, 1, 1, blocks]

    def make(found: list[KeyFigure]) -> Element:
        padded = found + [None] * (-len(found) % DOCX_COLUMNS)
        rows = [[make_attr(), [cell(figure) for figure in padded[at:at + DOCX_COLUMNS]]]
                for at in range(0, len(padded), DOCX_COLUMNS)]
        columns = [[{"t": "AlignLeft"}, {"t": "ColWidth", "c": 1 / DOCX_COLUMNS}]
                   for _ in range(DOCX_COLUMNS)]
        return {"t": "Table", "c": [
            make_attr(class_names=[CLASS]), [None, []], columns, [make_attr(), []],
            [[make_attr(), 0, [], rows]], [make_attr(), []]]}

    return _each_group(ast, make)


def for_typst(ast: Ast) -> Ast:
    """`#key-figures(("6", "Nye klager"), …)`, drawn by templates/typst/common.typ."""
    def make(found: list[KeyFigure]) -> Element:
        pairs = ", ".join(f"({typst_string(stringify(figure.number))}, "
                          f"{typst_string(stringify(figure.label))})" for figure in found)
        return raw_block("typst", f"#key-figures({pairs},)")

    return _each_group(ast, make)
