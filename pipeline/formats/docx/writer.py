"""DOCX: pandoc with a brand-made reference.docx, then finishing with python-docx.

Finishing adds what pandoc does not: the cover or letterhead (`cover.py`),
document properties (title, language, author), a table of contents Word shows
without asking to update fields, a letter's closing kept with its last
paragraph, and a PNG beside every SVG (`pictures.py`). The reference document
carries the brand's fonts (`fonts.py`). The package is saved the same on every
run and machine (`docx_package`).
"""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import RGBColor

from pipeline import cache
from pipeline.document import boxes, key_figures, pandoc
from pipeline.document.pandoc import Ast
from pipeline.document.prepared import Document, metadata, with_metadata
from pipeline.document.transforms import headings, swap_image_suffix
from pipeline.document.tree import (
    Element,
    attribute_pairs,
    children,
    div_class,
    meta_inlines,
    walk,
    with_attributes,
    with_children,
)
from pipeline.formats.docx import cover, fonts, pictures
from pipeline.formats.docx import package as docx_package
from pipeline.formats.docx.key_figures import key_figure_tiles
from pipeline.formats.docx.reference import REFERENCE_TABLE, build_reference
from pipeline.render.localizer import language_tag

LETTER_STYLES = {"letter-recipient": "Recipient", "letter-officer": "Letter Note",
                 "letter-closing": "Closing", "signatory": "Signature",
                 "letter-approval": "Approval Note"}
TABLE_STYLES = {"letter-references": REFERENCE_TABLE}
# About what the running header's line holds at its size; a longer one would wrap.
HEADER_CHARACTERS = 100
SHORT_TABLE_ROWS = 12  # a table this long or shorter is never broken
KEPT_ROWS = 3  # the rows a break leaves at least on either side


def write(document: Document, target: Path) -> None:
    reference = _reference(document)
    ast = regional_language_tags(swap_image_suffix(document.ast, ".svg", ".png"))
    ast = key_figures.for_docx(style_divs_for_docx(boxes.for_docx(ast, document.gettext),
                                                   LETTER_STYLES))
    ast = style_tables_for_docx(ast, TABLE_STYLES)
    meta = metadata(document)
    if document.layout.title_block:
        meta["author"] = {"t": "MetaList", "c": [meta_inlines(document.organisation)]}
    ast = with_metadata(ast, meta)
    args = ["--reference-doc", str(reference)]
    if document.toc:
        args += ["--toc", "--toc-depth=2"]
    pandoc.write(ast, "docx", args, output=target)
    finish(target, document)


def _reference(document: Document) -> Path:
    """The reference DOCX of the document's styles, page, header and fonts: made again only
    when what it is made from changed (the same for every document of a kind and language)."""
    brand, header = document.brand, _running_header(document)
    reference = document.work_dir / f"reference-{document.publication.kind}-{document.lang}.docx"

    def make() -> None:
        build_reference(brand, document.tag, document.labels, header, document.layout,
                        reference)
        fonts.embed(reference, brand, document.work_dir.parent / "_docxfonts")

    cache.made([reference], [repr(brand), *(cache.file_hash(f.path) for f in brand.fonts),
                             cache.file_hash(brand.path), document.tag, repr(document.labels),
                             header, repr(document.layout)], make)
    return reference


def finish(path: Path, document: Document) -> None:
    word = docx.Document(str(path))
    _properties(word, document)
    key_figure_tiles(word, document.brand)
    if document.layout.title_block:
        cover.cover(word, document)
    else:
        cover.letterhead(word, document)
        _closing_kept_with_the_letter(word)
    if document.toc:
        _table_of_contents(word, document)
    _tables_kept_together(word)
    pictures.add_raster_fallbacks(word, document.work_dir, document.brand)
    if document.publication.draft:
        _draft_header(word, document.labels["draft-note"])
    docx_package.save(word, path, document.date)


def _tables_kept_together(word: docx.document.Document) -> None:
    """No row split by a page; a short table on one page, a long one broken with at least
    KEPT_ROWS rows on either side, as the PDF breaks its tables."""
    for table in word.tables:
        rows = table.rows
        for index, row in enumerate(rows):
            _row_not_split(row)
            short = len(rows) <= SHORT_TABLE_ROWS
            if index < len(rows) - 1 and (short or index < KEPT_ROWS
                                          or index >= len(rows) - KEPT_ROWS):
                for cell in row.cells:
                    for paragraph in cell.paragraphs:
                        paragraph.paragraph_format.keep_with_next = True


def _row_not_split(row) -> None:
    properties = row._tr.get_or_add_trPr()
    if properties.find(qn("w:cantSplit")) is None:
        properties.insert(0, OxmlElement("w:cantSplit"))  # before w:tblHeader, as CT_TrPr wants


def _closing_kept_with_the_letter(word: docx.document.Document) -> None:
    """The letter's last paragraph kept on the page of its closing ("Med hilsen"), which the
    styles keep with the signatures and the approval note."""
    paragraphs = word.paragraphs
    for previous, paragraph in itertools.pairwise(paragraphs):
        if paragraph.style.name == LETTER_STYLES["letter-closing"]:
            previous.paragraph_format.keep_with_next = True


