"""The `ncp` command line, behind the Makefile."""

from __future__ import annotations

import datetime as dt
import signal
import sys
import tempfile
import time
from pathlib import Path

import click

from pipeline.build import Request, build, prepare_all
from pipeline.checks.folder import checked_content
from pipeline.content.loader import usable
from pipeline.content.schema import write_schemas
from pipeline.content.vocabulary import FORMATS, PUBLICATION_KINDS
from pipeline.kinds import KINDS
from pipeline.problems import BuildError, ContentError, Problems
from pipeline.publish.folders import NotMadeHere, clean, marking
from pipeline.reports.language_balance import MINIMUM_SHARE, Row
from pipeline.reports.sprak import language_report
from pipeline.scaffold import new_hearing

CONTENT = click.option("--content", "content", default="content", show_default=True,
                       type=click.Path(file_okay=False, path_type=Path),
                       help="The content folder to read.")


@click.group()
def main() -> None:
    """Build the publications of a National Contact Point from its content folder."""
    # A build stopped by `kill` or a closed terminal unwinds like Ctrl-C: the staged
    # outputs are discarded and output/ is left as it was.
    for stop in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(stop, _stopped)


def _stopped(signum: int, _frame: object) -> None:
    raise SystemExit(128 + signum)


@main.command("build")
@click.argument("publications", nargs=-1)
@click.option("--kind", "kinds", multiple=True, type=click.Choice(PUBLICATION_KINDS),
              help="Build every publication of this kind.")
@click.option("--lang", "languages", multiple=True, help="Only this language (repeatable).")
@click.option("--format", "formats", multiple=True, type=click.Choice(FORMATS),
              help="Only this format (repeatable).")
@CONTENT
@click.option("--output", default="output", show_default=True,
              type=click.Path(file_okay=False, path_type=Path))
@click.option("--build-dir", default="build", show_default=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Where intermediate files (rendered Markdown, Typst, charts) go.")
@click.option("--force", is_flag=True, help="Write every file, even those up to date.")
def build_command(publications: tuple[str, ...], kinds: tuple[str, ...],
                  languages: tuple[str, ...], formats: tuple[str, ...], content: Path,
                  output: Path, build_dir: Path, force: bool) -> None:
    """Build PUBLICATIONS (folder names under publications/); all when none is named."""
    request = Request(content, output, build_dir, list(publications), list(kinds),
                      list(languages), list(formats), force)
    start = time.perf_counter()
    try:
        with marking(output, build_dir):
            built = build(request)
    except ContentError as error:
        _report(error.problems, content)
        sys.exit(1)
    except BuildError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(1)
    for item in built:
        if not item.fresh:
            click.echo(f"wrote {item.path} ({item.seconds:.2f} s)")
    fresh = sum(item.fresh for item in built)
    click.echo(f"{len(built) - fresh} file(s) written, {fresh} up to date, in "
               f"{time.perf_counter() - start:.2f} s")


@main.command("check")
@CONTENT
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
def check_command(content: Path, strict: bool) -> None:
    """Validate the whole content folder and report every problem at once."""
    problems = Problems()
    loaded = checked_content(content, problems)
    if loaded is not None:
        with tempfile.TemporaryDirectory() as scratch:
            request = Request(content, Path(scratch) / "output", Path(scratch) / "build",
                              kinds=list(KINDS))
            prepare_all(usable(loaded, problems), request, problems)
    _report(problems, content)
    failed = problems.errors or (strict and problems.warnings)
    if not problems.items:
        click.echo("content is valid")
    sys.exit(1 if failed else 0)


@main.command("sprak")
@click.argument("year", type=int)
@CONTENT
@click.option("--output", default="output", show_default=True,
              type=click.Path(file_okay=False, path_type=Path))
def sprak_command(year: int, content: Path, output: Path) -> None:
    """Målform balance: words in bokmål, nynorsk and English in YEAR's publications."""
    problems = Problems()
    try:
        with marking(output):
            result, page = language_report(content, year, output, problems)
    except ContentError as error:
        _report(error.problems, content)
        sys.exit(1)
    width = max([len(row.title) for row in result.rows] + [10])
    click.echo(f"{'publication':<{width}} {'nb':>8} {'nn':>8} {'en':>8}")
    for row in [*result.rows, Row("", "total", result.total)]:
        words = row.words
        click.echo(f"{row.title:<{width}} {words['nb']:>8} {words['nn']:>8} {words['en']:>8}")
    click.echo(f"bokmål {result.share('nb'):.0%}, nynorsk {result.share('nn'):.0%} "
               "of the Norwegian text")
    for lang in result.too_low():
        click.echo(f"warning: {lang} is under {MINIMUM_SHARE:.0%} of the Norwegian text "
                   f"in {year} (språklova § 13)", err=True)
    click.echo(f"wrote {page}")


@main.command("clean")
@click.option("--output", default="output", show_default=True,
              type=click.Path(file_okay=False, path_type=Path))
@click.option("--build-dir", default="build", show_default=True,
              type=click.Path(file_okay=False, path_type=Path))
def clean_command(output: Path, build_dir: Path) -> None:
    """Delete the output and build folders, only if the pipeline made them."""
    try:
        removed = clean([output, build_dir])
    except NotMadeHere as refused:
        for reason in refused.reasons:
            click.echo(f"error: {reason}", err=True)
        click.echo("    hint: check OUTPUT and BUILD; a folder from a build before folders were "
                   "marked has no marker: if you are sure, delete it by hand once", err=True)
        sys.exit(1)
    for folder in removed:
        click.echo(f"removed {folder}")
    if not removed:
        click.echo("nothing to clean")


@main.group("new")
def new_group() -> None:
    """Start a new publication from a ready skeleton."""


@new_group.command("hearing")
@click.option("--title", required=True, help="The consultation's title, as the ministry wrote it.")
@click.option("--recipient", required=True, help="The ministry or body to answer.")
@click.option("--address", multiple=True, help="An address line of the recipient (repeatable).")
@click.option("--deadline", required=True, type=click.DateTime(["%Y-%m-%d"]),
              help="The consultation's deadline, YYYY-MM-DD.")
@click.option("--lang", type=click.Choice(["nb", "nn"]), default="nb", show_default=True)
@CONTENT
def new_hearing_command(title: str, recipient: str, address: tuple[str, ...],
                        deadline: dt.datetime, lang: str, content: Path) -> None:
    """Create a hearing response: its folder, publication.yaml dated today, a body to fill."""
    try:
        folder = new_hearing(content, title, recipient, list(address), deadline.date(), lang,
                             dt.date.today())
    except FileExistsError as error:
        click.echo(f"error: {error} exists already; choose another title", err=True)
        sys.exit(1)
    click.echo(f"created {folder}: fill in publication.yaml and {lang}/brev.md, then "
               f"'make hearings'")


@main.command("schema")
@click.option("--out", default="schemas", show_default=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="The folder to write the schemas into.")
def schema_command(out: Path) -> None:
    """Write a JSON Schema for each kind of content file, for editors to complete and check."""
    for path in write_schemas(out):
        click.echo(f"wrote {path}")


def _report(problems: Problems, content: Path) -> None:
    if problems.items:
        click.echo(problems.format(content), err=True)
        click.echo(f"{len(problems.errors)} error(s), {len(problems.warnings)} warning(s)",
                   err=True)
