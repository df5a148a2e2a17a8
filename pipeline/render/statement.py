"""The frame of a statement on one case (initial assessment, final statement), from its data.

Everything a reader checks against the case file (parties, NCPs, host
countries, the Guidelines chapters, the dated steps against the OECD
indicative timeline, the decision or outcome) is read from the case's public
projection (`views.public_case`), never typed: a withheld name is already
replaced there, and a case's `notes` never reaches it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pipeline.content.model import Content, Publication
from pipeline.content.vocabulary import GUIDELINES_CHAPTERS, INDICATIVE_MONTHS, STATEMENT_STEPS
from pipeline.render import labels, procedure
from pipeline.render.localizer import Localizer
from pipeline.render.views import (
    Absent,
    CaseView,
    PublicCase,
    View,
    base_context,
    case_view,
    public_case,
)

# The Guidelines number their chapters I (concepts) to XI in both the 2011 and the 2023
# edition; only some names differ between them (labels.CHAPTER_2011).
NUMERALS = dict(zip(GUIDELINES_CHAPTERS, ("II", "III", "IV", "V", "VI", "VII", "VIII", "IX",
                                          "X", "XI"), strict=True))
WITHHELD = {
    "submitter": labels.N_("The submitter asked that its name not be made public."),
    "enterprise": labels.N_("The enterprise asked that its name not be made public."),
}


@dataclass(frozen=True)
class ProcedureStepView(View):
    """One dated step, with the indicative time of the phase it ends and the time it took."""

    date: dt.date
    label: str
    result: str  # the decision or outcome taken at the step, if any
    indicative: int | None  # months
    took: float | None  # months


@dataclass(frozen=True)
class StatementView(View):
    """What `statement.…` gives a chapter of an initial assessment or final statement."""

    case: CaseView
    edition: int
    chapters: tuple[str, ...]  # numbered: "IV. Menneskerettigheter"
    withheld: tuple[str, ...]  # a sentence for each party that asked to stay unnamed
    steps: tuple[ProcedureStepView, ...]
    step_date: dt.date | None
    decision: str
    outcome: str
    follow_up: str


def statement_context(content: Content, publication: Publication,
                      w: Localizer) -> dict[str, object]:
    """The common names and `statement`; absent when the case is missing or not public,
    which `checks/statements.py` reports at the publication's `case:` line."""
    names = base_context(content, publication, w)
    case_id = publication.statement.case if publication.statement else None
    found = next((c for c in content.cases if c.id == case_id and c.public), None)
    names["statement"] = statement_view(public_case(found), publication, w) if found \
        else Absent(name="statement")
    return names


def statement_view(case: PublicCase, publication: Publication, w: Localizer) -> StatementView:
    """The frame as it stood on the statement's date: later steps (a follow-up) are left out."""
    as_of = publication.date
    view = case_view(case, w, as_of)
    own = _own_step(case, publication.kind)
    withheld = tuple(w.gettext(WITHHELD[role]) for role, name in
                     (("submitter", case.submitter), ("enterprise", case.enterprise))
                     if name is None)
    statement = publication.statement
    return StatementView(
        case=view,
        edition=case.guidelines_edition,
        chapters=tuple(f"{NUMERALS[c]}. {labels.chapter_label(w, c, case.guidelines_edition)}"
                       for c in case.chapters),
        withheld=withheld,
        steps=procedure_steps(case, w, as_of),
        step_date=own.date if own else None,
        decision=labels.label(w, labels.DECISION, own.decision if own else None),
        outcome=labels.label(w, labels.OUTCOME, own.outcome if own else None),
        follow_up=w.text(statement.follow_up) if statement else "",
    )


def _own_step(case: PublicCase, kind: str) -> procedure.Step | None:
    """The step of the timeline the statement reports (its kind names the step)."""
    return next((s for s in case.facts.timeline if s.step == STATEMENT_STEPS[kind]), None)


def procedure_steps(case: PublicCase, w: Localizer,
                    as_of: dt.date) -> tuple[ProcedureStepView, ...]:
    spans = procedure.phase_spans(case.facts)
    steps = []
    for step in case.facts.timeline:
        if step.date > as_of:
            break
        span = spans.get(step.step)
        # A phase of no length is one whose end the timeline does not record (the dialogue
        # ends with the final statement itself): shown as unknown, not as 0 months.
        took = procedure.months_between(*span) if span and span[0] < span[1] <= as_of \
            else None
        result = labels.label(w, labels.DECISION, step.decision) or \
            labels.label(w, labels.OUTCOME, step.outcome)
        steps.append(ProcedureStepView(step.date, labels.label(w, labels.STEP, step.step),
                                       result, INDICATIVE_MONTHS.get(step.step), took))
    return tuple(steps)
