"""The business plan (virksomhetsplan) itself, laid out from plans/<year>.yaml."""

from __future__ import annotations

from pathlib import Path

from pipeline.content.model import Content, Publication
from pipeline.document.layout import Layout
from pipeline.problems import Problems
from pipeline.render.localizer import Localizer
from pipeline.render.views import Absent, base_context, plan_view, year_plan

# The plan's goals, sub-goals, activities and tasks follow any introduction chapters.
LAYOUT = Layout(chapter_breaks=False, after="plan-body.md")


def context(content: Content, publication: Publication, localizer: Localizer, charts: Path,
            problems: Problems) -> dict[str, object]:
    names = base_context(content, publication, localizer)
    plan = year_plan(content, publication, problems)
    if plan is None:  # reported; what uses it stays silent
        names.update(plan=Absent(name="plan"), year=publication.year)
        return names
    names.update(plan=plan_view(plan, None, localizer), year=publication.year)
    return names
