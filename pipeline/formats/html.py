"""HTML: one standalone page per publication and language, resources embedded."""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Callable
from pathlib import Path

from pipeline.content.model import Brand
from pipeline.document import boxes, key_figures, pandoc
from pipeline.document.prepared import Document, metadata, with_metadata
from pipeline.document.transforms import shift_headings
from pipeline.document.tree import (
    Element,
    Splice,
    caption_blocks,
    children,
    classes,
    div,
    link,
    make_attr,
    meta_inlines,
    meta_string,
    raw_inline,
    stringify,
    target_of,
    walk,
    with_children,
)
from pipeline.formats.legible import legible_width
from pipeline.formats.web_images import web_sized
from pipeline.formats.webfonts import web_font
from pipeline.render.charts import NARROW_SCREEN, narrow_variant
from pipeline.render.localizer import LANGUAGE_NAMES, language_tag
from pipeline.resources import TEMPLATES

HTML_TEMPLATES = TEMPLATES / "html"
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# A table of at most this many body rows is kept on one printed page.
SHORT_TABLE_ROWS = 12
MEDIA_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def write(document: Document, target: Path) -> None:
    ast = key_figures.for_html(boxes.for_html(document.ast, document.gettext))
    ast = publication_links(narrow_pictures(ast, document.work_dir), document.lang)
    ast = web_sized(ast, document.work_dir / "web-images")
    ast = scrollable_tables(scrollable_figures(ast, document.gettext), document.gettext)
    if document.layout.title_block:
        # The title is the page's one h1, so the chapters' headings start at h2.
        ast = shift_headings(ast, 1)
    ast = with_metadata(ast, {**metadata(document), **version_links(document)})
    brand_css = document.work_dir / f"brand-{document.lang}.css"
    brand_css.write_text(brand_stylesheet(document.brand, web_font_cache(document.work_dir.parent)),
                         encoding="utf-8")
    args = [
        "--standalone",
        "--template", str(HTML_TEMPLATES / "publication.html"),
        "--section-divs",
        "--wrap=none",
        "--mathml",  # formulas as MathML, which browsers draw and screen readers read
        "--embed-resources",
        "--css", str(brand_css),
        "--css", str(HTML_TEMPLATES / "publication.css"),
        "--variable", f"html-lang={document.lang}",
        "--variable", f"date-iso={document.date.isoformat()}",
        "--variable", f"kind={document.publication.kind}",
        "--resource-path", str(document.work_dir),
    ]
    if document.toc:  # two levels of chapters, counted after the shift above
        depth = 3 if document.layout.title_block else 2
        args += ["--toc", f"--toc-depth={depth}"]
    if document.logo:
        args += ["--variable", f"logo-path={document.logo}"]
    if document.layout.title_block:
        args += ["--variable", "show-title"]
    pandoc.write(ast, "html5", args, output=target)


def publication_links(ast: pandoc.Ast, lang: str) -> pandoc.Ast:
    """A span naming another publication (`render/views.statement_links`) links to its HTML
    in the same language, which lies in the output folder beside this one's."""
    def to_link(element: Element) -> Element | None:
        if element["t"] != "Span" or "publication-link" not in classes(element):
            return None
        slug = next((c[3:] for c in classes(element) if c.startswith("to-")), None)
        if slug is None or not SLUG.fullmatch(slug):
            return None
        return link(make_attr(), children(element), f"../{slug}/{slug}-{lang}.html")

    return {**ast, "blocks": walk(ast["blocks"], to_link, {"Span"})}


def version_links(document: Document) -> dict[str, object]:
    """The page header's links: this version as PDF and DOCX, and the other languages' pages.

    Every version lies in the same folder (`<slug>-<lang>.<format>`), so each link is
    the file's name alone and works wherever the folder is put.
    """
    _ = document.gettext
    publication, lang = document.publication, document.lang
    downloads = [(fmt, label) for fmt, label in
                 (("pdf", _("Download PDF")), ("docx", _("Download Word (DOCX)")))
                 if fmt in publication.formats]
    links = [{"href": meta_string(f"{publication.slug}-{lang}.{fmt}"),
              "label": meta_inlines(label), "type": meta_string(MEDIA_TYPES[fmt])}
             for fmt, label in downloads]
    others = [{"href": meta_string(f"{publication.slug}-{other}.html"),
               "label": meta_inlines(LANGUAGE_NAMES[other]),
               "hreflang": meta_string(language_tag(other))}
              for other in publication.languages if other != lang]
    if "html" not in publication.formats or not (links or others):
        return {}
    return {"downloads": {"t": "MetaList", "c": [_meta_map(link) for link in links]},
            "languages": {"t": "MetaList", "c": [_meta_map(link) for link in others]},
            "versions-label": meta_inlines(_("Other versions"))}


