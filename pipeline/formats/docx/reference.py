"""The `reference.docx` pandoc styles a DOCX by, generated from the brand.

Starts from pandoc's own reference document and sets what the brand says:
fonts, colours, heading and table styles, A4 with margins, the document
language, and a header and footer with "Page N of M".
"""

from __future__ import annotations

import io
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from pipeline.content.model import Brand
from pipeline.document import pandoc
from pipeline.document.layout import HEADING_SIZES, Layout

THEME_FONTS = {"w:asciiTheme": "w:ascii", "w:hAnsiTheme": "w:hAnsi", "w:cstheme": "w:cs",
               "w:eastAsiaTheme": "w:eastAsia"}
# What stays on the page of the paragraph after it: a table's caption above the table, a
# captioned picture above its caption.
CAPTIONS_BEFORE = ("Table Caption", "Captioned Figure")
# The cover's words by paper, in points; the space above the title puts the block low on the
# page, as in the PDF.
COVER_SIZES = {"a4": {"Title": 30, "Subtitle": 14, "Author": 10, "Date": 9},
               "a5": {"Title": 26, "Subtitle": 13, "Author": 10, "Date": 9}}
COVER_TITLE_DROP = {"a4": Cm(13.0), "a5": Cm(6.5)}
PAPER = {"a4": (Cm(21.0), Cm(29.7), Cm(2.4)), "a5": (Cm(14.8), Cm(21.0), Cm(1.7))}
# No space: pandoc names a table's style by its name, and Word finds a style by its id.
REFERENCE_TABLE = "LetterReferences"
BOX_COLOURS = {"Callout Note": "primary", "Callout Tip": "#2f7d4a", "Callout Warning": "#a4460c"}


def build_reference(brand: Brand, tag: str, labels: dict[str, str], header_text: str,
                    layout: Layout, target: Path) -> Path:
    document = docx.Document(io.BytesIO(pandoc.default_data_file("reference.docx")))
    _page(document, layout.paper)
    _fonts_and_language(document, brand, tag)
    _headings(document, brand, layout)
    _cover_styles(document, brand, layout)
    _table_style(document, brand)
    _toc_styles(document, brand)
    _box_styles(document, brand)
    _letter_styles(document, brand)
    _header_and_footer(document, brand, labels, header_text)
    document.save(str(target))
    return target


def rgb(value: str) -> RGBColor:
    value = value.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    return RGBColor.from_string(value.upper())


def _page(document: docx.document.Document, paper: str) -> None:
    width, height, margin = PAPER[paper]
    for section in document.sections:
        section.page_width, section.page_height = width, height
        section.left_margin = section.right_margin = margin
        section.top_margin, section.bottom_margin = Cm(2.6), Cm(2.4)
        section.header_distance = section.footer_distance = Cm(1.2)


def _fonts_and_language(document: docx.document.Document, brand: Brand, tag: str) -> None:
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    run_properties = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = run_properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        run_properties.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), brand.base_family)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(theme), None)
    language = run_properties.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        run_properties.append(language)
    language.set(qn("w:val"), tag)
    normal = document.styles["Normal"]
    normal.font.name = brand.base_family
    normal.font.size = Pt(brand.base_size_pt)
    normal.font.color.rgb = rgb(brand.colors["foreground"])
    for name in ("Title", "Subtitle", "Author", "Date", "TOC Heading"):
        style = document.styles[name]
        style.font.name = brand.heading_family
        style.font.color.rgb = rgb(brand.heading_color)
    _theme_fonts_named(document, brand)


def _theme_fonts_named(document: docx.document.Document, brand: Brand) -> None:
    """Each font a style takes from the theme named outright: the theme's heading font as the
    brand's heading family, its body font as the base family.

    A theme attribute (`w:asciiTheme`) wins over the family beside it (`w:ascii`), so
    pandoc's headings would otherwise stay in the theme's Aptos, set in a fallback where
    Aptos is missing.
    """
    for fonts in document.styles.element.iter(qn("w:rFonts")):
        for theme, explicit in THEME_FONTS.items():
            value = fonts.attrib.pop(qn(theme), None)
            if value is not None:
                fonts.set(qn(explicit), brand.heading_family if value.startswith("major")
                          else brand.base_family)


