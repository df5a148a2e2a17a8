"""One Typst process for each process that writes PDFs: it compiles one document after
another, outlives Typst's refusals, and is replaced when it is stopped."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.formats import typst_process


def request(tmp_path: Path, name: str, text: str) -> dict[str, object]:
    source = tmp_path / f"{name}.typ"
    source.write_text(text, encoding="utf-8")
    return {"input": str(source), "output": str(source.with_suffix(".pdf")),
            "root": str(tmp_path), "ignore_system_fonts": True, "memory": 2**31}


def pid() -> int:
    return typst_process._HERE.running.process.pid


def test_documents_compile_one_after_another_in_one_process(tmp_path: Path) -> None:
    typst_process.compile_in_worker(request(tmp_path, "a", "Første"), 60)
    first = pid()
    typst_process.compile_in_worker(request(tmp_path, "b", "Andre"), 60)
    assert pid() == first
    assert (tmp_path / "a.pdf").read_bytes().startswith(b"%PDF")
    assert (tmp_path / "b.pdf").read_bytes().startswith(b"%PDF")


def test_a_refusal_is_told_and_the_process_goes_on(tmp_path: Path) -> None:
    typst_process.compile_in_worker(request(tmp_path, "a", "Første"), 60)
    first = pid()
    with pytest.raises(typst_process.Refused, match="unknown variable: nowhere"):
        typst_process.compile_in_worker(request(tmp_path, "bad", "#nowhere"), 60)
    typst_process.compile_in_worker(request(tmp_path, "b", "Andre"), 60)
    assert pid() == first


def test_a_compile_past_its_time_stops_the_process_and_the_next_starts_anew(
        tmp_path: Path) -> None:
    typst_process.compile_in_worker(request(tmp_path, "a", "Første"), 60)
    stopped = typst_process._HERE.running.process
    slow = "#for i in range(20000) [#lorem(40) #parbreak()]"
    with pytest.raises(typst_process.TimedOut):
        typst_process.compile_in_worker(request(tmp_path, "slow", slow), 0.05)
    assert stopped.poll() is not None
    typst_process.compile_in_worker(request(tmp_path, "b", "Andre"), 60)
    assert pid() != stopped.pid


def test_the_typst_process_ends_with_the_process_that_started_it(tmp_path: Path) -> None:
    source = tmp_path / "a.typ"
    source.write_text("Første", encoding="utf-8")
    script = ("from pipeline.formats import typst_process as t; "
              f"t.compile_in_worker({{'input': {str(source)!r}, 'root': {str(tmp_path)!r}, "
              "'output': None, 'memory': 2**31}, 60); "
              "print(t._HERE.running.process.pid)")
    started = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                             check=True)
    with pytest.raises(ProcessLookupError):
        os.kill(int(started.stdout), 0)
