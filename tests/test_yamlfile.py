"""YAML mistakes become problems at the right line, never tracebacks."""

from pathlib import Path

import pytest

from pipeline.content.yamlfile import DEEPEST, load_yaml
from pipeline.problems import Problems


def load(tmp_path: Path, text: str) -> tuple[object, Problems]:
    path = tmp_path / "x.yaml"
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    problems = Problems()
    return load_yaml(path, problems), problems


def test_positions_of_values_are_kept(tmp_path: Path) -> None:
    data, problems = load(tmp_path, "a: 1\nb:\n  c: [x, y]\n")
    assert not problems.items
    assert data.where("b").line == 3
    assert data["b"]["c"].where(1).column == 10


def test_duplicate_keys_are_errors(tmp_path: Path) -> None:
    _, problems = load(tmp_path, "title: a\nyear: 1\ntitle: b\n")
    [error] = problems.errors
    assert error.position.line == 3
    assert "duplicate key 'title'" in error.message and "line 1" in error.message


def test_impossible_dates_are_errors(tmp_path: Path) -> None:
    _, problems = load(tmp_path, "received: 2025-02-30\n")
    [error] = problems.errors
    assert (error.position.line, error.position.column) == (1, 11)
    assert "2025-02-30" in error.message


def test_syntax_errors_name_the_place(tmp_path: Path) -> None:
    _, problems = load(tmp_path, "a: 1\nb: [1, 2\nc: 3\n")
    [error] = problems.errors
    assert error.message.startswith("YAML syntax")
    assert error.position.line == 3


def test_bytes_that_are_not_utf8(tmp_path: Path) -> None:
    _, problems = load(tmp_path, b"a: 1\nb: caf\xe9\n")
    [error] = problems.errors
    assert error.position.line == 2 and "0xe9" in error.message


def test_a_file_without_fields_is_an_error(tmp_path: Path) -> None:
    """None never comes back without a problem: an empty file would vanish silently."""
    for text in ("", "# only a comment\n", "~\n"):
        data, problems = load(tmp_path, text)
        [error] = problems.errors
        assert data is None and error.message == "the file holds no fields"


@pytest.mark.parametrize(("opening", "closing", "count"), [("[", "]", 50_000),
                                                       ("{a: ", "}", 5_000)])
def test_collections_nested_past_the_limit_are_an_error_not_a_crash(
        tmp_path: Path, opening: str, closing: str, count: int) -> None:
    """libyaml builds nested values by recursion: 50,000 brackets inside each other crashed
    the process, and 5,000 mappings ended in a RecursionError."""
    data, problems = load(tmp_path, "x: " + opening * count + "1" + closing * count + "\n")
    [error] = problems.errors
    assert data is None
    assert error.message == (f"lists and fields lie more than {DEEPEST} levels deep inside "
                             "each other")
    # The file's mapping is the first level, so the error is at the DEEPEST-th opening.
    assert (error.position.line, error.position.column) == (1, 4 + (DEEPEST - 1) * len(opening))


def test_collections_as_deep_as_the_limit_are_read(tmp_path: Path) -> None:
    depth = DEEPEST - 1  # inside the file's mapping
    data, problems = load(tmp_path, "x: " + "[" * depth + "1" + "]" * depth + "\n")
    assert not problems.items and data["x"]
