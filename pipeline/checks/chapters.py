"""The chapters of a parsed document checked together: images, links, attributes, headings,
tables inside tables.

The rendered Markdown wraps each chapter in a `::: {.chapter source="…"}` div so
that image paths can be resolved against the chapter's own folder, as a Markdown
editor's preview does; `resolve_chapters` does that, checks what each chapter
holds, and unwraps them.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from pipeline.content.media import image_problem
from pipeline.content.paths import resolve_inside
from pipeline.content.urls import link_problem, scheme
from pipeline.document import key_figures
from pipeline.document.pandoc import Ast
from pipeline.document.positions import Occurrence, Places, heading_text
from pipeline.document.transforms import chapter_source, locate
from pipeline.document.tree import (
    Element,
    attr_of,
    attribute_pairs,
    attributes,
    children,
    elements,
    heading_level,
    identifier,
    stringify,
    target_of,
    walk,
    with_url,
)
from pipeline.messages import Said, tr
from pipeline.problems import Position, Problems


def resolve_chapters(ast: Ast, content_root: Path, extra_roots: list[Path], places: Places,
                     problems: Problems) -> Ast:
    """Resolve image paths per chapter, check images, links and headings, unwrap chapters.

    Each problem is placed where its element was written (`places`).
    """
    allowed = [content_root.resolve(), *(root.resolve() for root in extra_roots)]
    seen = _Seen(places)

    def in_chapter(source: Path):
        def visit(element: Element) -> Element | None:
            kind = element["t"]
            if kind == "Header":
                seen.heading(source, element)
            if attr_of(element) is not None:
                seen.ids.add(identifier(element))
                _check_attributes(source, element, places, problems)
            if kind == "Link":
                url = target_of(element).url
                _check_link(places.seen(source, ("Link", url)), url, seen, allowed, problems)
            if (wrong := key_figures.shape_problem(element)) is not None:
                problems.error(locate(source, key_figures.CLASS), wrong,
                               tr("see 'Key figures' in docs/chapters.md"))
            if kind != "Image":
                return None
            return _check_image(places.seen(source, ("Image", target_of(element).url)),
                                element, places, allowed, problems)
        return visit

    blocks: list[Element] = []
    for block in ast["blocks"]:
        source = chapter_source(block, content_root)
        if source is not None:
            _check_table_depth(source, children(block), problems)
            blocks.extend(walk(children(block), in_chapter(source)))
            continue
        if block["t"] == "Header":  # a heading of the kind's own frame (a letter's subject)
            seen.heading(None, block)
            seen.ids.add(identifier(block))
        blocks.append(block)
    seen.report(problems)
    return {**ast, "blocks": blocks}


class _Seen:
    """What the chapters of one document hold, for checks across chapters."""

    def __init__(self, places: Places) -> None:
        self.places = places
        self.ids: set[str] = set()
        self.links: list[tuple[Occurrence, str]] = []
        self.headings: list[tuple[Occurrence | None, int, str]] = []

    def heading(self, source: Path | None, element: Element) -> None:
        """A heading of a chapter, or of the frame when `source` is None."""
        written = heading_text(element)
        occurrence = None if source is None else self.places.seen(source, ("Header", written))
        self.headings.append((occurrence, heading_level(element), written))

    def report(self, problems: Problems) -> None:
        for occurrence, target in self.links:
            if target[1:] not in self.ids:
                close = difflib.get_close_matches(target[1:], sorted(self.ids), n=1)
                hint = tr("did you mean '{name}'?", name=f"#{close[0]}") if close else \
                    tr("give the heading an id: {example}", example=_heading_with_id())
                problems.error(self.places.of(occurrence, target),
                               tr("the link '{target}' points to no heading or figure of this "
                                  "publication", target=target), hint)
        previous = 0
        for occurrence, level, text in self.headings:
            if level > previous + 1 and occurrence is not None:
                problems.error(self.places.of(occurrence, text),
                               tr("the heading '{text}' skips from level {previous} to {level}",
                                  text=text, previous=previous, level=level),
                               tr("make it level {level} ({marks})", level=previous + 1,
                                  marks="#" * (previous + 1)))
            previous = level


# Tables inside tables: Typst sets each through a chain of show rules, and past six levels
# it stops the PDF at its limit on that chain. Three are more than a reader can follow (a
# screen reader the less).
DEEPEST_TABLES = 3


def _check_table_depth(source: Path, blocks: list[Element], problems: Problems) -> None:
    """An error at the first table of a chapter that lies inside DEEPEST_TABLES others."""
    table = _table_too_deep(blocks, 1)
    if table is None:
        return
    words = _first_words(table)
    problems.error(locate(source, words) if words else Position(source),
                   tr("tables lie more than {deepest} deep inside each other",
                      deepest=DEEPEST_TABLES),
                   tr("put the inner table after the one that holds it"))


def _first_words(table: Element) -> str:
    """The first two words of a table (of its caption, or else of its first cell): one line
    of its Markdown holds them."""
    cell = next((element for element in elements(table["c"])
                 if element["t"] in ("Plain", "Para")), None)
    return " ".join(stringify(cell).split()[:2]) if cell else ""


def _table_too_deep(blocks: list[Element], depth: int) -> Element | None:
    """The first table in `blocks`, themselves inside `depth - 1` tables, that lies deeper
    than DEEPEST_TABLES."""
    for table in elements(blocks, skip={"Table"}):
        if table["t"] != "Table":
            continue
        if depth > DEEPEST_TABLES:
            return table
        if (inner := _table_too_deep(table["c"], depth + 1)) is not None:
            return inner
    return None


def _heading_with_id() -> str:
    """A heading with an id, as a writer gives one: '# Title {#the-id}'."""
    title, anchor = tr("Title"), tr("the-id")
    return f"# {title} {{#{anchor}}}"


# Attributes a writer may give an element; any other (onclick, style, srcset, href) could
# run code or load a file in the reader's browser, since HTML keeps attributes as written.
CHAPTER_ATTRIBUTES = ("lang", "dir", "width", "height", "fig-alt", "title", "custom-style")


def _check_attributes(source: Path, element: Element, places: Places,
                      problems: Problems) -> None:
    for key, _value in attribute_pairs(element):
        occurrence = places.seen(source, ("attribute", key))
        if key not in CHAPTER_ATTRIBUTES:
            problems.error(places.of(occurrence, f"{key}="),
                           tr("the attribute '{key}' is not allowed in a chapter", key=key),
                           tr("attributes a chapter may give: {attributes}",
                              attributes=", ".join(CHAPTER_ATTRIBUTES)))


def _check_image(occurrence: Occurrence, element: Element, places: Places,
                 allowed: list[Path], problems: Problems) -> Element:
    """An image has alt text and is a picture file of the content; point it at that file."""
    url = target_of(element).url
    alt = attributes(element).get("fig-alt") or stringify(children(element))
    if not alt:
        shows = tr("what it shows")
        problems.error(places.of(occurrence, url), tr("the image '{path}' has no alt text",
                                                      path=url),
                       tr("describe the picture: {example}", example=f"![{shows}]({url})"))
    path = _check_file(occurrence, places, url, "image", allowed, problems)
    return with_url(element, str(path or url))


def _check_link(occurrence: Occurrence, target: str, seen: _Seen, allowed: list[Path],
                problems: Problems) -> None:
    """A link goes to the web, an e-mail address, a telephone, a heading or a content file."""
    if (wrong := link_problem(target)) is not None:
        problems.error(seen.places.of(occurrence, target),
                       tr("the link '{target}' {problem}", target=target, problem=wrong),
                       tr("link to a web page (https://…), an e-mail address (mailto:…), a "
                          "telephone number (tel:…) or a heading (#id)"))
    elif target.startswith("#"):
        seen.links.append((occurrence, target))
    elif scheme(target) is None:
        _check_file(occurrence, seen.places, target, "link", allowed, problems)


def _check_file(occurrence: Occurrence, places: Places, url: str, noun: str,
                allowed: list[Path], problems: Problems) -> Path | None:
    """The content file an image or a link (`noun`) points to, or None after its error."""
    image = noun == "image"

    def error(message: Said, hint: Said | None = None) -> None:
        problems.error(places.of(occurrence, url), message, hint)

    if scheme(url) is not None or "\x00" in url:
        error(tr("the image '{path}' is not a file of the content folder", path=url) if image
              else tr("the link '{path}' is not a file of the content folder", path=url),
              tr("save the file under assets/ and point to it"))
        return None
    path = resolve_inside(occurrence.source.parent, url.split("#")[0], *allowed)
    if path is None:
        error(tr("the image '{path}' lies outside the content folder", path=url) if image
              else tr("the link '{path}' lies outside the content folder", path=url))
        return None
    if not path.is_file():
        error(tr("the image '{path}' does not exist", path=url) if image
              else tr("the link '{path}' does not exist", path=url),
              tr("paths are relative to the chapter's own file"))
        return None
    if image and (wrong := image_problem(path)) is not None:
        error(tr("the image '{path}' {problem}", path=url, problem=wrong),
              tr("save it again as PNG, JPEG or SVG"))
        return None
    return path
