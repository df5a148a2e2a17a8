"""Small helpers over pandoc's JSON AST, in the spirit of panflute.

The accessors (`identifier`, `children`, `target_of`, …) and builders
(`with_url`, `span`, …) name the positions of pandoc's JSON, so that no
transform indexes an element's contents by number.

A transform is a function over one element that returns None (keep it), a
replacement element, or a `Splice` of elements to put in its place.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable, Iterator
from collections.abc import Set as AbstractSet
from typing import Any, NamedTuple

Element = dict[str, Any]
Action = Callable[[Element], Any]
Attr = list[Any]
"""An element's attributes as pandoc writes them: [identifier, [class, …], [[key, value], …]]."""

# Where an element of each type keeps its Attr in its contents ("c").
_ATTR_AT = {"Header": 1, "Div": 0, "Span": 0, "Figure": 0, "Table": 0, "CodeBlock": 0,
            "Code": 0, "Image": 0, "Link": 0}
# Where an element keeps its inlines or blocks, when it holds more than those.
_CHILDREN_AT = {"Header": 2, "Div": 1, "Span": 1, "Image": 1, "Link": 1, "Figure": 2,
                "Quoted": 1, "Cite": 1}
# Elements whose contents are their inlines or blocks and nothing else.
_ONLY_CHILDREN = frozenset({"Para", "Plain", "Emph", "Underline", "Strong", "Strikeout",
                            "Superscript", "Subscript", "SmallCaps", "BlockQuote", "Note"})
# Elements whose contents are [something, text]: the text a reader sees or a raw format's.
_LITERAL = frozenset({"Code", "CodeBlock", "Math", "RawInline", "RawBlock"})


class Target(NamedTuple):
    """Where a link or an image points."""

    url: str
    title: str


class Splice(list):
    """Elements that replace one element in its parent list."""


_BRANCHES = (list, dict)  # what a tree holds beside text and numbers
# pandoc's block elements: the parts of a tree whose kinds within are noted for walks.
_BLOCKS = frozenset({"Para", "Plain", "Header", "Div", "Table", "BlockQuote", "BulletList",
                     "OrderedList", "DefinitionList", "Figure", "LineBlock", "CodeBlock",
                     "RawBlock", "HorizontalRule"})
# Block id -> (the block, the kinds of element it is and holds), for the trees noted by
# `note_kinds`; the block is kept, so that its id is not taken by another while noted.
_KINDS_WITHIN: dict[int, tuple[Element, frozenset[str]]] = {}
_SAME_KINDS: dict[frozenset[str], frozenset[str]] = {}  # each set of kinds held once


def walk(node: Any, action: Action, kinds: AbstractSet[str] | None = None) -> Any:
    """Apply `action` to every element, children first; return the new tree.

    With `kinds`, the action sees only elements of those types (its answer for any
    other would be None). A part of the tree no action changed is the same object in
    the new tree, so a walk that changes little copies little.
    """
    if isinstance(node, list):
        return _walk_list(node, action, kinds)
    if not isinstance(node, dict):
        return node
    if "t" not in node:
        new = {key: walk(value, action, kinds) for key, value in node.items()}
        return node if all(new[key] is node[key] for key in node) else new
    return _walk_element(node, action, kinds)


def _walk_list(items: list[Any], action: Action,
               kinds: AbstractSet[str] | None) -> list[Any]:
    out: list[Any] = []
    changed = False
    for item in items:
        kind = type(item)
        if kind is dict and "t" in item:
            new = _walk_element(item, action, kinds)
        elif isinstance(item, _BRANCHES):
            new = walk(item, action, kinds)
        else:  # text or a number: most of a tree's leaves, passed without a call
            out.append(item)
            continue
        if type(new) is Splice:
            out.extend(new)
            changed = True
        else:
            out.append(new)
            changed = changed or new is not item
    return out if changed else items


