"""The DOCX writer's transforms: Word paragraph and table styles for divs, regional language
tags."""

from __future__ import annotations

from trees import document, every, first, para

from pipeline.document.pandoc import parse_markdown
from pipeline.document.tree import attribute_pairs, div, make_attr, span
from pipeline.formats.docx.writer import (
    LETTER_STYLES,
    TABLE_STYLES,
    regional_language_tags,
    style_divs_for_docx,
    style_tables_for_docx,
)


def test_a_letter_part_gets_its_word_style() -> None:
    ast = document(div(make_attr("to", ["letter-recipient"], [("lang", "nb")]), [para("Kari")]),
                   div(make_attr(class_names=["aside"]), [para("Left")]))
    styled = style_divs_for_docx(ast, LETTER_STYLES)
    assert styled["blocks"][0] == div(
        make_attr("to", ["letter-recipient"], [("lang", "nb"), ("custom-style", "Recipient")]),
        [para("Kari")])
    assert styled["blocks"][1] == ast["blocks"][1]


def test_a_language_gets_its_region_as_words_language_list_has_it() -> None:
    inline = span(make_attr(class_names=["x"], pairs=[("title", "t"), ("lang", "nn")]), [])
    ast = document(div(make_attr(pairs=[("lang", "en")]), [{"t": "Para", "c": [inline]}]),
                   div(make_attr(pairs=[("lang", "de")]), []))
    tagged = regional_language_tags(ast)
    outer, unknown = tagged["blocks"]
    assert attribute_pairs(outer) == [["lang", "en-GB"]]
    assert first(tagged, "Span") == \
        span(make_attr(class_names=["x"], pairs=[("title", "t"), ("lang", "nn-NO")]), [])
    assert attribute_pairs(unknown) == [["lang", "de"]]


def test_an_element_without_a_language_is_left_alone() -> None:
    ast = document(div(make_attr("a", ["b"], [("title", "t")]), [para("x")]))
    assert regional_language_tags(ast) == ast


def test_a_table_in_a_styled_div_gets_the_divs_table_style() -> None:
    ast = parse_markdown("::: letter-references\n| A | B |\n|---|---|\n| 1 | 2 |\n:::\n\n"
                         "| C | D |\n|---|---|\n| 3 | 4 |\n")
    styled = style_tables_for_docx(ast, TABLE_STYLES)
    inside, outside = every(styled, "Table")
    assert attribute_pairs(inside) == [["custom-style", "LetterReferences"]]
    assert attribute_pairs(outside) == []
