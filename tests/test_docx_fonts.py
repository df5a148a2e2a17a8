"""The brand's fonts as a DOCX carries them: TrueType outlines true to the CFF ones, and the
obfuscation of Office Open XML."""

from __future__ import annotations

import re
from pathlib import Path

from fontTools.pens.boundsPen import BoundsPen
from fontTools.ttLib import TTFont

from pipeline.content.model import FontFile
from pipeline.formats.docx.fonts import font_key, obfuscated, truetype

FONTS = Path(__file__).resolve().parent.parent / "content" / "fonts" / "inter"


def bounds(font: TTFont, glyph: str) -> tuple[float, ...]:
    pen = BoundsPen(font.getGlyphSet())
    font.getGlyphSet()[glyph].draw(pen)
    return pen.bounds


def test_the_truetype_face_draws_the_glyphs_of_the_cff_one(tmp_path: Path) -> None:
    source = FONTS / "Inter-Bold.otf"
    converted = TTFont(truetype(FontFile("Inter", source, 700, "normal"), tmp_path))
    original = TTFont(source)
    assert "glyf" in converted and "CFF " not in converted and "CFF " in original
    assert converted["name"].getDebugName(1) == "Inter"
    for character in "aøÅg&%–":
        glyph = converted.getBestCmap()[ord(character)]
        assert glyph == original.getBestCmap()[ord(character)]
        assert all(abs(a - b) <= 2 for a, b in zip(bounds(converted, glyph),
                                                     bounds(original, glyph), strict=True))
        assert converted["hmtx"][glyph] == original["hmtx"][glyph]


def test_the_key_is_a_guid_in_capitals_the_same_for_the_same_bytes() -> None:
    assert re.fullmatch(r"\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}", font_key(b"font"))
    assert font_key(b"font") == font_key(b"font") != font_key(b"fonts")


def test_obfuscation_xors_the_first_32_bytes_with_the_key_read_backwards() -> None:
    data = bytes(range(40))
    key = "{00112233-4455-6677-8899-AABBCCDDEEFF}"
    hidden = obfuscated(data, key)
    backwards = bytes.fromhex("FFEEDDCCBBAA99887766554433221100")
    assert hidden[:16] == bytes(a ^ b for a, b in zip(data[:16], backwards, strict=True))
    assert hidden[16:32] == bytes(a ^ b for a, b in zip(data[16:32], backwards, strict=True))
    assert hidden[32:] == data[32:]
    assert obfuscated(hidden, key) == data
