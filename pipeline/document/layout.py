"""How a kind's documents are laid out, in terms every format writer understands."""

from __future__ import annotations

from dataclasses import dataclass

# Heading sizes in points, levels 1 to 4, by template: the one table every writer reads.
HEADING_SIZES: dict[str, tuple[float, float, float, float]] = {
    "publication": (18, 14, 12, 11),
    "brochure": (15, 11.5, 10, 9.5),
    "letter": (14, 11.5, 10.5, 10.5),
}


@dataclass(frozen=True)
class Layout:
    template: str = "publication"  # templates/typst/<template>.typ
    paper: str = "a4"  # a4 | a5
    toc: bool = True
    title_block: bool = True  # a cover (PDF) or title block (HTML, DOCX) from the metadata
    chapter_breaks: bool = True  # each level-1 heading starts a new page (PDF, DOCX)
    number_sections: bool = False
    shift_headings: int = 0  # added to every chapter heading's level
    before: str | None = None  # a partial rendered before the chapters
    after: str | None = None  # a partial rendered after the chapters
