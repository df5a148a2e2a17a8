"""Is a file the picture or font it claims to be? Checked before a tool chokes on it."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

from PIL import Image, UnidentifiedImageError

FONT_MAGIC = (b"OTTO", b"\x00\x01\x00\x00", b"true", b"wOFF", b"wOF2", b"ttcf")


def image_problem(path: Path) -> str | None:
    """What is wrong with the image at `path`, or None when it can be used."""
    if path.suffix.lower() == ".svg":
        try:
            root = ElementTree.parse(path).getroot()
        except (ElementTree.ParseError, OSError) as error:
            return f"is not a readable SVG file ({error})"
        return None if root.tag.endswith("svg") else "is not an SVG picture"
    try:
        with Image.open(path) as picture:
            picture.verify()
    except (UnidentifiedImageError, OSError, SyntaxError) as error:
        return f"is not a picture that can be read ({type(error).__name__})"
    return None


def font_problem(path: Path) -> str | None:
    try:
        with path.open("rb") as source:
            magic = source.read(4)
    except OSError as error:
        return f"cannot be read ({error.strerror})"
    return None if magic in FONT_MAGIC else "is not an OpenType or TrueType font file"
