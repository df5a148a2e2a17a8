"""A callout div keeps its look in each format: HTML, DOCX and Typst."""

from __future__ import annotations

from trees import first, norwegian

from pipeline.document import boxes
from pipeline.document.pandoc import parse_markdown
from pipeline.document.tree import (
    attributes,
    children,
    classes,
    div,
    make_attr,
    raw_block,
    stringify,
)

TIP = '::: {.callout-tip title="Read this"}\nThe text.\n:::\n'
IMPORTANT = "::: callout-important\nTake care.\n:::\n"


def test_html_box_is_a_classed_note_with_its_title() -> None:
    box = boxes.for_html(parse_markdown(TIP), norwegian)["blocks"][0]
    title, text = children(box)
    assert classes(box) == ["callout", "callout-tip"]
    assert attributes(box) == {"role": "note"}
    assert classes(title) == ["callout-title"]
    assert stringify(first({"blocks": [title]}, "Strong")) == "Read this"
    assert stringify(text) == "The text."


def test_a_box_without_a_title_takes_its_kinds_translated_name() -> None:
    box = boxes.for_html(parse_markdown(IMPORTANT), norwegian)["blocks"][0]
    assert classes(box) == ["callout", "callout-warning"]
    assert stringify(children(box)[0]) == "Advarsel"


def test_docx_box_is_a_paragraph_style_with_a_styled_title() -> None:
    box = boxes.for_docx(parse_markdown(TIP), norwegian)["blocks"][0]
    title, text = children(box)
    assert attributes(box) == {"custom-style": "Callout Tip"}
    assert attributes(title) == {"custom-style": "Callout Title"}
    assert stringify(title) == "Read this"
    assert stringify(text) == "The text."


def test_typst_box_is_a_call_of_the_templates_callout() -> None:
    ast = boxes.for_typst(parse_markdown('::: {.callout-note title=\'Say "hi"\'}\nText.\n:::\n'),
                          norwegian)
    opening, text, closing = ast["blocks"]
    assert opening == raw_block("typst", '#callout(kind: "note", title: "Say \\"hi\\"")[')
    assert stringify(text) == "Text."
    assert closing == raw_block("typst", "]")


def test_a_typst_box_inside_another_is_nested_at_every_depth() -> None:
    """Only the outermost box measures itself: a measure in every box would lay the boxes
    inside out twice over for each level."""
    text = "".join(f"{':' * (6 - depth)} callout-tip\n" for depth in range(3)) + "Inne.\n" \
        + "".join(f"{':' * (4 + depth)}\n" for depth in range(3))
    blocks = boxes.for_typst(parse_markdown(text), norwegian)["blocks"]
    openings = [block["c"][1] for block in blocks
                if block["t"] == "RawBlock" and block["c"][1].startswith("#callout(")]
    assert openings == ['#callout(kind: "tip", title: "Tips")['] + \
        ['#callout(kind: "tip", title: "Tips", nested: true)['] * 2


def test_other_divs_are_left_alone() -> None:
    ast = {"blocks": [div(make_attr(class_names=["aside"]), [])]}
    for write in (boxes.for_html, boxes.for_docx, boxes.for_typst):
        assert write(ast, norwegian) == ast
