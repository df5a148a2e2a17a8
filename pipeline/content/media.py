"""Is a file the picture or font it claims to be? Checked before a tool chokes on it."""

from __future__ import annotations

import re
import warnings
from pathlib import Path
from xml.etree import ElementTree

from PIL import Image, UnidentifiedImageError

from pipeline.messages import Said, tr, tr_n

# The most pixels a picture may have. A full A4 page printed at 300 dpi is 8.7 million;
# Typst holds a picture decoded, 4 bytes a pixel, so 50 million already take 200 MB.
# Pillow itself warns past 89 million pixels and refuses twice that: both are this error.
LARGEST_PICTURE = 50_000_000
FONT_MAGIC = (b"OTTO", b"\x00\x01\x00\x00", b"true", b"wOFF", b"wOF2", b"ttcf")


def image_problem(path: Path) -> Said | None:
    """What is wrong with the image at `path`, or None when it can be used.

    Like every problem found here, it is said as what follows the file's name:
    "… has more than 50 million pixels".
    """
    if path.suffix.lower() == ".svg":
        return svg_problem(path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as picture:
                if picture.width * picture.height > LARGEST_PICTURE:
                    return _too_many_pixels()
                picture.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return _too_many_pixels()
    except (UnidentifiedImageError, OSError, SyntaxError) as error:
        return tr("is not a picture that can be read ({error})", error=type(error).__name__)
    return None


def _too_many_pixels() -> Said:
    millions = LARGEST_PICTURE // 1_000_000
    return tr_n("has more than {count} million pixels; scale it down (3,500 × 2,500 pixels "
                "print sharp on a whole A4 page)",
                "has more than {count} million pixels; scale it down (3,500 × 2,500 pixels "
                "print sharp on a whole A4 page)", millions)


def svg_problem(path: Path) -> Said | None:
    """An SVG must be a picture that holds all it shows: no script, no link to another file.

    HTML embeds an SVG in the page and Typst draws it, so a script or an
    event handler would run in the reader's browser, and a link to another
    file (`<image href="/etc/…">`, a CSS `url()`) would pull that file in.
    """
    try:
        data = path.read_bytes()
        if b"<!ENTITY" in data:
            return tr("declares XML entities, which a picture may not")
        root = ElementTree.fromstring(data)
    except (ElementTree.ParseError, OSError) as error:
        return tr("is not a readable SVG file ({error})", error=error)
    if not root.tag.endswith("svg"):
        return tr("is not an SVG picture")
    for element in root.iter():
        tag = _local(element.tag)
        if tag in ("script", "foreignObject"):
            return tr("holds a <{element}>, which a picture may not", element=tag)
        if tag == "style" and _loads_file(element.text or ""):
            return tr("loads another file from its style sheet")
        for name, value in element.attrib.items():
            attribute = _local(name)
            if attribute.lower().startswith("on"):
                return tr("holds a script ('{attribute}'), which a picture may not",
                          attribute=attribute)
            if attribute == "href" and not value.startswith(("#", "data:image/")):
                return tr("links to '{target}'; embed that picture in the SVG instead",
                          target=value)
            if attribute == "style" and _loads_file(value):
                return tr("loads another file from a style")
    return None


def _local(name: str) -> str:
    return name.rpartition("}")[2]


def _loads_file(css: str) -> bool:
    return "@import" in css or re.search(r"url\(\s*['\"]?(?!#|data:image/)", css) is not None


def font_problem(path: Path) -> Said | None:
    """What is wrong with the font file at `path` (said as what follows its name), or None."""
    try:
        with path.open("rb") as source:
            magic = source.read(4)
    except OSError as error:
        return tr("cannot be read ({error})", error=error.strerror)
    return None if magic in FONT_MAGIC else tr("is not an OpenType or TrueType font file")
