"""Same bytes everywhere: an output depends on its content, not on where or when it was built."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, Built
from readers import layers

from pipeline.build import Request, build
from pipeline.formats.docx.package import entry_time
from pipeline.problems import BuildError


def build_in(checkout: Path, output: str, build_dir: str, zone: str) -> Path:
    """Build the mini fixture copied into `checkout`, in a process of its own."""
    shutil.copytree(FIXTURES / "mini", checkout / "content")
    environment = {**os.environ, "TZ": zone, "PYTHONPATH": str(ROOT)}
    environment.pop("SOURCE_DATE_EPOCH", None)
    subprocess.run([sys.executable, "-m", "pipeline", "build", "--content", "content",
                    "--output", output, "--build-dir", build_dir],
                   cwd=checkout, env=environment, check=True, capture_output=True)
    return checkout / output


@pytest.mark.slow
def test_two_checkouts_build_the_same_bytes(tmp_path: Path) -> None:
    first = build_in(tmp_path / "a", "output", "build", "UTC")
    second = build_in(tmp_path / "checkout-b" / "deeper", "public/site", "work",
                      "Pacific/Auckland")
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert {path.suffix for path in files} >= {".html", ".docx", ".pdf"}
    for relative in files:
        assert (first / relative).read_bytes() == (second / relative).read_bytes(), relative


@pytest.mark.parametrize("fixture", ["mini", "english", "real"])
def test_no_output_holds_a_path_of_the_build_machine(request: pytest.FixtureRequest,
                                                     fixture: str) -> None:
    built: Built = request.getfixturevalue(fixture)
    paths = {built.content.resolve(), built.build.resolve(), built.output.resolve(), ROOT,
             Path(tempfile.gettempdir()).resolve()}
    needles = [str(path).encode() + b"/" for path in paths]
    files = sorted(path for path in built.output.rglob("*") if path.is_file())
    assert {path.suffix for path in files} >= {".html", ".docx", ".pdf"}
    for path in files:
        for layer in layers(path):
            for needle in needles:
                assert needle not in layer, (path.name, needle)


def test_docx_entries_carry_the_publication_date_in_a_fixed_order(mini: Built) -> None:
    with zipfile.ZipFile(mini.file("rapport", "nb", "docx")) as package:
        entries = package.infolist()
    names = [entry.filename for entry in entries]
    assert names == ["[Content_Types].xml", *sorted(names[1:])]
    assert {entry.date_time for entry in entries} == {(2026, 3, 20, 12, 0, 0)}
    assert {(entry.create_system, entry.compress_type) for entry in entries} == \
        {(0, zipfile.ZIP_DEFLATED)}


def test_source_date_epoch_dates_every_docx_entry(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    [built] = build(Request(FIXTURES / "mini", tmp_path / "output", tmp_path / "build",
                            formats=["docx"]))
    with zipfile.ZipFile(built.path) as package:
        assert {entry.date_time for entry in package.infolist()} == {(2023, 11, 14, 22, 13, 20)}


@pytest.mark.parametrize(("epoch", "expected"), [
    ("0", (1980, 1, 1, 0, 0, 0)),  # before what a zip can hold: its earliest
    ("", (2026, 3, 20, 12, 0, 0)),  # set but empty: as if not set
])
def test_source_date_epoch_edges(monkeypatch: pytest.MonkeyPatch, epoch: str,
                                 expected: tuple[int, ...]) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    assert entry_time(dt.date(2026, 3, 20)) == expected


def test_a_malformed_source_date_epoch_is_a_build_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(BuildError, match="SOURCE_DATE_EPOCH must be a whole number"):
        entry_time(dt.date(2026, 3, 20))
