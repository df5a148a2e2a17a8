"""The real content folder: valid as a whole, and the plan word for word from the seed."""

from __future__ import annotations

import re

from click.testing import CliRunner
from conftest import ROOT, SEED

from pipeline.checks.folder import load_content
from pipeline.cli import main


def test_the_real_content_is_valid_without_warnings() -> None:
    result = CliRunner().invoke(main, ["check", "--content", str(ROOT / "content"),
                                       "--strict"])
    assert (result.exit_code, result.output.strip()) == (0, "content is valid")


def test_the_plan_is_the_seed_word_for_word() -> None:
    seed = re.sub(r"\s+", " ", SEED.read_text(encoding="utf-8"))
    plan = load_content(ROOT / "content").plans[2025]
    texts = [plan.purpose["nb"]]
    for goal in plan.goals:
        texts.append(goal.title["nb"])
        texts += [subgoal.title["nb"] for subgoal in goal.subgoals]
    for activity in plan.activities():
        texts.append(activity.text["nb"])
        texts += [task["nb"] for task in activity.tasks]
    assert len(plan.goals) == 2
    assert sum(len(goal.subgoals) for goal in plan.goals) == 3
    assert len(plan.activities()) == 19
    assert sum(len(activity.tasks) for activity in plan.activities()) == 10
    for text in texts:
        assert text in seed, text
    assert all(activity.text.get("en") for activity in plan.activities())


def test_every_case_has_fictional_parties_and_example_markers() -> None:
    content = load_content(ROOT / "content")
    assert len(content.cases) >= 6
    outcomes = {case.outcome for case in content.cases}
    assert {"not-accepted", "agreement", "no-agreement", "withdrawn", None} <= outcomes
    assert any(case.submitter.confidential for case in content.cases)
    assert any(not case.public for case in content.cases)
    assert any(case.notes for case in content.cases)
    results = (ROOT / "content" / "results" / "2025.yaml").read_text(encoding="utf-8")
    assert results.startswith("# EKSEMPELINNHOLD")
