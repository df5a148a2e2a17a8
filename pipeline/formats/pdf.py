"""PDF: pandoc's Typst writer, our Typst template, compiled by typst in a process of its own.

The PDF is tagged and claims PDF/UA-1, so Typst itself refuses a document
that lacks a title, a language or an image description. Its timestamp is the
publication date, so the same content gives the same bytes. Typst sees the
brand's font folders and its own fonts, never the machine's, so `ncp check`
knows every font the PDF can use (checks/glyphs.py), and any machine makes the
same PDF. The compile runs in a process of its own (typst_process.py), so that
one that runs away is stopped: after TYPST_SECONDS, or at TYPST_MEMORY bytes.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from pipeline import cache
from pipeline.document import boxes, key_figures, pandoc
from pipeline.document.layout import HEADING_SIZES
from pipeline.document.prepared import Document, metadata, with_metadata
from pipeline.document.tree import typst_string
from pipeline.formats import typst_process
from pipeline.formats.pdf_layout import hyphenated_across_pages
from pipeline.formats.typst import (
    headings_without_runts,
    kept_with,
    typst_equations,
    typst_images,
    typst_languages,
    typst_literal_numbers,
    wrap_divs_for_typst,
)
from pipeline.formats.typst_files import typst_path
from pipeline.messages import number, tr
from pipeline.problems import BuildError
from pipeline.resources import TEMPLATES

TYPST_TEMPLATES = TEMPLATES / "typst"
# Frame parts of a letter, each styled by a Typst function of its name in letter.typ.
LETTER_PARTS = frozenset({"letter-recipient", "letter-references", "letter-officer",
                          "letter-last", "letter-closing", "signatures", "signatory",
                          "letter-approval"})
# The body size by paper, with the margins of each template, gives a measure of 60-75
# characters a line; A5 pages are read closer, so their type is a little smaller.
BASE_SCALE = {"a4": 1.05, "a5": 0.9}
# Compilations of one PDF at most: the first, then those that keep a word whole that a page
# break split.
MAX_PASSES = 3
# The real annual report takes Typst about a second and 200 MB; these limits leave room
# for a document many times larger, with its pictures.
TYPST_SECONDS = 120
TYPST_MEMORY = 4 * 2**30


class TypstError(BuildError):
    pass


def write(document: Document, target: Path) -> None:
    source = document.work_dir / f"{document.stem}.typ"
    source.write_bytes(typst_source(document))
    compile_pdf(source, target, document)


def typst_source(document: Document, variables: tuple[str, ...] = ()) -> bytes:
    ast = key_figures.for_typst(boxes.for_typst(document.ast, document.gettext))
    ast = wrap_divs_for_typst(kept_with(ast, "letter-closing", "letter-last"), LETTER_PARTS)
    ast = typst_images(ast, lambda url: typst_path(Path(url), document.work_dir))
    ast = typst_literal_numbers(typst_languages(typst_equations(headings_without_runts(ast))))
    ast = with_metadata(ast, metadata(document))
    template = TYPST_TEMPLATES / f"{document.layout.template}.typ"
    # "-citations": write the citeproc text, not Typst's own #cite.
    return pandoc.write(ast, "typst-citations", ["--standalone", "--template", str(template),
                                       *_variables(document), *variables])


def compile_pdf(source: Path, target: Path, document: Document) -> None:
    """Compile, then once more for each page break that splits a hyphenated word, with
    that word kept whole: Typst breaks lines before pages, so it cannot see such a split.
    The organisation's name is kept whole from the start.

    The words a document ended with are kept in the build folder under the key of all
    it is made from: a document made from the same parts compiles to the same pages, so
    it is compiled once, with them, and not read again.
    """
    memo = source.with_suffix(".whole-words.json")
    parts = [document.made_from, cache.file_hash(source), "words kept whole"]
    known = cache.recalled(memo, parts)
    if known is not None:
        target.write_bytes(_compiled(source, document, known))
        return
    whole = [_literal(document.organisation)]  # the organisation's name, never hyphenated
    pdf = _compiled(source, document, whole)
    for _ in range(MAX_PASSES - 1):
        split = [word for word in dict.fromkeys(hyphenated_across_pages(pdf))
                 if word not in whole]  # each word once, however many pages split it
        if not split:
            break
        whole += split
        pdf = _compiled(source, document, whole)
    target.write_bytes(pdf)
    cache.keep(memo, parts, whole)


def _compiled(source: Path, document: Document, whole: list[str]) -> bytes:
    """One compilation of `source`, in the Typst process; the PDF's bytes."""
    midnight = dt.datetime.combine(document.date, dt.time(), tzinfo=dt.UTC)
    output = source.with_suffix(".pdf")
    request = {
        "input": str(source),
        "output": str(output),
        "root": str(document.work_dir),
        "font_paths": [str(path) for path in document.brand.font_dirs],
        "ignore_system_fonts": True,
        "format": "pdf",
        "pdf_standards": ["ua-1"],
        "timestamp": int(midnight.timestamp()),
        # Read by common.typ: words never hyphenated, as one regex alternation.
        "sys_inputs": {"unhyphenated": "|".join(whole)},
        "memory": TYPST_MEMORY,
    }
    try:
        typst_process.compile_in_worker(request, TYPST_SECONDS)
    except typst_process.TimedOut as error:
        raise TypstError(tr("Typst took more than {seconds} s to lay out {file}",
                            seconds=number(TYPST_SECONDS), file=source.name)) from error
    except typst_process.OutOfMemory as error:
        raise TypstError(tr("Typst needed more than {size} GB of memory to lay out {file}",
                            size=number(TYPST_MEMORY / 2**30), file=source.name)) from error
    except typst_process.Refused as error:
        raise TypstError(f"{source}: {error}") from error
    except typst_process.Stopped as error:
        raise TypstError(f"{source}: " + tr("Typst stopped ({status})",
                                            status=error.args[0])) from error
    return output.read_bytes()


