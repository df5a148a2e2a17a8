"""Hearing responses (høringssvar): formal letters to a ministry.

The letter's frame (recipient, reference block, subject, closing and
signatures) comes from publication.yaml through two partials around the
body; the subject is the letter's one level-1 heading, so the body's own
headings move one level down.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.content.model import Content, Publication
from pipeline.document.layout import Layout
from pipeline.problems import Problems
from pipeline.render.localizer import Localizer
from pipeline.render.views import base_context

LAYOUT = Layout(template="letter", toc=False, title_block=False, chapter_breaks=False,
                shift_headings=1, before="letter-head.md", after="letter-close.md")


def context(content: Content, publication: Publication, localizer: Localizer, charts: Path,
            problems: Problems) -> dict[str, object]:
    return base_context(content, publication, localizer)
