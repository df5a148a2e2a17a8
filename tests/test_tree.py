"""The helpers over pandoc's JSON tree read and build what pandoc itself reads and writes."""

from __future__ import annotations

import pytest
from trees import document, first, header, para

from pipeline.document import pandoc
from pipeline.document.tree import (
    Element,
    Splice,
    attr_of,
    attribute_pairs,
    attributes,
    caption_blocks,
    children,
    citation_ids,
    classes,
    div,
    div_class,
    forget_kinds,
    heading_level,
    identifier,
    link,
    literal_text,
    make_attr,
    meta_inlines,
    note_kinds,
    raw_block,
    raw_inline,
    span,
    stringify,
    target_of,
    text_inlines,
    typst_string,
    walk,
    with_attributes,
    with_children,
    with_heading_level,
    with_url,
    without_attribute,
)

PARSED = pandoc.parse_markdown(
    "## A *title* {#the-id .one .two key=value other=x}\n\n"
    '![An owl](owl.png "Owl"){fig-alt="A grey owl" width=50%}\n\n'
    '[a link](https://example.org "Example") and `code` and [@key; @tbl-x]\n\n'
    "| a |\n|---|\n| 1 |\n\n: The caption {#tbl-x}\n\n"
    "::: {.box .tip lang=nb}\nInside\n:::\n"
)


def test_a_heading_reads_as_pandoc_wrote_it() -> None:
    heading = first(PARSED, "Header")
    assert heading_level(heading) == 2
    assert identifier(heading) == "the-id"
    assert classes(heading) == ["one", "two"]
    assert attributes(heading) == {"key": "value", "other": "x"}
    assert stringify(children(heading)) == "A title"


def test_an_image_reads_its_target_description_and_attributes() -> None:
    picture = first(PARSED, "Image")
    assert target_of(picture) == ("owl.png", "Owl")
    assert target_of(picture).url == "owl.png"
    assert stringify(children(picture)) == "An owl"
    assert attributes(picture) == {"fig-alt": "A grey owl", "width": "50%"}


def test_a_link_a_table_a_cite_and_code() -> None:
    assert target_of(first(PARSED, "Link")).title == "Example"
    assert stringify(children(first(PARSED, "Link"))) == "a link"
    assert stringify(caption_blocks(first(PARSED, "Table"))) == "The caption"
    assert identifier(first(PARSED, "Table")) == "tbl-x"
    assert citation_ids(first(PARSED, "Cite")) == ["key", "tbl-x"]
    assert literal_text(first(PARSED, "Code")) == "code"


def test_a_div_names_one_of_its_classes() -> None:
    box = first(PARSED, "Div")
    assert div_class(box, {"tip", "note"}) == "tip"
    assert div_class(box, {"warning"}) is None
    assert div_class(first(PARSED, "Header"), {"one"}) is None  # not a div
    assert stringify(children(box)) == "Inside"


def test_attr_of_is_none_for_an_element_without_attributes() -> None:
    assert attr_of(first(PARSED, "Header")) == ["the-id", ["one", "two"],
                                                [["key", "value"], ["other", "x"]]]
    assert attr_of(first(PARSED, "Str")) is None
    with pytest.raises(TypeError):
        identifier(first(PARSED, "Str"))
    with pytest.raises(TypeError):
        literal_text(first(PARSED, "Str"))


def test_a_repeated_key_is_kept_in_the_pairs() -> None:
    element = span(make_attr(pairs=[("lang", "nb"), ("lang", "en")]), [])
    assert attribute_pairs(element) == [["lang", "nb"], ["lang", "en"]]
    assert attributes(element) == {"lang": "en"}


def test_builders_copy_and_leave_the_original_alone() -> None:
    heading = header(1, "Title", "id", ["c"])
    assert with_heading_level(heading, 3) == header(3, "Title", "id", ["c"])
    assert with_children(heading, text_inlines("Other")) == header(1, "Other", "id", ["c"])
    picture = {"t": "Image", "c": [make_attr(), [], ["a.svg", "A title"]]}
    assert target_of(with_url(picture, "a.png")) == ("a.png", "A title")
    paragraph = para("one")
    assert with_children(paragraph, text_inlines("two")) == para("two")
    assert heading == header(1, "Title", "id", ["c"])
    assert target_of(picture).url == "a.svg"
    assert paragraph == para("one")


