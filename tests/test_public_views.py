"""Nothing a chapter can reach holds a confidential value.

The walk goes through everything the sandbox lets a chapter reach: every
attribute it allows on every object, every item of every list and mapping,
and the result of every method a chapter can call, for the years around the
content's. It runs over the real content, whose cases have confidential
parties, an unpublished case and internal notes, in every publication kind.
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT

from pipeline.checks.folder import load_content
from pipeline.content.model import Case, Content
from pipeline.kinds import KINDS
from pipeline.problems import Problems
from pipeline.render.localizer import Localizer
from pipeline.render.sandbox import ChapterEnvironment, environment

YEARS = range(2022, 2028)


def confidential(cases: list[Case]) -> set[str]:
    found = set()
    for case in cases:
        for party in (case.submitter, case.enterprise):
            if party.confidential:
                found.add(party.name)
        if case.notes:
            found.add(case.notes)
        if not case.public:
            found |= {case.id, *case.title.values(), *(case.summary or {}).values()}
    return found


def reachable(value: object, env: ChapterEnvironment,
              seen: dict[int, object]) -> Iterator[object]:
    """Every value reachable from `value` through the sandbox's own rules.

    `seen` keeps each object alive while the walk lasts, so that no id is reused.
    """
    if id(value) in seen or isinstance(value, int | float | dt.date | type(None)):
        return
    seen[id(value)] = value
    yield value
    if isinstance(value, str):
        return
    if isinstance(value, dict):
        for key, item in value.items():
            yield from reachable(key, env, seen)
            yield from reachable(item, env, seen)
    if isinstance(value, list | tuple):
        for item in value:
            yield from reachable(item, env, seen)
    for name in dir(value):
        attribute = getattr(value, name, None)
        if not env.is_safe_attribute(value, name, attribute):
            continue
        if inspect.ismethod(attribute) and attribute.__self__ is value \
                and not isinstance(value, list | dict | tuple):
            yield from called(attribute, env, seen)
        elif not callable(attribute):
            yield from reachable(attribute, env, seen)


def called(method: object, env: ChapterEnvironment,
           seen: dict[int, object]) -> Iterator[object]:
    parameters = inspect.signature(method).parameters
    for args in ([(year,) for year in YEARS] if parameters else [()]):
        yield from reachable(method(*args), env, seen)


def contexts(content: Content, tmp_path: Path) -> Iterator[tuple[str, dict, ChapterEnvironment]]:
    for publication in content.publications.values():
        for lang in publication.languages:
            localizer = Localizer(lang, Problems(), publication.fallback)
            names = KINDS[publication.kind].context(content, publication, localizer,
                                                    tmp_path / "charts", Problems())
            env = environment(publication.folder / lang, content.root, localizer)
            yield f"{publication.slug}-{lang}", names, env


def strings_reachable(names: dict, env: ChapterEnvironment) -> list[str]:
    seen: dict[int, object] = {}
    found = []
    for name, value in names.items():
        if name == "chart":
            values = [value(chart) for chart in ("case-stages", "activity-status")]
        elif name == "procedure_diagram":
            values = [value()]
        else:
            values = [value]
        found += [v for item in values for v in reachable(item, env, seen)
                  if isinstance(v, str)]
    return found


@pytest.fixture(scope="module")
def real_content() -> Content:
    return load_content(ROOT / "content")


def test_no_confidential_value_is_reachable_from_any_chapter(real_content: Content,
                                                             tmp_path: Path) -> None:
    secrets = confidential(real_content.cases)
    assert len(secrets) >= 6  # the real content has confidential parties, notes, a hidden case
    reached = 0
    for label, names, env in contexts(real_content, tmp_path):
        strings = strings_reachable(names, env)
        reached += len(strings)
        leaks = {secret for secret in secrets for text in strings if secret in text}
        assert not leaks, f"{label} reaches {leaks}"
    assert reached > 1000


def test_the_walk_reaches_public_cases_and_withheld_names(real_content: Content,
                                                          tmp_path: Path) -> None:
    """The walk above can fail: it reaches every public case's title and the withheld mark."""
    report = next((names, env) for label, names, env in contexts(real_content, tmp_path)
                  if label == "arsrapport-2025-nb")
    strings = set(strings_reachable(*report))
    public = [case.title["nb"] for case in real_content.cases if case.public]
    assert public and all(title in strings for title in public)
    assert "Navnet er ikke offentlig" in strings
