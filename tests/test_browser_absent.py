"""Without Chromium, the browser tests skip with one line; in CI they fail instead."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import NO_BROWSER, ROOT

BROWSER_TESTS = ["tests/test_browser.py", "tests/test_preview.py"]


def browser_tests_without_a_browser(**env: str) -> tuple[int, str]:
    environment = {key: value for key, value in os.environ.items() if key != "CI"}
    environment.update(CHROMIUM="/nowhere/chromium", **env)
    completed = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "no:xdist",
         "-m", "browser", *BROWSER_TESTS],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300, check=False)
    return completed.returncode, completed.stdout + completed.stderr


def test_without_a_browser_they_skip_with_one_line() -> None:
    code, output = browser_tests_without_a_browser()
    assert code == 0, output
    skipped = [line for line in output.splitlines() if line.startswith("SKIPPED")]
    assert len(skipped) == 1 and skipped[0].endswith(f": {NO_BROWSER}"), output
    assert "Traceback" not in output and "Error" not in output


def test_without_a_browser_in_ci_they_fail() -> None:
    code, output = browser_tests_without_a_browser(CI="true")
    assert code == 1, output
    assert f"no browser, and CI must run the browser tests: {NO_BROWSER}" in output
    assert "passed" not in output and "skipped" not in output
