"""A DOCX's first page as the PDF's: a cover, or a letter's letterhead.

The cover's words are pandoc's title block (Title, Subtitle, Author, Date),
placed and coloured by their styles (`reference.py`); here the brand's colour
goes over the whole page, the logo on a white ground above the words, and the
first page after the cover starts on a page of its own. A letter gets the
logo and the organisation at the top of page 1 and the address in its
footer, as the PDF's letter has them.
"""

from __future__ import annotations

import io
from pathlib import Path

import docx
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Emu, Pt
from docx.text.paragraph import Paragraph
from PIL import Image

from pipeline import cache
from pipeline.document.prepared import Document
from pipeline.document.tree import typst_string
from pipeline.formats.docx.pictures import typst_png
from pipeline.formats.docx.reference import rgb
from pipeline.formats.typst_files import typst_path
from pipeline.messages import tr

COVER_STYLES = ("Title", "Subtitle", "Author", "Date")
DECORATIVE = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"  # Office's "mark as decorative"
LOGO_PPI = 300
COVER_LOGO = {"a4": Cm(3.2), "a5": Cm(2.4)}  # wide, with its white ground, as in the PDF


def cover(word: docx.document.Document, document: Document) -> None:
    """The whole page in the brand's colour, the logo on white above the title block."""
    title = next(p for p in word.paragraphs if p.style.name in COVER_STYLES)
    if title.style.name == "Title":
        keep_last_words_together(title)
    logo = title.insert_paragraph_before()
    if document.logo:
        add_logo(logo, document, COVER_LOGO[document.layout.paper], framed=True)
    _page_ground(word, logo, document)
    new_page_after(title._p, word, passing=COVER_STYLES)


def keep_last_words_together(paragraph: Paragraph) -> None:
    """A no-break space before the last word of a title of three words or more, so that
    Word never leaves that word alone on the title's last line (Typst's title weighs such a
    runt in its line breaks; Word cannot)."""
    if len(paragraph.text.split()) < 3:
        return
    run = next(run for run in reversed(paragraph.runs) if " " in run.text)
    before, _space, last = run.text.rpartition(" ")
    run.text = f"{before}\u00a0{last}"


def new_page_after(element, word: docx.document.Document,
                   passing: tuple[str, ...] = ()) -> None:
    """The first paragraph after `element` (past those styled as in `passing`) starts a
    new page. A page-break-before, not a break character: that would leave an empty
    paragraph at the top of the next page."""
    while (element := element.getnext()) is not None:
        first = next(element.iter(qn("w:p")), None)
        if first is None:  # a bookmark between paragraphs
            continue
        paragraph = Paragraph(first, word)
        if paragraph.style.name not in passing:
            paragraph.paragraph_format.page_break_before = True
            return


def letterhead(word: docx.document.Document, document: Document) -> None:
    """Logo and organisation above the recipient; the address in page 1's footer."""
    head = word.paragraphs[0].insert_paragraph_before()
    head.paragraph_format.space_after = Pt(30)
    if document.logo:
        add_logo(head, document, Cm(1.4))
        head.add_run("  ")
    name = head.add_run(document.organisation)
    name.bold = True
    name.font.size = Pt(12)
    name.font.color.rgb = rgb(document.brand.colors["primary"])
    _address_footer(word, document)


