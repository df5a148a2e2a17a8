"""Transforms of the parsed document, one small function each.

The rendered Markdown wraps each chapter in a `::: {.chapter source="…"}` div
so that image paths can be resolved against the chapter's own folder, as a
Markdown editor's preview does; `resolve_chapters` does that and unwraps them.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Container
from pathlib import Path

from pipeline.content.media import image_problem
from pipeline.content.urls import link_problem, scheme
from pipeline.document.pandoc import Ast
from pipeline.document.tree import (
    Element,
    Splice,
    attributes,
    raw_block,
    raw_inline,
    stringify,
    walk,
)
from pipeline.problems import Position, Problems
from pipeline.render.localizer import language_tag

CHAPTER_CLASS = "chapter"


def chapter_fence(source: str, markdown: str) -> str:
    return f'::::::::: {{.{CHAPTER_CLASS} source="{source}"}}\n\n{markdown}\n\n:::::::::\n'


def classed_div(element: Element, classes: Container[str]) -> tuple[str, list, list] | None:
    """(class, attributes, blocks) of a div with one of `classes`, else None."""
    if element["t"] != "Div":
        return None
    attr, blocks = element["c"]
    name = next((c for c in attr[1] if c in classes), None)
    return None if name is None else (name, attr, blocks)


def chapter_source(element: Element, content_root: Path) -> Path | None:
    """The chapter file a top-level chapter div came from, or None for other elements."""
    if classed_div(element, (CHAPTER_CLASS,)) is None:
        return None
    return content_root / attributes(element["c"][0])["source"]


def resolve_chapters(ast: Ast, content_root: Path, extra_roots: list[Path],
                     problems: Problems) -> Ast:
    """Resolve image paths per chapter, check images, links and headings, unwrap chapters."""
    allowed = [content_root.resolve(), *(root.resolve() for root in extra_roots)]
    seen = _Seen()

    def in_chapter(source: Path):
        def visit(element: Element) -> Element | None:
            kind = element["t"]
            if kind == "Header":
                level, attr, inlines = element["c"]
                seen.headings.append((source, level, stringify(inlines)))
            if (attr := element_attr(element)) is not None:
                seen.ids.add(attr[0])
                _check_attributes(source, attr, problems)
            if kind == "Link":
                _check_link(source, element["c"][2][0], seen, allowed, problems)
            if kind != "Image":
                return None
            attr, inlines, (url, title) = element["c"]
            alt = attributes(attr).get("fig-alt") or stringify(inlines)
            if not alt:
                problems.error(locate(source, url), f"the image '{url}' has no alt text",
                               "describe the picture: ![what it shows](" + url + ")")
            path = _check_file(source, url, "image", allowed, problems)
            return {"t": "Image", "c": [attr, inlines, [str(path or url), title]]}
        return visit

    blocks: list[Element] = []
    for block in ast["blocks"]:
        source = chapter_source(block, content_root)
        if source is not None:
            blocks.extend(walk(block["c"][1], in_chapter(source)))
            continue
        if block["t"] == "Header":  # a heading of the kind's own frame (a letter's subject)
            seen.headings.append((None, block["c"][0], stringify(block["c"][2])))
            seen.ids.add(block["c"][1][0])
        blocks.append(block)
    seen.report(problems)
    return {**ast, "blocks": blocks}


class _Seen:
    """What the chapters of one document hold, for checks across chapters."""

    def __init__(self) -> None:
        self.ids: set[str] = set()
        self.links: list[tuple[Path, str]] = []
        self.headings: list[tuple[Path | None, int, str]] = []

    def report(self, problems: Problems) -> None:
        for source, target in self.links:
            if target[1:] not in self.ids:
                close = difflib.get_close_matches(target[1:], sorted(self.ids), n=1)
                hint = f"did you mean '#{close[0]}'?" if close else \
                    "give the heading an id: # Title {#the-id}"
                problems.error(locate(source, target), f"the link '{target}' points to no "
                               "heading or figure of this publication", hint)
        previous = 0
        for source, level, text in self.headings:
            if level > previous + 1 and source is not None:
                problems.error(locate(source, text), f"the heading '{text}' skips from level "
                               f"{previous} to {level}",
                               f"make it level {previous + 1} ({'#' * (previous + 1)})")
            previous = level


ATTR_AT = {"Header": 1, "Div": 0, "Span": 0, "Figure": 0, "Table": 0, "CodeBlock": 0,
           "Code": 0, "Image": 0, "Link": 0}
# Attributes a writer may give an element; any other (onclick, style, srcset, href) could
# run code or load a file in the reader's browser, since HTML keeps attributes as written.
CHAPTER_ATTRIBUTES = ("lang", "dir", "width", "height", "fig-alt", "title", "custom-style")


def element_attr(element: Element) -> list | None:
    """An element's attributes ([id, classes, pairs]), or None for one without."""
    at = ATTR_AT.get(element["t"])
    return None if at is None else element["c"][at]


