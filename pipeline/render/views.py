"""What a chapter can use: public views of the content, in the chapter's language.

Chapters are written by people and render in a sandbox (pipeline/render/sandbox.py)
that lets a template read a view's fields and the methods it names in
`chapter_methods`, and nothing else. The views are built from public
projections of the data: a confidential party's name is replaced before a
view is made, a case's `notes` is never copied, and a case that is not public
is kept only as its anonymous facts (dates, steps, outcome), so that counts
include it while nothing of it can be shown.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, fields, is_dataclass
from typing import ClassVar

import jinja2

from pipeline.content.model import (
    Activity,
    ActivityResult,
    Case,
    Content,
    Goal,
    Plan,
    Publication,
    Results,
    Text,
)
from pipeline.content.vocabulary import STATUSES
from pipeline.messages import tr
from pipeline.problems import Position, Problems
from pipeline.render import labels
from pipeline.render import statistics as stats
from pipeline.render.localizer import Localizer
from pipeline.render.markdown_text import Markdown, escape_markup


class Absent(jinja2.ChainableUndefined):
    """Data that could not be loaded: every use of it is silent, since its file's own
    error has been reported already (a chapter is still checked against the rest)."""

    def __call__(self, *args: object, **kwargs: object) -> Absent:
        return self


class NotText(TypeError):
    """A view was turned into text (`| string`, `~`, `%`): only its fields are text."""

    def __init__(self, value: object) -> None:
        super().__init__(tr("{kind} is not text", kind=type(value).__name__))
        self.value = value


class View:
    """A value a chapter may read: its dataclass fields and its `chapter_methods`.

    A view is never text itself: `str()` or `repr()` of one raises `NotText`, so
    no Python representation of the data can reach a page by any path.
    """

    chapter_methods: ClassVar[frozenset[str]] = frozenset()

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        cls.__repr__ = cls.__str__ = View._not_text  # before @dataclass could add its own

    def _not_text(self) -> str:
        raise NotText(self)

    @classmethod
    def chapter_names(cls) -> frozenset[str]:
        names = {f.name for f in fields(cls)} if is_dataclass(cls) else set()
        return frozenset(names) | cls.chapter_methods


@dataclass(frozen=True)
class PublicCase:
    """A public case with only what may be published; None for a withheld name."""

    facts: stats.Facts
    id: str
    title: Text
    summary: Text | None
    submitter: str | None
    submitter_type: str | None
    enterprise: str | None
    lead_ncp: str
    supporting_ncps: tuple[str, ...]
    host_countries: tuple[str, ...]
    sector: str
    chapters: tuple[str, ...]
    guidelines_edition: int


def public_case(case: Case) -> PublicCase:
    def name(party) -> str | None:
        return None if party.confidential else party.name

    return PublicCase(
        stats.facts(case), case.id, case.title, case.summary,
        name(case.submitter), case.submitter.type, name(case.enterprise), case.lead_ncp,
        tuple(case.supporting_ncps), tuple(case.host_countries), case.sector,
        tuple(case.chapters), case.guidelines_edition)


@dataclass(frozen=True)
class StepView(View):
    date: dt.date
    step: str
    label: str
    decision: str
    outcome: str


@dataclass(frozen=True)
class CaseView(View):
    """One public case as a chapter sees it, as it stood on a given day."""

    id: str
    title: str
    summary: str
    received: dt.date
    enterprise: str
    submitter: str
    submitter_type: str
    host_countries: tuple[str, ...]
    lead_ncp: str
    supporting_ncps: tuple[str, ...]
    sector: str
    chapters: tuple[str, ...]
    timeline: tuple[StepView, ...]
    status: str
    stage: str
    outcome: str
    stage_or_outcome: str
    statements: tuple[Markdown, ...] = ()  # its published statements (statement_links)


def case_view(case: PublicCase, w: Localizer, as_of: dt.date,
              statements: tuple[Markdown, ...] = ()) -> CaseView:
    withheld = w.gettext("Name withheld")
    standing = stats.standing(case.facts, as_of)
    stage = labels.label(w, labels.STEP, standing.step)
    outcome = "" if standing.open else labels.label(w, labels.OUTCOME, standing.outcome)
    return CaseView(
        id=case.id,
        title=w.text(case.title),
        summary=w.text(case.summary),
        received=case.facts.received,
        enterprise=case.enterprise if case.enterprise is not None else withheld,
        submitter=case.submitter if case.submitter is not None else withheld,
        submitter_type=labels.label(w, labels.SUBMITTER_TYPE, case.submitter_type),
        host_countries=tuple(w.country(code) for code in case.host_countries),
        lead_ncp=w.country(case.lead_ncp),
        supporting_ncps=tuple(w.country(code) for code in case.supporting_ncps),
        sector=labels.label(w, labels.SECTOR, case.sector),
        chapters=tuple(labels.chapter_label(w, c, case.guidelines_edition)
                       for c in case.chapters),
        timeline=tuple(
            StepView(s.date, s.step, labels.label(w, labels.STEP, s.step),
                     labels.label(w, labels.DECISION, s.decision),
                     labels.label(w, labels.OUTCOME, s.outcome))
            for s in case.facts.timeline if s.date <= as_of),
        status=labels.label(w, labels.CASE_STATUS, "open" if standing.open else "concluded"),
        stage=stage,
        outcome=outcome,
        stage_or_outcome=stage if standing.open else outcome,
        statements=statements,
    )


# A link to a statement is a span, classed `publication-link` and `to-<slug>`, that the HTML
# writer makes a link of (formats/html.py `publication_links`); the other formats keep its
# text, which names the statement.
SAFE_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def statement_links(content: Content, publication: Publication,
                    w: Localizer) -> dict[str, tuple[Markdown, ...]]:
    """The statements published by `publication`'s date on each case, by case id: an initial
    assessment or final statement that is no draft and has an HTML version in `w`'s language."""
    links: dict[str, list[Markdown]] = {}
    for other in sorted(content.publications.values(), key=lambda p: p.date):
        statement = other.statement
        if statement is None or statement.case is None or other.draft or \
                other.date > publication.date or w.lang not in other.languages or \
                "html" not in other.formats or not SAFE_SLUG.fullmatch(other.slug):
            continue
        name = escape_markup(f"{labels.label(w, labels.STEP, other.kind)} "
                             f"({w.date(other.date)})")
        links.setdefault(statement.case, []).append(
            Markdown(f"[{name}]{{.publication-link .to-{other.slug}}}"))
    return {case: tuple(found) for case, found in links.items()}


