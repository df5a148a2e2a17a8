"""The brand's fonts carried inside the DOCX, so Word and LibreOffice set it in them.

A DOCX embeds a font as Office Open XML describes (ECMA-376 Part 1, 17.8.1):
each face is a part `word/fonts/fontN.odttf`, named from the font's entry in
`fontTable.xml` (`w:embedRegular`, `w:embedBold`, `w:embedItalic`,
`w:embedBoldItalic`) with a key, a GUID in `w:fontKey`; the part holds the
TrueType file with its first 32 bytes XORed with that key's 16 bytes, taken
from the last pair of hex digits to the first. `w:embedTrueTypeFonts` in
`settings.xml` tells Word to keep them when it saves.

The brand's files are OpenType with PostScript (CFF) outlines, which Word
does not embed: each face is cut to the letters the web fonts hold
(`webfonts.latin_subset`) and its curves converted to TrueType's quadratic
ones (fontTools' cu2qu, within a thousandth of the em). The key is made from
the font's bytes, so a build writes the same file every time.

The faces are embedded into the reference document; pandoc carries
`fontTable.xml`, its relationships, the fonts and the settings into every
DOCX it writes with it.
"""

from __future__ import annotations

import functools
import hashlib
import io
import uuid
import zipfile
from pathlib import Path

from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable
from lxml import etree

from pipeline import cache
from pipeline.content.model import Brand, FontFile
from pipeline.files import write_atomically
from pipeline.formats.webfonts import latin_subset

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
FONT_RELATIONSHIP = f"{R}/font"
FONT_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
# The face a document names by bold and italic, by the weight and style the brand gives.
SLOTS = {(400, "normal"): "embedRegular", (700, "normal"): "embedBold",
         (400, "italic"): "embedItalic", (700, "italic"): "embedBoldItalic"}
# Where w:font's children go (CT_Font), and the settings before w:embedTrueTypeFonts.
FONT_CHILDREN = ["altName", "panose1", "charset", "family", "notTrueType", "pitch", "sig",
                 *SLOTS.values()]
SETTINGS_BEFORE = ["writeProtection", "view", "zoom", "removePersonalInformation",
                   "removeDateAndTime", "doNotDisplayPageBoundaries", "displayBackgroundShape",
                   "printPostScriptOverText", "printFractionalCharacterWidth", "printFormsData"]
MAX_ERROR = 1.0  # font units: the em is 2048 in Inter
OBFUSCATED_BYTES = 32


def embed(package: Path, brand: Brand, folder: Path) -> None:
    """Embed the brand's text faces into the DOCX at `package`, TrueType kept in `folder`."""
    faces = {font: truetype(font, folder) for font in faces_to_embed(brand)}
    with zipfile.ZipFile(package) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    parts = with_fonts(parts, faces)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    write_atomically(package, buffer.getvalue())


def faces_to_embed(brand: Brand) -> list[FontFile]:
    """The brand's faces of its body and heading families that a Word font entry can hold."""
    families = {brand.base_family, brand.heading_family}
    return [font for font in brand.fonts
            if font.family in families and (font.weight, font.style) in SLOTS]


def truetype(font: FontFile, folder: Path) -> Path:
    """`font` as a TrueType subset, made once and kept in `folder`."""
    target = folder / f"{font.path.stem}.ttf"
    digest = cache.file_hash(font.path)
    folder.mkdir(parents=True, exist_ok=True)
    cache.made([target], [digest], lambda: write_atomically(target, _truetype(font.path, digest)))
    return target


@functools.cache
def _truetype(source: Path, _digest: str) -> bytes:
    font = TTFont(io.BytesIO(latin_subset(source)), recalcTimestamp=False)
    if "glyf" not in font:
        _quadratic_outlines(font)
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()


def _quadratic_outlines(font: TTFont) -> None:
    """Replace CFF outlines by TrueType ones, turned the way TrueType winds its contours."""
    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(None)
        glyphs[name].draw(Cu2QuPen(pen, MAX_ERROR, reverse_direction=True))
        glyf[name] = pen.glyph()
    for table in ("CFF ", "CFF2", "VORG"):
        if table in font:
            del font[table]
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    font["head"].glyphDataFormat = 0
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for field in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs",
                  "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions"):
        setattr(maxp, field, 1 if field == "maxZones" else 0)
    maxp.maxComponentElements = maxp.maxComponentDepth = 0
    font["post"].formatType = 2.0
    font["post"].extraNames = []
    font["post"].mapping = {}
    font.sfntVersion = "\x00\x01\x00\x00"


