"""Formulas (TeX math between dollar signs) must be TeX that pandoc converts, for every format.

pandoc writes a formula's TeX as MathML in HTML, a Word equation in DOCX and a
Typst equation in the PDF. TeX it cannot convert it prints as TeX, in every
format, so that is an error at the formula. One pandoc run checks all formulas
of a document: where pandoc's Typst writer gives the TeX back as text (`\\$…\\$`)
instead of an equation, it could not convert it.
"""

from __future__ import annotations

import re
from pathlib import Path

from pipeline.document import pandoc
from pipeline.document.pandoc import Ast
from pipeline.document.positions import Occurrence, Places
from pipeline.document.transforms import chapter_source
from pipeline.document.tree import children, elements, literal_text
from pipeline.messages import tr
from pipeline.problems import Position, Problems

_MARK = "ncpformula"


def check_formulas(ast: Ast, content_root: Path, places: Places, problems: Problems) -> None:
    """An error at each formula of the document's chapters that pandoc cannot convert."""
    found: list[Occurrence] = []
    for block in ast["blocks"]:
        source = chapter_source(block, content_root)
        if source is None:
            continue
        found += [places.seen(source, ("Math", literal_text(element)))
                  for element in elements(children(block)) if element["t"] == "Math"]
    if not found:
        return
    probe = [{"t": "Para", "c": [{"t": "Str", "c": f"{_MARK}{index}"}, {"t": "Space"},
                                 {"t": "Math", "c": [{"t": "InlineMath"}, occurrence.key[1]]}]}
             for index, occurrence in enumerate(found)]
    try:
        output = pandoc.write({**ast, "meta": {}, "blocks": probe}, "typst", ["--wrap=none"])
    except pandoc.PandocError as error:
        problems.error(Position(found[0].source),
                       tr("the formulas could not be converted: {error}", error=error))
        return
    pieces = re.split(_MARK + r"(\d+)", output.decode("utf-8"))
    for index, written in zip(pieces[1::2], pieces[2::2], strict=True):
        if not written.strip().startswith("$"):
            occurrence = found[int(index)]
            tex = occurrence.key[1]
            problems.error(places.of(occurrence, tex),
                           tr("the formula '{tex}' is not TeX math that can be converted",
                              tex=tex),
                           tr("check its commands and braces; write a dollar sign that is not "
                              "math as {escaped}", escaped="\\$"))
