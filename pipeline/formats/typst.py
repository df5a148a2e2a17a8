"""Transforms of the document for pandoc's Typst writer: what it drops or misreads.

Images keep their alt text, a passage its language with its region, a letter's
frame parts become calls of the template's functions, a number that opens
a table cell stays text, and a formula becomes an equation with its TeX as alt text.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from pipeline.document.pandoc import Ast
from pipeline.document.tree import (
    Element,
    Splice,
    attribute_pairs,
    attributes,
    children,
    classes,
    div,
    div_class,
    identifier,
    literal_text,
    make_attr,
    raw_block,
    raw_inline,
    stringify,
    target_of,
    typst_string,
    walk,
    with_children,
    without_attribute,
)
from pipeline.render.localizer import language_tag


def typst_images(ast: Ast, path: Callable[[str], str]) -> Ast:
    """Write images as Typst `image()` calls that keep their alt text.

    pandoc's Typst writer drops an image's alt text; a tagged PDF needs it.
    `path` gives the name Typst reads the image file by.
    """
    def image(element: Element) -> Element | None:
        if element["t"] != "Image":
            return None
        alt = stringify(children(element))
        args = [typst_string(path(target_of(element).url)), f"alt: {typst_string(alt)}"]
        width = _typst_length(attributes(element).get("width"))
        if width:
            args.append(f"width: {width}")
        return raw_inline("typst", "#image(" + ", ".join(args) + ")")

    return {**ast, "blocks": walk(ast["blocks"], image, {"Image"})}


def wrap_divs_for_typst(ast: Ast, classes: frozenset[str]) -> Ast:
    """A div with one of `classes` becomes a call of the Typst function of that name,
    defined by the template: `::: {.signature}` -> `#signature[ … ]`."""
    def wrap(element: Element) -> Splice | None:
        if (name := div_class(element, classes)) is None:
            return None
        return Splice([raw_block("typst", f"#{name}["), *children(element),
                       raw_block("typst", "]")])

    return {**ast, "blocks": walk(ast["blocks"], wrap, {"Div"})}


def kept_with(ast: Ast, following: str, name: str) -> Ast:
    """The block just before the first top-level div of class `following` goes into a div
    of class `name`, so that the template can keep the two together: a letter's last
    paragraph with its closing. A plain div before it is looked into for its last block."""
    blocks = list(ast["blocks"])
    at = next((i for i, block in enumerate(blocks) if div_class(block, {following})), 0)
    if at == 0:
        return ast
    blocks[at - 1] = _last_in_div(blocks[at - 1], name)
    return {**ast, "blocks": blocks}


def _last_in_div(block: Element, name: str) -> Element:
    if block["t"] == "Div" and children(block) and not attributes(block):
        inner = children(block)
        return with_children(block, [*inner[:-1], _last_in_div(inner[-1], name)])
    return div(make_attr(class_names=[name]), [block])


_ENUM_MARKER = re.compile(r"^(\d+)\.$")


def typst_literal_numbers(ast: Ast) -> Ast:
    """Write "8." as text, not a Typst list marker ("8. mai" opening a table cell).

    pandoc escapes such a number at the start of a line, but not at the start
    of a content block such as a table cell.
    """
    def number(element: Element) -> Element | None:
        if element["t"] != "Str":
            return None
        match = _ENUM_MARKER.match(element["c"])
        return raw_inline("typst", match.group(1) + "\\.") if match else None

    return {**ast, "blocks": walk(ast["blocks"], number, {"Str"})}


def headings_without_runts(ast: Ast) -> Ast:
    """Join a heading's last two words with a no-break space: set large, a heading never
    leaves one word alone on its last line (Typst's runt cost does not stop a long word)."""
    def kept(element: Element) -> Element | None:
        if element["t"] != "Header":
            return None
        inlines = children(element)
        spaces = [index for index, inline in enumerate(inlines) if inline["t"] == "Space"]
        if len(spaces) < 2:
            return None
        last = spaces[-1]
        return with_children(element, [*inlines[:last], {"t": "Str", "c": "\u00a0"},
                                        *inlines[last + 1:]])

    return {**ast, "blocks": walk(ast["blocks"], kept, {"Header"})}


def typst_equations(ast: Ast) -> Ast:
    """Write each formula as a Typst equation whose alt text is its TeX, as PDF/UA asks.

    A screen reader reads the TeX out (as it does Wikipedia's formulas). The `;`
    ends the call, so text right after the formula ("[1]", ".") stays text.
    """
    def equation(element: Element) -> Splice | None:
        if element["t"] != "Math":
            return None
        block = "true" if element["c"][0]["t"] == "DisplayMath" else "false"
        alt = " ".join(literal_text(element).split())
        return Splice([
            raw_inline("typst", f"#math.equation(alt: {typst_string(alt)}, block: {block}, "),
            element,
            raw_inline("typst", ");"),
        ])

    return {**ast, "blocks": walk(ast["blocks"], equation, {"Math"})}


def typst_languages(ast: Ast) -> Ast:
    """Keep a passage's language, with its region, in the PDF.

    pandoc's Typst writer drops a span's language and sets a div's without
    its region, so an nb passage in an en-GB document would read as nb-GB.
    """
    def language(element: Element) -> Splice | None:
        if element["t"] not in ("Span", "Div"):
            return None
        lang = attributes(element).get("lang")
        if not lang:
            return None
        code, _, region = lang.partition("-")
        region = region or language_tag(code.lower()).partition("-")[2]
        args = f"lang: {typst_string(code.lower())}, "
        args += f"region: {typst_string(region.upper())}" if region else "region: none"
        rest = without_attribute(element, "lang")
        if element["t"] == "Span":
            return Splice([raw_inline("typst", f"#text({args})["), rest,
                           raw_inline("typst", "]")])
        # A scope, not a block: a chapter in another language (a draft's fallback) may
        # hold level-1 headings, which break pages, and no container allows that.
        plain = not (identifier(rest) or classes(rest) or attribute_pairs(rest))
        return Splice([raw_block("typst", f"#[#set text({args})"),
                       *(children(rest) if plain else [rest]), raw_block("typst", "]")])

    return {**ast, "blocks": walk(ast["blocks"], language, {"Span", "Div"})}


def _typst_length(value: str | None) -> str | None:
    if not value:
        return None
    match = re.fullmatch(r"(\d+(?:\.\d+)?)(%|cm|mm|in|pt|px)?", value.strip())
    if not match:
        return None
    number, unit = match.groups()
    if unit == "px":
        return f"{float(number) * 0.75}pt"
    return number + (unit or "pt")
