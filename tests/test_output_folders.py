"""The output folder: readable by a web server, and `ncp clean` removes only what a build made."""

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
from pipeline.files import atomic_target
from pipeline.publish.folders import MARKER


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


def clean(output: Path, build_dir: Path) -> Result:
    return run("clean", "--output", output, "--build-dir", build_dir)


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
    assert {Path("index.html"), Path(MARKER), Path("rapport/rapport-nb.html"),
            Path("rapport/rapport-nb.docx"), Path("rapport/rapport-nb.pdf")} <= set(modes)
    for path, mode in modes.items():
        assert mode == (0o755 if (output / path).is_dir() else 0o644), (path, oct(mode))


def test_clean_removes_the_folders_a_build_made(tmp_path: Path) -> None:
    output, build_dir = build_mini(tmp_path / "nested", "--format", "html")
    assert (output / MARKER).is_file() and (build_dir / MARKER).is_file()
    result = clean(output, build_dir)
    assert result.exit_code == 0
    assert not output.exists() and not build_dir.exists()
    assert f"removed {output}" in result.output


def test_clean_refuses_an_unmarked_folder_and_leaves_everything(tmp_path: Path) -> None:
    """Nothing is removed when one folder is not the pipeline's, not even the marked one."""
    mine = tmp_path / "my-documents"
    mine.mkdir()
    (mine / "letter.txt").write_text("keep me", encoding="utf-8")
    _, build_dir = build_mini(tmp_path, "--format", "html")
    result = clean(mine, build_dir)
    assert result.exit_code == 1
    assert f"error: {mine} was not made by the pipeline (it holds no {MARKER} file), so it " \
        "is left as it is" in result.output
    assert "hint: check OUTPUT and BUILD" in result.output
    assert (mine / "letter.txt").read_text(encoding="utf-8") == "keep me"
    assert (build_dir / MARKER).is_file()


def test_a_folder_that_existed_before_the_build_is_not_marked(tmp_path: Path) -> None:
    (tmp_path / "output").mkdir()
    output, build_dir = build_mini(tmp_path, "--format", "html")
    assert not (output / MARKER).exists()
    assert clean(output, build_dir).exit_code == 1
    assert (output / "rapport" / "rapport-nb.html").is_file()


def test_clean_refuses_a_symbolic_link(tmp_path: Path) -> None:
    output, build_dir = build_mini(tmp_path, "--format", "html")
    link = tmp_path / "link"
    link.symlink_to(output)
    result = clean(link, build_dir)
    assert result.exit_code == 1
    assert f"error: {link} is a symbolic link" in result.output
    assert (output / MARKER).is_file()