def _cover_styles(document: docx.document.Document, brand: Brand, layout: Layout) -> None:
    """The title block as the PDF's cover sets it: white on the brand's colour, low on the
    page and left-aligned."""
    for name, size in COVER_SIZES[layout.paper].items():
        style = document.styles[name]
        style.base_style = document.styles["Normal"]
        for spacing in style.element.findall(f"{qn('w:rPr')}/{qn('w:spacing')}"):
            spacing.getparent().remove(spacing)  # pandoc's Subtitle is letter-spaced
        style.font.size = Pt(size)
        style.font.bold = name in ("Title", "Author")
        style.font.italic = False
        style.font.color.rgb = rgb(brand.colors["light"] if name == "Date" else "#ffffff")
        paragraph = style.paragraph_format
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
        paragraph.keep_with_next = name != "Date"  # the page after the cover starts anew
        paragraph.space_before = paragraph.space_after = Pt(0)
        paragraph.line_spacing = 1.1
    document.styles["Title"].paragraph_format.space_before = COVER_TITLE_DROP[layout.paper]
    document.styles["Subtitle"].paragraph_format.space_before = Pt(8)
    document.styles["Author"].paragraph_format.space_before = Cm(1.4)


def _headings(document: docx.document.Document, brand: Brand, layout: Layout) -> None:
    sizes = HEADING_SIZES[layout.template]
    for level in range(1, 7):
        style = document.styles[f"Heading {level}"]
        style.font.name = brand.heading_family
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = rgb(brand.heading_color)
        # The PDF's sizes (document/layout.py); deeper levels at the base size.
        style.font.size = Pt(sizes[level - 1] if level <= len(sizes) else brand.base_size_pt)
        style.paragraph_format.keep_with_next = True
        style.paragraph_format.space_before = Pt(18 if level == 1 else 12)
        style.paragraph_format.space_after = Pt(6)
    document.styles["Heading 1"].paragraph_format.page_break_before = layout.chapter_breaks
    for name in CAPTIONS_BEFORE:
        document.styles[name].paragraph_format.keep_with_next = True


def _table_style(document: docx.document.Document, brand: Brand) -> None:
    """Rule lines and a shaded, bold header row on pandoc's 'Table' style."""
    style = document.styles["Table"].element
    for old in style.findall(qn("w:tblStylePr")):
        style.remove(old)
    table_properties = style.find(qn("w:tblPr"))
    if table_properties is None:
        table_properties = OxmlElement("w:tblPr")
        style.append(table_properties)
    for old in table_properties.findall(qn("w:tblBorders")):
        table_properties.remove(old)
    table_properties.append(_borders({"insideH": ("single", 4, "C8CFD6"),
                                      "bottom": ("single", 4, "C8CFD6")}))
    header = OxmlElement("w:tblStylePr")
    header.set(qn("w:type"), "firstRow")
    run = OxmlElement("w:rPr")
    run.append(OxmlElement("w:b"))
    header.append(run)
    cell = OxmlElement("w:tcPr")
    cell.append(_borders({"bottom": ("single", 12, brand.colors["primary"].lstrip("#"))},
                         tag="w:tcBorders"))
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), brand.colors["light"].lstrip("#"))
    cell.append(shading)
    header.append(cell)
    style.append(header)


def _borders(edges: dict[str, tuple[str, int, str]], tag: str = "w:tblBorders"):
    borders = OxmlElement(tag)
    for edge, (kind, size, color) in edges.items():
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), kind)
        element.set(qn("w:sz"), str(size))
        element.set(qn("w:space"), "0")
        element.set(qn("w:color"), color)
        borders.append(element)
    return borders


def _toc_styles(document: docx.document.Document, brand: Brand) -> None:
    document.styles["TOC Heading"].font.bold = True
    names = {style.name for style in document.styles}
    for level in (1, 2):
        name = f"toc {level}"
        if name in names:
            continue
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles["Normal"]
        style.paragraph_format.left_indent = Cm(0.6 * (level - 1))
        style.paragraph_format.space_after = Pt(3)
        style.font.bold = level == 1


def _paragraph_style(document: docx.document.Document, name: str):
    if name in {style.name for style in document.styles}:
        return document.styles[name]
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Body Text"]
    return style