def _walk_element(element: Element, action: Action, kinds: AbstractSet[str] | None) -> Any:
    if kinds is not None:
        noted = _KINDS_WITHIN.get(id(element))
        if noted is not None and noted[0] is element and noted[1].isdisjoint(kinds):
            return element  # nothing in it that the action asks for
    contents = element.get("c")
    kind = type(contents)
    if kind is list:
        new = _walk_list(contents, action, kinds)
    elif isinstance(contents, _BRANCHES):  # a Str's text is no tree: most elements are Str
        new = walk(contents, action, kinds)
    else:
        new = contents
    if new is not contents:
        element = {**element, "c": new}
    if kinds is not None and element["t"] not in kinds:
        return element
    replacement = action(element)
    return element if replacement is None else replacement


def note_kinds(blocks: list[Element]) -> None:
    """Note which kinds of element each block of `blocks` holds, so that a walk asking for
    kinds a block lacks passes it by. A tree is walked a dozen times for each format, and
    most walks look for what few blocks hold (an image, a formula, a box)."""
    _kinds_in(blocks, set())


def forget_kinds() -> None:
    """Forget the noted trees (they are kept while noted)."""
    _KINDS_WITHIN.clear()
    _SAME_KINDS.clear()


def _kinds_in(node: Any, found: set[str]) -> None:
    """Add the kinds of element within `node` to `found`, noting those of each block."""
    if type(node) is list:
        for item in node:
            if isinstance(item, _BRANCHES):
                _kinds_in(item, found)
        return
    kind = node.get("t")
    if kind is None:  # a citation's fields, a caption's parts
        for value in node.values():
            if isinstance(value, _BRANCHES):
                _kinds_in(value, found)
        return
    contents = node.get("c")
    if kind not in _BLOCKS:
        found.add(kind)
        if isinstance(contents, _BRANCHES):
            _kinds_in(contents, found)
        return
    within = {kind}
    if isinstance(contents, _BRANCHES):
        _kinds_in(contents, within)
    frozen = _SAME_KINDS.setdefault(frozenset(within), frozenset(within))
    _KINDS_WITHIN[id(node)] = (node, frozen)
    found |= frozen


def elements(node: Any, skip: Container[str] = ()) -> Iterator[Element]:
    """Every element in `node`, in document order, found without recursion (so a tree of
    any depth is safe); what an element of a type in `skip` holds is left out."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):  # an element, or a citation with its own inlines
            if "t" in item:
                yield item
                if item["t"] in skip:
                    continue
            stack.extend(reversed([value for value in item.values()
                                   if isinstance(value, list | dict)]))


def stringify(node: Any) -> str:
    """The plain text of inlines or blocks (notes and raw output left out)."""
    return " ".join(_text(node).split())


def _text(node: Any) -> str:
    if isinstance(node, list):
        return "".join(_text(item) for item in node)
    if not isinstance(node, dict) or "t" not in node:
        return ""
    kind, content = node["t"], node.get("c")
    if kind == "Str":
        return content
    if kind in ("Space", "SoftBreak", "LineBreak"):
        return " "
    if kind in ("Code", "Math"):
        return literal_text(node)
    if kind == "Quoted":
        mark = "\u2018\u2019" if content[0]["t"] == "SingleQuote" else "\u201c\u201d"
        return mark[0] + _text(children(node)) + mark[1]
    if kind in ("Note", "RawInline", "RawBlock"):
        return ""
    if kind in ("Para", "Plain", "Header"):
        return " " + _text(content) + " "
    return _text(content)


def attr_of(element: Element) -> Attr | None:
    """An element's attributes, or None for a type that has none (Str, Para, …)."""
    at = _ATTR_AT.get(element["t"])
    return None if at is None else element["c"][at]


def _attr(element: Element) -> Attr:
    attr = attr_of(element)
    if attr is None:
        raise TypeError(f"a {element['t']} has no attributes")
    return attr


def identifier(element: Element) -> str:
    """The id (`{#the-id}`) of an element with attributes; empty when it has none."""
    return _attr(element)[0]


def classes(element: Element) -> list[str]:
    return _attr(element)[1]


def attribute_pairs(element: Element) -> list[list[str]]:
    """The key-value attributes as written: in order, a repeated key kept."""
    return _attr(element)[2]


def attributes(element: Element) -> dict[str, str]:
    """The key-value attributes as a mapping (of a repeated key, the last)."""
    return dict(attribute_pairs(element))


