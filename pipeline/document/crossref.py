"""Numbering and cross-references, done once on the tree so every format agrees.

Sections (where the layout numbers them), tables and figures get their
numbers here, written into their text; `@sec-…`, `@tbl-…` and `@fig-…`
(pandoc reads them as citations) become links that read "avsnitt 2.3",
"tabell 2" or "figur 1". A reference to nothing is an error, never "??".
`@Sec-…` (capital) starts a sentence: "Avsnitt 2.3".
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pipeline.document.pandoc import Ast
from pipeline.document.transforms import chapter_source, locate
from pipeline.document.tree import (
    Element,
    caption_blocks,
    children,
    citation_ids,
    classes,
    heading_level,
    identifier,
    link,
    make_attr,
    span,
    walk,
    with_children,
)
from pipeline.messages import tr
from pipeline.problems import Problems

PREFIXES = ("sec", "tbl", "fig")
SECTION_NUMBER = "section-number"  # the class of the number put before a heading's text


def number(ast: Ast, number_sections: bool, gettext: Callable[[str], str]) -> dict[str, str]:
    """Number headings, tables and figures in place; return each id's number."""
    numbers: dict[str, str] = {}
    counters = [0] * 6
    tables = figures = 0
    table_word, figure_word = gettext("Table"), gettext("Figure")

    def visit(element: Element) -> None:
        nonlocal tables, figures
        kind = element["t"]
        if kind == "Header" and number_sections:
            if "unnumbered" in classes(element):
                return
            level = heading_level(element)
            counters[level - 1] += 1
            counters[level:] = [0] * (6 - level)
            label = ".".join(str(c) for c in counters[:level])
            numbers[identifier(element)] = label
            children(element)[:0] = [_span(SECTION_NUMBER, label), {"t": "Space"}]
        elif kind == "Table":
            tables += 1
            _label_caption(caption_blocks(element), f"{table_word} {tables}:")
            numbers[identifier(element)] = str(tables)
        elif kind == "Figure":
            figures += 1
            _label_caption(caption_blocks(element), f"{figure_word} {figures}:")
            numbers[identifier(element)] = str(figures)

    _walk_in_order(ast["blocks"], visit)
    numbers.pop("", None)
    return numbers


def _walk_in_order(node: object, visit: Callable[[Element], None]) -> None:
    """Parents before children, in document order (walk() goes children first)."""
    if isinstance(node, list):
        for item in node:
            _walk_in_order(item, visit)
    elif isinstance(node, dict) and "t" in node:
        visit(node)
        _walk_in_order(node.get("c"), visit)


def _span(cls: str, text: str) -> Element:
    return span(make_attr(class_names=[cls]), [{"t": "Str", "c": text}])


def _label_caption(blocks: list[Element], label: str) -> None:
    """Prefix a caption's first block with 'Tabell 2:' (only when it has a caption)."""
    if blocks and blocks[0]["t"] in ("Plain", "Para"):
        children(blocks[0])[:0] = [_span("caption-label", label), {"t": "Space"}]


def resolve(ast: Ast, numbers: dict[str, str], gettext: Callable[[str], str],
            content_root: Path, problems: Problems) -> Ast:
    """Replace `@sec-…`/`@tbl-…`/`@fig-…` citations with links that read their number.

    Runs while the chapters are still wrapped, so a dangling reference is
    reported at its own chapter's line.
    """
    blocks = []
    for block in ast["blocks"]:
        source = chapter_source(block, content_root)
        if source is None:
            blocks.append(block)
            continue
        action = _citations_in(source, numbers, gettext, problems)
        blocks.append(with_children(block, walk(children(block), action)))
    return {**ast, "blocks": blocks}


def _citations_in(source: Path, numbers: dict[str, str], gettext: Callable[[str], str],
                  problems: Problems) -> Callable[[Element], Element | None]:
    words = {"sec": gettext("section"), "tbl": gettext("table"), "fig": gettext("figure")}

    def cite(element: Element) -> Element | None:
        if element["t"] != "Cite":
            return None
        ids = citation_ids(element)
        if not all(i.split("-", 1)[0].lower() in PREFIXES and "-" in i for i in ids):
            return None
        parts: list[Element] = []
        for index, key in enumerate(ids):
            prefix, _, _rest = key.partition("-")
            target = prefix.lower() + key[len(prefix):]
            if target not in numbers:
                problems.error(locate(source, "@" + key),
                               tr("the cross-reference '@{key}' points to no section, table "
                                  "or figure", key=key),
                               tr("give the heading, table caption or figure the id {id}",
                                  id=f"{{#{target}}}"))
                continue
            word = words[prefix.lower()]
            if prefix[0].isupper() and index == 0:
                word = word[:1].upper() + word[1:]
            if parts:
                parts += [{"t": "Str", "c": ","}, {"t": "Space"}]
            # A no-break space: "avsnitt 4" never splits at a line end.
            text = [{"t": "Str", "c": f"{word}\u00a0{numbers[target]}"}]
            parts.append(link(make_attr(class_names=["cross-reference"]), text, "#" + target))
        return span(make_attr(), parts)

    return cite