def _variables(document: Document) -> list[str]:
    brand = document.brand
    code, _, region = document.tag.partition("-")
    values = {
        "document-title": typst_string(document.title),
        "cover-title": typst_string(_last_words_kept(document.title)),
        "document-author": typst_string(document.organisation),
        # A string, not markup: "20. mars" at the start of content would be a list item.
        "date-text": typst_string(document.date_text),
        "date-year": str(document.date.year),
        "date-month": str(document.date.month),
        "date-day": str(document.date.day),
        "text-lang": typst_string(code),
        "text-region": typst_string(region) if region else "none",
        "base-font": typst_string(brand.base_family),
        "base-size": f"{brand.base_size_pt * BASE_SCALE[document.layout.paper]:.3g}",
        "heading-font": typst_string(brand.heading_family),
        "heading-weight": str(brand.heading_weight),
        "heading-color": typst_string(brand.heading_color),
        "mono-font": typst_string(brand.monospace_family),
        "toc-depth": "2",
        "paper": typst_string(document.layout.paper),
        "chapter-breaks": "true" if document.layout.chapter_breaks else "false",
        "heading-sizes": _typst_sizes(HEADING_SIZES[document.layout.template]),
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


def _last_words_kept(text: str) -> str:
    """`text` with its last two words joined by a no-break space, so that a title set large
    never leaves one word ("2025") alone on its last line."""
    head, space, last = text.rpartition(" ")
    return f"{head}\u00a0{last}" if space and " " in head else text


def _literal(text: str) -> str:
    """`text` as a regular expression that matches it literally."""
    return re.sub(r"([\\.^$|?*+()\[\]{}])", r"\\\1", text)


def _typst_sizes(points: tuple[float, ...]) -> str:
    return "(" + ", ".join(f"{size:g}pt" for size in points) + ")"
