"""The brand file (`_brand.yml`, the brand.yml schema Quarto uses).

One file drives the CSS, the Typst template and the DOCX reference document.
Only the parts of the schema this pipeline uses are read: colours with a
palette, font files, base and heading typography, and the logo.
"""

from __future__ import annotations

import re
from pathlib import Path

from pipeline.content.media import font_problem, image_problem
from pipeline.content.model import Brand, FontFile, Text
from pipeline.content.paths import outside_hint, resolve_inside
from pipeline.content.records import Record
from pipeline.content.shapes import (
    BRAND,
    COLOR_ROLES,
    COLORS,
    FAMILY_NAME,
    FONT,
    FONT_WEIGHT,
    HEX_COLOR,
    LOGO,
    TYPOGRAPHY,
)
from pipeline.content.yamlfile import load_yaml
from pipeline.messages import tr
from pipeline.problems import Position, Problems

# Brand values go into CSS and Typst source, so each must be a plain token, never markup.
COLOR = re.compile(HEX_COLOR)
FAMILY = re.compile(FAMILY_NAME)


DEFAULT_COLORS = {
    "primary": "#1f4e79",
    "secondary": "#5b6770",
    "foreground": "#1a1a1a",
    "background": "#ffffff",
    "light": "#eef3f8",
    "dark": "#0f2a44",
}


def default_brand(path: Path) -> Brand:
    """A plain brand, for checking chapters in a run whose brand file could not be read."""
    return Brand("", dict(DEFAULT_COLORS), [], "Libertinus Serif", 11.0, 1.45,
                 "Libertinus Serif", 700, DEFAULT_COLORS["primary"], "DejaVu Sans Mono",
                 None, None, path)


def load_brand(path: Path, root: Path, problems: Problems,
               languages: list[str]) -> Brand | None:
    data = load_yaml(path, problems)
    if data is None:
        return None
    record = Record(data, Position(path, 1, 1), tr("the brand file"), BRAND.names, problems,
                    languages)
    meta = record.child("meta", "meta", BRAND.part("meta").names, required=False)
    colors = _colors(record.child("color", "color", COLORS.names, required=False))
    typography = record.child("typography", "typography", TYPOGRAPHY.names, required=False)
    fonts = _fonts(typography, path.parent, root, problems)
    base = typography.child("base", tr("base typography"), TYPOGRAPHY.part("base").names,
                            required=False)
    headings = typography.child("headings", tr("heading typography"),
                                TYPOGRAPHY.part("headings").names, required=False)
    mono = typography.child("monospace", tr("monospace typography"),
                            TYPOGRAPHY.part("monospace").names, required=False)
    base_family = _family(base, "Libertinus Serif")
    logo, alt = _logo(record, path.parent, root, problems)
    return Brand(
        name=meta.string("name", required=False) or "",
        colors=colors,
        fonts=fonts,
        base_family=base_family,
        base_size_pt=_points(base, "size", 11.0),
        line_height=_number(base, "line-height", 1.45),
        heading_family=_family(headings, base_family),
        heading_weight=_weight(headings),
        heading_color=_heading_color(headings, colors),
        monospace_family=_family(mono, "DejaVu Sans Mono"),
        logo=logo,
        logo_alt=alt,
        path=path,
    )


def _colors(record: Record) -> dict[str, str]:
    palette = record.data.get("palette") or {}
    if not isinstance(palette, dict):
        record.problems.error(record.where("palette"),
                              tr("the palette must map names to colours"))
        palette = {}
    colors = dict(DEFAULT_COLORS)
    for role in COLOR_ROLES:
        value = record.string(role, required=False)
        if value is not None:
            colors[role] = str(palette.get(value, value))
        if not isinstance(colors[role], str):
            colors[role] = ""
    for role, value in colors.items():
        if not COLOR.fullmatch(value):
            record.problems.error(record.where(role),
                                  tr("colour '{role}' must be '#rrggbb'", role=role),
                                  tr("use a hex colour or a name from the palette"))
            colors[role] = DEFAULT_COLORS[role]
    return colors


def _heading_color(headings: Record, colors: dict[str, str]) -> str:
    value = headings.string("color", required=False) or "primary"
    color = colors.get(value, value)
    if not COLOR.fullmatch(color):
        headings.problems.error(headings.where("color"),
                                tr("'{value}' is not a colour", value=value),
                                tr("use a hex colour (#1f4e79) or a colour role such as "
                                   "primary"))
        return colors["primary"]
    return color


