"""The `ncp` command line, behind the Makefile."""

from __future__ import annotations

import contextlib
import datetime as dt
import signal
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import click

from pipeline.content.vocabulary import FORMATS, PUBLICATION_KINDS, STATEMENT_STEPS
from pipeline.messages import language, number, tr, tr_n, use_for_command
from pipeline.problems import BuildError, ContentError, Problems
from pipeline.progress import TerminalProgress
from pipeline.publish import last_build
from pipeline.publish.folders import NotMadeHere, clean, marking

# Each command imports the phases it runs when it runs: a build with nothing to
# do, or `--help`, does not pay for loading pandoc's, Typst's and Word's helpers.

T = TypeVar("T")



def _speaking_for(_ctx: click.Context, _param: click.Parameter, content: Path) -> Path:
    """The content folder, whose site's language the command speaks unless the locale says."""
    use_for_command(content)
    return content


CONTENT = click.option("--content", "content", default="content", show_default=True,
                       type=click.Path(file_okay=False, path_type=Path),
                       callback=_speaking_for, is_eager=True,
                       help="The content folder to read.")


@click.group()
def main() -> None:
    """Build the publications of a National Contact Point from its content folder."""
    # A build stopped by `kill` or a closed terminal unwinds like Ctrl-C: the staged
    # outputs are discarded and output/ is left as it was.
    for stop in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(stop, _stopped)
    use_for_command(Path("content"))  # a command reading another folder chooses again


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
    start = time.perf_counter()
    asked = [*publications, "--kind", *kinds, "--lang", *languages, "--format", *formats,
             "--messages", language()]  # the warnings it recorded are told in that language
    fingerprint = last_build.fingerprint(content, output, asked)
    if not force and (record := last_build.up_to_date(build_dir, output, fingerprint)):
        if record.warnings:
            click.echo(record.warnings, err=True)
        _summary(0, record.built, output, start)
        return
    from pipeline.build import Request, build

    request = Request(content, output, build_dir, list(publications), list(kinds),
                      list(languages), list(formats), force)
    problems = Problems()
    progress = TerminalProgress()
    last_build.forget(build_dir)
    with _ending_on_failure(content), marking(output, build_dir), contextlib.closing(progress):
        built = build(request, problems, progress)
    _report(problems, content)  # the warnings: a build that succeeds shows them too
    last_build.remember(build_dir, output, fingerprint, len(built), _told(problems, content))
    fresh = sum(item.fresh for item in built)
    _summary(len(built) - fresh, fresh, output, start)


def _summary(written: int, fresh: int, output: Path, start: float) -> None:
    click.echo(tr_n("{count} file written into {output}, {fresh} up to date, in {seconds} s",
                    "{count} files written into {output}, {fresh} up to date, in {seconds} s",
                    written, output=output, fresh=fresh,
                    seconds=number(time.perf_counter() - start, 2)))


@main.command("preview")
@click.argument("publication", required=False)
@click.option("--lang", "languages", multiple=True, help="Only this language (repeatable).")
@CONTENT
@click.option("--port", default=0, show_default=True, type=click.IntRange(0, 65535),
              help="The port on 127.0.0.1; 0 takes a free one.")
