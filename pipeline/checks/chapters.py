"""The chapters of a parsed document checked together: images, links, attributes, headings.

The rendered Markdown wraps each chapter in a `::: {.chapter source="…"}` div so
that image paths can be resolved against the chapter's own folder, as a Markdown
editor's preview does; `resolve_chapters` does that, checks what each chapter
holds, and unwraps them.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from pipeline.content.media import image_problem
from pipeline.content.urls import link_problem, scheme
from pipeline.document.pandoc import Ast
from pipeline.document.transforms import chapter_source, locate
from pipeline.document.tree import Element, attributes, stringify, walk
from pipeline.problems import Problems


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
