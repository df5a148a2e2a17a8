"""Målform balance (språklova § 13): words in bokmål, nynorsk and English per year.

A central state body must publish at least 25 % of each Norwegian written
form over time. This counts the words of every publication dated in a year,
per language, following `lang` marks inside a document (a bokmål passage in
an English report counts as bokmål).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from pipeline.checks.plain_language import Readability
from pipeline.content.model import Brand
from pipeline.document.prepared import Document
from pipeline.document.tree import Element, attributes, children, literal_text
from pipeline.render.charts import BarChart, draw
from pipeline.render.localizer import Localizer
from pipeline.render.markdown_text import escape_text

MINIMUM_SHARE = 0.25
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


@dataclass(frozen=True)
class Row:
    slug: str
    title: str
    words: Counter[str]


@dataclass(frozen=True)
class Balance:
    year: int
    rows: list[Row]

    @property
    def total(self) -> Counter[str]:
        total: Counter[str] = Counter()
        for row in self.rows:
            total.update(row.words)
        return total

    def share(self, lang: str) -> float:
        norwegian = self.total["nb"] + self.total["nn"]
        return self.total[lang] / norwegian if norwegian else 0.0

    def too_low(self) -> list[str]:
        """The Norwegian written forms under the minimum share."""
        if not self.total["nb"] + self.total["nn"]:
            return []
        return [lang for lang in ("nb", "nn") if self.share(lang) < MINIMUM_SHARE]


def balance(year: int, documents: list[Document]) -> Balance:
    rows: dict[str, Row] = {}
    for document in documents:
        slug = document.publication.slug
        row = rows.setdefault(slug, Row(slug, document.title, Counter()))
        row.words.update(words_by_language(document.ast["blocks"], document.lang))
    return Balance(year, sorted(rows.values(), key=lambda r: r.slug))


def words_by_language(node: object, lang: str) -> Counter[str]:
    """Words of `node` per language, `lang` unless a Div or Span says otherwise."""
    counts: Counter[str] = Counter()
    if isinstance(node, list):
        for item in node:
            counts.update(words_by_language(item, lang))
        return counts
    if not isinstance(node, dict) or "t" not in node:
        return counts
    element: Element = node
    kind = element["t"]
    if kind == "Str":
        counts[lang] += len(_WORD.findall(element["c"]))
    elif kind in ("Code", "CodeBlock"):
        counts[lang] += len(_WORD.findall(literal_text(element)))
    elif kind in ("Div", "Span"):
        own = attributes(element).get("lang", lang).split("-")[0]
        counts.update(words_by_language(children(element), own))
    elif kind not in ("RawInline", "RawBlock", "Image"):
        counts.update(words_by_language(element.get("c"), lang))
    return counts


def report_markdown(result: Balance, localizer: Localizer, brand: Brand, charts: Path) -> str:
    """The balance as a table and a chart, written in `localizer`'s language."""
    _ = localizer.gettext
    names = {"nb": _("Bokmål"), "nn": _("Nynorsk"), "en": _("English")}
    # Translated outside the f-strings: `make locale` does not look inside them.
    publication, total_label = _("Publication"), _("Total")
    lines = [
        f"| {publication} | {names['nb']} | {names['nn']} | {names['en']} |",
        "|:---------------------------|------:|------:|------:|",
    ]
    for row in result.rows:
        counts = " | ".join(localizer.number(row.words[lang]) for lang in ("nb", "nn", "en"))
        lines.append(f"| {escape_text(row.title)} | {counts} |")
    total = " | ".join(f"**{localizer.number(result.total[lang])}**" for lang in ("nb", "nn", "en"))
    lines.append(f"| **{total_label}** | {total} |")
    lines.append("")
    lines.append(": " + escape_text(_("Words per publication and language, %(year)s")
                                    % {"year": result.year}))
    shares = (_("Of the Norwegian text, %(nb)s is bokmål and %(nn)s nynorsk.")
              % {"nb": localizer.percent(result.share("nb")),
                 "nn": localizer.percent(result.share("nn"))})
    warnings = [_("%(form)s is under the minimum of %(minimum)s.")
                % {"form": names[lang], "minimum": localizer.percent(MINIMUM_SHARE)}
                for lang in result.too_low()]
    chart = draw(BarChart(f"sprak-{result.year}",
                          _("Words published in %(year)s, by language") % {"year": result.year},
                          [names[lang] for lang in ("nb", "nn", "en")],
                          [result.total[lang] for lang in ("nb", "nn", "en")],
                          _("Words")), brand, localizer, charts)
    return "\n".join([escape_text(" ".join([shares, *warnings])), "", chart, "", *lines]) + "\n"


def readability_markdown(result: Balance, figures: dict[tuple[str, str], Readability],
                         localizer: Localizer) -> str:
    """LIX and the share of long sentences per publication and language, as a table."""
    _ = localizer.gettext
    headings = _("Publication"), _("Language"), "LIX", _("Sentences over 25 words")
    lines = ["| " + " | ".join(headings) + " |",
             "|:---------------------------|:------|------:|------:|"]
    for row in result.rows:
        for lang in ("nb", "nn", "en"):
            if (row.slug, lang) in figures:
                readability = figures[row.slug, lang]
                lines.append(f"| {escape_text(row.title)} | {lang} | "
                             f"{localizer.number(readability.lix, 0)} | "
                             f"{localizer.percent(readability.long_share)} |")
    caption = _("Plain language per publication and language, %(year)s") % {"year": result.year}
    return "\n".join([*lines, "", ": " + escape_text(caption)]) + "\n"
