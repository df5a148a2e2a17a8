"""HTML: one standalone page per publication and language, resources embedded."""

from __future__ import annotations

from pathlib import Path

from pipeline.content.model import Brand
from pipeline.document import boxes, key_figures, pandoc
from pipeline.document.prepared import Document, metadata, with_metadata
from pipeline.document.transforms import shift_headings
from pipeline.formats.webfonts import web_font
from pipeline.resources import TEMPLATES

HTML_TEMPLATES = TEMPLATES / "html"


def write(document: Document, target: Path) -> None:
    ast = key_figures.for_html(boxes.for_html(document.ast, document.gettext))
    if document.layout.title_block:
        # The title is the page's one h1, so the chapters' headings start at h2.
        ast = shift_headings(ast, 1)
    ast = with_metadata(ast, metadata(document))
    brand_css = document.work_dir / f"brand-{document.lang}.css"
    fonts = document.work_dir.parent / "_webfonts"
    brand_css.write_text(brand_stylesheet(document.brand, fonts), encoding="utf-8")
    args = [
        "--standalone",
        "--template", str(HTML_TEMPLATES / "publication.html"),
        "--section-divs",
        "--wrap=none",
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
