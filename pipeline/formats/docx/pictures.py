"""Pictures in the DOCX: a PNG beside every SVG.

Word 2016 and later draw the SVG a picture names inside its blip
(`asvg:svgBlip`); every other reader (older Word, LibreOffice, viewers and
previews) draws the picture the blip itself names (`r:embed`), and pandoc
writes the SVG alone. Each SVG is drawn as PNG by Typst (which the PDF needs
anyway), with the brand's fonts for the text an SVG holds.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

import docx
import typst
from docx.oxml.ns import qn

from pipeline import cache
from pipeline.content.model import Brand
from pipeline.document.tree import typst_string
from pipeline.files import atomic_target, write_atomically
from pipeline.formats.typst_files import typst_path
from pipeline.messages import Said, tr
from pipeline.problems import BuildError

SVG_BLIP = "{http://schemas.microsoft.com/office/drawing/2016/SVG/main}svgBlip"
FALLBACK_WIDTH_CM = 16.0  # about a page's text width: sharp at the size Word shows it
FALLBACK_PPI = 200


def add_raster_fallbacks(word: docx.document.Document, work_dir: Path, brand: Brand) -> None:
    """Give every picture drawn from an SVG a PNG for readers without SVG."""
    part = word.part
    for blip in part.element.iter(qn("a:blip")):
        svg = next(blip.iter(SVG_BLIP), None)
        if svg is None or blip.get(qn("r:embed")):
            continue
        data = part.related_parts[svg.get(qn("r:embed"))].blob
        png = svg_png(data, work_dir, brand)
        fallback, _image = part.get_or_add_image(str(png))
        blip.set(qn("r:embed"), fallback)


def svg_png(data: bytes, work_dir: Path, brand: Brand) -> Path:
    """The SVG `data` drawn as PNG with the brand's fonts, made once and kept under
    `work_dir`/pictures."""
    digest = hashlib.sha256(data).hexdigest()[:20]
    folder = work_dir / "pictures"
    folder.mkdir(parents=True, exist_ok=True)
    svg = folder / f"{digest}.svg"
    if not svg.is_file():
        write_atomically(svg, data)
    target = folder / f"{digest}.png"
    markup = f"#image({typst_string(typst_path(svg, work_dir))}, width: {FALLBACK_WIDTH_CM}cm)"
    fonts = [cache.file_hash(font.path) for font in brand.fonts]
    cache.made([target], [digest, *fonts],
               lambda: typst_png(markup, target, work_dir, FALLBACK_PPI,
                                 tr("an SVG picture of {name}", name=work_dir.name),
                                 brand.font_dirs))
    return target


def typst_png(markup: str, target: Path, root: Path, ppi: int, what: Said,
              font_dirs: Sequence[Path] = ()) -> None:
    """Typst `markup` (showing `what`, for the message) drawn as a PNG its own size, on a
    transparent ground."""
    source = target.with_suffix(".typ")
    write_atomically(source, "#set page(width: auto, height: auto, margin: 0pt, fill: none)\n"
                     f"{markup}\n")
    try:
        with atomic_target(target) as temporary:
            typst.compile(str(source), output=str(temporary), format="png", ppi=ppi,
                          root=str(root), font_paths=[str(folder) for folder in font_dirs])
    except typst.TypstError as error:
        raise BuildError(tr("{what} could not be drawn as PNG for the DOCX: {error}",
                            what=what, error=error)) from error
