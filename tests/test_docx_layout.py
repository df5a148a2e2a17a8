"""Every DOCX of content/, opened as Word and LibreOffice open it: the brand's fonts travel
inside it, every SVG has a PNG beside it, the footer is one size, no picture names a file,
headings and a letter's closing stay with what follows."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pikepdf
import pypdf
import pytest
from conftest import Built, broken
from docx.oxml.ns import qn
from fontTools.ttLib import TTFont
from lxml import etree
from PIL import Image

from pipeline.build import Request, build

pytestmark = pytest.mark.slow
SLOTS = ("embedRegular", "embedBold", "embedItalic", "embedBoldItalic")
SVG_BLIP = "{http://schemas.microsoft.com/office/drawing/2016/SVG/main}svgBlip"
DECORATIVE = "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative"
A_PATH = re.compile(r"[/\\]|\.(svg|png|jpe?g|gif|emf|typ)\b", re.IGNORECASE)


def every_docx(built: Built) -> list[Path]:
    files = sorted(built.output.glob("*/*.docx"))
    assert len(files) >= 10  # every publication of content/ in every language it has
    return files


def unobfuscated(data: bytes, key: str) -> bytes:
    """ECMA-376 Part 1, 17.8.1: the first 32 bytes XORed with the key's 16 bytes, the key
    read from its last pair of hex digits to its first."""
    digits = bytes.fromhex(key.strip("{}").replace("-", ""))[::-1]
    return bytes(b ^ digits[i % 16] for i, b in enumerate(data[:32])) + data[32:]


def embedded_fonts(path: Path) -> dict[str, TTFont]:
    """The fonts the DOCX carries, by family and slot ("Inter embedBold")."""
    with zipfile.ZipFile(path) as package:
        table = etree.fromstring(package.read("word/fontTable.xml"))
        relationships = etree.fromstring(package.read("word/_rels/fontTable.xml.rels"))
        targets = {r.get("Id"): r.get("Target") for r in relationships}
        fonts = {}
        for entry in table.iter(qn("w:font")):
            for slot in SLOTS:
                embedding = entry.find(qn(f"w:{slot}"))
                if embedding is None:
                    continue
                data = package.read("word/" + targets[embedding.get(qn("r:id"))])
                key = embedding.get(qn("w:fontKey"))
                fonts[f"{entry.get(qn('w:name'))} {slot}"] = TTFont(
                    io.BytesIO(unobfuscated(data, key)))
    return fonts


def test_the_brand_fonts_are_embedded_as_truetype_word_and_libreoffice_can_read(
        real: Built) -> None:
    for path in every_docx(real):
        fonts = embedded_fonts(path)
        assert sorted(fonts) == sorted(f"Inter {slot}" for slot in SLOTS), path.name
        for name, font in fonts.items():
            assert "glyf" in font and font.sfntVersion == "\x00\x01\x00\x00", name
            assert font["name"].getDebugName(1) == "Inter", name
            bold, italic = "Bold" in name, "Italic" in name
            assert (font["OS/2"].usWeightClass == 700) == bold, name
            assert bool(font["OS/2"].fsSelection & 1) == italic, name
            assert set("ÆØÅæøåé–«»") <= {chr(c) for c in font.getBestCmap()}, name
        settings = docx.Document(str(path)).settings.element
        assert settings.find(qn("w:embedTrueTypeFonts")) is not None, path.name


def test_every_svg_picture_has_a_png_beside_it(real: Built) -> None:
    svgs = 0
    for path in every_docx(real):
        word = docx.Document(str(path))
        for blip in word.element.body.iter(qn("a:blip")):
            if next(blip.iter(SVG_BLIP), None) is None:
                continue
            svgs += 1
            fallback = blip.get(qn("r:embed"))
            assert fallback, f"{path.name}: an SVG picture without a raster fallback"
            part = word.part.related_parts[fallback]
            assert part.content_type == "image/png", path.name
            assert Image.open(io.BytesIO(part.blob)).width >= 600, path.name
    assert svgs >= 1  # the guidance's Figure 1


def test_footer_runs_share_one_size(real: Built) -> None:
    for path in every_docx(real):
        footer = docx.Document(str(path)).sections[0].footer._element
        sizes = [run.find(f"{qn('w:rPr')}/{qn('w:sz')}") for run in footer.iter(qn("w:r"))]
        assert len(sizes) >= 4, path.name  # "Side ", PAGE, " av ", NUMPAGES
        assert None not in sizes, f"{path.name}: a footer run without a size"
        assert len({size.get(qn("w:val")) for size in sizes}) == 1, path.name


def test_no_picture_description_or_name_holds_a_file_path(real: Built) -> None:
    for path in every_docx(real):
        word = docx.Document(str(path))
        for element in word.element.body.iter(qn("wp:docPr"), qn("pic:cNvPr")):
            for attribute in ("descr", "title", "name"):
                value = element.get(attribute) or ""
                assert not A_PATH.search(value), f"{path.name}: {attribute}={value!r}"
            decorative = next(element.iter(DECORATIVE), None) is not None
            if element.tag == qn("wp:docPr") and not decorative:
                assert (element.get("descr") or "").strip(), f"{path.name}: no alt text"


def keeps_with_next(paragraph) -> bool:
    """Whether the paragraph or one of the styles it is based on keeps with the next."""
    if paragraph.paragraph_format.keep_with_next is not None:
        return paragraph.paragraph_format.keep_with_next
    style = paragraph.style
    while style is not None:
        if style.paragraph_format.keep_with_next is not None:
            return style.paragraph_format.keep_with_next
        style = style.base_style
    return False


def test_headings_and_a_letters_closing_keep_with_what_follows(real: Built) -> None:
    letters = 0
    for path in every_docx(real):
        paragraphs = docx.Document(str(path)).paragraphs
        for paragraph in paragraphs:
            if paragraph.style.name.startswith("Heading") and paragraph.text.strip():
                assert keeps_with_next(paragraph), f"{path.name}: {paragraph.text!r}"
        closing = [i for i, p in enumerate(paragraphs) if p.style.name == "Closing"]
        if not closing:
            continue
        letters += 1
        [at] = closing
        block = paragraphs[at - 1:]
        signatures = [p for p in block if p.style.name == "Signature"]
        assert signatures and block[-1].style.name == "Approval Note", path.name
        for paragraph in block[:-1]:  # the last paragraph, closing, signatures
            assert keeps_with_next(paragraph), f"{path.name}: {paragraph.text!r}"
    assert letters == 3


def test_a_letters_reference_block_is_not_a_shaded_data_table(real: Built) -> None:
    for path in every_docx(real):
        word = docx.Document(str(path))
        found = [t for t in word.tables if t.rows[0].cells[0].text in ("Deres ref.",
                                                                         "Dykkar ref.")]
        for table in found:
            assert table.style.name == "LetterReferences", path.name
            style = table.style.element
            assert not style.findall(f".//{qn('w:shd')}"), path.name
            assert {b.get(qn("w:val")) for b in style.iter(qn("w:top"), qn("w:bottom"),
                                                           qn("w:insideH"))} == {"nil"}


@pytest.mark.skipif(shutil.which("libreoffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_sets_the_guidance_in_its_embedded_fonts_and_draws_figure_1(
        real: Built, tmp_path: Path) -> None:
    installed = subprocess.run(["fc-list", ":family=Inter"], capture_output=True, text=True)
    if installed.stdout.strip():
        pytest.skip("Inter is installed: LibreOffice would not need the embedded fonts")
    source = real.file("veiledning-krig-og-konflikt", "nb", "docx")
    subprocess.run(["libreoffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(source)], check=True, capture_output=True, timeout=300)
    converted = tmp_path / source.with_suffix(".pdf").name
    fonts = set()
    with pikepdf.open(converted) as document:
        for page in document.pages:
            for font in (page.Resources.get("/Font") or {}).values():
                fonts.add(str(font.BaseFont).split("+")[-1])
    text_fonts = {font for font in fonts if font != "OpenSymbol"}  # the bullets
    assert text_fonts == {"Inter-Regular", "Inter-Bold", "Inter-Italic", "Inter-BoldItalic"}
    reader = pypdf.PdfReader(str(converted))
    [page] = [p for p in reader.pages if "Figur 1:" in (p.extract_text() or "")]
    assert any(image.image.width >= 600 for image in page.images)


def test_the_running_header_is_one_line_even_beside_a_long_title(real: Built) -> None:
    """A statement's long title stands alone in the running header, which never wraps."""
    for path in every_docx(real):
        for section in docx.Document(str(path)).sections:
            for paragraph in section.header.paragraphs:
                assert len(paragraph.text) <= 100, (path.name, paragraph.text)


