"""What a case's timeline means: where it stands, when it ended, how long it took.

Derived, never typed: the status shown to readers and the handling time
against the OECD indicative timeline come from the dated steps alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Protocol

from pipeline.content.vocabulary import INDICATIVE_MONTHS

DAYS_PER_MONTH = 365.25 / 12
ENDING_STEPS = ("final-statement", "concluded")


class Step(Protocol):
    date: dt.date
    step: str
    decision: str | None
    outcome: str | None


class Case(Protocol):
    """What the procedure reads of a case: a case file, or its anonymous facts."""

    received: dt.date
    outcome: str | None

    @property
    def timeline(self) -> Sequence[Step]: ...


def end_step(case: Case) -> Step | None:
    """The step that ended the procedure, if it has ended."""
    for step in case.timeline:
        if step.step in ENDING_STEPS:
            return step
        if step.step == "initial-assessment" and step.decision == "not-accepted":
            return step
    return None


def ended_on(case: Case) -> dt.date | None:
    step = end_step(case)
    return step.date if step else None


def outcome(case: Case) -> str | None:
    if case.outcome:
        return case.outcome
    step = end_step(case)
    if step is None:
        return None
    return step.outcome or ("not-accepted" if step.decision == "not-accepted" else None)


def is_open(case: Case, as_of: dt.date) -> bool:
    end = ended_on(case)
    return case.received <= as_of and (end is None or end > as_of)


def active_in(case: Case, year: int) -> bool:
    """Open at some time in `year`, or with a step (a follow-up, say) dated in it."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    still_open = case.received <= end and (ended_on(case) or dt.date.max) >= start
    return still_open or any(step.date.year == year for step in case.timeline)


def stage(case: Case, as_of: dt.date) -> Step | None:
    """The latest step reached on `as_of`."""
    reached = [step for step in case.timeline if step.date <= as_of]
    return reached[-1] if reached else None


def accepted_on(case: Case) -> dt.date | None:
    for step in case.timeline:
        if step.step == "initial-assessment" and step.decision == "accepted":
            return step.date
    return None


def months_between(start: dt.date, end: dt.date) -> float:
    return (end - start).days / DAYS_PER_MONTH


def phase_spans(case: Case) -> dict[str, tuple[dt.date, dt.date]]:
    """Start and end of each phase with an indicative length, for the phases that ended."""
    dates = {step.step: step.date for step in case.timeline}
    spans: dict[str, tuple[dt.date, dt.date]] = {}
    if "initial-assessment" in dates:
        spans["initial-assessment"] = (case.received, dates["initial-assessment"])
    good_offices_end = _end_of_good_offices(case)
    if "good-offices" in dates and good_offices_end:
        spans["good-offices"] = (dates["good-offices"], good_offices_end)
    if good_offices_end and "final-statement" in dates:
        spans["final-statement"] = (good_offices_end, dates["final-statement"])
    end = ended_on(case)
    if end:
        spans["total"] = (case.received, end)
    return spans


def _end_of_good_offices(case: Case) -> dt.date | None:
    steps = [step.step for step in case.timeline]
    if "good-offices" not in steps:
        return None
    following = case.timeline[steps.index("good-offices") + 1:]
    return following[0].date if following else None


def within_indicative(phase: str, months: float) -> bool:
    return months <= INDICATIVE_MONTHS[phase]
