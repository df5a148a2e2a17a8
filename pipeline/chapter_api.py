"""What a chapter can use: the content, already in the chapter's language.

Only public cases and public fields reach a chapter: a `CaseView` simply has
no attribute for `notes`, and a confidential party's name is replaced by a
"withheld" text before a template can see it. Counts (`CaseList.count`) may
include cases that are not public yet; their details never.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from statistics import mean

from pipeline import labels, procedure
from pipeline.locale import Writer
from pipeline.model import (
    Activity,
    ActivityResult,
    Case,
    Content,
    Goal,
    Plan,
    Publication,
    Results,
)
from pipeline.vocabulary import INDICATIVE_MONTHS, STATUSES


def end_of_year(year: int) -> dt.date:
    return dt.date(year, 12, 31)


@dataclass(frozen=True)
class StepView:
    date: dt.date
    step: str
    label: str
    decision: str
    outcome: str


class CaseView:
    """One public case as a chapter sees it, as it stood on `as_of`."""

    def __init__(self, case: Case, writer: Writer, as_of: dt.date) -> None:
        w = writer
        withheld = w.gettext("Name withheld")
        self.id = case.id
        self.title = w.text(case.title)
        self.summary = w.text(case.summary)
        self.received = case.received
        self.enterprise = withheld if case.enterprise.confidential else case.enterprise.name
        self.submitter = withheld if case.submitter.confidential else case.submitter.name
        self.submitter_type = labels.label(w, labels.SUBMITTER_TYPE, case.submitter.type)
        self.host_countries = [w.country(code) for code in case.host_countries]
        self.lead_ncp = w.country(case.lead_ncp)
        self.supporting_ncps = [w.country(code) for code in case.supporting_ncps]
        self.sector = labels.label(w, labels.SECTOR, case.sector)
        self.chapters = [labels.chapter_label(w, c, case.guidelines_edition)
                         for c in case.chapters]
        self.guidelines_edition = case.guidelines_edition
        self.timeline = [
            StepView(s.date, s.step, labels.label(w, labels.STEP, s.step),
                     labels.label(w, labels.DECISION, s.decision),
                     labels.label(w, labels.OUTCOME, s.outcome))
            for s in case.timeline if s.date <= as_of
        ]
        open_ = procedure.is_open(case, as_of)
        self.is_open = open_
        self.status = labels.label(w, labels.CASE_STATUS, "open" if open_ else "concluded")
        self.outcome = "" if open_ else labels.label(w, labels.OUTCOME, procedure.outcome(case))
        reached = procedure.stage(case, as_of)
        self.stage = labels.label(w, labels.STEP, reached.step if reached else None)
        self.stage_or_outcome = self.stage if open_ else self.outcome
        self.ended = procedure.ended_on(case)
        self.months = procedure.phase_months(case)


class CaseList(list):
    """Public case views; `count` counts every case, public or not."""

    def __init__(self, views: list[CaseView], count: int) -> None:
        super().__init__(views)
        self.count = count
        self.hidden = count - len(views)


@dataclass(frozen=True)
class PhaseTime:
    phase: str
    label: str
    indicative: int
    cases: int
    average: float | None
    within: int


class Cases:
    """The chapter API over cases: `cases.received(2025)`, `cases.concluded(2025)`, …"""

    def __init__(self, cases: list[Case], writer: Writer) -> None:
        self._cases = sorted(cases, key=lambda c: (c.received, c.id))
        self._writer = writer

    def _select(self, year: int, keep) -> CaseList:
        chosen = [case for case in self._cases if keep(case)]
        as_of = end_of_year(year)
        views = [CaseView(case, self._writer, as_of) for case in chosen if case.public]
        return CaseList(views, len(chosen))

    def received(self, year: int) -> CaseList:
        return self._select(year, lambda c: c.received.year == year)

    def concluded(self, year: int) -> CaseList:
        return self._select(year, lambda c: (procedure.ended_on(c) or dt.date.max).year == year)

    def in_progress(self, year: int) -> CaseList:
        return self._select(year, lambda c: procedure.is_open(c, end_of_year(year)))

    def accepted(self, year: int) -> CaseList:
        return self._select(year, lambda c: (procedure.accepted_on(c) or dt.date.max).year == year)

    def active(self, year: int) -> CaseList:
        """Every case worked on during the year: open in it, or with a step in it."""
        return self._select(year, lambda c: procedure.active_in(c, year))

    def handling_times(self, year: int) -> list[PhaseTime]:
        """Average months per phase, over the phases that ended in `year`."""
        times = []
        for phase, indicative in INDICATIVE_MONTHS.items():
            spans = [procedure.phase_spans(case).get(phase) for case in self._cases]
            months = [procedure.months_between(start, end)
                      for start, end in filter(None, spans) if end.year == year]
            times.append(PhaseTime(
                phase, labels.label(self._writer, labels.PHASE, phase), indicative,
                len(months), mean(months) if months else None,
                sum(procedure.within_indicative(phase, m) for m in months)))
        return times


@dataclass(frozen=True)
class EventView:
    date: dt.date
    title: str
    partners: list[str]
    participants: int | None
    activity: str


class ActivityView:
    def __init__(self, activity: Activity, result: ActivityResult | None, w: Writer) -> None:
        self.id = activity.id
        self.text = w.text(activity.text)
        self.tasks = [w.text(task) for task in activity.tasks]
        self.has_result = result is not None
        self.status_key = result.status if result else None
        self.status = labels.label(w, labels.STATUS, result.status) if result else ""
        self.summary = w.text(result.summary) if result else ""
        self.events = [
            EventView(e.date, w.text(e.title), e.partners, e.participants, activity.id)
            for e in (result.events if result else [])
        ]


class GoalView:
    def __init__(self, goal: Goal, results: Results | None, w: Writer) -> None:
        found = results.activities if results else {}

        def view(activity: Activity) -> ActivityView:
            return ActivityView(activity, found.get(activity.id), w)

        self.id = goal.id
        self.title = w.text(goal.title)
        self.subgoals = [
            SubgoalView(s.id, w.text(s.title), [view(a) for a in s.activities])
            for s in goal.subgoals
        ]
        self.activities = [view(a) for a in goal.activities]
        self.all_activities = [a for s in self.subgoals for a in s.activities] + self.activities


@dataclass
class SubgoalView:
    id: str
    title: str
    activities: list[ActivityView]


class PlanView:
    def __init__(self, plan: Plan, results: Results | None, w: Writer) -> None:
        self.year = plan.year
        self.title = w.text(plan.title)
        self.purpose = w.text(plan.purpose)
        self.goals = [GoalView(goal, results, w) for goal in plan.goals]
        self.activities = [a for goal in self.goals for a in goal.all_activities]
        self.events = sorted((e for a in self.activities for e in a.events),
                             key=lambda e: e.date)

    def status_counts(self) -> dict[str, int]:
        """Activities per status key (`completed`, …), in the vocabulary's order."""
        found = [a.status_key for a in self.activities if a.has_result]
        return {status: found.count(status) for status in STATUSES if status in found}

    @property
    def participants(self) -> int:
        return sum(event.participants or 0 for event in self.events)