def _box_styles(document: docx.document.Document, brand: Brand) -> None:
    """Boxed notes, tips and warnings: a coloured rule on the left and a shaded ground."""
    for name, colour in BOX_COLOURS.items():
        rule = brand.colors.get(colour, colour).lstrip("#")
        style = _paragraph_style(document, name)
        style.paragraph_format.left_indent = Cm(0.3)
        style.paragraph_format.right_indent = Cm(0.3)
        properties = style.element.get_or_add_pPr()
        properties.append(_borders({"left": ("single", 36, rule)}, tag="w:pBdr"))
        shading = OxmlElement("w:shd")
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:color"), "auto")
        shading.set(qn("w:fill"), brand.colors["light"].lstrip("#"))
        properties.append(shading)
    title = _paragraph_style(document, "Callout Title")
    title.base_style = document.styles["Callout Note"]
    title.font.bold = True
    title.paragraph_format.keep_with_next = True


def _letter_styles(document: docx.document.Document, brand: Brand) -> None:
    """The parts of a letter's frame; its closing block (greeting, signatures, approval note)
    kept on one page, as the PDF keeps it."""
    recipient = _paragraph_style(document, "Recipient")
    recipient.paragraph_format.space_after = Pt(18)
    note = _paragraph_style(document, "Letter Note")
    note.font.size = Pt(8.5)
    note.font.color.rgb = rgb(brand.colors["secondary"])
    closing = _paragraph_style(document, "Closing")
    closing.paragraph_format.space_before = Pt(18)
    closing.paragraph_format.keep_with_next = True
    signature = _paragraph_style(document, "Signature")
    signature.paragraph_format.space_before = Pt(24)
    signature.paragraph_format.keep_together = True
    signature.paragraph_format.keep_with_next = True
    approval = _paragraph_style(document, "Approval Note")
    approval.base_style = note
    approval.font.italic = True
    _reference_table_style(document, brand)


def _reference_table_style(document: docx.document.Document, brand: Brand) -> None:
    """The letter's reference block as the PDF draws it: no rules, no shading, small grey
    labels over the values, columns apart."""
    style = document.styles.add_style(REFERENCE_TABLE, WD_STYLE_TYPE.TABLE).element
    properties = OxmlElement("w:tblPr")
    properties.append(_borders({edge: ("nil", 0, "auto") for edge in
                                ("top", "left", "bottom", "right", "insideH", "insideV")}))
    margins = OxmlElement("w:tblCellMar")
    for edge, width in (("left", 0), ("right", 440)):
        margin = OxmlElement(f"w:{edge}")
        margin.set(qn("w:w"), str(width))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    properties.append(margins)
    style.append(properties)
    labels = OxmlElement("w:tblStylePr")
    labels.set(qn("w:type"), "firstRow")
    run = OxmlElement("w:rPr")
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), brand.colors["secondary"].lstrip("#"))
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "16")
    run.extend([colour, size])
    labels.append(run)
    style.append(labels)


def _header_and_footer(document: docx.document.Document, brand: Brand,
                       labels: dict[str, str], header_text: str) -> None:
    section = document.sections[0]
    section.different_first_page_header_footer = True  # the cover has none
    header = section.header.paragraphs[0]
    header.clear()
    _running_text(header.add_run(header_text), brand)
    footer = section.footer.paragraphs[0]
    footer.alignment = 2  # right
    footer.clear()
    _running_text(footer.add_run(f"{labels['page']} "), brand)
    _field(footer, "PAGE", brand)
    _running_text(footer.add_run(f" {labels['of']} "), brand)
    _field(footer, "NUMPAGES", brand)


def _running_text(run, brand: Brand) -> None:
    """The small grey of the running header and footer, words and page numbers alike."""
    run.font.size = Pt(8.5)
    run.font.color.rgb = rgb(brand.colors["secondary"])


def _field(paragraph, instruction: str, brand: Brand) -> None:
    """A simple field (PAGE, NUMPAGES) with a cached result Word shows as is, its run
    styled as the words beside it."""
    run = paragraph.add_run("1")
    _running_text(run, brand)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run._r.addprevious(field)
    field.append(run._r)
