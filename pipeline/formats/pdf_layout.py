"""Reading a compiled, tagged PDF's pages as a designer looks at them: every piece of text
where it stands on its page, with the structure it belongs to (heading, table cell, TOC entry).
The PDF writer reads it for words hyphenated across a page break; the layout tests for the rest.

pypdfium2 gives each text object's box and marked-content id; pikepdf's walk of the
structure tree names the elements that hold that id. Typst draws a hyphen it inserts at a
line end as a glyph of its own that reads as a soft hyphen (by the font's mapping, or by an
/ActualText of U+00AD); a hyphen the writer typed reads as "-". That tells a hyphenation
break from a typed hyphen.
"""

from __future__ import annotations

import ctypes
import io
import re
import threading
from dataclasses import dataclass

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as raw

# PDFium must never run in two threads at once, not even on two documents, and the build
# writes outputs in threads: every call into it in this process (here and in the leak gate)
# holds this lock, and closes every PDFium object before letting it go.
PDFIUM_LOCK = threading.Lock()
HEADINGS = frozenset({"H", "H1", "H2", "H3", "H4", "H5", "H6"})
# Pdfium reads a glyph mapped to the soft hyphen as U+0002.
_SOFT_HYPHENS = frozenset({"\u0002", "\u00ad"})
# ... and its page text shows that glyph as U+FFFE.
_PAGE_TEXT_HYPHENS = ("\ufffe", "\u0002", "\u00ad")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Run:
    """One text object: its text, its box (PDF points, y up) and where it sits in the
    structure tree (`roles` from the root down, `elements` the ids of those elements)."""

    text: str
    top: float
    bottom: float
    roles: tuple[str, ...]
    elements: tuple[tuple[int, int], ...]
    hyphenation: bool

    def within(self, roles: frozenset[str]) -> bool:
        return any(role in roles for role in self.roles)


@dataclass
class Page:
    number: int
    runs: list[Run]
    """The text in content order, without artifacts (running headers, footers)."""
    paginated: bool
    """The page has a running header or footer (a pagination artifact): not a cover or a
    back page."""

    @property
    def body(self) -> list[Run]:
        """The running text: the runs of the page but its footnotes."""
        return [run for run in self.runs if not run.within(frozenset({"Note"}))]

    @property
    def bottom(self) -> float:
        return min(run.bottom for run in self.runs)

    @property
    def top(self) -> float:
        return max(run.top for run in self.runs)

    def starts_chapter(self) -> bool:
        return bool(self.body) and "H1" in self.body[0].roles

    def starts_section(self) -> bool:
        return bool(self.body) and self.body[0].within(HEADINGS)


def pages(pdf: bytes) -> list[Page]:
    roles = _roles_by_content(pdf)
    with PDFIUM_LOCK:
        document = pdfium.PdfDocument(pdf)
        try:
            return [_page(document[index], index, roles) for index in range(len(document))]
        finally:
            document.close()


def hyphenated_across_pages(pdf: bytes) -> list[str]:
    """The words hyphenated at the foot of a page, their second part on the next.

    Only a page that holds a hyphenation at all is read object by object (with the
    page after it): reading every page so costs about 10 ms a page.
    """
    with PDFIUM_LOCK:
        return _hyphenated_across_pages(pdf)


def _hyphenated_across_pages(pdf: bytes) -> list[str]:
    document = pdfium.PdfDocument(pdf)
    try:
        candidates = [index for index in range(len(document) - 1)
                      if _hyphenates(document[index])]
        if not candidates:
            return []
        roles = _roles_by_content(pdf)
        words = []
        for index in candidates:
            body = _page(document[index], index, roles).body
            if len(body) < 2 or not body[-1].hyphenation:
                continue
            following = _page(document[index + 1], index + 1, roles).body
            rest = [run for run in following if run.elements[-1:] == body[-1].elements[-1:]]
            head = _WORD.findall(body[-2].text)[-1:]
            tail = _WORD.findall(rest[0].text if rest else "")
            if head and tail:
                words.append(head[0] + tail[0])
        return words
    finally:
        document.close()


def _hyphenates(page: pdfium.PdfPage) -> bool:
    """Whether any line of the page ends in a hyphen Typst inserted (one call into pdfium,
    whose page text shows that glyph as U+FFFE)."""
    textpage = page.get_textpage()
    try:
        return any(mark in textpage.get_text_range() for mark in _PAGE_TEXT_HYPHENS)
    finally:
        textpage.close()
        page.close()


def body_extent(pages: list[Page]) -> tuple[float, float]:
    """The top and bottom of the text area, as far as the paginated pages fill it."""
    full = [page for page in pages if page.paginated and page.runs]
    return max(page.top for page in full), min(page.bottom for page in full)


def line_runs(runs: list[Run]) -> list[list[Run]]:
    """The runs grouped into lines: a run whose box overlaps the box of the line's first
    run is on that line. (A hyphen's or a bullet's box sits higher than its line's letters,
    but within their height; the next line lies wholly below.)"""
    lines: list[list[Run]] = []
    for run in runs:
        if lines and run.bottom < lines[-1][0].top and run.top > lines[-1][0].bottom:
            lines[-1].append(run)
        else:
            lines.append([run])
    return lines


