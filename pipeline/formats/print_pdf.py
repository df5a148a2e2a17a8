"""The print PDF of a brochure, for the print shop, beside the accessible screen PDF.

Typst has no bleed setting, so the page is made larger than the trimmed A5 by the
bleed (3 mm) and a slug (10 mm) around it: the cover's and back page's colour runs
into the bleed, crop marks stand in the slug at the trim lines, and each page's
TrimBox and BleedBox are set afterwards with pikepdf. The file is named
`<slug>-<lang>-trykk.pdf` so that nobody sends it instead of the screen PDF.
"""

from __future__ import annotations

from pathlib import Path

import pikepdf

from pipeline.document.prepared import Document
from pipeline.formats.pdf import compile_pdf, typst_source

MM = 72 / 25.4  # PDF points in a millimetre
BLEED_MM = 3
SLUG_MM = 10
TRIM_MM = {"a5": (148, 210), "a4": (210, 297)}
SUFFIX = "-trykk.pdf"


def write(document: Document, target: Path) -> None:
    width, height = TRIM_MM[document.layout.paper]
    source = document.work_dir / f"{document.stem}-trykk.typ"
    source.write_bytes(typst_source(document, (
        "--variable", "print", "--variable", f"trim-width={width}mm",
        "--variable", f"trim-height={height}mm", "--variable", f"bleed={BLEED_MM}mm",
        "--variable", f"slug={SLUG_MM}mm")))
    compile_pdf(source, target, document)
    set_boxes(target, width, height)


def set_boxes(path: Path, width_mm: float, height_mm: float) -> None:
    """Each page's TrimBox (the A5 after cutting) and BleedBox (3 mm beyond it)."""
    edge = (BLEED_MM + SLUG_MM) * MM
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        for page in pdf.pages:
            trim = [edge, edge, edge + width_mm * MM, edge + height_mm * MM]
            bleed = [trim[0] - BLEED_MM * MM, trim[1] - BLEED_MM * MM,
                     trim[2] + BLEED_MM * MM, trim[3] + BLEED_MM * MM]
            page.obj.TrimBox = pikepdf.Array([round(value, 3) for value in trim])
            page.obj.BleedBox = pikepdf.Array([round(value, 3) for value in bleed])
        pdf.save(path, deterministic_id=True)
