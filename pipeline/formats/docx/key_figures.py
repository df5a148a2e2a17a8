"""Key-figure tiles in the finished DOCX: the table pandoc wrote loses its borders and
header shading, and the number and label paragraphs get their sizes.

The tiles come from `document/key_figures.py` as a table whose cells hold a
"Key Figure Number" and a "Key Figure Label" paragraph.
"""

from __future__ import annotations

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from pipeline.content.model import Brand
from pipeline.document.key_figures import DOCX_STYLES

NUMBER_SIZE = Pt(26)
LABEL_SIZE = Pt(10)
# What follows the borders in a table's and a cell's properties, in the schema's order.
TBL_PR_AFTER_BORDERS = ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption",
                        "w:tblDescription")
TC_PR_AFTER_BORDERS = ("w:shd", "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText",
                       "w:vAlign", "w:hideMark")


def key_figure_tiles(word: docx.document.Document, brand: Brand) -> None:
    styles = {style.name for style in word.styles}
    if DOCX_STYLES["number"] not in styles:
        return
    number = word.styles[DOCX_STYLES["number"]]
    number.font.size, number.font.bold = NUMBER_SIZE, True
    number.font.color.rgb = RGBColor.from_string(brand.colors["primary"].lstrip("#").upper())
    number.paragraph_format.space_after = Pt(0)
    number.paragraph_format.keep_with_next = True
    label = word.styles[DOCX_STYLES["label"]]
    label.font.size = LABEL_SIZE
    label.paragraph_format.space_before = Pt(0)
    for table in word.tables:
        if _holds_tiles(table):
            _tiles_look(table, brand)


def _holds_tiles(table) -> bool:
    return any(paragraph.style.name == DOCX_STYLES["number"]
               for paragraph in table.rows[0].cells[0].paragraphs)


def _tiles_look(table, brand: Brand) -> None:
    """No borders; each filled cell shaded in the brand's light colour with a rule on top;
    no row repeats as a header, and no row breaks across pages."""
    properties = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    for old in properties.findall(qn("w:tblBorders")):
        properties.remove(old)
    _insert_before(properties, borders, TBL_PR_AFTER_BORDERS)
    for row in table.rows:
        row_properties = row._tr.get_or_add_trPr()
        for header in row_properties.findall(qn("w:tblHeader")):
            row_properties.remove(header)
        row_properties.append(OxmlElement("w:cantSplit"))
        for cell in row.cells:
            if any(p.text.strip() for p in cell.paragraphs):
                _shade(cell, brand)


def _shade(cell, brand: Brand) -> None:
    cell_properties = cell._tc.get_or_add_tcPr()
    borders = OxmlElement("w:tcBorders")
    top = OxmlElement("w:top")
    for key, value in (("val", "single"), ("sz", "24"), ("space", "0"),
                       ("color", brand.colors["primary"].lstrip("#"))):
        top.set(qn(f"w:{key}"), value)
    borders.append(top)
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), brand.colors["light"].lstrip("#"))
    _insert_before(cell_properties, borders, TC_PR_AFTER_BORDERS)
    _insert_before(cell_properties, shading, TC_PR_AFTER_BORDERS[1:])


def _insert_before(parent, child, later: tuple[str, ...]) -> None:
    """Put `child` before the first of `later` (the schema's order), else at the end."""
    for element in parent:
        if element.tag in {qn(name) for name in later}:
            element.addprevious(child)
            return
    parent.append(child)