def make_attr(ident: str = "", class_names: Iterable[str] = (),
              pairs: Iterable[tuple[str, str] | list[str]] = ()) -> Attr:
    return [ident, list(class_names), [[key, value] for key, value in pairs]]


def with_attributes(element: Element, pairs: Iterable[tuple[str, str] | list[str]]) -> Element:
    """A copy of `element` with other key-value attributes, its id and classes kept."""
    attr = make_attr(identifier(element), classes(element), pairs)
    return _with_part(element, _ATTR_AT[element["t"]], attr)


def without_attribute(element: Element, key: str) -> Element:
    """A copy of `element` without the key-value attribute `key`."""
    return with_attributes(element, [(name, value) for name, value in attribute_pairs(element)
                                     if name != key])


def div_class(element: Element, names: Container[str]) -> str | None:
    """The first class of a div that is one of `names`; None for any other element."""
    if element["t"] != "Div":
        return None
    return next((name for name in classes(element) if name in names), None)


def children(element: Element) -> list[Element]:
    """The inlines or blocks an element holds: a heading's text, an image's description,
    a div's blocks, a paragraph's inlines."""
    if element["t"] in _ONLY_CHILDREN:
        return element["c"]
    return element["c"][_CHILDREN_AT[element["t"]]]


def with_children(element: Element, new: list[Element]) -> Element:
    """A copy of `element` holding `new` in place of its inlines or blocks."""
    if element["t"] in _ONLY_CHILDREN:
        return {**element, "c": new}
    return _with_part(element, _CHILDREN_AT[element["t"]], new)


def heading_level(element: Element) -> int:
    return element["c"][0]


def with_heading_level(element: Element, level: int) -> Element:
    return _with_part(element, 0, level)


def target_of(element: Element) -> Target:
    """The url and title of a link or an image."""
    url, title = element["c"][2]
    return Target(url, title)


def with_url(element: Element, url: str) -> Element:
    """A copy of a link or an image pointing at `url`, its title kept."""
    return _with_part(element, 2, [url, target_of(element).title])


def caption_blocks(element: Element) -> list[Element]:
    """The blocks of a table's or a figure's caption (its long form)."""
    return element["c"][1][1]


def citation_ids(element: Element) -> list[str]:
    """The keys a Cite cites (`[@a; @b]`), in order."""
    return [citation["citationId"] for citation in element["c"][0]]


def literal_text(element: Element) -> str:
    """The text of code, math or a raw element, as written."""
    if element["t"] not in _LITERAL:
        raise TypeError(f"a {element['t']} holds no literal text")
    return element["c"][1]


def _with_part(element: Element, at: int, value: Any) -> Element:
    """A copy of `element` whose contents hold `value` at position `at`."""
    contents = list(element["c"])
    contents[at] = value
    return {**element, "c": contents}


def span(attr: Attr, inlines: list[Element]) -> Element:
    return {"t": "Span", "c": [attr, inlines]}


def div(attr: Attr, blocks: list[Element]) -> Element:
    return {"t": "Div", "c": [attr, blocks]}


def link(attr: Attr, inlines: list[Element], url: str, title: str = "") -> Element:
    return {"t": "Link", "c": [attr, inlines, [url, title]]}


def meta_string(value: str) -> Element:
    return {"t": "MetaString", "c": value}


def text_inlines(text: str) -> list[Element]:
    """Plain text as inlines: words and spaces, every character taken as written."""
    inlines: list[Element] = []
    for index, word in enumerate(text.split(" ")):
        if index:
            inlines.append({"t": "Space"})
        if word:
            inlines.append({"t": "Str", "c": word})
    return inlines


def meta_inlines(text: str) -> Element:
    """Plain text as MetaInlines, so every writer escapes it for its own format."""
    return {"t": "MetaInlines", "c": text_inlines(text)}


def raw_inline(fmt: str, text: str) -> Element:
    return {"t": "RawInline", "c": [fmt, text]}


def raw_block(fmt: str, text: str) -> Element:
    return {"t": "RawBlock", "c": [fmt, text]}


def typst_string(text: str) -> str:
    """`text` as a Typst string literal, for the raw Typst that transforms write."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