@dataclass
class OrganisationView:
    name: str
    short: str
    postal_address: str
    email: str
    web: str


def site_view(content: Content, w: Writer) -> OrganisationView:
    org = content.site.organisation
    return OrganisationView(w.text(org.name), w.text(org.short), org.postal_address,
                            org.email, org.web)


@dataclass
class SiteView:
    organisation: OrganisationView
    default_language: str
    languages: list[str]


@dataclass
class ConsultationView:
    title: str
    letter_date: dt.date | None
    deadline: dt.date | None
    url: str


@dataclass
class SignatoryView:
    name: str
    title: str


@dataclass
class LetterView:
    recipient: str
    address: list[str]
    their_ref: str
    our_ref: str
    case_officer: str
    case_officer_phone: str
    signatories: list[SignatoryView]


@dataclass
class PublicationView:
    slug: str
    kind: str
    title: str
    subtitle: str
    date: dt.date
    year: int | None
    lang: str
    consultation: ConsultationView | None = None


def base_context(content: Content, publication: Publication, w: Writer) -> dict[str, object]:
    """The names every chapter can use, whatever its publication's kind."""
    site = SiteView(site_view(content, w), content.site.default_language,
                    content.site.languages)
    view = PublicationView(publication.slug, publication.kind, w.text(publication.title),
                           w.text(publication.subtitle), publication.date, publication.year,
                           w.lang)
    names: dict[str, object] = {"site": site, "publication": view,
                                "cases": Cases(content.cases, w)}
    letter = publication.letter
    if letter is not None:
        c = letter.consultation
        view.consultation = ConsultationView(w.text(c.title), c.letter_date, c.deadline,
                                             c.url or "")
        names["letter"] = LetterView(
            letter.recipient, letter.address, letter.their_ref or "–", letter.our_ref or "–",
            letter.case_officer or "", letter.case_officer_phone or "",
            [SignatoryView(s.name, w.text(s.title)) for s in letter.signatories])
    return names