def _running_header(document: Document) -> str:
    """The organisation and the title, on one line: a title too long to stand beside the
    organisation's name stands alone, as in the PDF."""
    if not document.layout.title_block:
        return document.organisation
    both = f"{document.organisation} – {document.title}"
    return both if len(both) <= HEADER_CHARACTERS else document.title


def _draft_header(word: docx.document.Document, note: str) -> None:
    """A draft's mark at the top of every page, above whatever the header holds."""
    for section in word.sections:
        headers = [section.header]
        if section.different_first_page_header_footer:
            headers.append(section.first_page_header)
        for header in headers:
            existing = header.paragraphs
            mark = existing[0].insert_paragraph_before() if existing else header.add_paragraph()
            run = mark.add_run(note)
            run.bold = True
            run.font.color.rgb = RGBColor(0x8A, 0x1C, 0x1C)


def _properties(word: docx.document.Document, document: Document) -> None:
    properties = word.core_properties
    properties.title = document.title
    properties.subject = document.subtitle or document.title
    properties.author = document.organisation
    properties.last_modified_by = document.organisation
    properties.language = document.tag
    moment = dt.datetime.combine(document.date, dt.time(12, 0))
    properties.created = properties.modified = moment
    properties.revision = 1


def _table_of_contents(word: docx.document.Document, document: Document) -> None:
    """Fill pandoc's TOC field with ready entries linked to the headings.

    pandoc leaves the field empty and dirty, so Word asks to update fields on
    opening. Here the field's result holds the headings (without page numbers),
    so Word and LibreOffice show it at once; updating it adds page numbers.
    """
    body = word.element.body
    for sdt in body.iter(qn("w:sdt")):
        gallery = sdt.find(f".//{qn('w:docPartGallery')}")
        if gallery is None or gallery.get(qn("w:val")) != "Table of Contents":
            continue
        content = sdt.find(qn("w:sdtContent"))
        paragraphs = content.findall(qn("w:p"))
        for paragraph in paragraphs[1:]:
            content.remove(paragraph)
        entries = headings(document.ast, max_level=2)
        for index, (level, identifier, text) in enumerate(entries):
            content.append(_toc_entry(level, identifier, text, index == 0,
                                      index == len(entries) - 1))
        cover.new_page_after(sdt, word)
        return


def _toc_entry(level: int, anchor: str, text: str, first: bool, last: bool):
    paragraph = OxmlElement("w:p")
    properties = OxmlElement("w:pPr")
    style = OxmlElement("w:pStyle")
    style.set(qn("w:val"), f"TOC{level}")
    properties.append(style)
    paragraph.append(properties)
    if first:
        paragraph.append(_field_char("begin"))
        instruction = OxmlElement("w:r")
        instruction_text = OxmlElement("w:instrText")
        instruction_text.set(qn("xml:space"), "preserve")
        instruction_text.text = ' TOC \\o "1-2" \\h \\z \\u '
        instruction.append(instruction_text)
        paragraph.append(instruction)
        paragraph.append(_field_char("separate"))
    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), anchor)
    run = OxmlElement("w:r")
    run_text = OxmlElement("w:t")
    run_text.set(qn("xml:space"), "preserve")
    run_text.text = text
    run.append(run_text)
    link.append(run)
    paragraph.append(link)
    if last:
        paragraph.append(_field_char("end"))
    return paragraph


def _field_char(kind: str):
    run = OxmlElement("w:r")
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    run.append(char)
    return run


def style_divs_for_docx(ast: Ast, styles: dict[str, str]) -> Ast:
    """A div with a class in `styles` gets that Word paragraph style (custom-style)."""
    def style(element: Element) -> Element | None:
        if (name := div_class(element, styles)) is None:
            return None
        return with_attributes(element, [*attribute_pairs(element), ("custom-style", styles[name])])

    return {**ast, "blocks": walk(ast["blocks"], style, {"Div"})}


def regional_language_tags(ast: Ast) -> Ast:
    """`lang=nb` -> `lang=nb-NO` on spans and divs, as Word's language list has them."""
    def tag(element: Element) -> Element | None:
        if element["t"] not in ("Span", "Div"):
            return None
        pairs = attribute_pairs(element)
        if not any(key == "lang" for key, _ in pairs):
            return None
        return with_attributes(element, [(key, language_tag(value) if key == "lang" else value)
                                         for key, value in pairs])

    return {**ast, "blocks": walk(ast["blocks"], tag, {"Span", "Div"})}


def style_tables_for_docx(ast: Ast, styles: dict[str, str]) -> Ast:
    """A table in a div with a class in `styles` gets that Word table style (custom-style)."""
    def style(element: Element) -> Element | None:
        if (name := div_class(element, styles)) is None:
            return None
        return with_children(element, [
            with_attributes(block, [*attribute_pairs(block), ("custom-style", styles[name])])
            if block["t"] == "Table" else block for block in children(element)])

    return {**ast, "blocks": walk(ast["blocks"], style, {"Div"})}
