"""Guidance documents (veiledninger): numbered sections, cross-references, citations."""

from __future__ import annotations

from pathlib import Path

from pipeline.chapter_api import base_context
from pipeline.kinds.layout import Layout
from pipeline.locale import Writer
from pipeline.model import Content, Publication
from pipeline.problems import Problems

LAYOUT = Layout(number_sections=True)


def context(content: Content, publication: Publication, writer: Writer, charts: Path,
            problems: Problems) -> dict[str, object]:
    return base_context(content, publication, writer)