def _check_attributes(source: Path, attr: list, problems: Problems) -> None:
    for key, _value in attr[2]:
        if key not in CHAPTER_ATTRIBUTES:
            problems.error(locate(source, f"{key}="), f"the attribute '{key}' is not allowed "
                           "in a chapter", "attributes a chapter may give: "
                           + ", ".join(CHAPTER_ATTRIBUTES))


def _check_link(source: Path, target: str, seen: _Seen, allowed: list[Path],
                problems: Problems) -> None:
    """A link goes to the web, an e-mail address, a telephone, a heading or a content file."""
    if (wrong := link_problem(target)) is not None:
        problems.error(locate(source, target), f"the link '{target}' {wrong}",
                       "link to a web page (https://…), an e-mail address (mailto:…), a "
                       "telephone number (tel:…) or a heading (#id)")
    elif target.startswith("#"):
        seen.links.append((source, target))
    elif scheme(target) is None:
        _check_file(source, target, "link", allowed, problems)


def _check_file(source: Path, url: str, noun: str, allowed: list[Path],
                problems: Problems) -> Path | None:
    where = locate(source, url)
    if scheme(url) is not None or "\x00" in url:
        problems.error(where, f"the {noun} '{url}' is not a file of the content folder",
                       "save the file under assets/ and point to it")
        return None
    path = (source.parent / url.split("#")[0]).resolve()
    if not any(path.is_relative_to(root) for root in allowed):
        problems.error(where, f"the {noun} '{url}' lies outside the content folder")
        return None
    if not path.is_file():
        problems.error(where, f"the {noun} '{url}' does not exist",
                       "paths are relative to the chapter's own file")
        return None
    if noun == "image" and (wrong := image_problem(path)) is not None:
        problems.error(where, f"the image '{url}' {wrong}", "save it again as PNG, JPEG or SVG")
        return None
    return path


def locate(source: Path, needle: str) -> Position:
    """The first line of the chapter that holds `needle` (the AST has no positions)."""
    try:
        lines = source.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return Position(source)
    for number, line in enumerate(lines, start=1):
        column = line.find(needle)
        if column >= 0:
            return Position(source, number, column + 1)
    return Position(source)


def apply_fig_alt(ast: Ast) -> Ast:
    """Make an image's `fig-alt` attribute its description, as every writer reads that."""
    def image(element: Element) -> Element | None:
        if element["t"] != "Image":
            return None
        (ident, classes, pairs), _inlines, target = element["c"]
        alt = dict(pairs).get("fig-alt")
        if alt is None:
            return None
        rest = [[key, value] for key, value in pairs if key != "fig-alt"]
        text = [{"t": "Str", "c": alt}]
        return {"t": "Image", "c": [[ident, classes, rest], text, target]}

    return {**ast, "blocks": walk(ast["blocks"], image)}


def shift_chapter_headings(ast: Ast, by: int) -> Ast:
    """Move the chapters' headings (not the frame's) `by` levels down."""
    if not by:
        return ast
    blocks = [
        {**block, "c": [block["c"][0], shift_headings({"blocks": block["c"][1]}, by)["blocks"]]}
        if classed_div(block, (CHAPTER_CLASS,)) else block
        for block in ast["blocks"]
    ]
    return {**ast, "blocks": blocks}


def shift_headings(ast: Ast, by: int) -> Ast:
    def shift(element: Element) -> Element | None:
        if element["t"] != "Header":
            return None
        level, attr, inlines = element["c"]
        return {"t": "Header", "c": [min(level + by, 6), attr, inlines]}

    return {**ast, "blocks": walk(ast["blocks"], shift)}


def headings(ast: Ast, max_level: int = 2) -> list[tuple[int, str, str]]:
    """(level, identifier, text) of each heading, in order."""
    found: list[tuple[int, str, str]] = []

    def collect(element: Element) -> None:
        if element["t"] == "Header" and element["c"][0] <= max_level:
            level, attr, inlines = element["c"]
            found.append((level, attr[0], stringify(inlines)))

    walk(ast["blocks"], collect)
    return found


