"""Photos in the HTML at the size the page shows them, not at print resolution.

A photo from a camera is thousands of pixels wide and hundreds of kilobytes;
the reading column (`--column` in publication.css) is 42rem, 672 CSS pixels.
The HTML embeds each raster picture scaled to that width, with a twice as wide
version in `srcset` for high-density screens, both compressed; the PDF and the
DOCX keep the picture as written. A picture already small enough is left alone.
"""

from __future__ import annotations

import base64
import hashlib
import io
from pathlib import Path

from PIL import Image

from pipeline.document import pandoc
from pipeline.document.tree import (
    Element,
    attribute_pairs,
    target_of,
    walk,
    with_attributes,
    with_url,
)
from pipeline.files import write_atomically

COLUMN_PX = 672  # 42rem at 16 px
DENSITIES = (1, 2)
RASTER = {".jpg", ".jpeg", ".png", ".webp"}
SMALL_BYTES = 150_000  # a picture this light, and no wider than the 2x width, is kept
# A 2x picture's pixels are half as large on screen: a lower quality does not show, and
# keeps the two together lighter than the one photo.
JPEG_QUALITY = {1: 80, 2: 60}


def web_sized(ast: pandoc.Ast, folder: Path) -> pandoc.Ast:
    """Each large raster image pointed at a 1x copy in `folder`, with its 2x copy in srcset."""
    def image(element: Element) -> Element | None:
        if element["t"] != "Image":
            return None
        source = Path(target_of(element).url)
        if source.suffix.lower() not in RASTER or not source.is_file():
            return None
        with Image.open(source) as picture:
            width = picture.width
        if width <= COLUMN_PX * max(DENSITIES) and source.stat().st_size <= SMALL_BYTES:
            return None
        one, two = (_scaled(source, min(width, COLUMN_PX * density), folder,
                            JPEG_QUALITY[density]) for density in DENSITIES)
        srcset = f"{_data_uri(two)} 2x"
        pairs = [pair for pair in attribute_pairs(element) if pair[0] != "srcset"]
        return with_attributes(with_url(element, str(one)), [*pairs, ("srcset", srcset)])

    return {**ast, "blocks": walk(ast["blocks"], image, {"Image"})}


def _scaled(source: Path, width: int, folder: Path, quality: int) -> Path:
    """`source` `width` pixels wide, compressed, kept in `folder` by its content and width."""
    data = source.read_bytes()
    with Image.open(io.BytesIO(data)) as picture:
        keeps_alpha = picture.mode in ("RGBA", "LA", "P")
        suffix = ".png" if keeps_alpha else ".jpg"
        digest = hashlib.sha256(data).hexdigest()[:16]
        target = folder / f"{source.stem}-{digest}-{width}-{quality}{suffix}"
        if target.is_file():
            return target
        height = round(picture.height * width / picture.width)
        scaled = picture.convert("RGBA" if keeps_alpha else "RGB").resize(
            (width, height), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    if keeps_alpha:
        scaled.save(buffer, "PNG", optimize=True)
    else:
        scaled.save(buffer, "JPEG", quality=quality, optimize=True, progressive=True)
    folder.mkdir(parents=True, exist_ok=True)
    write_atomically(target, buffer.getvalue())
    return target


def _data_uri(path: Path) -> str:
    kind = "image/png" if path.suffix == ".png" else "image/jpeg"
    return f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"
