"""Data inserted into chapters is text: it reads as written after pandoc."""

import pytest

from pipeline.document import pandoc
from pipeline.document.tree import stringify
from pipeline.render.localizer import LocalizedStr
from pipeline.render.markdown_text import Markdown, as_markdown_text, escape_text

NASTY = [
    "*farming*",
    "<script>alert(1)</script>",
    "#set page(width: 1cm)",
    "$x^2$",
    "@fig:none",
    "[link](https://example.org) `code` ~sub~ ^sup^ \\ back",
    "1. not a list | not a cell {.not-attr} <!-- no comment -->",
    "# not a heading",
    "Ærlig 'sitat' og \"dobbelt\" -- ... & 30 %",
]


@pytest.mark.parametrize("value", NASTY)
def test_escaped_text_reads_as_written(value: str) -> None:
    ast = pandoc.parse_markdown("Før " + escape_text(value) + " etter\n")
    assert stringify(ast["blocks"]) == f"Før {value} etter"


def test_line_breaks_fold_into_spaces() -> None:
    assert escape_text("one\n\n# two") == "one \\# two"


def test_markdown_the_pipeline_wrote_passes_untouched() -> None:
    assert as_markdown_text(Markdown("**bold**")) == "**bold**"
    assert as_markdown_text(None) == ""


def test_fallback_text_keeps_its_language() -> None:
    assert as_markdown_text(LocalizedStr("Tekst", "nb")) == "[Tekst]{lang=nb}"
