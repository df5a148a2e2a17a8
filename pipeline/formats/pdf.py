"""PDF: pandoc's Typst writer, our Typst template, compiled in-process by typst.

The PDF is tagged and claims PDF/UA-1, so Typst itself refuses a document
that lacks a title, a language or an image description. Its timestamp is the
publication date, so the same content gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import typst

from pipeline.document import boxes, key_figures, pandoc
from pipeline.document.prepared import Document, metadata, with_metadata
from pipeline.document.tree import typst_string
from pipeline.formats.typst import (
    typst_images,
    typst_languages,
    typst_literal_numbers,
    wrap_divs_for_typst,
)
from pipeline.formats.typst_files import typst_path
from pipeline.problems import BuildError
from pipeline.resources import TEMPLATES

TYPST_TEMPLATES = TEMPLATES / "typst"
# Frame parts of a letter, each styled by a Typst function of its name in letter.typ.
LETTER_PARTS = frozenset({"letter-recipient", "letter-references", "letter-officer",
                          "letter-closing", "signatures", "signatory", "letter-approval"})
HEADING_SIZES = {"publication": "(22pt, 15pt, 12pt)", "brochure": "(15pt, 11.5pt, 10pt)",
                 "letter": "(14pt, 11.5pt, 10.5pt)"}
# A5 pages are read closer: a slightly smaller base size keeps the brochure within 8 pages.
BASE_SCALE = {"a4": 1.0, "a5": 0.9}


class TypstError(BuildError):
    pass


def write(document: Document, target: Path) -> None:
    source = document.work_dir / f"{document.stem}.typ"
    source.write_bytes(typst_source(document))
    compile_pdf(source, target, document)


def typst_source(document: Document) -> bytes:
    ast = key_figures.for_typst(boxes.for_typst(document.ast, document.gettext))
    ast = wrap_divs_for_typst(ast, LETTER_PARTS)
    ast = typst_images(ast, lambda url: typst_path(Path(url), document.work_dir))
    ast = typst_literal_numbers(typst_languages(ast))
    ast = with_metadata(ast, metadata(document))
    template = TYPST_TEMPLATES / f"{document.layout.template}.typ"
    # "-citations": write the citeproc text, not Typst's own #cite.
    return pandoc.write(ast, "typst-citations", ["--standalone", "--template", str(template),
                                       *_variables(document)])


def compile_pdf(source: Path, target: Path, document: Document) -> None:
    midnight = dt.datetime.combine(document.date, dt.time(), tzinfo=dt.UTC)
    try:
        typst.compile(
            str(source),
            output=str(target),
            root=str(document.work_dir),
            font_paths=[str(path) for path in document.brand.font_dirs],
            format="pdf",
            pdf_standards=["ua-1"],
            timestamp=int(midnight.timestamp()),
        )
    except typst.TypstError as error:
        raise TypstError(f"{source}: {error}") from error


def _variables(document: Document) -> list[str]:
    brand = document.brand
    code, _, region = document.tag.partition("-")
    values = {
        "document-title": typst_string(document.title),
        "document-author": typst_string(document.organisation),
        # A string, not markup: "20. mars" at the start of content would be a list item.
        "date-text": typst_string(document.date_text),
        "date-year": str(document.date.year),
        "date-month": str(document.date.month),
        "date-day": str(document.date.day),
        "text-lang": typst_string(code),
        "text-region": typst_string(region) if region else "none",
        "base-font": typst_string(brand.base_family),
        "base-size": f"{brand.base_size_pt * BASE_SCALE[document.layout.paper]:g}",
        "heading-font": typst_string(brand.heading_family),
        "heading-weight": str(brand.heading_weight),
        "heading-color": typst_string(brand.heading_color),
        "mono-font": typst_string(brand.monospace_family),
        "toc-depth": "2",
        "paper": typst_string(document.layout.paper),
        "chapter-breaks": "true" if document.layout.chapter_breaks else "false",
        "heading-sizes": HEADING_SIZES[document.layout.template],
        **{f"color-{role}": typst_string(value) for role, value in brand.colors.items()},
    }
    if document.toc:
        values["toc"] = "true"
    if document.logo:
        values["logo-path"] = typst_string(typst_path(document.logo, document.work_dir))
        values["logo-alt"] = typst_string(document.logo_alt)
    args: list[str] = []
    for key, value in values.items():
        args += ["--variable", f"{key}={value}"]
    return args