class CaseList(list, View):
    """Public case views; `count` counts every case of the set, public or not."""

    def __init__(self, views: list[CaseView], count: int) -> None:
        super().__init__(views)
        self.count = count
        self.hidden = count - len(views)

    @classmethod
    def chapter_names(cls) -> frozenset[str]:
        return frozenset({"count", "hidden"})


@dataclass(frozen=True)
class PhaseTime(View):
    phase: str
    label: str
    indicative: int
    cases: int
    average: float | None
    within: int


class Cases(View):
    """The chapter API over cases: `cases.received(2025)`, `cases.concluded(2025)`, …

    Holds each case's anonymous facts, and the public projection of the
    public ones; nothing else of a case file reaches it.
    """

    chapter_methods = frozenset({*stats.SETS, "handling_times"})

    def __init__(self, cases: list[Case], localizer: Localizer,
                 statements: dict[str, tuple[Markdown, ...]] | None = None) -> None:
        # Listed by id, the order a reader checks a case table against.
        ordered = sorted(cases, key=lambda c: c.id)
        self._facts = [stats.facts(case) for case in ordered]
        self._public = [public_case(case) if case.public else None for case in ordered]
        self._writer = localizer
        self._statements = statements or {}

    def _select(self, year: int, rule: stats.Rule) -> CaseList:
        chosen = [i for i, facts in enumerate(self._facts) if rule(facts, year)]
        as_of = stats.end_of_year(year)
        views = [case_view(public, self._writer, as_of, self._statements.get(public.id, ()))
                 for i in chosen if (public := self._public[i]) is not None]
        return CaseList(views, len(chosen))

    def received(self, year: int) -> CaseList:
        return self._select(year, stats.received)

    def accepted(self, year: int) -> CaseList:
        return self._select(year, stats.accepted)

    def concluded(self, year: int) -> CaseList:
        return self._select(year, stats.concluded)

    def in_progress(self, year: int) -> CaseList:
        return self._select(year, stats.in_progress)

    def active(self, year: int) -> CaseList:
        return self._select(year, stats.handled)

    def handling_times(self, year: int) -> list[PhaseTime]:
        return [PhaseTime(f.phase, labels.label(self._writer, labels.PHASE, f.phase),
                          f.indicative, f.cases, f.average, f.within)
                for f in stats.handling_times(self._facts, year)]

    def standings(self, year: int) -> list[stats.Standing]:
        """Where each case handled in `year` stood at its end (for the chart; not for chapters)."""
        as_of = stats.end_of_year(year)
        return [stats.standing(facts, as_of) for facts in self._facts
                if stats.handled(facts, year)]