@click.option("--folder", default="preview", show_default=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Where the preview's pages and intermediate files go (not output/).")
def preview_command(publication: str | None, languages: tuple[str, ...], content: Path,
                    port: int, folder: Path) -> None:
    """Serve PUBLICATION's HTML (all when none is named), rebuilt and reloaded on every save."""
    from pipeline.build import Request
    from pipeline.preview.session import preview  # the watcher is loaded only to preview

    request = Request(content, folder / "site", folder / "build",
                      [publication] if publication else [], languages=list(languages),
                      formats=["html"], processes=False)  # a server is not forked
    preview(request, port, click.echo)


@main.command("check")
@CONTENT
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
def check_command(content: Path, strict: bool) -> None:
    """Validate the whole content folder and report every problem at once."""
    from pipeline.build import Request, prepare_all
    from pipeline.checks.folder import checked_content
    from pipeline.content.loader import usable
    from pipeline.kinds import KINDS

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
        click.echo(tr("content is valid"))
    sys.exit(1 if failed else 0)


@main.command("sprak")
@click.argument("year", type=int)
@CONTENT
@click.option("--output", default="output", show_default=True,
              type=click.Path(file_okay=False, path_type=Path))
def sprak_command(year: int, content: Path, output: Path) -> None:
    """Målform balance: words in bokmål, nynorsk and English in YEAR's publications."""
    from pipeline.reports.language_balance import MINIMUM_SHARE, Row
    from pipeline.reports.sprak import language_report

    problems = Problems()
    try:
        with marking(output):
            result, figures, page = language_report(content, year, output, problems)
    except ContentError as error:
        _report(error.problems, content)
        sys.exit(1)
    width = max([len(row.title) for row in result.rows] + [10])
    publication, lang_heading = tr("publication"), tr("lang")
    click.echo(f"{publication:<{width}} {'nb':>8} {'nn':>8} {'en':>8}")
    for row in [*result.rows, Row("", tr("total"), result.total)]:
        words = row.words
        click.echo(f"{row.title:<{width}} {words['nb']:>8} {words['nn']:>8} {words['en']:>8}")
    click.echo(tr("bokmål {nb}%, nynorsk {nn}% of the Norwegian text",
                  nb=round(100 * result.share("nb")), nn=round(100 * result.share("nn"))))
    click.echo(f"\n{publication:<{width}} {lang_heading:<4}   LIX  "
               + tr("sentences over 25 words"))
    for (slug, lang), figure in sorted(figures.items()):
        click.echo(f"{slug:<{width}} {lang:<4} {figure.lix:>5.0f}  {figure.long_share:>6.0%}")
    for lang in result.too_low():
        click.echo(tr("warning") + ": " + tr(
            "{lang} is under {share}% of the Norwegian text in {year} (språklova § 13)",
            lang=lang, share=round(100 * MINIMUM_SHARE), year=year), err=True)
    click.echo(tr("wrote {path}", path=page))


@main.group("export")
def export_group() -> None:
    """Export data for others to read: the year's cases for the OECD."""


@export_group.command("cases")
@click.option("--year", type=int, required=True, help="The year whose cases to export.")
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv",
              show_default=True)
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path),
              help="The file to write; the standard output when left out.")
@CONTENT
def export_cases_command(year: int, fmt: str, output: Path | None, content: Path) -> None:
    """The public cases handled in YEAR, in the fields of the OECD database of specific
    instances (in English); only public data, read through the leak gate."""
    from pipeline.files import write_atomically
    from pipeline.reports.case_export import LeakError, export_cases

    problems = Problems()
    try:
        text = export_cases(content, year, fmt, problems)
    except (ContentError, LeakError):
        _report(problems, content)
        sys.exit(1)
    if output is None:
        click.echo(text, nl=False)
    else:
        write_atomically(output, text)
        click.echo(tr("wrote {path}", path=output), err=True)


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
            _error(reason)
        click.echo("    " + tr("hint") + ": " + tr(
            "check OUTPUT and BUILD; a folder from a build before folders were marked has no "
            "marker: if you are sure, delete it by hand once"), err=True)
        sys.exit(1)
    for folder in removed:
        click.echo(tr("removed {folder}", folder=folder))
    if not removed:
        click.echo(tr("nothing to clean"))


@main.group("new")
def new_group() -> None:
    """Start a case, a publication, a chapter or a hearing response from a skeleton."""


@new_group.command("hearing")
@click.option("--title", required=True, help="The consultation's title, as the ministry wrote it.")
@click.option("--recipient", required=True, help="The ministry or body to answer.")
@click.option("--address", multiple=True, help="An address line of the recipient (repeatable).")
@click.option("--deadline", required=True, type=click.DateTime(["%Y-%m-%d"]),
              help="The consultation's deadline, YYYY-MM-DD.")
@click.option("--letter-date", type=click.DateTime(["%Y-%m-%d"]),
              help="The date of the consultation letter, YYYY-MM-DD; asked for when left out "
                   "at a terminal, else marked in publication.yaml to fill in.")
