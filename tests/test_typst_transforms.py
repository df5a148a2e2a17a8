"""What pandoc's Typst writer drops or misreads, put back by formats/typst.py."""

from __future__ import annotations

from trees import document, every, header, image, para

from pipeline.document.pandoc import parse_markdown
from pipeline.document.tree import (
    Element,
    attributes,
    children,
    classes,
    div,
    literal_text,
    make_attr,
    raw_block,
    raw_inline,
    span,
    stringify,
    text_inlines,
)
from pipeline.formats.typst import (
    headings_without_runts,
    typst_images,
    typst_languages,
    typst_literal_numbers,
    wrap_divs_for_typst,
)


def images_as_typst(*images: Element) -> list[str]:
    ast = typst_images(document({"t": "Para", "c": list(images)}), lambda url: "files/" + url)
    return [literal_text(raw) for raw in every(ast, "RawInline")]


def test_an_image_keeps_its_alt_text_and_is_read_by_typsts_path() -> None:
    assert images_as_typst(image("owl.png", 'A "grey" owl')) == \
        ['#image("files/owl.png", alt: "A \\"grey\\" owl")']


def test_an_images_width_becomes_a_typst_length() -> None:
    widths = images_as_typst(image("a.png", "a", [("width", "50%")]),
                             image("b.png", "b", [("width", "100px")]),
                             image("c.png", "c", [("width", "12")]),
                             image("d.png", "d", [("width", "wide")]))
    assert [w.partition(", alt: ")[2] for w in widths] == [
        '"a", width: 50%)', '"b", width: 75.0pt)', '"c", width: 12pt)', '"d")']


def test_a_classed_div_becomes_a_call_of_its_function() -> None:
    ast = document(div(make_attr(class_names=["other", "signature"]), [para("Kari")]),
                   div(make_attr(class_names=["aside"]), [para("Left")]))
    wrapped = wrap_divs_for_typst(ast, frozenset({"signature"}))["blocks"]
    assert wrapped[0] == raw_block("typst", "#signature[")
    assert stringify(wrapped[1]) == "Kari"
    assert wrapped[2] == raw_block("typst", "]")
    assert wrapped[3] == ast["blocks"][1]


def test_a_number_with_a_period_stays_text() -> None:
    ast = typst_literal_numbers(document(para("8. mai 2025. a. 12")))
    assert children(ast["blocks"][0]) == [raw_inline("typst", "8\\."), {"t": "Space"},
                                     {"t": "Str", "c": "mai"}, {"t": "Space"},
                                     raw_inline("typst", "2025\\."), *text_inlines(" a. 12")]


def test_a_spans_language_is_set_with_its_region() -> None:
    ast = typst_languages(parse_markdown("Text [ord]{lang=nb .x} and [word]{lang=en-us}.\n"))
    raws = [literal_text(raw) for raw in every(ast, "RawInline")]
    assert raws == ['#text(lang: "nb", region: "NO")[', "]",
                    '#text(lang: "en", region: "US")[', "]"]
    spans = list(every(ast, "Span"))
    assert [attributes(s) for s in spans] == [{}, {}]
    assert [classes(s) for s in spans] == [["x"], []]
    assert stringify(spans) == "ordword"


def test_a_divs_language_without_a_known_region_has_none() -> None:
    ast = typst_languages(parse_markdown("::: {lang=de}\nWort\n:::\n"))
    opening, inner, closing = ast["blocks"]
    # A scope, not a block: a chapter in another language may break pages.
    assert opening == raw_block("typst", '#[#set text(lang: "de", region: none)')
    assert inner["t"] == "Para" and stringify(inner) == "Wort"
    assert closing == raw_block("typst", "]")


def test_an_element_without_a_language_is_left_alone() -> None:
    ast = document({"t": "Para", "c": [span(make_attr(pairs=[("title", "t")]), [])]})
    assert typst_languages(ast) == ast


def test_a_headings_last_two_words_are_joined_so_none_stands_alone() -> None:
    ast = headings_without_runts(document(header(1, "Virksomhetsplan for 2025"),
                                          header(2, "Formål"), header(2, "Mål 1"),
                                          para("Running text keeps its spaces")))
    def written(element: Element) -> str:  # stringify would read the no-break space as one
        return "".join(inline.get("c", " ") for inline in children(element))

    assert [written(h).replace("\u00a0", "~") for h in every(ast, "Header")] == \
        ["Virksomhetsplan for~2025", "Formål", "Mål 1"]
    assert written(every(ast, "Para")[0]) == "Running text keeps its spaces"
