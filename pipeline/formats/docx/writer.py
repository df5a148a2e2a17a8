"""DOCX: pandoc with a brand-made reference.docx, then finishing with python-docx.

Finishing adds what pandoc does not: the logo on the cover, document
properties (title, language, author), page breaks around the table of
contents, and a table of contents Word shows without asking to update fields.
The package is saved the same on every run and machine (`docx_package`).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import typst
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from pipeline.document import boxes, key_figures, pandoc
from pipeline.document.pandoc import Ast
from pipeline.document.prepared import Document, metadata, with_metadata
from pipeline.document.transforms import headings, swap_image_suffix
from pipeline.document.tree import (
    Element,
    attribute_pairs,
    div_class,
    meta_inlines,
    typst_string,
    walk,
    with_attributes,
)
from pipeline.formats.docx import package as docx_package
from pipeline.formats.docx.key_figures import key_figure_tiles
from pipeline.formats.docx.reference import build_reference
from pipeline.formats.typst_files import typst_path
from pipeline.problems import BuildError
from pipeline.render.localizer import language_tag

LETTER_STYLES = {"letter-recipient": "Recipient", "letter-officer": "Letter Note",
                 "letter-closing": "Closing", "signatory": "Signature",
                 "letter-approval": "Letter Note"}


def write(document: Document, target: Path) -> None:
    reference = build_reference(
        document.brand, document.tag, document.labels,
        f"{document.organisation} – {document.title}", document.layout,
        document.work_dir / f"reference-{document.publication.kind}-{document.lang}.docx",
    )
    ast = regional_language_tags(swap_image_suffix(document.ast, ".svg", ".png"))
    ast = key_figures.for_docx(style_divs_for_docx(boxes.for_docx(ast, document.gettext),
                                                   LETTER_STYLES))
    meta = metadata(document)
    if document.layout.title_block:
        meta["author"] = {"t": "MetaList", "c": [meta_inlines(document.organisation)]}
    ast = with_metadata(ast, meta)
    args = ["--reference-doc", str(reference)]
    if document.toc:
        args += ["--toc", "--toc-depth=2"]
    pandoc.write(ast, "docx", args, output=target)
    finish(target, document)


def finish(path: Path, document: Document) -> None:
    word = docx.Document(str(path))
    _properties(word, document)
    key_figure_tiles(word, document.brand)
    if not document.layout.title_block:
        _letterhead(word, document)
    elif document.logo:
        _cover_logo(word, document)
    if document.toc:
        _table_of_contents(word, document)
    docx_package.save(word, path, document.date)


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


def _cover_logo(word: docx.document.Document, document: Document) -> None:
    """The logo above the title, with its alt text as the picture's description."""
    _add_logo(word.paragraphs[0].insert_paragraph_before(), document, Cm(3.2))


def _letterhead(word: docx.document.Document, document: Document) -> None:
    """Logo, organisation and address above the recipient, as on the NCP's paper."""
    first = word.paragraphs[0]
    head = first.insert_paragraph_before()
    if document.logo:
        _add_logo(head, document, Cm(1.6))
        head.add_run("  ")
    name = head.add_run(document.organisation)
    name.bold = True
    name.font.size = Pt(13)
    address = first.insert_paragraph_before(
        f"{document.postal_address} · {document.email} · {document.web}")
    for run in address.runs:
        run.font.size = Pt(8.5)
    address.paragraph_format.space_after = Pt(24)


def _add_logo(paragraph, document: Document, width: Cm) -> None:
    """The logo as a picture in `paragraph`, its alt text as the picture's description."""
    png = logo_png(document.logo, document.work_dir, document.lang)
    paragraph.add_run().add_picture(str(png), width=width)
    for properties in paragraph._p.iter(qn("wp:docPr")):
        properties.set("descr", document.logo_alt)
        properties.set("title", "")


def logo_png(logo: Path, work_dir: Path, lang: str) -> Path:
    """The logo as PNG (DOCX readers without SVG support need one), drawn by Typst."""
    if logo.suffix.lower() in (".png", ".jpg", ".jpeg"):
        return logo
    source = work_dir / f"logo-{lang}.typ"  # one per language: they are written in parallel
    source.write_text("#set page(width: auto, height: auto, margin: 0pt, fill: none)\n"
                      f"#image({typst_string(typst_path(logo, work_dir))}, width: 4cm)\n",
                      encoding="utf-8")
    target = work_dir / f"logo-{lang}.png"
    try:
        typst.compile(str(source), output=str(target), format="png", ppi=300,
                      root=str(work_dir))
    except typst.TypstError as error:
        raise BuildError(f"the logo {logo} could not be drawn as PNG: {error}") from error
    return target


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
        sdt.addprevious(_page_break())  # the first chapter's heading breaks after it
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


def _page_break():
    paragraph = OxmlElement("w:p")
    run = OxmlElement("w:r")
    brk = OxmlElement("w:br")
    brk.set(qn("w:type"), "page")
    run.append(brk)
    paragraph.append(run)
    return paragraph


def style_divs_for_docx(ast: Ast, styles: dict[str, str]) -> Ast:
    """A div with a class in `styles` gets that Word paragraph style (custom-style)."""
    def style(element: Element) -> Element | None:
        if (name := div_class(element, styles)) is None:
            return None
        return with_attributes(element, [*attribute_pairs(element), ("custom-style", styles[name])])

    return {**ast, "blocks": walk(ast["blocks"], style)}


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

    return {**ast, "blocks": walk(ast["blocks"], tag)}
