"""Bar charts drawn with matplotlib: SVG for HTML and PDF, PNG for DOCX.

A chart's alt text is written from its data, so a reader who cannot see the
picture gets the same numbers. The files are the same bytes on every build.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib import font_manager

from pipeline.brand import Brand
from pipeline.locale import Writer
from pipeline.markdown_text import Markdown, escape_text

plt.rcParams["svg.hashsalt"] = "ncp"
plt.rcParams["svg.fonttype"] = "path"


@dataclass(frozen=True)
class BarChart:
    name: str
    title: str
    labels: list[str]
    values: list[float]
    axis_label: str

    def alt_text(self, writer: Writer) -> str:
        pairs = ", ".join(f"{label}: {writer.number(value)}"
                          for label, value in zip(self.labels, self.values, strict=True))
        kind = writer.gettext("Bar chart")
        return f"{kind}. {self.title}. {pairs}."


def _use_brand_fonts(brand: Brand) -> str:
    for font in brand.fonts:
        font_manager.fontManager.addfont(str(font.path))
    return brand.base_family if brand.fonts else "DejaVu Sans"


def draw(chart: BarChart, brand: Brand, writer: Writer, folder: Path) -> Markdown:
    """Write the chart as SVG and PNG under `folder`; return its Markdown figure."""
    folder.mkdir(parents=True, exist_ok=True)
    family = _use_brand_fonts(brand)
    height = 0.9 + 0.45 * len(chart.labels)
    with plt.rc_context({"font.family": family, "font.size": 10}):
        figure, axes = plt.subplots(figsize=(6.4, height))
        positions = list(range(len(chart.labels)))[::-1]
        bars = axes.barh(positions, chart.values, color=brand.colors["primary"], height=0.6)
        axes.set_yticks(positions, chart.labels)
        axes.bar_label(bars, labels=[writer.number(v) for v in chart.values], padding=3)
        axes.set_xlabel(chart.axis_label)
        axes.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
        axes.xaxis.set_major_formatter(
            matplotlib.ticker.FuncFormatter(lambda v, _pos: writer.number(v)))
        axes.spines[["top", "right"]].set_visible(False)
        axes.set_xlim(0, max([*chart.values, 1]) * 1.15)
        figure.tight_layout()
        stem = folder / f"{chart.name}-{writer.lang}"
        figure.savefig(stem.with_suffix(".svg"), metadata={"Date": None})
        figure.savefig(stem.with_suffix(".png"), dpi=200, metadata={"Software": None})
        plt.close(figure)
    alt = chart.alt_text(writer).replace("\\", "").replace('"', "'")
    caption = escape_text(chart.title)
    return Markdown(f'![{caption}](<{stem.with_suffix(".svg")}>){{#fig-{chart.name} '
                    f'fig-alt="{alt}" width=100%}}')
