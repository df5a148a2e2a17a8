"""The annual report (årsrapport): the plan's year, its results and its cases."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import cast

from pipeline.content.model import Content, Publication
from pipeline.document.layout import Layout
from pipeline.messages import tr
from pipeline.problems import Problems
from pipeline.render import labels
from pipeline.render.charts import BarChart, draw
from pipeline.render.localizer import Localizer
from pipeline.render.markdown_text import Markdown
from pipeline.render.views import (
    Absent,
    Cases,
    PlanView,
    base_context,
    plan_view,
    results_view,
    year_plan,
)

LAYOUT = Layout()


def context(content: Content, publication: Publication, localizer: Localizer, charts: Path,
            problems: Problems) -> dict[str, object]:
    names = base_context(content, publication, localizer)
    year = publication.year
    plan = year_plan(content, publication, problems)
    if plan is None:  # reported; what uses it stays silent
        names.update(plan=Absent(name="plan"), results=Absent(name="results"), year=year,
                     chart=Absent(name="chart"))
        return names
    results = content.results.get(year)
    view = plan_view(plan, results, localizer)
    names.update(plan=view, year=year)
    if results is not None:
        names["results"] = results_view(view, results)
    cases = cast(Cases, names["cases"])
    charts_by_name = {
        "case-stages": lambda: _case_stages(cases, year, localizer),
        "activity-status": lambda: _activity_status(view, localizer),
    }

    def chart(name: str) -> Markdown:
        if name not in charts_by_name:
            raise ValueError(tr("no chart named '{name}' (charts: {charts})", name=name,
                                charts=", ".join(charts_by_name)))
        return draw(charts_by_name[name](), content.brand, localizer, charts)

    names["chart"] = chart
    return names


def _case_stages(cases: Cases, year: int, localizer: Localizer) -> BarChart:
    """Every case handled in the year (`cases.active`), by where it stood at the year's end."""
    counts = Counter(
        labels.label(localizer, labels.STEP, s.step) if s.open
        else labels.label(localizer, labels.OUTCOME, s.outcome)
        for s in cases.standings(year))
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return BarChart(
        "case-stages",
        localizer.gettext("Cases handled in {year}, by stage or outcome at the end of the year")
        .format(year=year),
        [label for label, _ in ordered], [count for _, count in ordered],
        localizer.gettext("Number of cases"),
    )


def _activity_status(plan: PlanView, localizer: Localizer) -> BarChart:
    counts = plan.status_counts()
    return BarChart(
        "activity-status",
        localizer.gettext("Activities of the plan for {year}, by status").format(year=plan.year),
        [labels.label(localizer, labels.STATUS, status) for status in counts],
        list(counts.values()), localizer.gettext("Number of activities"),
    )