@click.option("--lang", type=click.Choice(["nb", "nn"]), default="nb", show_default=True)
@CONTENT
def new_hearing_command(title: str, recipient: str, address: tuple[str, ...],
                        deadline: dt.datetime, letter_date: dt.datetime | None, lang: str,
                        content: Path) -> None:
    """Create a hearing response: its folder, publication.yaml (a draft), a body to fill."""
    from pipeline.scaffold.hearing import new_hearing

    if letter_date is None and sys.stdin.isatty():
        letter_date = click.prompt(tr("Date of the consultation letter (YYYY-MM-DD, empty "
                                      "if not known)"), default="", show_default=False,
                                   type=OPTIONAL_DATE) or None
    try:
        folder = new_hearing(content, title, recipient, list(address), deadline.date(), lang,
                             dt.date.today(), letter_date.date() if letter_date else None)
    except FileExistsError as error:
        _error(tr("{folder} exists already; choose another title", folder=error))
        sys.exit(1)
    click.echo(tr("created {folder} as a draft: fill in publication.yaml and {chapter}, then "
                  "remove 'draft: true'", folder=folder, chapter=f"{lang}/brev.md"))
    if letter_date is None:
        click.echo(tr("the consultation letter's date is not given: today's stands in, marked "
                      "in publication.yaml"))


class _OptionalDate(click.ParamType):
    name = "date"

    def convert(self, value: object, param: click.Parameter | None,
                ctx: click.Context | None) -> dt.datetime | None:
        if isinstance(value, dt.datetime) or value in ("", None):
            return value or None
        return click.DateTime(["%Y-%m-%d"]).convert(value, param, ctx)


OPTIONAL_DATE = _OptionalDate()


@new_group.command("case")
@click.option("--received", type=click.DateTime(["%Y-%m-%d"]),
              help="When the complaint came in, YYYY-MM-DD; today when left out.")
@click.option("--title", help="A neutral title naming the parties by kind.")
@click.option("--lang", type=click.Choice(["nb", "nn", "en"]), default="nb", show_default=True,
              help="The language of the title.")
@CONTENT
def new_case_command(received: dt.datetime | None, title: str | None, lang: str,
                     content: Path) -> None:
    """Create the next case of the year: every field under a comment, its timeline started."""
    from pipeline.scaffold.case import new_case

    day = received.date() if received else dt.date.today()
    try:
        path = new_case(content, day, lang, title)
    except FileExistsError as error:
        _error(tr("{path} exists already", path=error.filename))
        sys.exit(1)
    if received:
        click.echo(tr("created {path}, received {day}", path=path, day=day.isoformat()))
    else:
        click.echo(tr("created {path}, received {day} (today: change it if it came earlier)",
                      path=path, day=day.isoformat()))


@new_group.command("publication")
@click.argument("kind", type=click.Choice([k for k in PUBLICATION_KINDS
                                           if k != "hearing-response"
                                           and k not in STATEMENT_STEPS]))
@click.argument("slug")
@click.option("--title", help="The title in the first language.")
@click.option("--lang", "languages", multiple=True, type=click.Choice(["nb", "nn", "en"]),
              help="A language of the publication (repeatable); the site's default when "
                   "left out.")
@CONTENT
def new_publication_command(kind: str, slug: str, title: str | None,
                            languages: tuple[str, ...], content: Path) -> None:
    """Create publications/SLUG/ (a draft) with a commented publication.yaml and a chapter."""
    from pipeline.scaffold.publication import new_publication

    folder = _scaffolded(lambda: new_publication(content, kind, slug, list(languages),
                                                 dt.date.today(), title))
    click.echo(tr("created {folder} as a draft: fill in publication.yaml and its chapters, "
                  "then remove 'draft: true'", folder=folder))


@new_group.command("statement")
@click.argument("case")
@click.option("--kind", type=click.Choice(list(STATEMENT_STEPS)), required=True,
              help="Which statement on the case.")
@CONTENT
def new_statement_command(case: str, kind: str, content: Path) -> None:
    """Create an initial assessment or final statement on CASE (a draft), framed by the case."""
    from pipeline.scaffold.statement import new_statement

    folder = _scaffolded(lambda: new_statement(content, case, kind, dt.date.today()))
    click.echo(tr("created {folder} as a draft: write what is marked in its chapters and "
                  "publication.yaml, then remove 'draft: true'", folder=folder))


@new_group.command("chapter")
@click.argument("publication")
@click.argument("name")
@click.option("--title", help="The chapter's heading.")
@CONTENT
def new_chapter_command(publication: str, name: str, title: str | None,
                        content: Path) -> None:
    """Add chapter NAME to PUBLICATION's list and write it in each of its languages."""
    from pipeline.scaffold.publication import new_chapter

    paths = _scaffolded(lambda: new_chapter(content, publication, name, title))
    for path in paths:
        click.echo(tr("created {path}", path=path))


