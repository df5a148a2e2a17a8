"""No content mistake makes `ncp check` raise: mutate valid files and see it answer."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.build import Request, prepare_all
from pipeline.checks.folder import checked_content
from pipeline.content.loader import usable
from pipeline.kinds import KINDS
from pipeline.problems import Problems

SOURCE = FIXTURES / "mini"
YAML_FILES = sorted(str(p.relative_to(SOURCE)) for p in SOURCE.rglob("*.yml")) + \
    sorted(str(p.relative_to(SOURCE)) for p in SOURCE.rglob("*.yaml"))
CHAPTERS = sorted(str(p.relative_to(SOURCE)) for p in SOURCE.rglob("*.md"))

values = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 3000), st.text(max_size=12),
    st.sampled_from(["😀 i en sak", "中文", "$x^2$", "tekst\x1bmed ESC"]),
    st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31)),
    st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(max_size=4), st.text(max_size=4), max_size=2),
)
# What a careless writer pastes: formulas (good and broken), characters no font has,
# invisible and control characters, and nesting deep enough to stall pandoc.
ODD_TEXT = ["$E = mc^2$", "$\\frac{1}{$", "$$\\sum_{i=1}^{n} i$$", "$", "😀", "中文", "\u200d",
            "\ufeff", "\u1680", "\U000f0000", "\x1b", "\x7f", "\x85", "\r", "\x0c"]
NESTING = ["\n\n" + "> " * 300 + "x\n\n", "\n\n" + "- " * 300 + "x\n\n", "[" * 40,
           "[x " * 30, "'\"" * 30, "*a _b " * 60, "\n\n" + "::: {.boks}\n\n" * 40]
jinja_bits = st.sampled_from(["{{", "}}", "{%", "%}", "{% if x %}", "{{ cases.x }}", "{#",
                              "![](nope.png)", "[a](#b)", "#### h", ":::", "|", "\x00", "\t",
                              *ODD_TEXT, *NESTING])


def paths(node, prefix=()):
    """Every (path, value) in a loaded YAML tree."""
    yield prefix, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from paths(value, (*prefix, index))


def mutate_tree(tree, data):
    """Drop a key, change a value's type, or swap two dates."""
    where = [path for path, _ in paths(tree) if path]
    if not where:
        return data.draw(values)
    path = data.draw(st.sampled_from(where))
    parent = tree
    for step in path[:-1]:
        parent = parent[step]
    action = data.draw(st.sampled_from(["drop", "replace", "swap-dates"]))
    if action == "drop" and isinstance(parent, dict):
        del parent[path[-1]]
    elif action == "swap-dates":
        dates = [p for p, v in paths(tree) if isinstance(v, dt.date) and p]
        if len(dates) >= 2:
            first, second = data.draw(st.permutations(dates))[:2]
            a, b = _get(tree, first), _get(tree, second)
            _set(tree, first, b)
            _set(tree, second, a)
    else:
        parent[path[-1]] = data.draw(values)
    return tree


def _get(tree, path):
    for step in path:
        tree = tree[step]
    return tree


def _set(tree, path, value):
    _get(tree, path[:-1])[path[-1]] = value


def mutate_bytes(raw: bytes, data) -> bytes:
    action = data.draw(st.sampled_from(["insert", "truncate", "delete-line", "dup-line",
                                        "empty"]))
    if action == "empty":
        return b""
    position = data.draw(st.integers(0, len(raw)))
    if action == "insert":
        return raw[:position] + data.draw(st.binary(min_size=1, max_size=6)) + raw[position:]
    if action == "truncate":
        return raw[:position]
    lines = raw.splitlines(keepends=True)
    index = data.draw(st.integers(0, max(len(lines) - 1, 0)))
    if action == "delete-line":
        return b"".join(lines[:index] + lines[index + 1:])
    return b"".join(lines[:index + 1] + lines[index:])


def mutated_copy(data) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="mutant-")) / "content"
    shutil.copytree(SOURCE, folder)
    name = data.draw(st.sampled_from(YAML_FILES + CHAPTERS))
    path = folder / name
    raw = path.read_bytes()
    if name.endswith(".md"):
        text = raw.decode("utf-8")
        at = data.draw(st.integers(0, len(text)))
        path.write_text(text[:at] + data.draw(jinja_bits) + text[at:], encoding="utf-8")
    elif data.draw(st.booleans()):
        path.write_bytes(mutate_bytes(raw, data))
    else:
        tree = mutate_tree(yaml.safe_load(raw), data)
        path.write_text(yaml.safe_dump(tree, allow_unicode=True), encoding="utf-8")
    return folder


def check_answers(folder: Path, render: bool) -> Problems:
    problems = Problems()
    content = checked_content(folder, problems)
    assert content is not None or problems.errors, "gather gave up without saying why"
    if render and content is not None:  # as `ncp check` does: against what did load
        request = Request(folder, folder.parent / "output", folder.parent / "build",
                          kinds=list(KINDS))
        prepare_all(usable(content, problems), request, problems)
    return problems


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_loading_mutated_content_never_raises(data) -> None:
    folder = mutated_copy(data)
    try:
        problems = check_answers(folder, render=False)
        for problem in problems.items:
            assert problem.message and problem.position.path
    finally:
        shutil.rmtree(folder.parent)


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_checking_mutated_content_end_to_end_never_raises(data) -> None:
    folder = mutated_copy(data)
    try:
        check_answers(folder, render=True)
    finally:
        shutil.rmtree(folder.parent)


@pytest.mark.slow
@pytest.mark.parametrize("text", [*ODD_TEXT, *NESTING])
def test_each_new_kind_of_mistake_in_a_chapter_is_answered(text: str) -> None:
    """Each formula, odd character and nesting the mutations draw, once for sure."""
    folder = Path(tempfile.mkdtemp(prefix="mutant-")) / "content"
    shutil.copytree(SOURCE, folder)
    chapter = folder / CHAPTERS[0]
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\n" + text + "\n",
                       encoding="utf-8")
    try:
        check_answers(folder, render=True)
    finally:
        shutil.rmtree(folder.parent)
