"""Time the preview's loop: a chapter saved to the reloaded page showing it, in Chromium.

Starts `ncp preview` on a copy of the content folder, opens the page, then
appends a new sentence to a chapter --runs times, each time timing from the
save to the reloaded page's load event (and checking that the page shows it).
Prints each time, the median, and the preview's own build time beside it (the
rest is noticing the save, reloading, and the browser reading the page).

    .venv/bin/python -m bench.preview [--publication arsrapport-2025 --lang nb --runs 7]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    parser.add_argument("--publication", default="arsrapport-2025")
    parser.add_argument("--lang", default="nb")
    parser.add_argument("--chapter", default="forord.md")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        content = Path(scratch) / "content"
        shutil.copytree(args.content, content)
        command = [sys.executable, "-m", "pipeline", "preview", args.publication,
                   "--lang", args.lang, "--content", str(content),
                   "--folder", str(Path(scratch) / "preview")]
        # Its lines are read here, so it speaks English whatever the machine's locale.
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True,
                                   env={**os.environ, "NCP_LANGUAGE": "en"})
        try:
            url = _address(process)
            chapter = content / "publications" / args.publication / args.lang / args.chapter
            saves = _time_saves(url, chapter, args.runs, args.chromium)
        finally:
            process.terminate()
            log = process.communicate(timeout=30)[0]
    builds = [float(seconds) for seconds in re.findall(r"^built in ([\d.]+) s \(", log, re.M)]
    for number, seconds in enumerate(saves, 1):
        print(f"save {number}: {seconds:.3f} s")
    print(f"save to reloaded page, median of {len(saves)}: {statistics.median(saves):.3f} s "
          f"(of it the build, median: {statistics.median(builds):.3f} s)")


def _address(process: subprocess.Popen[str]) -> str:
    for line in process.stdout:
        if line.startswith("preview at "):
            return line.split()[2]
    raise SystemExit("ncp preview stopped before it served")


def _time_saves(url: str, chapter: Path, runs: int, chromium: str) -> list[float]:
    original = chapter.read_text(encoding="utf-8")
    times = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(url)
        for run in range(runs):
            sentence = f"Setning nummer {run} skrevet for å måle forhåndsvisningen."
            with page.expect_event("load", timeout=60_000):
                start = time.perf_counter()
                chapter.write_text(original + f"\n{sentence}\n", encoding="utf-8")
            times.append(time.perf_counter() - start)
            if not page.get_by_text(sentence).count():
                raise SystemExit(f"the reloaded page lacks the sentence of save {run + 1}")
            time.sleep(0.5)  # let the watcher settle before the next save
        browser.close()
    return times


if __name__ == "__main__":
    main()