def test_the_logo_is_drawn_once_and_again_when_it_changes(tmp_path: Path) -> None:
    """The logo's PNG is drawn for the first DOCX and kept; a changed logo is drawn anew."""
    content = broken(tmp_path, {})
    request = Request(content, tmp_path / "output", tmp_path / "build", ["rapport"],
                      formats=["docx"], force=True)
    build(request)
    png = tmp_path / "build" / "rapport" / "logo-nb-framed.png"  # on the cover
    first = png.stat().st_mtime_ns, png.read_bytes()
    build(request)
    assert (png.stat().st_mtime_ns, png.read_bytes()) == first
    logo = content / "assets" / "mark.svg"
    logo.write_text(logo.read_text(encoding="utf-8").replace("#ffffff", "#c0ffee"),
                    encoding="utf-8")
    build(request)
    assert png.read_bytes() != first[1]


def test_a_cover_title_never_leaves_its_last_word_alone(real: Built) -> None:
    """"… Glimmervik Energi ASA" broke before "ASA" on the cover in Word and LibreOffice."""
    titles = [paragraph.text for path in every_docx(real)
              for paragraph in docx.Document(str(path)).paragraphs
              if paragraph.style.name == "Title" and len(paragraph.text.split()) >= 3]
    assert titles
    assert all(re.search(r"\S\u00a0\S+$", title) for title in titles), titles
