"""Initial assessments and final statements against their case file.

A statement's frame comes from the case; these rules make sure what the writer
put in publication.yaml (the case, the decision or outcome, the date) agrees
with the case's timeline, each error at the line that disagrees.
"""

from __future__ import annotations

from pipeline.content.model import Case, Content, Publication, Step
from pipeline.content.vocabulary import STATEMENT_STEPS
from pipeline.problems import Problems

# Outcomes after which a final statement names the NCP's recommendations or follow-up.
NEEDS_FOLLOW_UP = ("agreement", "partial-agreement", "no-agreement")


def check_statements(content: Content, problems: Problems) -> None:
    cases = {case.id: case for case in content.cases}
    for publication in content.publications.values():
        statement = publication.statement
        if statement is None or statement.case is None:
            continue  # not a statement, or its missing `case:` is reported by the loader
        case = cases.get(statement.case)
        if case is None:
            if not content.is_broken(content.root / "cases" / f"{statement.case}.yaml"):
                problems.error(publication.where("case"), f"there is no case "
                               f"'{statement.case}' in cases/",
                               "name the case by its id, such as \"2025-02\"")
            continue
        if not case.public:
            problems.error(publication.where("case"), f"the case '{case.id}' is not public, "
                           "so no statement on it can be published",
                           f"set 'public: true' in cases/{case.path.name} once it may be "
                           "published")
            continue
        _check_against_step(publication, case, problems)


def _check_against_step(publication: Publication, case: Case, problems: Problems) -> None:
    kind, statement = publication.kind, publication.statement
    assert statement is not None
    name = STATEMENT_STEPS[kind]
    step = next((s for s in case.timeline if s.step == name), None)
    if step is None:
        problems.error(publication.where("case"), f"the case '{case.id}' has no '{name}' "
                       f"step, which a {kind} reports",
                       f"add the step with its {_field(kind)} to cases/{case.path.name}")
        return
    field = _field(kind)
    reported, recorded = getattr(statement, field), getattr(step, field)
    if reported and reported != recorded:
        problems.error(publication.where(field), f"the {kind} reports the {field} "
                       f"'{reported}', but the case's '{name}' step has "
                       f"'{recorded or 'none'}'",
                       f"write the {field} of cases/{case.path.name}, or correct the case")
    if publication.date and step.date and publication.date < step.date:
        problems.error(publication.where("date"), f"the {kind} is dated {publication.date}, "
                       f"before the case's '{name}' step ({step.date})",
                       "date it on or after the step")
    _check_follow_up(publication, step, problems)


def _check_follow_up(publication: Publication, step: Step, problems: Problems) -> None:
    statement = publication.statement
    if publication.kind == "final-statement" and step.outcome in NEEDS_FOLLOW_UP and \
            statement is not None and not statement.follow_up:
        problems.error(publication.where("outcome"), "a final statement after "
                       f"'{step.outcome}' names the NCP's recommendations or its follow-up",
                       "add 'follow_up:' with them, by language")


def _field(kind: str) -> str:
    return "decision" if kind == "initial-assessment" else "outcome"