def test_with_attributes_keeps_the_id_and_classes() -> None:
    box = div(make_attr("x", ["a"], [("lang", "nb"), ("title", "T")]), [para("text")])
    assert with_attributes(box, [("role", "note")]) == \
        div(make_attr("x", ["a"], [("role", "note")]), [para("text")])
    assert without_attribute(box, "lang") == \
        div(make_attr("x", ["a"], [("title", "T")]), [para("text")])
    assert attributes(box) == {"lang": "nb", "title": "T"}


def test_built_elements_are_what_pandoc_reads() -> None:
    inlines = [link(make_attr(class_names=["cross-reference"]), text_inlines("see this"), "#x"),
               span(make_attr(pairs=[("lang", "en")]), text_inlines("word"))]
    html = pandoc.write(document(div(make_attr("d"), [{"t": "Para", "c": inlines}])),
                        "html", ["--wrap=none"]).decode()
    assert '<div id="d">' in html
    assert '<a href="#x" class="cross-reference">see this</a>' in html
    assert '<span lang="en">word</span>' in html


def test_walk_replaces_splices_and_keeps_children_first() -> None:
    seen: list[str] = []

    def action(element: Element) -> Element | Splice | None:
        seen.append(element["t"])
        if element["t"] == "Str" and element["c"] == "two":
            return Splice([{"t": "Str", "c": "2"}, {"t": "Str", "c": "!"}])
        if element["t"] == "Str" and element["c"] == "one":
            return {"t": "Str", "c": "1"}
        return None

    blocks = walk([para("one two")], action)
    assert blocks == [{"t": "Para", "c": [{"t": "Str", "c": "1"}, {"t": "Space"},
                                          {"t": "Str", "c": "2"}, {"t": "Str", "c": "!"}]}]
    assert seen == ["Str", "Space", "Str", "Para"]


def test_walk_shows_the_action_only_the_kinds_it_asks_for() -> None:
    seen: list[str] = []
    walk([para("one two")], lambda element: seen.append(element["t"]), {"Space", "Para"})
    assert seen == ["Space", "Para"]


def test_walk_keeps_what_no_action_changed_as_the_same_object() -> None:
    untouched, touched = para("one two"), para("three")
    blocks = [untouched, touched]

    def action(element: Element) -> Element | None:
        return {"t": "Str", "c": "3"} if element.get("c") == "three" else None

    new = walk(blocks, action)
    assert new is not blocks and new[0] is untouched and new[1] is not touched
    assert touched == para("three")  # the original is left as it was
    assert walk(blocks, lambda element: None) is blocks


def test_a_walk_over_noted_blocks_still_finds_all_it_asks_for() -> None:
    plain = para("plain words")
    linked = pandoc.parse_markdown("[a link](https://x.no) here")["blocks"][0]
    blocks = [plain, div(make_attr(), [linked])]
    seen: list[str] = []

    def strs(element: Element) -> None:
        seen.append(element["c"])

    note_kinds(blocks)
    try:
        walk(blocks, lambda element: seen.append(element["t"]), {"Link"})
        assert seen == ["Link"]  # inside the div, whose note must say it holds a link
        seen.clear()
        walk(blocks, strs, {"Str"})
        assert seen == ["plain", "words", "a", "link", "here"]
    finally:
        forget_kinds()
    seen.clear()
    walk(blocks, lambda element: seen.append(element["t"]), {"Para"})
    assert seen == ["Para", "Para"]


def test_stringify_reads_text_quotes_and_code_and_leaves_out_notes_and_raw() -> None:
    ast = pandoc.parse_markdown("One 'two' \"three\" `four`^[a note]\n\nFive\n")
    assert stringify(ast["blocks"]) == "One \u2018two\u2019 \u201cthree\u201d four Five"
    assert stringify([raw_block("typst", "#x"), para("text"), raw_inline("html", "<b>")]) \
        == "text"


def test_text_inlines_keep_every_character() -> None:
    assert text_inlines("a  b*") == [{"t": "Str", "c": "a"}, {"t": "Space"}, {"t": "Space"},
                                     {"t": "Str", "c": "b*"}]
    assert meta_inlines("a b") == {"t": "MetaInlines", "c": text_inlines("a b")}


def test_typst_string_escapes_quotes_and_backslashes() -> None:
    assert typst_string('say "hi" \\ bye') == '"say \\"hi\\" \\\\ bye"'