@dataclass(frozen=True)
class EventView(View):
    date: dt.date
    title: str
    partners: tuple[str, ...]
    participants: int | None
    activity: str


@dataclass(frozen=True)
class ActivityView(View):
    id: str
    text: str
    tasks: tuple[str, ...]
    has_result: bool
    status_key: str | None
    status: str
    summary: str
    events: tuple[EventView, ...]
    outputs: tuple[str, ...]  # ids of the publications it produced, as the results list them


def activity_view(activity: Activity, result: ActivityResult | None, w: Localizer) -> ActivityView:
    events = tuple(EventView(e.date, w.text(e.title), tuple(e.partners), e.participants,
                             activity.id)
                   for e in (result.events if result else []))
    return ActivityView(
        activity.id, w.text(activity.text), tuple(w.text(task) for task in activity.tasks),
        result is not None, result.status if result else None,
        labels.label(w, labels.STATUS, result.status) if result else "",
        w.text(result.summary) if result else "", events,
        tuple(result.outputs) if result else ())


@dataclass(frozen=True)
class SubgoalView(View):
    """A sub-goal of the plan (delmål) with its activities."""

    id: str
    title: str
    activities: tuple[ActivityView, ...]


@dataclass(frozen=True)
class GoalView(View):
    """A main goal of the plan: its sub-goals, or its activities directly."""

    id: str
    title: str
    subgoals: tuple[SubgoalView, ...]
    activities: tuple[ActivityView, ...]
    all_activities: tuple[ActivityView, ...]


def goal_view(goal: Goal, results: Results | None, w: Localizer) -> GoalView:
    found = results.activities if results else {}

    def views(activities: list[Activity]) -> tuple[ActivityView, ...]:
        return tuple(activity_view(a, found.get(a.id), w) for a in activities)

    subgoals = tuple(SubgoalView(s.id, w.text(s.title), views(s.activities))
                     for s in goal.subgoals)
    direct = views(goal.activities)
    nested = tuple(a for s in subgoals for a in s.activities)
    return GoalView(goal.id, w.text(goal.title), subgoals, direct, nested + direct)


@dataclass(frozen=True)
class PlanView(View):
    year: int
    title: str
    purpose: str
    goals: tuple[GoalView, ...]
    activities: tuple[ActivityView, ...]
    events: tuple[EventView, ...]
    participants: int

    chapter_methods = frozenset({"status_counts"})

    def status_counts(self) -> dict[str, int]:
        """Activities per status key (`completed`, …), in the vocabulary's order."""
        found = [a.status_key for a in self.activities if a.has_result]
        return {status: found.count(status) for status in STATUSES if status in found}