def _address_footer(word: docx.document.Document, document: Document) -> None:
    section = word.sections[0]
    footer = section.first_page_footer.paragraphs[0]
    width = section.page_width - section.left_margin - section.right_margin
    stops = footer.paragraph_format.tab_stops
    stops.add_tab_stop(Emu(width // 2), WD_TAB_ALIGNMENT.CENTER)
    stops.add_tab_stop(Emu(width), WD_TAB_ALIGNMENT.RIGHT)
    run = footer.add_run(f"{document.postal_address}\t{document.email}\t{document.web}")
    run.font.size = Pt(8)
    run.font.color.rgb = rgb(document.brand.colors["secondary"])
    footer._p.get_or_add_pPr().append(parse_xml(
        f'<w:pBdr {nsdecls("w")}><w:top w:val="single" w:sz="4" w:space="6" '
        'w:color="C8C8C8"/></w:pBdr>'))


def add_logo(paragraph, document: Document, width: Cm, framed: bool = False) -> None:
    """The logo as a picture in `paragraph`, its alt text as the picture's description;
    `framed`, on a white ground as the PDF puts it on a coloured page."""
    png = logo_png(document, framed)
    paragraph.add_run().add_picture(str(png), width=width)
    for properties in paragraph._p.iter(qn("wp:docPr"), qn("pic:cNvPr")):
        properties.set("name", "Logo")
        properties.set("descr", document.logo_alt)
    for properties in paragraph._p.iter(qn("wp:docPr")):
        properties.set("title", "")


def logo_png(document: Document, framed: bool) -> Path:
    """The logo as PNG (DOCX readers without SVG support need one), drawn by Typst."""
    logo, work_dir = document.logo, document.work_dir
    if logo.suffix.lower() in (".png", ".jpg", ".jpeg") and not framed:
        return logo
    picture = f"image({typst_string(typst_path(logo, work_dir))}, width: 4cm)"
    if framed:
        picture = f"box(fill: white, inset: 12pt, radius: 8pt, {picture})"
    # One per language and look: the languages are written in parallel. Drawn again only
    # when the logo or the look changes, not for every DOCX.
    target = work_dir / f"logo-{document.lang}{'-framed' if framed else ''}.png"
    cache.made([target], [cache.file_hash(logo), picture, LOGO_PPI],
               lambda: typst_png(f"#{picture}", target, work_dir, LOGO_PPI,
                                 tr("the logo {path}", path=logo)))
    return target


def _page_ground(word: docx.document.Document, paragraph, document: Document) -> None:
    """The brand's colour over the whole first page, behind the text: a one-pixel picture
    stretched over the page, marked decorative, so a screen reader passes over it."""
    pixel = io.BytesIO()
    Image.new("RGB", (1, 1), document.brand.colors["primary"]).save(pixel, format="PNG")
    identifier, _image = word.part.get_or_add_image(pixel)
    number = 1 + max((int(p.get("id", "0")) for p in word.element.body.iter(qn("wp:docPr"))),
                     default=0)
    section = word.sections[0]
    paragraph._p.insert(0, parse_xml(_ANCHOR.format(
        namespaces=nsdecls("w", "wp", "a", "pic", "r"), number=number,
        width=section.page_width, height=section.page_height, picture=identifier,
        decorative=DECORATIVE)))


_ANCHOR = """<w:r {namespaces}><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0"
 simplePos="0" relativeHeight="0" behindDoc="1" locked="1" layoutInCell="1" allowOverlap="1">
<wp:simplePos x="0" y="0"/>
<wp:positionH relativeFrom="page"><wp:posOffset>0</wp:posOffset></wp:positionH>
<wp:positionV relativeFrom="page"><wp:posOffset>0</wp:posOffset></wp:positionV>
<wp:extent cx="{width}" cy="{height}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>
<wp:docPr id="{number}" name="Cover ground" descr=""><a:extLst><a:ext uri="{decorative}">
<adec:decorative xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative"
 val="1"/></a:ext></a:extLst></wp:docPr>
<wp:cNvGraphicFramePr/>
<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">
<pic:pic><pic:nvPicPr><pic:cNvPr id="{number}" name="Cover ground" descr=""/><pic:cNvPicPr/>
</pic:nvPicPr><pic:blipFill><a:blip r:embed="{picture}"/><a:stretch><a:fillRect/></a:stretch>
</pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{width}" cy="{height}"/>
</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData>
</a:graphic></wp:anchor></w:drawing></w:r>"""
