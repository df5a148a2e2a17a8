"""The information brochure about the complaint mechanism: A5, a cover and a back page.

Its diagram of the procedure is drawn from the same step vocabulary the case
files use, with the OECD indicative timeline, never pasted in as a picture.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.content.model import Content, Publication
from pipeline.content.vocabulary import INDICATIVE_MONTHS, STEPS
from pipeline.document.layout import Layout
from pipeline.problems import Problems
from pipeline.render import labels
from pipeline.render.charts import FlowStep, draw_flow
from pipeline.render.localizer import Localizer
from pipeline.render.markdown_text import Markdown
from pipeline.render.views import base_context

LAYOUT = Layout(template="brochure", paper="a5", toc=False, chapter_breaks=False)
NOTES = {
    "initial-assessment": labels.N_("about %(months)s months"),
    "good-offices": labels.N_("about %(months)s months"),
    "examination": labels.N_("if the parties do not agree"),
    "final-statement": labels.N_("about %(months)s months after the dialogue"),
    "follow-up": labels.N_("often 6 to 12 months later"),
}


def context(content: Content, publication: Publication, localizer: Localizer, charts: Path,
            problems: Problems) -> dict[str, object]:
    names = base_context(content, publication, localizer)

    def procedure_diagram() -> Markdown:
        return draw_flow("procedure", localizer.gettext("How we handle a complaint"),
                         procedure_steps(localizer), content.brand, localizer, charts)

    names["procedure_diagram"] = procedure_diagram
    return names


def procedure_steps(localizer: Localizer) -> list[FlowStep]:
    steps = []
    for step in STEPS:
        if step == "concluded":
            continue
        note = NOTES.get(step)
        text = localizer.gettext(note) % {"months": INDICATIVE_MONTHS.get(step, "")} if note else ""
        steps.append(FlowStep(labels.label(localizer, labels.STEP, step), text))
    return steps