def _meta_map(values: dict[str, object]) -> Element:
    return {"t": "MetaMap", "c": values}


def narrow_pictures(ast: pandoc.Ast, build: Path) -> pandoc.Ast:
    """A chart the build drew also narrow is served narrow on a phone: the image inside a
    `<picture>` whose source holds the narrow drawing (embedded here: pandoc embeds an
    image's `src`, not a source's `srcset`). The image keeps its alt text."""
    def picture(element: Element) -> Splice | None:
        if element["t"] != "Image":
            return None
        wide = Path(target_of(element).url)
        narrow = narrow_variant(wide)
        if (wide.suffix != ".svg" or not narrow.resolve().is_relative_to(build.resolve())
                or not narrow.is_file()):
            return None
        data = base64.b64encode(narrow.read_bytes()).decode("ascii")
        source = (f'<picture><source media="(max-width: {NARROW_SCREEN})" '
                  f'srcset="data:image/svg+xml;base64,{data}">')
        return Splice([raw_inline("html", source), element, raw_inline("html", "</picture>")])

    return {**ast, "blocks": walk(ast["blocks"], picture, {"Image"})}


def scrollable_figures(ast: pandoc.Ast, gettext: Callable[[str], str]) -> pandoc.Ast:
    """A picture whose text would read smaller than 12 px at the column's width keeps the
    width it needs and scrolls sideways in a focusable region named by its caption."""
    def figure(element: Element) -> Element | None:
        if element["t"] != "Figure":
            return None
        images = [block["c"][0] for block in children(element)
                  if block["t"] in ("Plain", "Para") and len(block["c"]) == 1
                  and block["c"][0]["t"] == "Image"]
        if len(images) != 1 or not target_of(images[0]).url.endswith(".svg"):
            return None
        width = legible_width(Path(target_of(images[0]).url))
        if width is None:
            return None
        label = html.escape(stringify(caption_blocks(element)) or gettext("Figure"))
        opening = (f'<div class="figure-scroll" role="region" tabindex="0" '
                   f'aria-label="{label}" style="--legible-width: {width}px">')
        wrapped = {"t": "Plain", "c": [raw_inline("html", opening), images[0],
                                        raw_inline("html", "</div>")]}
        return with_children(element, [wrapped if block["t"] in ("Plain", "Para")
                                       and block["c"][:1] == images else block
                                       for block in children(element)])

    return {**ast, "blocks": walk(ast["blocks"], figure, {"Figure"})}


def scrollable_tables(ast: pandoc.Ast, gettext: Callable[[str], str]) -> pandoc.Ast:
    """Each table inside a region that scrolls sideways when the table is wider than the
    screen: focusable, so a keyboard can scroll it, and named by the table's caption. The
    table itself stays a table (a `display: block` table loses its semantics)."""
    def wrap(element: Element) -> Element | None:
        if element["t"] != "Table":
            return None
        label = stringify(caption_blocks(element)) or gettext("Table")
        names = ["table-scroll", *(["short"] if _body_rows(element) <= SHORT_TABLE_ROWS else [])]
        attr = make_attr(class_names=names,
                         pairs=[("role", "region"), ("tabindex", "0"), ("aria-label", label)])
        return div(attr, [element])

    return {**ast, "blocks": walk(ast["blocks"], wrap, {"Table"})}


def _body_rows(table: Element) -> int:
    bodies = table["c"][4]
    return sum(len(body[2]) + len(body[3]) for body in bodies)


def web_font_cache(build_root: Path) -> Path:
    """Where a build keeps the web fonts its pages and the index embed."""
    return build_root / "_webfonts"


def brand_stylesheet(brand: Brand, font_cache: Path) -> str:
    """CSS custom properties and @font-face rules generated from the brand file."""
    faces = [
        "@font-face {\n"
        f'  font-family: "{font.family}";\n'
        f'  src: url("{web_font(font.path, font_cache)}") format("woff");\n'
        f"  font-weight: {font.weight};\n"
        f"  font-style: {font.style};\n"
        "  font-display: swap;\n}"
        for font in brand.fonts
    ]
    colors = "\n".join(f"  --color-{role}: {value};" for role, value in brand.colors.items())
    root = (
        ":root {\n"
        f"{colors}\n"
        f"  --color-heading: {brand.heading_color};\n"
        f'  --font-base: "{brand.base_family}";\n'
        f'  --font-heading: "{brand.heading_family}";\n'
        f"  --heading-weight: {brand.heading_weight};\n"
        f"  --line-height: {brand.line_height};\n"
        "}"
    )
    return "\n".join([*faces, root]) + "\n"