def _family(record: Record, default: str) -> str:
    """A font family name: letters, digits, spaces and hyphens only."""
    family = record.string("family", required=False) or default
    if not FAMILY.fullmatch(family):
        _bad_family(record, family)
        return default
    return family


def _bad_family(record: Record, family: str) -> None:
    record.problems.error(record.where("family"),
                          tr("'{family}' is not a font family name", family=family),
                          tr("a family name has letters, digits, spaces and hyphens only, "
                             "such as Inter or Source Sans 3"))


def _weight(record: Record) -> int:
    return record.integer("weight", FONT_WEIGHT, required=False) or 700


def _fonts(typography: Record, folder: Path, root: Path,
           problems: Problems) -> list[FontFile]:
    fonts = []
    for font in typography.children("fonts", tr("a font"), FONT.names):
        family = font.string("family")
        if family is not None and not FAMILY.fullmatch(family):
            _bad_family(font, family)
            continue
        source = font.choice("source", ("file", "system"), required=False) or "system"
        if source != "file" or family is None:
            continue
        for entry in font.children("files", tr("a font file"), FONT.part("files").names):
            relative = entry.string("path")
            if relative is None:
                continue
            path = resolve_inside(folder, relative, root)
            if path is None:
                problems.error(entry.where("path"),
                               tr("font file '{path}' lies outside the content folder",
                                  path=relative), outside_hint())
                continue
            if not path.is_file():
                problems.error(entry.where("path"),
                               tr("font file '{path}' does not exist", path=relative))
                continue
            if (wrong := font_problem(path)) is not None:
                problems.error(entry.where("path"),
                               tr("font file '{path}' {problem}", path=relative, problem=wrong))
                continue
            weight = entry.integer("weight", FONT_WEIGHT, required=False) or 400
            style = entry.choice("style", ("normal", "italic"), required=False) or "normal"
            fonts.append(FontFile(family, path, weight, style))
    return fonts


def _logo(record: Record, folder: Path, root: Path,
          problems: Problems) -> tuple[Path | None, Text | None]:
    logo = record.child("logo", "logo", LOGO.names, required=False)
    images = logo.data.get("images") or {}
    if not isinstance(images, dict):
        problems.error(logo.where("images"), tr("the logo's images must map names to images"))
        images = {}
    size = next((s for s in ("medium", "large", "small") if logo.data.get(s)), None)
    if size is None:
        return None, None
    chosen = logo.data[size]
    entry = images.get(chosen, chosen) if isinstance(chosen, str) else chosen
    where = logo.where(size)
    if not isinstance(entry, dict):
        problems.error(where, tr("the logo needs alt text"),
                       tr("write the logo as {example}",
                          example="{path: logo.svg, alt: '" + tr("what the logo shows") + "'}"))
        return None, None
    image = Record(entry, where, tr("the logo"), LOGO.part("images").names, problems,
                   record.languages)
    relative, alt = image.string("path"), image.text("alt")
    if relative is None:
        return None, alt
    path = resolve_inside(folder, relative, root)
    if path is None:
        problems.error(image.where("path"),
                       tr("logo file '{path}' lies outside the content folder", path=relative),
                       outside_hint())
        return None, alt
    if not path.is_file():
        problems.error(image.where("path"), tr("logo file '{path}' does not exist",
                                               path=relative))
        return None, alt
    if (wrong := image_problem(path)) is not None:
        problems.error(image.where("path"), tr("logo file '{path}' {problem}", path=relative,
                                               problem=wrong))
        return None, alt
    return path, alt


def _number(record: Record, key: str, default: float) -> float:
    value = record.data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float):
        record.problems.error(record.where(key), tr("'{key}' must be a number, such as {example}",
                                                    key=key, example=default))
        return default
    return float(value)


def _points(record: Record, key: str, default: float) -> float:
    """A font size in points, from '11pt', '14px', '1rem' or a bare number."""
    size = record.data.get(key, default)
    if isinstance(size, int | float) and not isinstance(size, bool):
        return float(size)
    text = str(size).strip()
    for unit, factor in (("pt", 1.0), ("px", 0.75), ("rem", 12.0), ("em", 12.0), ("", 1.0)):
        number = text.removesuffix(unit)
        if text.endswith(unit) and number.replace(".", "", 1).isdigit():
            return float(number) * factor
    record.problems.error(record.where(key), tr("'{size}' is not a font size", size=size),
                          tr("write it as 11pt"))
    return default
