"""Formulas (TeX math between dollar signs) must be TeX that pandoc converts, for every format.

pandoc writes a formula's TeX as MathML in HTML, a Word equation in DOCX and a
Typst equation in the PDF. TeX it cannot convert it prints as TeX, in every
format, so that is an error at the formula. One pandoc run checks all formulas
of a document: where pandoc's Typst writer gives the TeX back as text (`\\$…\\$`)
instead of an equation, it could not convert it. pandoc's time doubles with each
superscript or subscript set inside another (20 take it ten seconds, 24 minutes),
so a formula that nests them deeper than any formula needs is an error before it
is converted.
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
DEEPEST_SCRIPTS = 6  # superscripts and subscripts inside each other: x^{y_{z}} is 2


def check_formulas(ast: Ast, content_root: Path, places: Places, problems: Problems) -> None:
    """An error at each formula of the document's chapters that pandoc cannot convert."""
    found: list[Occurrence] = []
    for block in ast["blocks"]:
        source = chapter_source(block, content_root)
        if source is None:
            continue
        found += [places.seen(source, ("Math", literal_text(element)))
                  for element in elements(children(block)) if element["t"] == "Math"]
    found = [occurrence for occurrence in found if _scripts_shallow(occurrence, places, problems)]
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


def _scripts_shallow(occurrence: Occurrence, places: Places, problems: Problems) -> bool:
    """Whether the formula's scripts lie at most DEEPEST_SCRIPTS deep; an error where not."""
    tex = occurrence.key[1]
    if script_depth(tex) <= DEEPEST_SCRIPTS:
        return True
    problems.error(places.of(occurrence, tex),
                   tr("superscripts and subscripts lie more than {deepest} deep inside each "
                      "other in the formula '{tex}'", deepest=DEEPEST_SCRIPTS, tex=tex[:40]),
                   tr("write the formula with fewer levels, or split it"))
    return False


def script_depth(tex: str) -> int:
    """How deep the braced superscripts and subscripts (`^{…}`, `_{…}`) of `tex` lie inside
    each other."""
    deepest, groups, after_script = 0, [], False
    for token in re.findall(r"\\.|\S", tex):
        if token == "{":
            groups.append(after_script)
            deepest = max(deepest, sum(groups))
        elif token == "}" and groups:
            groups.pop()
        after_script = token in ("^", "_")
    return deepest
