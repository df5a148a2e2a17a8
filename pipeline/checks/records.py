"""Rules that look across fields and files of the loaded content.

The loader checks each file's own shape; these check what a file means in
relation to the procedure, the plan and the other files.
"""

from __future__ import annotations

import difflib
import itertools
from collections import Counter

from babel import Locale

from pipeline.checks.mentions import check_mentions, check_quoted_notes
from pipeline.checks.statements import check_statements
from pipeline.content.model import Case, Content
from pipeline.content.vocabulary import STEPS
from pipeline.messages import Said, tr
from pipeline.problems import Position, Problems
from pipeline.render import procedure

# CLDR names some regions that are not ISO 3166-1 countries; Kosovo (XK) stays, as the
# OECD database uses it.
NOT_COUNTRIES = frozenset({"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN",
                           "XA", "XB", "ZZ"})
COUNTRY_CODES = frozenset(code for code in Locale("en").territories
                          if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES)
OUTCOME_STEP = {
    "agreement": "final-statement",
    "partial-agreement": "final-statement",
    "no-agreement": "final-statement",
    "withdrawn": "concluded",
    "transferred": "concluded",
}


def check_content(content: Content, problems: Problems) -> None:
    check_plans(content, problems)
    check_results(content, problems)
    ids = Counter(case.id for case in content.cases)
    for case in content.cases:
        if ids[case.id] > 1:
            problems.error(Position(case.path, 1),
                           tr("the case id '{id}' is used by {count} files", id=case.id,
                              count=ids[case.id]),
                           tr("give every case its own id"))
        check_case(case, problems)
    for publication in content.publications.values():
        for lang in publication.languages if publication.chapters else []:
            if not (publication.folder / lang).is_dir() and \
                    publication.fallback in (None, lang):
                problems.error(Position(publication.folder / "publication.yaml"),
                               tr("the publication has no folder for the language '{lang}'",
                                  lang=lang),
                               tr("create {folder} with its chapters",
                                  folder=f"{publication.slug}/{lang}/"))
        if publication.draft:
            problems.warning(Position(publication.folder / "publication.yaml"),
                             tr("the publication is a draft: every output is marked as one"),
                             tr("remove 'draft: true' when it is ready to publish"))
    check_statements(content, problems)
    check_mentions(content, problems)
    check_quoted_notes(content, problems)


def check_plans(content: Content, problems: Problems) -> None:
    for plan in content.plans.values():
        ids = [activity.id for activity in plan.activities()] + [g.id for g in plan.goals]
        ids += [s.id for g in plan.goals for s in g.subgoals]
        for identifier, count in Counter(i for i in ids if i is not None).items():
            if count > 1:
                problems.error(Position(plan.path),
                               tr("the id '{id}' is used {count} times in the plan",
                                  id=identifier, count=count),
                               tr("every goal, sub-goal and activity needs its own id"))


def check_results(content: Content, problems: Problems) -> None:
    for year, results in content.results.items():
        if year is None:  # the year could not be read: its own error says why
            continue
        plan = content.plans.get(year)
        if plan is None and (content.root / "plans" / f"{year}.yaml").exists():
            continue  # the plan's file could not be read: its own error says why
        if plan is None:
            problems.error(Position(results.path, 1), tr("there is no plan for {year}", year=year),
                           tr("add {file}, or correct the year", file=f"plans/{year}.yaml"))
            continue
        activities = [activity.id for activity in plan.activities() if activity.id]
        for key in results.activities:
            if key not in activities:
                close = difflib.get_close_matches(key, activities, n=1)
                hint = tr("did you mean '{name}'?", name=close[0]) if close else \
                    tr("the plan's activities: {activities}", activities=", ".join(activities))
                problems.error(results.positions.get(key, Position(results.path)),
                               tr("'{key}' is not an activity of the plan for {year}", key=key,
                                  year=year), hint)
        for identifier in activities:
            if identifier not in results.activities:
                problems.warning(Position(results.path, 1),
                                 tr("activity {id} of the plan for {year} has no result",
                                    id=identifier, year=year),
                                 tr("add '{entry}' under activities",
                                    entry=f'"{identifier}": {{status: …}}'))


def check_case(case: Case, problems: Problems) -> None:
    where = case.where("timeline")
    steps = [step for step in case.timeline if step.step and step.date]
    if steps and steps[0].step != "received":
        problems.error(steps[0].position or where,
                       tr("the timeline must start with the step 'received'"))
    if steps and case.received and steps[0].step == "received" and \
            steps[0].date != case.received:
        problems.error(steps[0].position or where,
                       tr("'received' is {received} but the timeline's first step is dated "
                          "{date}", received=case.received, date=steps[0].date),
                       tr("give both the same date"))
    for before, after in itertools.pairwise(steps):
        where = after.position or case.where("timeline")
        if after.date < before.date:
            problems.error(where, tr("step '{step}' ({date}) is dated before step '{earlier}' "
                                     "({earlier_date})", step=after.step, date=after.date,
                                     earlier=before.step, earlier_date=before.date),
                           tr("list the steps in the order they happened"))
        if STEPS.index(after.step) < STEPS.index(before.step) or \
                (after.step == before.step and after.step != "follow-up"):
            problems.error(where, tr("step '{step}' cannot come after '{earlier}'",
                                     step=after.step, earlier=before.step),
                           tr("the procedure's order: {steps}", steps=" → ".join(STEPS)))
    for step in steps:
        where = step.position or case.where("timeline")
        if step.decision and step.step != "initial-assessment":
            problems.error(where, tr("a decision belongs to the initial assessment, not to "
                                     "'{step}'", step=step.step))
        if step.outcome and step.step not in ("final-statement", "concluded"):
            problems.error(where, tr("an outcome belongs to the final statement or the "
                                     "conclusion, not to '{step}'", step=step.step))
    _check_outcome(case, problems, case.where("outcome"))
    for field in ("lead_ncp", "supporting_ncps", "host_countries"):
        value = getattr(case, field)
        for code in value if isinstance(value, list) else [value]:
            if code and code not in COUNTRY_CODES:
                problems.error(case.where(field), tr("'{code}' is not an ISO 3166-1 country "
                                                     "code", code=code), _country_hint(code))
    if case.lead_ncp and case.lead_ncp in case.supporting_ncps:
        problems.error(case.where("supporting_ncps"),
                       tr("'{code}' is both the lead and a supporting NCP", code=case.lead_ncp))


def _country_hint(code: str) -> Said:
    close = difflib.get_close_matches(code.upper(), COUNTRY_CODES, n=1)
    if close:
        return tr("did you mean '{name}'?", name=close[0])
    return tr("use ISO 3166-1 alpha-2 codes, such as {examples}", examples="NO, SE, MM")


def _check_outcome(case: Case, problems: Problems, where: Position) -> None:
    ending = procedure.end_step(case)
    if case.outcome is None:
        if ending is not None:
            problems.error(where, tr("the procedure ended with '{step}' on {date} but the case "
                                     "has no outcome", step=ending.step, date=ending.date),
                           tr("add 'outcome:' with one of the outcomes"))
        return
    if case.outcome == "not-accepted":
        if ending is None or ending.decision != "not-accepted":
            problems.error(where, tr("the outcome 'not-accepted' needs an initial assessment "
                                     "with 'decision: not-accepted'"))
        return
    needed = OUTCOME_STEP.get(case.outcome)
    if needed and not any(step.step == needed for step in case.timeline):
        problems.error(where, tr("the outcome '{outcome}' needs a '{step}' step",
                                 outcome=case.outcome, step=needed),
                       tr("add the step, or remove the outcome while the case is in progress"))
