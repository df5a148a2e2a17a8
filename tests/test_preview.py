"""`ncp preview` as a writer meets it: a process, a page in Chromium, a chapter saved."""

from __future__ import annotations

import json
import queue
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.error import HTTPError
from urllib.request import urlopen

import pytest
from conftest import FIXTURES, ROOT

from pipeline.preview.server import Board, serve

CHAPTER = Path("publications/rapport/nb/tall.md")
STARTUP = 120.0  # seconds: the first build subsets the fonts; a busy machine is slow
RELOAD_MS = 30_000


def ncp() -> list[str]:
    """The `ncp` command of this venv, else the same entry point through the interpreter."""
    installed = Path(sys.executable).with_name("ncp")
    return [str(installed)] if installed.is_file() else [sys.executable, "-m", "pipeline"]


class Preview:
    """A running `ncp preview`: its address and everything it has printed."""

    def __init__(self, command: list[str]) -> None:
        self.process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT, text=True)
        self.lines: queue.Queue[str] = queue.Queue()
        self.printed: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        self.url = self.wait_for("preview at ").split()[2]

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.put(line)

    def wait_for(self, text: str, timeout: float = STARTUP) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                assert self.process.poll() is None, "".join(self.printed)
                continue
            self.printed.append(line)
            if text in line:
                return line
        raise AssertionError(f"no {text!r} in:\n" + "".join(self.printed))

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(FIXTURES / "mini", folder)
    return folder


@pytest.fixture
def preview(content: Path, tmp_path: Path) -> Iterator[Preview]:
    running = Preview([*ncp(), "preview", "rapport", "--lang", "nb", "--content", str(content),
                       "--folder", str(tmp_path / "preview")])
    yield running
    running.stop()


def save(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


@pytest.mark.browser
def test_a_saved_chapter_reloads_the_page_and_a_content_error_shows_over_it(
        browser, preview: Preview, content: Path, tmp_path: Path) -> None:
    assert preview.url.startswith("http://127.0.0.1:")
    page = browser.new_page()
    page.goto(preview.url)
    assert page.evaluate("document.documentElement.lang") == "nb"
    chapter = content / CHAPTER
    original = chapter.read_text(encoding="utf-8")

    save(chapter, original + "\nEn setning skrevet mens siden var åpen.\n")
    page.get_by_text("En setning skrevet mens siden var åpen.").wait_for(timeout=RELOAD_MS)

    lines = original.splitlines()
    broken_line = lines.index("Andel: {{ 0.3 | percent }}.") + 1
    lines[broken_line - 1] = "Andel: {{ 0.3 | prosent }}."
    save(chapter, "\n".join(lines) + "\n")
    overlay = page.locator("#ncp-preview-problems")
    overlay.wait_for(timeout=RELOAD_MS)
    assert f"{CHAPTER}:{broken_line}" in overlay.inner_text()
    assert "error" in overlay.inner_text()
    assert (tmp_path / "preview" / "site").is_dir()
    assert "ncp-preview-problems" not in (
        tmp_path / "preview" / "site" / "rapport" / "rapport-nb.html").read_text(encoding="utf-8")

    save(chapter, original + "\nRettet igjen.\n")
    page.get_by_text("Rettet igjen.").wait_for(timeout=RELOAD_MS)
    assert overlay.count() == 0
    preview.wait_for("built in")
    assert preview.process.poll() is None


def test_preview_survives_content_that_never_built(content: Path, tmp_path: Path) -> None:
    """A preview started on broken content serves a waiting page and says what is wrong."""
    chapter = content / CHAPTER
    save(chapter, chapter.read_text(encoding="utf-8").replace("| percent", "| prosent"))
    running = Preview([*ncp(), "preview", "rapport", "--lang", "nb", "--content", str(content),
                       "--folder", str(tmp_path / "preview")])
    try:
        assert any("failed in" in line for line in running.printed)
        assert any(f"{CHAPTER}:" in line for line in running.printed)
        with urlopen(running.url) as response:
            page = response.read().decode("utf-8")
        assert "Nothing built yet" in page and "/_ncp/events" in page
        assert running.process.poll() is None
    finally:
        running.stop()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Board, Path]]:
    site = tmp_path / "site"
    (site / "rapport").mkdir(parents=True)
    page = site / "rapport" / "rapport-nb.html"
    page.write_text("<!DOCTYPE html><html><body><p>Tekst</p></BODY></html>", encoding="utf-8")
    board = Board()
    running = serve(site, board, 0, "/rapport/rapport-nb.html")
    threading.Thread(target=running.serve_forever, daemon=True).start()
    host, port = running.server_address[:2]
    yield f"http://{host}:{port}", board, page
    running.shutdown()
    running.server_close()


def test_pages_are_served_on_this_machine_only_with_the_script_added(server) -> None:
    address, board, page = server
    assert address.startswith("http://127.0.0.1:")
    board.publish([], "")
    with urlopen(address + "/") as response:  # `/` leads to the page previewed
        served = response.read().decode("utf-8")
    assert served.startswith("<!DOCTYPE html><html><body><p>Tekst</p><script data-version=\"1\">")
    assert served.endswith("</script></BODY></html>")
    assert "<script" not in page.read_text(encoding="utf-8")  # the file is left as built
    with pytest.raises(HTTPError) as missing:
        urlopen(address + "/rapport/annen.html")
    assert missing.value.code == 404


def test_the_event_stream_tells_each_build(server) -> None:
    address, board, _ = server
    with urlopen(address + "/_ncp/events", timeout=10) as stream:
        assert json.loads(stream.readline().removeprefix(b"data: ")) == \
            {"version": 0, "heading": "", "problems": []}
        stream.readline()
        board.publish([{"severity": "error", "text": "nb/tall.md:3: error: …"}], "1 feil")
        state = json.loads(stream.readline().removeprefix(b"data: "))
    assert state == {"version": 1, "heading": "1 feil",
                     "problems": [{"severity": "error", "text": "nb/tall.md:3: error: …"}]}
