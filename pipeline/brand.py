"""The brand file (`_brand.yml`, the brand.yml schema Quarto uses).

One file drives the CSS, the Typst template and the DOCX reference document.
Only the parts of the schema this pipeline uses are read: colours with a
palette, font files, base and heading typography, and the logo.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline.media import font_problem, image_problem
from pipeline.model import Text
from pipeline.problems import Position, Problems
from pipeline.records import Record
from pipeline.yamlfile import load_yaml

COLOR_ROLES = ("primary", "secondary", "foreground", "background", "light", "dark")


@dataclass(frozen=True)
class FontFile:
    family: str
    path: Path
    weight: int
    style: str


@dataclass
class Brand:
    name: str
    colors: dict[str, str]
    fonts: list[FontFile]
    base_family: str
    base_size_pt: float
    line_height: float
    heading_family: str
    heading_weight: int
    heading_color: str
    monospace_family: str
    logo: Path | None
    logo_alt: Text | None
    path: Path

    @property
    def font_dirs(self) -> list[Path]:
        return sorted({font.path.parent for font in self.fonts})


DEFAULT_COLORS = {
    "primary": "#1f4e79",
    "secondary": "#5b6770",
    "foreground": "#1a1a1a",
    "background": "#ffffff",
    "light": "#eef3f8",
    "dark": "#0f2a44",
}


def load_brand(path: Path, problems: Problems, languages: list[str]) -> Brand | None:
    data = load_yaml(path, problems)
    if data is None:
        return None
    record = Record(data, Position(path, 1, 1), "the brand file",
                    ("meta", "color", "typography", "logo", "defaults"), problems, languages)
    meta = record.child("meta", "meta", ("name", "link"), required=False)
    colors = _colors(record.child("color", "color", (*COLOR_ROLES, "palette"), required=False))
    typography = record.child("typography", "typography",
                              ("fonts", "base", "headings", "monospace", "link"), required=False)
    fonts = _fonts(typography, path.parent, problems)
    base = typography.child("base", "base typography", ("family", "size", "line-height", "weight"),
                            required=False)
    headings = typography.child("headings", "heading typography",
                                ("family", "weight", "color", "style", "line-height"),
                                required=False)
    mono = typography.child("monospace", "monospace typography", ("family", "size", "weight"),
                            required=False)
    base_family = base.string("family", required=False) or "Libertinus Serif"
    logo, alt = _logo(record, path.parent, problems)
    heading_color = headings.string("color", required=False) or "primary"
    return Brand(
        name=meta.string("name", required=False) or "",
        colors=colors,
        fonts=fonts,
        base_family=base_family,
        base_size_pt=_points(base, "size", 11.0),
        line_height=_number(base, "line-height", 1.45),
        heading_family=headings.string("family", required=False) or base_family,
        heading_weight=headings.integer("weight", required=False) or 700,
        heading_color=colors.get(heading_color, heading_color),
        monospace_family=mono.string("family", required=False) or "DejaVu Sans Mono",
        logo=logo,
        logo_alt=alt,
        path=path,
    )


def _colors(record: Record) -> dict[str, str]:
    palette = record.data.get("palette") or {}
    if not isinstance(palette, dict):
        record.problems.error(record.where("palette"), "the palette must map names to colours")
        palette = {}
    colors = dict(DEFAULT_COLORS)
    for role in COLOR_ROLES:
        value = record.string(role, required=False)
        if value is not None:
            colors[role] = str(palette.get(value, value))
        if not isinstance(colors[role], str):
            colors[role] = ""
    for role, value in colors.items():
        if not (value.startswith("#") and len(value) in (4, 7)):
            record.problems.error(record.where(role), f"colour '{role}' must be '#rrggbb'",
                                  "use a hex colour or a name from the palette")
            colors[role] = DEFAULT_COLORS[role]
    return colors


def _fonts(typography: Record, folder: Path, problems: Problems) -> list[FontFile]:
    fonts = []
    for font in typography.children("fonts", "a font", ("family", "source", "files")):
        family = font.string("family")
        source = font.choice("source", ("file", "system"), required=False) or "system"
        if source != "file" or family is None:
            continue
        for entry in font.children("files", "a font file", ("path", "weight", "style")):
            relative = entry.string("path")
            if relative is None:
                continue
            path = (folder / relative).resolve()
            if not path.is_file():
                problems.error(entry.where("path"), f"font file '{relative}' does not exist")
                continue
            if (wrong := font_problem(path)) is not None:
                problems.error(entry.where("path"), f"font file '{relative}' {wrong}")
                continue
            weight = entry.integer("weight", required=False) or 400
            style = entry.choice("style", ("normal", "italic"), required=False) or "normal"
            fonts.append(FontFile(family, path, weight, style))
    return fonts


def _logo(record: Record, folder: Path, problems: Problems) -> tuple[Path | None, Text | None]:
    logo = record.child("logo", "logo", ("images", "small", "medium", "large"), required=False)
    images = logo.data.get("images") or {}
    if not isinstance(images, dict):
        problems.error(logo.where("images"), "the logo's images must map names to images")
        images = {}
    size = next((s for s in ("medium", "large", "small") if logo.data.get(s)), None)
    if size is None:
        return None, None
    chosen = logo.data[size]
    entry = images.get(chosen, chosen) if isinstance(chosen, str) else chosen
    where = logo.where(size)
    if not isinstance(entry, dict):
        problems.error(where, "the logo needs alt text",
                       "write the logo as {path: logo.svg, alt: 'what the logo shows'}")
        return None, None
    image = Record(entry, where, "the logo", ("path", "alt"), problems, record.languages)
    relative, alt = image.string("path"), image.text("alt")
    if relative is None:
        return None, alt
    path = (folder / relative).resolve()
    if not path.is_file():
        problems.error(image.where("path"), f"logo file '{relative}' does not exist")
        return None, alt
    if (wrong := image_problem(path)) is not None:
        problems.error(image.where("path"), f"logo file '{relative}' {wrong}")
        return None, alt
    return path, alt


def _number(record: Record, key: str, default: float) -> float:
    value = record.data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float):
        record.problems.error(record.where(key), f"'{key}' must be a number, such as {default}")
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
    record.problems.error(record.where(key), f"'{size}' is not a font size",
                          "write it as 11pt")
    return default
