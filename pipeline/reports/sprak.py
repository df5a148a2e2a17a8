"""The målform report of a year: every publication rendered, its words counted."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from pipeline.build import Gate, Request, prepare_all, write
from pipeline.checks.folder import load_content
from pipeline.checks.language import chapter_readability
from pipeline.checks.plain_language import Readability
from pipeline.content.model import Publication, Text
from pipeline.document import pandoc
from pipeline.document.layout import Layout
from pipeline.document.prepared import describe
from pipeline.document.transforms import apply_fig_alt
from pipeline.kinds import KINDS
from pipeline.problems import ContentError, Problems
from pipeline.publish.gate import secrets
from pipeline.publish.staging import locked, staged_run
from pipeline.render.localizer import Localizer
from pipeline.reports.language_balance import (
    Balance,
    balance,
    readability_markdown,
    report_markdown,
)


def language_report(content_root: Path, year: int, output_root: Path,
                    problems: Problems) -> tuple[Balance, dict[tuple[str, str], Readability],
                                                 Path]:
    """Count the words of `year`'s publications per language, with their plain-language
    figures; write the report page."""
    content = load_content(content_root)
    with tempfile.TemporaryDirectory() as scratch:
        request = Request(content_root, Path(scratch) / "output", Path(scratch) / "build",
                          kinds=list(KINDS))
        documents = prepare_all(content, request, problems)
        if problems.errors:
            raise ContentError(problems)
        dated = [d for d in documents if d.publication.date.year == year]
        result = balance(year, dated)
        figures = {(d.publication.slug, d.lang): chapter_readability(d.publication, d.lang)
                   for d in dated}
        figures = {key: figure for key, figure in figures.items() if figure.sentences}
        localizer = Localizer(content.site.default_language, problems)
        work_dir = Path(scratch) / "build" / f"sprak-{year}"
        markdown = (report_markdown(result, localizer, content.brand, work_dir) + "\n"
                    + readability_markdown(result, figures, localizer))
        title = Text({localizer.lang: localizer.gettext("Written standard balance %(year)s")
                      % {"year": year}})
        publication = Publication(f"sprak-{year}", content.root, "annual-report", title,
                                  [localizer.lang], ["html"], dt.date.today(), year, [], None)
        document = describe(content, publication, localizer,
                            apply_fig_alt(pandoc.parse_markdown(markdown)),
                            Layout(toc=False), work_dir, {})
        with locked(output_root), staged_run(output_root) as staging:
            gate = Gate(secrets(content.cases))
            built = write(document, "html", staging, gate, problems, force=True)
        if built is None:
            raise ContentError(problems)
        return result, figures, built.path
