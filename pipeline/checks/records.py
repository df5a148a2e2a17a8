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
            problems.error(Position(case.path, 1), f"the case id '{case.id}' is used by "
                           f"{ids[case.id]} files", "give every case its own id")
        check_case(case, problems)
    for publication in content.publications.values():
        for lang in publication.languages if publication.chapters else []:
            if not (publication.folder / lang).is_dir() and \
                    publication.fallback in (None, lang):
                problems.error(Position(publication.folder / "publication.yaml"),
                               f"the publication has no folder for the language '{lang}'",
                               f"create {publication.slug}/{lang}/ with its chapters")
        if publication.draft:
            problems.warning(Position(publication.folder / "publication.yaml"),
                             "the publication is a draft: every output is marked as one",
                             "remove 'draft: true' when it is ready to publish")
    check_statements(content, problems)
    check_mentions(content, problems)
    check_quoted_notes(content, problems)


def check_plans(content: Content, problems: Problems) -> None:
    for plan in content.plans.values():
        ids = [activity.id for activity in plan.activities()] + [g.id for g in plan.goals]
        ids += [s.id for g in plan.goals for s in g.subgoals]
        for identifier, count in Counter(i for i in ids if i is not None).items():
            if count > 1:
                problems.error(Position(plan.path), f"the id '{identifier}' is used {count} "
                               "times in the plan", "every goal, sub-goal and activity needs "
                               "its own id")


def check_results(content: Content, problems: Problems) -> None:
    for year, results in content.results.items():
        plan = content.plans.get(year)
        if plan is None and (content.root / "plans" / f"{year}.yaml").exists():
            continue  # the plan's file could not be read: its own error says why
        if plan is None:
            problems.error(Position(results.path, 1), f"there is no plan for {year}",
                           f"add plans/{year}.yaml, or correct the year")
            continue
        activities = [activity.id for activity in plan.activities() if activity.id]
        for key in results.activities:
            if key not in activities:
                close = difflib.get_close_matches(key, activities, n=1)
                hint = f"did you mean '{close[0]}'?" if close else \
                    "the plan's activities: " + ", ".join(activities)
                problems.error(results.positions.get(key, Position(results.path)),
                               f"'{key}' is not an activity of the plan for {year}", hint)
        for identifier in activities:
            if identifier not in results.activities:
                problems.warning(Position(results.path, 1),
                                 f"activity {identifier} of the plan for {year} has no result",
                                 f"add '\"{identifier}\": {{status: …}}' under activities")


def check_case(case: Case, problems: Problems) -> None:
    where = case.where("timeline")
    steps = [step for step in case.timeline if step.step and step.date]
    if steps and steps[0].step != "received":
        problems.error(steps[0].position or where,
                       "the timeline must start with the step 'received'")
    if steps and case.received and steps[0].step == "received" and \
            steps[0].date != case.received:
        problems.error(steps[0].position or where, f"'received' is {case.received} but the "
                       f"timeline's first step is dated {steps[0].date}",
                       "give both the same date")
    for before, after in itertools.pairwise(steps):
        where = after.position or case.where("timeline")
        if after.date < before.date:
            problems.error(where, f"step '{after.step}' ({after.date}) is dated before "
                           f"step '{before.step}' ({before.date})",
                           "list the steps in the order they happened")
        if STEPS.index(after.step) < STEPS.index(before.step) or \
                (after.step == before.step and after.step != "follow-up"):
            problems.error(where, f"step '{after.step}' cannot come after '{before.step}'",
                           "the procedure's order: " + " → ".join(STEPS))
    for step in steps:
        where = step.position or case.where("timeline")
        if step.decision and step.step != "initial-assessment":
            problems.error(where, f"a decision belongs to the initial assessment, "
                           f"not to '{step.step}'")
        if step.outcome and step.step not in ("final-statement", "concluded"):
            problems.error(where, f"an outcome belongs to the final statement or the "
                           f"conclusion, not to '{step.step}'")
    _check_outcome(case, problems, case.where("outcome"))
    for field in ("lead_ncp", "supporting_ncps", "host_countries"):
        value = getattr(case, field)
        for code in value if isinstance(value, list) else [value]:
            if code and code not in COUNTRY_CODES:
                close = difflib.get_close_matches(code.upper(), COUNTRY_CODES, n=1)
                hint = f"did you mean '{close[0]}'?" if close else \
                    "use ISO 3166-1 alpha-2 codes, such as NO, SE, MM"
                problems.error(case.where(field), f"'{code}' is not an ISO 3166-1 country "
                               "code", hint)
    if case.lead_ncp and case.lead_ncp in case.supporting_ncps:
        problems.error(case.where("supporting_ncps"),
                       f"'{case.lead_ncp}' is both the lead and a supporting NCP")


def _check_outcome(case: Case, problems: Problems, where: Position) -> None:
    ending = procedure.end_step(case)
    if case.outcome is None:
        if ending is not None:
            problems.error(where, f"the procedure ended with '{ending.step}' on {ending.date} "
                           "but the case has no outcome",
                           "add 'outcome:' with one of the outcomes")
        return
    if case.outcome == "not-accepted":
        if ending is None or ending.decision != "not-accepted":
            problems.error(where, "the outcome 'not-accepted' needs an initial assessment "
                           "with 'decision: not-accepted'")
        return
    needed = OUTCOME_STEP.get(case.outcome)
    if needed and not any(step.step == needed for step in case.timeline):
        problems.error(where, f"the outcome '{case.outcome}' needs a '{needed}' step",
                       "add the step, or remove the outcome while the case is in progress")
