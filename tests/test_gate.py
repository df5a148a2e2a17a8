"""The build's gate: an output holding a confidential string is refused, and so is the run;
`ncp check` warns where such a name was typed. A run that fails late writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import broken, check

from pipeline import build as build_module
from pipeline.build import Request, build
from pipeline.cli import main
from pipeline.problems import BuildError, ContentError
from pipeline.publish.staging import STAGING_PREFIX

# The mini fixture's case 2025-01 has a confidential submitter of this name.
NAME = "Hemmelig Klagerforening"
PUBLIC_SUMMARY = ("summary: {nb: Klagen ble ikke tatt til behandling.}",
                  f"summary: {{nb: Klagen fra {NAME} ble ikke tatt til behandling.}}")


def run_build(folder: Path, tmp_path: Path) -> tuple[int, str, Path]:
    output = tmp_path / "output"
    result = CliRunner().invoke(main, ["build", "--content", str(folder), "--output",
                                       str(output), "--build-dir", str(tmp_path / "build")])
    return result.exit_code, result.output, output


def outputs(folder: Path) -> list[str]:
    """The files a reader would take from `folder` (not the pipeline's hidden marker)."""
    return sorted(p.name for p in folder.rglob("[!.]*") if p.is_file()) \
        if folder.exists() else []


@pytest.mark.slow
def test_a_confidential_name_in_a_public_summary_stops_the_build(tmp_path: Path) -> None:
    folder = broken(tmp_path, {"cases/2025-03.yaml": PUBLIC_SUMMARY})
    status, output, out = run_build(folder, tmp_path)
    assert status == 1
    for fmt in ("html", "docx", "pdf"):
        assert (f"cases/2025-01.yaml: error: rapport/rapport-nb.{fmt} holds the confidential "
                "submitter.name (confidential party) of this file, so no output of this build "
                "was kept") in output, output
    assert NAME not in output  # the message names the field, never the value
    assert outputs(out) == []


def test_check_warns_where_the_name_was_typed(tmp_path: Path) -> None:
    folder = broken(tmp_path, {"cases/2025-03.yaml": PUBLIC_SUMMARY,
                               "publications/rapport/nb/saker.md":
                               ("# Saker {#saker}", f"# Saker {{#saker}}\n\nOm {NAME}.")})
    status, output = check(folder, "--strict")
    assert status == 1
    assert ("cases/2025-03.yaml:17:10: warning: the confidential submitter.name of "
            "cases/2025-01.yaml appears in this text") in output, output
    assert ("publications/rapport/nb/saker.md:3:4: warning: the confidential submitter.name "
            "of cases/2025-01.yaml appears in this text") in output, output
    assert NAME not in output  # the line is not quoted: reports end up in logs


@pytest.mark.slow
def test_the_gate_sees_through_case_and_hyphens(tmp_path: Path) -> None:
    """Typed in capitals with a soft hyphen, the name passes the check's plain search but
    not the gate."""
    disguised = "HEMMELIG Klager\u00adforening"
    folder = broken(tmp_path, {"publications/rapport/nb/saker.md":
                               ("# Saker {#saker}", f"# Saker {{#saker}}\n\nOm {disguised}.")})
    status, output, out = run_build(folder, tmp_path)
    assert status == 1
    assert "holds the confidential submitter.name" in output
    assert outputs(out) == []


@pytest.mark.slow
def test_outputs_are_gated_again_when_what_is_confidential_changes(tmp_path: Path) -> None:
    """An output up to date with its document is still rewritten, and refused, once a name
    it prints has become confidential."""
    folder = broken(tmp_path, {"publications/rapport/nb/saker.md":
                               ("# Saker {#saker}", "# Saker {#saker}\n\nOm Tindefjell "
                                "Gruvedrift AS.")})
    assert run_build(folder, tmp_path)[0] == 0
    case = folder / "cases/2025-01.yaml"
    case.write_text(case.read_text(encoding="utf-8").replace(
        "Tindefjell Gruvedrift AS, confidential: false", "Tindefjell Gruvedrift AS, "
        "confidential: true"), encoding="utf-8")
    status, output, _ = run_build(folder, tmp_path)
    assert status == 1
    assert "holds the confidential enterprise.name" in output


@pytest.mark.slow
def test_a_run_that_fails_late_writes_none_of_its_outputs(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(document: object, target: Path) -> None:
        target.write_bytes(b"half a PDF")
        raise BuildError("Typst refused the document")

    monkeypatch.setitem(build_module.WRITERS, "pdf", refuse)
    output = tmp_path / "output"
    (output / "rapport").mkdir(parents=True)
    (output / "rapport" / "rapport-nb.html").write_text("the previous good build")
    with pytest.raises(ContentError) as error:
        build(Request(broken(tmp_path, {}), output, tmp_path / "build"))
    assert "rapport-nb.pdf could not be written: Typst refused the document" in \
        error.value.problems.format(tmp_path)
    assert outputs(output) == ["rapport-nb.html"]
    assert (output / "rapport" / "rapport-nb.html").read_text() == "the previous good build"


@pytest.mark.slow
def test_a_killed_build_leaves_nothing_for_good(tmp_path: Path) -> None:
    output = tmp_path / "output"
    stale = output / f"{STAGING_PREFIX}killed" / "rapport"
    stale.mkdir(parents=True)
    (stale / "rapport-nb.pdf").write_bytes(b"half")
    build(Request(broken(tmp_path, {}), output, tmp_path / "build"))
    assert not list(output.glob(f"{STAGING_PREFIX}*"))
    assert outputs(output) == ["index.html", "rapport-nb.docx", "rapport-nb.html",
                               "rapport-nb.pdf"]
