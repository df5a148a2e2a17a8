"""Guidance documents (veiledninger): numbered sections, cross-references, citations."""

from __future__ import annotations

from pathlib import Path

from pipeline.content.model import Content, Publication
from pipeline.document.layout import Layout
from pipeline.problems import Problems
from pipeline.render.localizer import Localizer
from pipeline.render.views import base_context

LAYOUT = Layout(number_sections=True)


def context(content: Content, publication: Publication, localizer: Localizer, charts: Path,
            problems: Problems) -> dict[str, object]:
    return base_context(content, publication, localizer)
