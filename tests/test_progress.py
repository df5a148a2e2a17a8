"""What a build says while it runs: a line per output, a bar on a terminal, every warning."""

from __future__ import annotations

import io
import time
from pathlib import Path

from click.testing import CliRunner
from conftest import broken

from pipeline.build import Built
from pipeline.cli import main
from pipeline.progress import TerminalProgress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def run(progress: TerminalProgress, clock: Clock, seconds_each: float) -> None:
    progress.preparing("arsrapport-2025", "nb")
    progress.writing(3)
    for name, fresh in [("arsrapport-2025-nb.pdf", False), ("arsrapport-2025-nb.docx", True),
                        ("arsrapport-2025-nb.html", False)]:
        clock.now += seconds_each
        progress.written(Built(Path("output/arsrapport-2025") / name, 0.42, fresh=fresh))
    progress.close()


def test_each_written_output_gets_its_line_as_it_finishes() -> None:
    out, err, clock = io.StringIO(), Terminal(), Clock()
    run(TerminalProgress(out, err, clock, tick=None), clock, 0.1)
    assert out.getvalue().splitlines() == ["[1/3] arsrapport-2025-nb.pdf 0.4 s",
                                           "[3/3] arsrapport-2025-nb.html 0.4 s"]
    assert err.getvalue() == ""  # a quick build draws no bar


def test_a_long_build_draws_a_bar_on_a_terminal_and_wipes_it() -> None:
    out, err, clock = io.StringIO(), Terminal(), Clock()
    run(TerminalProgress(out, err, clock, tick=None), clock, 1.5)
    drawn = err.getvalue()
    assert "1/3" not in drawn  # not before two seconds
    assert "[################--------] 2/3 arsrapport-2025-nb.docx" in drawn
    assert "3/3 arsrapport-2025-nb.html" in drawn
    assert drawn.endswith("\r\033[K")  # nothing left on the line once the build is over
    assert "\033" not in out.getvalue()


def test_the_bar_moves_on_while_one_long_step_runs() -> None:
    err, clock = Terminal(), Clock()
    progress = TerminalProgress(io.StringIO(), err, clock, tick=0.01)
    clock.now += 3
    deadline = time.monotonic() + 10
    while "reading the content 3 s" not in err.getvalue() and time.monotonic() < deadline:
        time.sleep(0.01)
    progress.close()
    assert "reading the content 3 s" in err.getvalue()


def test_no_bar_into_a_file_or_a_pipe() -> None:
    out, err, clock = io.StringIO(), io.StringIO(), Clock()
    run(TerminalProgress(out, err, clock, tick=None), clock, 5.0)
    assert err.getvalue() == ""
    assert len(out.getvalue().splitlines()) == 2


def build_mini(tmp_path: Path, content: Path, *selection: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["build", *selection, "--content", str(content),
                                       "--output", str(tmp_path / "output"),
                                       "--build-dir", str(tmp_path / "build")])
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        result.exception
    return result.exit_code, result.output


def test_a_build_that_succeeds_shows_every_warning(tmp_path: Path) -> None:
    chapter = "publications/rapport/nb/saker.md"
    text = (broken(tmp_path / "source", {}) / chapter).read_text(encoding="utf-8")
    content = broken(tmp_path, {chapter: text.replace("\n", "\r\n").encode("utf-8")})
    code, output = build_mini(tmp_path, content, "--format", "html")
    assert code == 0, output
    assert f"{chapter}:1: warning: the file has Windows line ends (CRLF)" in output
    assert "[1/1] rapport-nb.html" in output
    assert "0 errors, 1 warning" in output


def test_a_selection_that_matches_nothing_says_so_and_fails(tmp_path: Path) -> None:
    code, output = build_mini(tmp_path, broken(tmp_path, {}), "rapport", "--lang", "en")
    assert code == 1
    assert "nothing to build: no publication, language and format matches" in output
    assert "rapport (nb: html, docx, pdf)" in output
    assert not (tmp_path / "output" / "rapport").exists()
