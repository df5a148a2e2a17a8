"""The final statement (sluttuttalelse) on one case: how the procedure ended and the
follow-up the NCP plans. The frame comes from the case file (render/statement.py) and
publication.yaml's `follow_up`; the NCP's own words are the writer's chapters."""

from __future__ import annotations

from pathlib import Path

from pipeline.content.model import Content, Publication
from pipeline.document.layout import Layout
from pipeline.problems import Problems
from pipeline.render.localizer import Localizer
from pipeline.render.statement import statement_context

LAYOUT = Layout(toc=False, chapter_breaks=False, before="statement-frame.md",
                after="statement-follow-up.md")


def context(content: Content, publication: Publication, localizer: Localizer, charts: Path,
            problems: Problems) -> dict[str, object]:
    return statement_context(content, publication, localizer)