def plan_view(plan: Plan, results: Results | None, w: Localizer) -> PlanView:
    goals = tuple(goal_view(goal, results, w) for goal in plan.goals)
    activities = tuple(a for goal in goals for a in goal.all_activities)
    events = tuple(sorted((e for a in activities for e in a.events), key=lambda e: e.date))
    return PlanView(plan.year, w.text(plan.title), w.text(plan.purpose), goals, activities,
                    events, sum(event.participants or 0 for event in events))


def year_plan(content: Content, publication: Publication, problems: Problems) -> Plan | None:
    """The plan of the publication's year; None with an error when there is none, and None
    without one when its file could not be read, since that file's own error says why."""
    year = publication.year
    plan = content.plans.get(year) if year else None
    if plan is None and not content.is_broken(content.root / "plans" / f"{year}.yaml"):
        problems.error(Position(publication.folder / "publication.yaml"),
                       tr("the {kind} needs the plan of its year ({year}) in plans/",
                          kind=publication.kind, year=year),
                       tr("set 'year:' to a year that has plans/<year>.yaml"))
    return plan


@dataclass(frozen=True)
class ResultsView(View):
    year: int
    activities: dict[str, ActivityView]


def results_view(plan: PlanView, results: Results) -> ResultsView:
    return ResultsView(results.year, {a.id: a for a in plan.activities
                                      if a.id in results.activities})


@dataclass(frozen=True)
class OrganisationView(View):
    name: str
    short: str
    postal_address: str
    email: str
    web: str


@dataclass(frozen=True)
class SiteView(View):
    organisation: OrganisationView
    default_language: str
    languages: tuple[str, ...]


def site_view(content: Content, w: Localizer) -> SiteView:
    org = content.site.organisation
    organisation = OrganisationView(w.text(org.name), w.text(org.short), org.postal_address,
                                    org.email, org.web)
    return SiteView(organisation, content.site.default_language, tuple(content.site.languages))


@dataclass(frozen=True)
class ConsultationView(View):
    title: str
    letter_date: dt.date | None
    deadline: dt.date | None
    url: str


@dataclass(frozen=True)
class SignatoryView(View):
    name: str
    title: str


@dataclass(frozen=True)
class LetterView(View):
    """The frame of a hearing response: recipient, references, signatories."""

    recipient: str
    address: tuple[str, ...]
    their_ref: str
    our_ref: str
    case_officer: str
    case_officer_phone: str
    signatories: tuple[SignatoryView, ...]


@dataclass(frozen=True)
class PublicationView(View):
    """The publication being built, in the chapter's language."""

    slug: str
    kind: str
    title: str
    subtitle: str
    date: dt.date
    year: int | None
    lang: str
    consultation: ConsultationView | None = None


def base_context(content: Content, publication: Publication, w: Localizer) -> dict[str, object]:
    """The names every chapter can use, whatever its publication's kind."""
    letter = publication.letter
    consultation = None
    if letter is not None:
        c = letter.consultation
        consultation = ConsultationView(w.text(c.title), c.letter_date, c.deadline, c.url or "")
    view = PublicationView(publication.slug, publication.kind, w.text(publication.title),
                           w.text(publication.subtitle), publication.date, publication.year,
                           w.lang, consultation)
    names: dict[str, object] = {"site": site_view(content, w), "publication": view,
                                "cases": Cases(content.cases, w,
                                               statement_links(content, publication, w))}
    if letter is not None:
        names["letter"] = LetterView(
            letter.recipient, tuple(letter.address), letter.their_ref or "–",
            letter.our_ref or "–", letter.case_officer or "", letter.case_officer_phone or "",
            tuple(SignatoryView(s.name, w.text(s.title)) for s in letter.signatories))
    return names