def lines_of(runs: list[Run]) -> list[str]:
    """The runs grouped into lines by their place on the page, each line's text joined."""
    return ["".join(run.text for run in line) for line in line_runs(runs)]


def _page(page: pdfium.PdfPage, index: int, roles: dict) -> Page:
    textpage = page.get_textpage()
    page_ref = roles.get(("page", index))
    runs: list[Run] = []
    paginated = False
    for position in range(raw.FPDFPage_CountObjects(page.raw)):
        obj = raw.FPDFPage_GetObject(page.raw, position)
        marks = _marks(obj)
        if "Artifact" in marks:
            paginated = paginated or _has_param(obj, b"Subtype")  # /Header, /Footer
            continue
        if raw.FPDFPageObj_GetType(obj) != raw.FPDF_PAGEOBJ_TEXT:
            continue
        text = _text(obj, textpage)
        if not text.strip():
            continue
        left, bottom, right, top = (ctypes.c_float() for _ in range(4))
        raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
        mcid = raw.FPDFPageObj_GetMarkedContentID(obj)
        path, ids = roles.get((page_ref, mcid), ((), ()))
        hyphenation = (_actual_text(obj) or text).strip() in _SOFT_HYPHENS
        runs.append(Run(text, top.value, bottom.value, path, ids, hyphenation))
    textpage.close()
    page.close()
    return Page(index + 1, runs, paginated)


def _marks(obj: raw.FPDF_PAGEOBJECT) -> list[str]:
    names = []
    for index in range(raw.FPDFPageObj_CountMarks(obj)):
        mark = raw.FPDFPageObj_GetMark(obj, index)
        buffer = (ctypes.c_ushort * 64)()
        length = ctypes.c_ulong()
        raw.FPDFPageObjMark_GetName(mark, buffer, ctypes.sizeof(buffer), ctypes.byref(length))
        names.append("".join(map(chr, buffer[: length.value // 2])).rstrip("\0"))
    return names


def _has_param(obj: raw.FPDF_PAGEOBJECT, key: bytes) -> bool:
    """One of the object's marked-content properties has `key`."""
    for index in range(raw.FPDFPageObj_CountMarks(obj)):
        mark = raw.FPDFPageObj_GetMark(obj, index)
        if raw.FPDFPageObjMark_GetParamValueType(mark, key) != raw.FPDF_OBJECT_UNKNOWN:
            return True
    return False


def _text(obj: raw.FPDF_PAGEOBJECT, textpage: pdfium.PdfTextPage) -> str:
    size = raw.FPDFTextObj_GetText(obj, textpage.raw, None, 0)
    buffer = (ctypes.c_ushort * max(size // 2, 1))()
    raw.FPDFTextObj_GetText(obj, textpage.raw, buffer, size)
    return "".join(map(chr, buffer)).rstrip("\0")


def _actual_text(obj: raw.FPDF_PAGEOBJECT) -> str | None:
    """The /ActualText of the marked content around the object, if any."""
    for index in range(raw.FPDFPageObj_CountMarks(obj)):
        mark = raw.FPDFPageObj_GetMark(obj, index)
        length = ctypes.c_ulong()
        if raw.FPDFPageObjMark_GetParamStringValue(mark, b"ActualText", None, 0,
                                                   ctypes.byref(length)):
            buffer = (ctypes.c_ushort * max(length.value // 2, 1))()
            raw.FPDFPageObjMark_GetParamStringValue(mark, b"ActualText", buffer, length.value,
                                                    ctypes.byref(length))
            return "".join(map(chr, buffer)).rstrip("\0")
    return None


def _roles_by_content(pdf: bytes) -> dict:
    """(page object id, MCID) -> (structure types root-down, those elements' ids);
    also ("page", index) -> that page's object id."""
    found: dict = {}
    with pikepdf.open(io.BytesIO(pdf)) as document:
        for index, page in enumerate(document.pages):
            found[("page", index)] = page.obj.objgen

        def walk(node: pikepdf.Object, path: tuple[str, ...], page: tuple[int, int] | None,
                 ids: tuple[tuple[int, int], ...]) -> None:
            if isinstance(node, pikepdf.Array):
                for child in node:
                    walk(child, path, page, ids)
            elif isinstance(node, pikepdf.Dictionary):
                if "/S" in node:
                    own = node.get("/Pg")
                    own_page = own.objgen if own is not None else page
                    kids = node.get("/K")
                    if kids is not None:
                        walk(kids, (*path, str(node.S)[1:]), own_page, (*ids, node.objgen))
                elif "/MCID" in node:
                    owner = node.get("/Pg")
                    found[(owner.objgen if owner is not None else page, int(node.MCID))] = (
                        path, ids)
            elif isinstance(node, int) and page is not None:
                found[(page, int(node))] = (path, ids)

        walk(document.Root.StructTreeRoot.get("/K"), (), None, ())
    return found
