"""Time our build against the floor of bare pandoc and Typst, as whole processes.

The floor is what the tools themselves cost on exactly the rendered input of
each output (build/<slug>/<slug>-<lang>.md, what our build hands pandoc): for
every output, `pandoc in.md -s -o x.html`, `pandoc in.md -o x.docx`, or
`pandoc in.md -s -t typst -o x.typ` and a Typst compile of it (twice for a
brochure, whose print PDF is a second PDF), run one after the other as
processes. Our side is `python -m pipeline build … --force` as one process.
Every figure is the median of --runs runs; the ratio says what the pipeline
costs over the tools: loading and checking the content, rendering the
chapters, the brand, the gate, the staging.

The growth rows say what the cost is linear in: the annual report again with
--cases more case files of its year (each a copy of one real case), and with
--pages more pages of plain text in one chapter; each gives the extra seconds
per case or per page, ours beside the floor's.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from pipeline.document.pandoc import executable
from pipeline.formats.print_pdf import SUFFIX

ROOT = Path(__file__).resolve().parent.parent
TYPST = ("import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2], "
         "root=sys.argv[3], font_paths=[sys.argv[4]])")


def median_seconds(run: Callable[[], object], runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def process(*args: str | Path, cwd: Path | None = None) -> Callable[[], None]:
    return lambda: subprocess.run([str(a) for a in args], check=True, capture_output=True,
                                  cwd=cwd)


def ncp(content: Path, work: Path, *args: str) -> Callable[[], None]:
    return process(sys.executable, "-m", "pipeline", "build", *args, "--content", content,
                   "--output", work / "output", "--build-dir", work / "build")


def floor(content: Path, fonts: Path, outputs: list[tuple[Path, str]]) -> Callable[[], None]:
    """Bare pandoc and Typst, one process after the other, for each (markdown, format).

    They run in the chapters' folder, so that the chapters' image paths resolve.
    """
    def run() -> None:
        for markdown, fmt in outputs:
            slug, lang = markdown.parent.name, markdown.stem.rpartition("-")[2]
            folder = content / "publications" / slug / lang
            folder = folder if folder.is_dir() else content  # a plan may have no chapters
            target = folder / f"floor.{fmt}"
            if fmt == "pdf":
                typ = target.with_suffix(".typ")
                process(executable(), markdown, "-s", "-t", "typst-citations", "-o", typ,
                        cwd=folder)()
                process(sys.executable, "-c", TYPST, typ, target, "/", fonts)()
            else:
                process(executable(), markdown, *(["-s"] if fmt == "html" else []),
                        "-o", target, cwd=folder)()
    return run


def with_more_cases(content: Path, count: int, year: int) -> None:
    """`count` more cases received in `year`, each a copy of the first public case of it."""
    model = next(path for path in sorted((content / "cases").glob(f"{year}-*.yaml"))
                 if "public: true" in path.read_text(encoding="utf-8"))
    text = model.read_text(encoding="utf-8")
    for number in range(1000, 1000 + count):
        case_id = f"{year}-{number}"
        copy = re.sub(r'^id: .*$', f'id: "{case_id}"', text, count=1, flags=re.MULTILINE)
        (content / "cases" / f"{case_id}.yaml").write_text(copy, encoding="utf-8")


# About a printed page of running text: 450 words in paragraphs of 90.
PAGE = ("\n\n".join(["Kontaktpunktet behandler klager om brudd på OECDs retningslinjer for "
                      "flernasjonale virksomheter, og tilbyr dialog og mekling mellom partene "
                      "slik at de selv kan finne en løsning. " * 5] * 5) + "\n\n")


def with_more_pages(chapter: Path, pages: int) -> None:
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\n\n" + PAGE * pages,
                       encoding="utf-8")


def outputs_of(work: Path, slugs: list[str] | None = None) -> list[tuple[Path, str]]:
    """(markdown, format) for every file the build wrote: a print PDF is one PDF more,
    which the bare tools would make as they make the screen PDF."""
    return [(markdown, fmt) for markdown in sorted((work / "build").glob("*/*.md"))
            if slugs is None or markdown.parent.name in slugs
            for fmt in ("html", "docx", "pdf", *(["pdf"] if _printed(work, markdown) else []))]


def _printed(work: Path, markdown: Path) -> bool:
    return (work / "output" / markdown.parent.name / f"{markdown.stem}{SUFFIX}").exists()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    parser.add_argument("--slug", default="arsrapport-2025")
    parser.add_argument("--lang", default="nb")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--year", type=int, default=2025)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        content = work / "content"
        shutil.copytree(args.content, content)
        fonts = content / "fonts" / "inter"
        ncp(content, work)()  # the first build: font subsets, charts, parses to reuse
        everything = outputs_of(work)
        one = [(md, fmt) for md, fmt in outputs_of(work, [args.slug])
               if md.stem.endswith(f"-{args.lang}")]
        chapter = content / "publications" / args.slug / args.lang / "forord.md"

        def edit_and_build() -> None:
            chapter.write_text(chapter.read_text(encoding="utf-8") + "\nEn setning til.\n",
                               encoding="utf-8")
            ncp(content, work)()

        rows = [
            (f"everything, {len(everything)} files rewritten", ncp(content, work, "--force"),
             floor(content, fonts, everything), False),
            (f"{args.slug}-{args.lang}, 3 formats",
             ncp(content, work, args.slug, "--lang", args.lang, "--force"),
             floor(content, fonts, one), False),
            # After the row before, the first build of everything looks at every output
            # once and records it; what a writer meets is the build after that.
            ("everything, up to date", ncp(content, work), None, True),
            ("everything, one chapter edited", edit_and_build, None, False),
        ]
        print(f"{'build (whole processes)':<38} {'ncp s':>7} {'floor s':>8} {'ratio':>6}"
              f"   (median of {args.runs})")
        measured = {}
        for name, ours, bare, warm_up in rows:
            if warm_up:
                ours()
            measured[name] = show(name, ours, bare, args.runs)
        report = f"{args.slug}-{args.lang}, 3 formats"
        grown = [(f"{args.cases} cases", with_more_cases, (content, args.cases, args.year),
                  args.cases, "case"),
                 (f"{args.pages} pages", with_more_pages, (chapter, args.pages), args.pages,
                  "page")]
        before = measured[report]
        for name, grow, grow_args, amount, unit in grown:  # each on top of the one before
            grow(*grow_args)
            ncp(content, work, args.slug)()
            after = show(f"{report}, +{name}",
                         ncp(content, work, args.slug, "--lang", args.lang, "--force"),
                         floor(content, fonts, one), args.runs)
            per_unit = [(new - old) / amount * 1000 for new, old in zip(after, before, strict=True)]
            print(f"{'  per extra ' + unit + ', ms':<38} {per_unit[0]:7.2f} {per_unit[1]:8.2f}")
            before = after


def show(name: str, ours: Callable[[], object], bare: Callable[[], object] | None,
         runs: int) -> tuple[float, float]:
    """Print one row: our median, the floor's, the ratio; return the two medians."""
    mine = median_seconds(ours, runs)
    base = median_seconds(bare, runs) if bare else 0.0
    ratio = f"{mine / base:6.2f}" if base else ""
    floor_text = f"{base:8.2f}" if base else f"{'–':>8}"
    print(f"{name:<38} {mine:7.2f} {floor_text} {ratio:>6}", flush=True)
    return mine, base


if __name__ == "__main__":
    main()
