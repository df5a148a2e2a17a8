"""How wide an SVG picture must be drawn for its smallest text to read at 12 px.

A picture from the content folder is drawn at the column's width; when that would
shrink its text below SMALLEST_TEXT_PX (a wide diagram on a phone), the HTML keeps
the picture at `legible_width` and lets it scroll sideways in its own region.
Only text sized in plain numbers or px is measured: that is what drawing tools write.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from xml.etree import ElementTree

SMALLEST_TEXT_PX = 12
_SIZE_IN_STYLE = re.compile(r"font-size\s*:\s*([\d.]+)(?:px)?\s*(?:;|$)")
_NUMBER = re.compile(r"^\s*([\d.]+)(?:px)?\s*$")


def legible_width(svg: Path) -> int | None:
    """The width in CSS px at which the picture's smallest text is SMALLEST_TEXT_PX, or
    None when it holds no sized text or cannot be read."""
    try:
        root = ElementTree.fromstring(svg.read_bytes())
    except (ElementTree.ParseError, OSError):
        return None
    width = _picture_width(root)
    sizes = [size for element in root.iter() if (size := _font_size(element))]
    if width is None or not sizes:
        return None
    return math.ceil(width * SMALLEST_TEXT_PX / min(sizes))


def _picture_width(root: ElementTree.Element) -> float | None:
    box = root.get("viewBox", "").replace(",", " ").split()
    if len(box) == 4:
        return float(box[2])
    match = _NUMBER.match(root.get("width", ""))
    return float(match.group(1)) if match else None


def _font_size(element: ElementTree.Element) -> float | None:
    match = (_NUMBER.match(element.get("font-size", ""))
             or _SIZE_IN_STYLE.search(element.get("style", "")))
    return float(match.group(1)) if match else None