@main.command("release")
@click.option("--year", type=int, help="Only the publications dated this year.")
@CONTENT
@click.option("--releases", default="releases", show_default=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Where the dated release folders and their zips go.")
@click.pass_context
def release_command(ctx: click.Context, year: int | None, content: Path,
                    releases: Path) -> None:
    """Build every publication afresh into a dated folder and zip, with manifest and checksums."""
    from pipeline.build import Request, build
    from pipeline.checks.folder import checked_content
    from pipeline.publish.release import make_release, refuse_unfinished, selected

    try:
        ctx.invoke(check_command, content=content, strict=True)
        checked = True
    except SystemExit as stopped:
        checked = not stopped.code
    problems = Problems()
    loaded = checked_content(content, Problems())  # its problems were just reported
    if loaded is not None:
        refuse_unfinished(loaded, problems)
        _report(problems, content)
    reasons = [*([] if checked else [tr("'ncp check --strict' found the problems above")]),
               *([tr("the content is not finished (above)")] if problems.errors else [])]
    if reasons or loaded is None:
        _error(tr("no release: {reasons}", reasons="; ".join(reasons)))
        sys.exit(1)
    if not selected(loaded, year):
        _error(tr("no release: no publication is dated {year}", year=year))
        sys.exit(1)
    progress = TerminalProgress()

    def run_build(folder: Path, slugs: list[str]) -> None:
        with tempfile.TemporaryDirectory() as scratch, marking(folder), \
                contextlib.closing(progress):
            build(Request(content, folder, Path(scratch), slugs, force=True), problems,
                  progress)

    with _ending_on_failure(content):
        made = make_release(loaded, releases, year, run_build)
    click.echo(tr("released {count} files into {folder}/ and {archive}",
                  count=len(made.entries), folder=made.folder, archive=made.archive))


@main.command("schema")
@click.option("--out", default="schemas", show_default=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="The folder to write the schemas into.")
@click.option("--docs", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="Also rewrite the field tables of this Markdown file "
                   "(docs/content-model.md).")
def schema_command(out: Path, docs: Path | None) -> None:
    """Write a JSON Schema for each kind of content file, for editors to complete and check."""
    from pipeline.content.schema import with_field_tables, write_schemas

    for path in write_schemas(out):
        click.echo(tr("wrote {path}", path=path))
    if docs is not None:
        docs.write_text(with_field_tables(docs.read_text(encoding="utf-8")), encoding="utf-8")
        click.echo(tr("wrote the field tables of {path}", path=docs))


@main.command("messages")
@click.option("--docs", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="Also rewrite the table of every message in this Markdown file "
                   "(docs/errors.md).")
def messages_command(docs: Path | None) -> None:
    """Give the English catalog of ncp's messages their own text (after pybabel update)."""
    from pipeline.catalogs import fill_english, write_message_table

    click.echo(tr("wrote {path}", path=fill_english()))
    if docs is not None:
        write_message_table(docs)
        click.echo(tr("wrote the table of every message in {path}", path=docs))


@contextlib.contextmanager
def _ending_on_failure(content: Path) -> Iterator[None]:
    """Content problems, or a tool that failed, end the command with status 1, each said once."""
    try:
        yield
    except ContentError as error:
        _report(error.problems, content)
        sys.exit(1)
    except BuildError as error:
        _error(str(error))
        sys.exit(1)


def _scaffolded(make: Callable[[], T]) -> T:
    """What a scaffold made; a scaffold's refusal is one line on stderr and exit status 1."""
    from pipeline.scaffold.publication import ScaffoldError

    try:
        return make()
    except ScaffoldError as error:
        _error(str(error))
        sys.exit(1)


def _error(message: str) -> None:
    """One line on standard error that the command failed, and why."""
    click.echo(tr("error") + ": " + message, err=True)


def _report(problems: Problems, content: Path) -> None:
    if problems.items:
        click.echo(_told(problems, content), err=True)


def _told(problems: Problems, content: Path) -> str:
    """Every problem, then how many: what a writer is shown (empty when there is none)."""
    if not problems.items:
        return ""
    counts = ", ".join([tr_n("{count} error", "{count} errors", len(problems.errors)),
                        tr_n("{count} warning", "{count} warnings", len(problems.warnings))])
    return f"{problems.format(content)}\n{counts}"