def font_key(data: bytes) -> str:
    """A GUID made from the font's bytes, in capitals as Word writes it."""
    return "{" + str(uuid.UUID(bytes=hashlib.sha256(data).digest()[:16])).upper() + "}"


def obfuscated(data: bytes, key: str) -> bytes:
    """`data` with its first 32 bytes XORed with `key`, read from its last byte to its first.

    The same call undoes it."""
    digits = bytes.fromhex(key.strip("{}").replace("-", ""))[::-1]
    head = bytes(byte ^ digits[index % len(digits)]
                 for index, byte in enumerate(data[:OBFUSCATED_BYTES]))
    return head + data[OBFUSCATED_BYTES:]


def with_fonts(parts: dict[str, bytes], faces: dict[FontFile, Path]) -> dict[str, bytes]:
    """The package `parts` with `faces` embedded: font parts, their entries, the setting."""
    parts = dict(parts)
    table = etree.fromstring(parts["word/fontTable.xml"])
    relationships = etree.Element(f"{{{RELS}}}Relationships", nsmap={None: RELS})
    for number, (font, path) in enumerate(sorted(faces.items(), key=_face_order), start=1):
        data = path.read_bytes()
        key = font_key(data)
        name = f"fonts/font{number}.odttf"
        parts[f"word/{name}"] = obfuscated(data, key)
        etree.SubElement(relationships, f"{{{RELS}}}Relationship", Id=f"rIdFont{number}",
                         Type=FONT_RELATIONSHIP, Target=name)
        embedding = etree.Element(f"{{{W}}}{SLOTS[font.weight, font.style]}")
        embedding.set(f"{{{R}}}id", f"rIdFont{number}")
        embedding.set(f"{{{W}}}fontKey", key)
        _insert_in_order(_font_entry(table, font.family), embedding, FONT_CHILDREN)
    parts["word/fontTable.xml"] = _xml(table)
    parts["word/_rels/fontTable.xml.rels"] = _xml(relationships)
    parts["word/settings.xml"] = _xml(_embedding_on(etree.fromstring(parts["word/settings.xml"])))
    parts["[Content_Types].xml"] = _xml(_odttf_type(etree.fromstring(parts["[Content_Types].xml"])))
    return parts


def _face_order(item: tuple[FontFile, Path]) -> tuple[str, int]:
    font = item[0]
    return font.family, list(SLOTS).index((font.weight, font.style))


def _font_entry(table: etree._Element, family: str) -> etree._Element:
    """The family's `w:font`, made new (a sans-serif with variable pitch) if missing."""
    for entry in table.iterchildren(f"{{{W}}}font"):
        if entry.get(f"{{{W}}}name") == family:
            return entry
    entry = etree.SubElement(table, f"{{{W}}}font")
    entry.set(f"{{{W}}}name", family)
    for child, value in (("charset", "00"), ("family", "swiss"), ("pitch", "variable")):
        etree.SubElement(entry, f"{{{W}}}{child}").set(f"{{{W}}}val", value)
    return entry


def _insert_in_order(parent: etree._Element, child: etree._Element, order: list[str]) -> None:
    """Put `child` where the schema's sequence `order` wants it, replacing its namesake."""
    name = etree.QName(child).localname
    for old in parent.findall(f"{{{W}}}{name}"):
        parent.remove(old)
    later = order[order.index(name) + 1:]
    for index, existing in enumerate(parent):
        if etree.QName(existing).localname in later:
            parent.insert(index, child)
            return
    parent.append(child)


def _embedding_on(settings: etree._Element) -> etree._Element:
    """Word keeps the embedded fonts when it saves; without `w:embedSystemFonts` (which
    pandoc's reference sets), it does not add the reader's system fonts to them."""
    for system in settings.findall(f"{{{W}}}embedSystemFonts"):
        settings.remove(system)
    if settings.find(f"{{{W}}}embedTrueTypeFonts") is None:
        setting = etree.Element(f"{{{W}}}embedTrueTypeFonts")
        position = sum(1 for child in settings
                       if etree.QName(child).localname in SETTINGS_BEFORE)
        settings.insert(position, setting)
    return settings


def _odttf_type(types: etree._Element) -> etree._Element:
    if not any(entry.get("Extension") == "odttf" for entry in types):
        etree.SubElement(types, f"{{{CONTENT_TYPES}}}Default", Extension="odttf",
                         ContentType=FONT_CONTENT_TYPE)
    return types


def _xml(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
