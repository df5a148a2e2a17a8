"""The Typst process of each process or thread that writes PDFs: started once, sent one
compile after another, stopped when a compile runs too long or grows too large.

A process of its own can be stopped, which a compile in ours could not; one that lives
for the whole build loads Python, Typst and the fonts once rather than for every PDF
(a build of everything compiles 17). Each process and each thread has its own, so no
two compiles wait for each other; a process forked from ours starts its own, and each
Typst process ends with the process or thread that started it.
"""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from multiprocessing.util import Finalize
from pathlib import Path
from typing import IO, Any

from pipeline.formats.typst_worker import OUT_OF_MEMORY

WORKER = Path(__file__).with_name("typst_worker.py")


class TimedOut(Exception):
    pass


class OutOfMemory(Exception):
    pass


class Refused(Exception):
    """Typst's own error: its message."""


class Stopped(Exception):
    """The Typst process ended without a word: its exit status."""


@dataclass
class _Running:
    process: subprocess.Popen[bytes]
    requests: IO[bytes]
    answers: IO[bytes]
    stderr: IO[bytes]
    owner: int  # the process that started it


_HERE = threading.local()


def compile_in_worker(request: dict[str, Any], seconds: float) -> None:
    """Run `typst.compile(**request)` (with `memory`, its limit in bytes) in the Typst
    process, waiting at most `seconds`."""
    running = _running()
    try:
        running.requests.write(json.dumps(request).encode("utf-8") + b"\n")
        running.requests.flush()
        ready, _, _ = select.select([running.answers], [], [], seconds)
        if not ready:
            _stop(running)
            raise TimedOut
        answer = running.answers.readline()
    except BrokenPipeError:
        answer = b""
    if not answer:
        raise _ended(running)
    error = json.loads(answer).get("error")
    if error is not None:
        raise Refused(error)


def _running() -> _Running:
    running: _Running | None = getattr(_HERE, "running", None)
    if running is None or running.owner != os.getpid() or running.process.poll() is not None:
        stderr = tempfile.TemporaryFile()  # noqa: SIM115 -- open while the process lives
        # -P: the worker's own folder is not on the path, where typst.py would hide typst.
        process = subprocess.Popen([sys.executable, "-P", str(WORKER)], stdin=subprocess.PIPE,
                                   stdout=subprocess.PIPE, stderr=stderr)
        running = _Running(process, process.stdin, process.stdout,  # type: ignore[arg-type]
                           stderr, os.getpid())
        # Ended with the process or thread that holds it, so that none is left behind: a
        # multiprocessing finaliser runs in a forked writer too, where atexit does not.
        Finalize(running, _close, args=(process, running.requests), exitpriority=0)
        _HERE.running = running
    return running


def _close(process: subprocess.Popen[bytes], requests: IO[bytes]) -> None:
    """End of its input: an idle Typst process ends at once; one still compiling (for a
    process that is being stopped) is killed, since nobody waits for its PDF."""
    requests.close()
    try:
        process.wait(timeout=1)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _stop(running: _Running) -> None:
    running.process.kill()
    running.process.wait()
    _HERE.running = None


def _ended(running: _Running) -> Exception:
    """Why the Typst process ended in the middle of a compile."""
    status = running.process.wait()
    _HERE.running = None
    running.stderr.seek(0)
    message = running.stderr.read().decode("utf-8", errors="replace").strip()
    if status == OUT_OF_MEMORY or (status == -signal.SIGABRT and "memory allocation" in message):
        return OutOfMemory()
    return Refused(message) if message else Stopped(status)
