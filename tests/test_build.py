"""The build: nothing half-written, and only what changed is written again."""

from __future__ import annotations

import functools
import shutil
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

import pytest
from conftest import FIXTURES, ROOT

from pipeline.build import Request, build
from pipeline.files import atomic_target
from pipeline.formats.webfonts import web_font
from pipeline.publish.staging import locked, staged_run

T = TypeVar("T")


def test_a_failed_write_leaves_neither_file_nor_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out" / "x.pdf"
    with pytest.raises(RuntimeError), atomic_target(target) as temporary:
        temporary.write_bytes(b"half")
        raise RuntimeError("typst failed")
    assert list((tmp_path / "out").iterdir()) == []


@pytest.mark.slow
def test_only_what_changed_is_written_again(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "mini", content)
    request = Request(content, tmp_path / "output", tmp_path / "build")
    first = build(request)
    assert len(first) == 3 and not any(item.fresh for item in first)
    assert all(item.fresh for item in build(request))
    chapter = content / "publications" / "rapport" / "nb" / "saker.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nEn ny setning.\n",
                       encoding="utf-8")
    again = build(request)
    assert not any(item.fresh for item in again)
    assert "En ny setning." in (tmp_path / "output/rapport/rapport-nb.html").read_text(
        encoding="utf-8")
    forced = build(Request(content, tmp_path / "output", tmp_path / "build", force=True))
    assert not any(item.fresh for item in forced)
    assert (tmp_path / "output" / "index.html").is_file()


def test_pages_asking_for_one_web_font_at_once_all_get_it(tmp_path: Path) -> None:
    """HTML pages are written in parallel, and each may make the same font's WOFF."""
    font = ROOT / "content" / "fonts" / "inter" / "Inter-Regular.otf"
    for attempt in range(5):  # a collision is likely, not certain, in one round
        cache = tmp_path / str(attempt)
        made = at_once(functools.partial(web_font, font, cache), 8)
        assert made == [cache / "Inter-Regular.woff"] * 8
        assert sorted(path.name for path in cache.iterdir()) == \
            ["Inter-Regular.woff", "Inter-Regular.woff.key"]  # no temporary left


def at_once(call: Callable[[], T], count: int) -> list[T]:
    """`call` run by `count` threads released together."""
    start = threading.Barrier(count)

    def released() -> T:
        start.wait()
        return call()

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(lambda _: released(), range(count)))


def test_a_second_build_waits_for_the_first_and_says_so(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture) -> None:
    order: list[str] = []
    with locked(tmp_path):
        waiting = threading.Thread(target=lambda: _take(tmp_path, order))
        waiting.start()
        waiting.join(timeout=0.5)
        assert waiting.is_alive()  # it waits while the first holds the folder
        order.append("first done")
    waiting.join(timeout=5)
    assert order == ["first done", "second ran"]
    assert f"another build is using {tmp_path}; waiting" in capsys.readouterr().err


def _take(folder: Path, order: list[str]) -> None:
    with locked(folder):
        order.append("second ran")


def test_a_stopped_build_discards_what_it_staged(tmp_path: Path) -> None:
    with pytest.raises(SystemExit), staged_run(tmp_path) as staging:
        target = tmp_path / "rapport" / "rapport-nb.pdf"
        staging.path(target).write_bytes(b"half")
        staging.keep(target)
        raise SystemExit(143)  # what SIGTERM raises in the command line
    assert list(tmp_path.iterdir()) == []


def test_sigterm_unwinds_the_command_line() -> None:
    import signal

    from pipeline.cli import _stopped

    with pytest.raises(SystemExit) as stopped:
        _stopped(signal.SIGTERM, None)
    assert stopped.value.code == 143
