"""The output folder: readable by a web server."""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import FIXTURES

from pipeline.cli import main
from pipeline.output import atomic_target


@contextlib.contextmanager
def umask(mask: int) -> Iterator[None]:
    previous = os.umask(mask)
    try:
        yield
    finally:
        os.umask(previous)


def run(*args: str | Path) -> Result:
    result = CliRunner().invoke(main, [str(arg) for arg in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        result.exception
    return result


def build_mini(tmp_path: Path, *args: str) -> tuple[Path, Path]:
    output, build_dir = tmp_path / "output", tmp_path / "build"
    result = run("build", "--content", FIXTURES / "mini", "--output", output,
                 "--build-dir", build_dir, *args)
    assert result.exit_code == 0, result.output
    return output, build_dir


@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664)])
def test_a_written_file_has_the_mode_the_umask_gives(tmp_path: Path, mask: int,
                                                     mode: int) -> None:
    with umask(mask), atomic_target(tmp_path / "x.html") as temporary:
        temporary.write_text("<p>x</p>", encoding="utf-8")
    assert stat.S_IMODE((tmp_path / "x.html").stat().st_mode) == mode


@pytest.mark.slow
def test_every_output_is_readable_by_all_under_umask_022(tmp_path: Path) -> None:
    with umask(0o022):
        output, _ = build_mini(tmp_path)
    modes = {path.relative_to(output): stat.S_IMODE(path.stat().st_mode)
             for path in output.rglob("*")}
    assert {Path("index.html"), Path("rapport/rapport-nb.html"),
            Path("rapport/rapport-nb.docx"), Path("rapport/rapport-nb.pdf")} <= set(modes)
    for path, mode in modes.items():
        assert mode == (0o755 if (output / path).is_dir() else 0o644), (path, oct(mode))
