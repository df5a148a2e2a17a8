"""Bar charts drawn with matplotlib: SVG for HTML and PDF, PNG for DOCX.

Each chart is also drawn narrow for a phone (`narrow_variant`): the HTML serves
it below NARROW_SCREEN, where the wide drawing would shrink its text below 12 px.

A chart's alt text is written from its data, so a reader who cannot see the
picture gets the same numbers. The files are the same bytes on every build.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from pipeline import cache
from pipeline.content.model import Brand
from pipeline.render.localizer import Localizer
from pipeline.render.markdown_text import Markdown, escape_text

if TYPE_CHECKING:
    import matplotlib.axes
    import matplotlib.figure


@functools.cache
def _pyplot() -> ModuleType:
    """matplotlib, imported when a picture is drawn: half a second a build up to date saves."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams["svg.hashsalt"] = "ncp"
    plt.rcParams["svg.fonttype"] = "path"
    return plt


# The narrow drawing's width: at 288 CSS px (a 320 px screen less its margins) its
# 11 pt text renders at 13 px; NARROW_SCREEN is the widest screen that is served it.
NARROW_INCHES = 3.4
NARROW_FONT = 11
NARROW_SCREEN = "40rem"


@dataclass(frozen=True)
class BarChart:
    name: str
    title: str
    labels: list[str]
    values: list[float]
    axis_label: str

    def alt_text(self, localizer: Localizer) -> str:
        pairs = ", ".join(f"{label}: {localizer.number(value)}"
                          for label, value in zip(self.labels, self.values, strict=True))
        kind = localizer.gettext("Bar chart")
        return f"{kind}. {self.title}. {pairs}."


def _use_brand_fonts(brand: Brand) -> str:
    from matplotlib import font_manager

    for font in brand.fonts:
        font_manager.fontManager.addfont(str(font.path))
    return brand.base_family if brand.fonts else "DejaVu Sans"


def draw(chart: BarChart, brand: Brand, localizer: Localizer, folder: Path) -> Markdown:
    """Write the chart as SVG and PNG under `folder`; return its Markdown figure."""
    stem = folder / f"{chart.name}-{localizer.lang}"
    numbers = [localizer.number(v) for v in chart.values]

    def draw_bars() -> None:
        plt = _pyplot()
        from matplotlib import ticker

        height = 0.9 + 0.45 * len(chart.labels)
        with plt.rc_context({"font.family": _use_brand_fonts(brand), "font.size": 10}):
            figure, axes = plt.subplots(figsize=(6.4, height))
            positions = list(range(len(chart.labels)))[::-1]
            bars = axes.barh(positions, chart.values, color=brand.colors["primary"], height=0.6)
            axes.set_yticks(positions, chart.labels)
            axes.bar_label(bars, labels=numbers, padding=3)
            axes.set_xlabel(chart.axis_label)
            axes.xaxis.set_major_locator(ticker.MaxNLocator(integer=True))
            axes.xaxis.set_major_formatter(
                ticker.FuncFormatter(lambda v, _pos: localizer.number(v)))
            axes.spines[["top", "right"]].set_visible(False)
            axes.set_xlim(0, max([*chart.values, 1]) * 1.15)
            figure.tight_layout()
            _save(figure, stem)
        _narrow_bars(chart, numbers, brand, narrow_variant(stem.with_suffix(".svg")))

    cache.made(_pictures(stem), [repr((chart, numbers, brand, localizer.lang))], draw_bars)
    return _figure_markdown(chart.name, chart.title, chart.alt_text(localizer), stem)


def _narrow_bars(chart: BarChart, numbers: list[str], brand: Brand, target: Path) -> None:
    """The bars for a phone: each label on its own line above its bar, the number at the
    bar's end, no axis (the numbers are on the bars)."""
    plt = _pyplot()
    step = 0.62
    with plt.rc_context({"font.family": _use_brand_fonts(brand), "font.size": NARROW_FONT}):
        figure, axes = plt.subplots(figsize=(NARROW_INCHES, 0.2 + step * len(chart.labels)))
        top = max([*chart.values, 1])
        for index, (label, value, number) in enumerate(
                zip(chart.labels, chart.values, numbers, strict=True)):
            y = -index * 2.0
            axes.text(0, y + 0.55, label, va="bottom", color=brand.colors["foreground"])
            axes.barh(y, value, height=0.8, color=brand.colors["primary"], align="center")
            axes.text(value + top * 0.02, y, number, va="center", color=brand.colors["foreground"])
        axes.set_xlim(0, top * 1.18)
        axes.set_ylim(-2.0 * len(chart.labels) + 1.2, 1.6)
        axes.axis("off")
        figure.tight_layout(pad=0.2)
        _save_svg(figure, target)


