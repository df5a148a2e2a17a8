"""A build's progress on the command line: a line per output as it finishes, and a bar.

Each written output gets its line on standard output the moment it is done
(`[3/6] arsrapport-2025-nb.pdf 0.4 s`). When standard error is a terminal and
the build has run for a couple of seconds, a bar on the last line of the
terminal says how far it is and what it works on; it is wiped when the build
ends, and never drawn into a file or a pipe.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

from pipeline.messages import number, tr

if TYPE_CHECKING:  # a build with nothing to do never imports the build
    from pipeline.build import Built

BAR_AFTER = 2.0  # seconds: a quicker build shows no bar
BAR_WIDTH = 24
TICK = 0.5  # seconds between redraws of the bar while nothing else happens


class TerminalProgress:
    """The `Progress` of a build run from the command line."""

    def __init__(self, out: TextIO | None = None, err: TextIO | None = None,
                 clock: Callable[[], float] = time.monotonic, tick: float | None = TICK) -> None:
        self.out = out or sys.stdout
        self.err = err or sys.stderr
        self.clock = clock
        self.started = clock()
        self.total = 0
        self.done = 0
        self.step = tr("reading the content")
        self.bar_shown = False
        self.lock = threading.Lock()  # the writers' threads and the ticker draw on one line
        self.over = threading.Event()
        if tick and self.err.isatty():  # the bar moves on while one long step runs
            threading.Thread(target=self._tick, args=(tick,), daemon=True).start()

    def preparing(self, slug: str, lang: str) -> None:
        with self.lock:
            self.step = tr("preparing {publication} ({lang})", publication=slug, lang=lang)
            self._draw()

    def writing(self, total: int) -> None:
        with self.lock:
            self.total = total
            self.step = tr("writing")
            self._draw()

    def written(self, item: Built) -> None:
        with self.lock:
            self.done += 1
            self.step = item.path.name
            if not item.fresh:
                self._wipe()
                print(f"[{self.done}/{self.total}] {item.path.name} {number(item.seconds, 1)} s",
                      file=self.out, flush=True)
            self._draw()

    def close(self) -> None:
        """Wipe the bar: the build is over."""
        self.over.set()
        with self.lock:
            self._wipe()

    def _tick(self, seconds: float) -> None:
        while not self.over.wait(seconds):
            with self.lock:
                self._draw()

    def _draw(self) -> None:
        if not self.err.isatty() or self.clock() - self.started < BAR_AFTER:
            return
        if self.total:
            filled = BAR_WIDTH * self.done // self.total
            bar = f"[{'#' * filled}{'-' * (BAR_WIDTH - filled)}] {self.done}/{self.total} "
        else:
            bar = ""
        elapsed = self.clock() - self.started
        self.err.write(f"\r\033[K{bar}{self.step} {elapsed:.0f} s")
        self.err.flush()
        self.bar_shown = True

    def _wipe(self) -> None:
        if self.bar_shown:
            self.err.write("\r\033[K")
            self.err.flush()
            self.bar_shown = False