def swap_image_suffix(ast: Ast, old: str, new: str) -> Ast:
    """Point images at a sibling file in another format, where one exists."""
    def swap(element: Element) -> Element | None:
        if element["t"] != "Image":
            return None
        attr, inlines, (url, title) = element["c"]
        sibling = Path(url).with_suffix(new)
        if url.endswith(old) and sibling.is_file():
            return {"t": "Image", "c": [attr, inlines, [str(sibling), title]]}
        return None

    return {**ast, "blocks": walk(ast["blocks"], swap)}


def typst_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def typst_images(ast: Ast, path: Callable[[str], str]) -> Ast:
    """Write images as Typst `image()` calls that keep their alt text.

    pandoc's Typst writer drops an image's alt text; a tagged PDF needs it.
    `path` gives the name Typst reads the image file by.
    """
    def image(element: Element) -> Element | None:
        if element["t"] != "Image":
            return None
        attr, inlines, (url, _title) = element["c"]
        alt = stringify(inlines)
        args = [typst_string(path(url)), f"alt: {typst_string(alt)}"]
        width = _typst_length(attributes(attr).get("width"))
        if width:
            args.append(f"width: {width}")
        return raw_inline("typst", "#image(" + ", ".join(args) + ")")

    return {**ast, "blocks": walk(ast["blocks"], image)}


def wrap_divs_for_typst(ast: Ast, classes: frozenset[str]) -> Ast:
    """A div with one of `classes` becomes a call of the Typst function of that name,
    defined by the template: `::: {.signature}` -> `#signature[ … ]`."""
    def wrap(element: Element) -> Splice | None:
        if (found := classed_div(element, classes)) is None:
            return None
        name, _attr, blocks = found
        return Splice([raw_block("typst", f"#{name}["), *blocks, raw_block("typst", "]")])

    return {**ast, "blocks": walk(ast["blocks"], wrap)}


def style_divs_for_docx(ast: Ast, styles: dict[str, str]) -> Ast:
    """A div with a class in `styles` gets that Word paragraph style (custom-style)."""
    def style(element: Element) -> Element | None:
        if (found := classed_div(element, styles)) is None:
            return None
        name, attr, blocks = found
        return {"t": "Div", "c": [[attr[0], attr[1], [*attr[2], ["custom-style", styles[name]]]],
                                  blocks]}

    return {**ast, "blocks": walk(ast["blocks"], style)}


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

    return {**ast, "blocks": walk(ast["blocks"], number)}


def regional_language_tags(ast: Ast) -> Ast:
    """`lang=nb` -> `lang=nb-NO` on spans and divs, as Word's language list has them."""
    def tag(element: Element) -> Element | None:
        if element["t"] not in ("Span", "Div"):
            return None
        (ident, classes, pairs), children = element["c"]
        if not any(key == "lang" for key, _ in pairs):
            return None
        pairs = [[key, language_tag(value) if key == "lang" else value] for key, value in pairs]
        return {"t": element["t"], "c": [[ident, classes, pairs], children]}

    return {**ast, "blocks": walk(ast["blocks"], tag)}


def typst_languages(ast: Ast) -> Ast:
    """Keep a passage's language, with its region, in the PDF.

    pandoc's Typst writer drops a span's language and sets a div's without
    its region, so an nb passage in an en-GB document would read as nb-GB.
    """
    def language(element: Element) -> Splice | None:
        if element["t"] not in ("Span", "Div"):
            return None
        attr, children = element["c"]
        lang = attributes(attr).get("lang")
        if not lang:
            return None
        code, _, region = lang.partition("-")
        region = region or language_tag(code.lower()).partition("-")[2]
        args = f"lang: {typst_string(code.lower())}, "
        args += f"region: {typst_string(region.upper())}" if region else "region: none"
        rest = [attr[0], attr[1], [pair for pair in attr[2] if pair[0] != "lang"]]
        if element["t"] == "Span":
            return Splice([raw_inline("typst", f"#text({args})["),
                           {"t": "Span", "c": [rest, children]}, raw_inline("typst", "]")])
        return Splice([raw_block("typst", f"#block[#set text({args})"),
                       {"t": "Div", "c": [rest, children]}, raw_block("typst", "]")])

    return {**ast, "blocks": walk(ast["blocks"], language)}


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