def narrow_variant(svg: Path) -> Path:
    """Where the narrow drawing of a chart lies, beside its wide SVG."""
    return svg.with_name(f"{svg.stem}-narrow.svg")


def _pictures(stem: Path) -> list[Path]:
    """The files of a picture: SVG for HTML and PDF, PNG for DOCX, a narrow SVG for phones."""
    return [stem.with_suffix(".svg"), stem.with_suffix(".png"),
            narrow_variant(stem.with_suffix(".svg"))]


def _save_svg(figure: matplotlib.figure.Figure, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(target, metadata={"Date": None})
    _pyplot().close(figure)


def _save(figure: matplotlib.figure.Figure, stem: Path) -> None:
    stem.parent.mkdir(parents=True, exist_ok=True)
    svg, png, _narrow = _pictures(stem)
    figure.savefig(svg, metadata={"Date": None})
    figure.savefig(png, dpi=200, metadata={"Software": None})
    _pyplot().close(figure)


@dataclass(frozen=True)
class FlowStep:
    label: str
    note: str


def draw_flow(name: str, title: str, steps: list[FlowStep], brand: Brand, localizer: Localizer,
              folder: Path) -> Markdown:
    """A top-to-bottom flow of boxes joined by arrows, with a note under each label."""
    stem = folder / f"{name}-{localizer.lang}"
    box_height, gap = 0.9, 0.35
    height = len(steps) * (box_height + gap)

    def draw_boxes(inches: float, font: float) -> matplotlib.figure.Figure:
        plt = _pyplot()
        with plt.rc_context({"font.family": _use_brand_fonts(brand), "font.size": font}):
            figure, axes = plt.subplots(figsize=(inches, height * 0.05 * font))
            axes.set_xlim(0, 10)
            axes.set_ylim(-0.1, height)
            axes.axis("off")
            for index, step in enumerate(steps):
                _flow_box(axes, index, step, height - index * (box_height + gap),
                          box_height, gap, brand, last=index == len(steps) - 1)
            figure.tight_layout(pad=0.2)
        return figure

    def draw_both() -> None:
        _save(draw_boxes(4.6, 10), stem)
        # The narrow drawing is taller for its width, so its text can be larger.
        _save_svg(draw_boxes(NARROW_INCHES, NARROW_FONT + 1),
                  narrow_variant(stem.with_suffix(".svg")))

    cache.made(_pictures(stem), [repr((name, steps, brand, localizer.lang))], draw_both)
    alt = localizer.gettext("Diagram") + ". " + title + ": " + "; ".join(
        f"{index + 1}. {step.label}" + (f" ({step.note})" if step.note else "")
        for index, step in enumerate(steps)) + "."
    return _figure_markdown(name, title, alt, stem)


def _flow_box(axes: matplotlib.axes.Axes, index: int, step: FlowStep, top: float,
              box_height: float, gap: float, brand: Brand, last: bool) -> None:
    import matplotlib
    from matplotlib.patches import FancyBboxPatch

    axes.add_patch(FancyBboxPatch(
        (0.3, top - box_height), 9.4, box_height - 0.05,
        boxstyle="round,pad=0.02,rounding_size=0.15",
        facecolor=brand.colors["light"], edgecolor=brand.colors["primary"]))
    axes.text(0.7, top - 0.32, f"{index + 1}. {step.label}", fontweight="bold",
              color=brand.colors["dark"], va="center")
    if step.note:
        axes.text(0.7, top - 0.66, step.note, color=brand.colors["foreground"], va="center",
                  fontsize=0.9 * matplotlib.rcParams["font.size"])
    if not last:
        axes.annotate("", xy=(5, top - box_height - gap + 0.02),
                      xytext=(5, top - box_height - 0.02),
                      arrowprops={"arrowstyle": "-|>", "color": brand.colors["primary"]})


def _figure_markdown(name: str, caption: str, alt: str, stem: Path) -> Markdown:
    alt = alt.replace("\\", "").replace('"', "'")
    return Markdown(f'![{escape_text(caption)}](<{stem.with_suffix(".svg")}>){{#fig-{name} '
                    f'fig-alt="{alt}" width=100%}}')
