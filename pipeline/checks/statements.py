"""Initial assessments and final statements against their case file.

A statement's frame comes from the case; these rules make sure what the writer
put in publication.yaml (the case, the decision or outcome, the date) agrees
with the case's timeline, each error at the line that disagrees. Each message is
written whole for each kind of statement, so that it reads right in every language.
"""

from __future__ import annotations

from pipeline.content.model import Case, Content, Publication, Step
from pipeline.content.vocabulary import STATEMENT_STEPS
from pipeline.messages import Said, tr
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
                problems.error(publication.where("case"),
                               tr("there is no case '{case}' in cases/", case=statement.case),
                               tr("name the case by its id, such as {example}",
                                  example='"2025-02"'))
            continue
        if not case.public:
            problems.error(publication.where("case"),
                           tr("the case '{case}' is not public, so no statement on it can be "
                              "published", case=case.id),
                           tr("set 'public: true' in {file} once it may be published",
                              file=f"cases/{case.path.name}"))
            continue
        _check_against_step(publication, case, problems)


def _check_against_step(publication: Publication, case: Case, problems: Problems) -> None:
    kind, statement = publication.kind, publication.statement
    assert statement is not None
    assessment = kind == "initial-assessment"
    name = STATEMENT_STEPS[kind]
    step = next((s for s in case.timeline if s.step == name), None)
    file = f"cases/{case.path.name}"
    if step is None:
        problems.error(publication.where("case"), _no_step(assessment, case.id),
                       tr("add the step with its decision to {file}", file=file) if assessment
                       else tr("add the step with its outcome to {file}", file=file))
        return
    field = _field(kind)
    reported, recorded = getattr(statement, field), getattr(step, field)
    if reported and reported != recorded:
        problems.error(publication.where(field), _disagrees(assessment, reported, recorded),
                       tr("write the decision of {file}, or correct the case", file=file)
                       if assessment
                       else tr("write the outcome of {file}, or correct the case", file=file))
    if publication.date and step.date and publication.date < step.date:
        problems.error(publication.where("date"),
                       _dated_before(assessment, publication.date, step.date),
                       tr("date it on or after the step"))
    _check_follow_up(publication, step, problems)


def _no_step(assessment: bool, case: str) -> Said:
    if assessment:
        return tr("the case '{case}' has no 'initial-assessment' step, which an "
                  "initial-assessment reports", case=case)
    return tr("the case '{case}' has no 'final-statement' step, which a final-statement "
              "reports", case=case)


def _disagrees(assessment: bool, reported: str, recorded: str | None) -> Said:
    if assessment and recorded:
        return tr("the initial-assessment reports the decision '{reported}', but the case's "
                  "'initial-assessment' step has '{recorded}'", reported=reported,
                  recorded=recorded)
    if assessment:
        return tr("the initial-assessment reports the decision '{reported}', but the case's "
                  "'initial-assessment' step has none", reported=reported)
    if recorded:
        return tr("the final-statement reports the outcome '{reported}', but the case's "
                  "'final-statement' step has '{recorded}'", reported=reported,
                  recorded=recorded)
    return tr("the final-statement reports the outcome '{reported}', but the case's "
              "'final-statement' step has none", reported=reported)


def _dated_before(assessment: bool, date: object, step_date: object) -> Said:
    if assessment:
        return tr("the initial-assessment is dated {date}, before the case's "
                  "'initial-assessment' step ({step_date})", date=date, step_date=step_date)
    return tr("the final-statement is dated {date}, before the case's 'final-statement' step "
              "({step_date})", date=date, step_date=step_date)


def _check_follow_up(publication: Publication, step: Step, problems: Problems) -> None:
    statement = publication.statement
    if publication.kind == "final-statement" and step.outcome in NEEDS_FOLLOW_UP and \
            statement is not None and not statement.follow_up:
        problems.error(publication.where("outcome"),
                       tr("a final statement after '{outcome}' names the NCP's recommendations "
                          "or its follow-up", outcome=step.outcome),
                       tr("add 'follow_up:' with them, by language"))


def _field(kind: str) -> str:
    return "decision" if kind == "initial-assessment" else "outcome"
