"""The complaint statistics: one definition of each set of cases the NCP reports.

Every figure about cases (the counts in the prose, the tables, the chart and
its alt text) comes from these rules, so two figures about the same set can
never disagree. They read only a case's dates, steps and outcome; `facts`
gives exactly that, and nothing that names a party or describes the case,
which is how unpublished cases can be counted without being shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from statistics import mean

from pipeline.content.vocabulary import INDICATIVE_MONTHS
from pipeline.render import procedure


@dataclass(frozen=True)
class FactStep:
    date: dt.date
    step: str
    decision: str | None = None
    outcome: str | None = None


@dataclass(frozen=True)
class Facts:
    """What counting a case needs: its dates, steps and outcome, nothing else."""

    received: dt.date
    timeline: tuple[FactStep, ...]
    outcome: str | None


def facts(case: procedure.Case) -> Facts:
    steps = tuple(FactStep(s.date, s.step, s.decision, s.outcome) for s in case.timeline)
    return Facts(case.received, steps, case.outcome)


def end_of_year(year: int) -> dt.date:
    return dt.date(year, 12, 31)


def received(case: procedure.Case, year: int) -> bool:
    return case.received.year == year


def accepted(case: procedure.Case, year: int) -> bool:
    """Accepted for further consideration at an initial assessment dated in `year`."""
    return (procedure.accepted_on(case) or dt.date.max).year == year


def concluded(case: procedure.Case, year: int) -> bool:
    """The procedure ended in `year`: final statement, not accepted, or concluded."""
    return (procedure.ended_on(case) or dt.date.max).year == year


def in_progress(case: procedure.Case, year: int) -> bool:
    """Still open at the end of `year`."""
    return procedure.is_open(case, end_of_year(year))


def handled(case: procedure.Case, year: int) -> bool:
    """Worked on in `year`: open at some time in it, or with a step (a follow-up) dated in it."""
    return procedure.active_in(case, year)


Rule = Callable[[procedure.Case, int], bool]
SETS: dict[str, Rule] = {
    "received": received,
    "accepted": accepted,
    "concluded": concluded,
    "in_progress": in_progress,
    "active": handled,
}


@dataclass(frozen=True)
class Standing:
    """Where a case stood at a date: the step it had reached while open, else its outcome."""

    open: bool
    step: str | None
    outcome: str | None


def standing(case: procedure.Case, as_of: dt.date) -> Standing:
    reached = procedure.stage(case, as_of)
    step = reached.step if reached else None
    if procedure.is_open(case, as_of):
        return Standing(True, step, None)
    return Standing(False, step, procedure.outcome(case))


@dataclass(frozen=True)
class PhaseFigures:
    phase: str
    indicative: int
    cases: int
    average: float | None
    within: int


def handling_times(cases: list[Facts], year: int) -> list[PhaseFigures]:
    """Months per phase, over the phases that ended in `year`, against the indicative time."""
    figures = []
    for phase, indicative in INDICATIVE_MONTHS.items():
        spans = [procedure.phase_spans(case).get(phase) for case in cases]
        months = [procedure.months_between(start, end)
                  for start, end in filter(None, spans) if end.year == year]
        figures.append(PhaseFigures(
            phase, indicative, len(months), mean(months) if months else None,
            sum(procedure.within_indicative(phase, m) for m in months)))
    return figures
