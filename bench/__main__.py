"""Time the build against the floor of bare pandoc and Typst.

The floor is what the tools themselves cost on exactly the rendered input
(build/<slug>/<slug>-<lang>.md and .typ), so the pipeline's own overhead
shows. Every timing is the median of --runs runs; "first" is the first run,
which also pays for what later runs reuse (font subsets, charts, parses).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import typst

from pipeline.build import Request, build
from pipeline.document import pandoc

ROOT = Path(__file__).resolve().parent.parent


def timed(action: Callable[[], object], runs: int) -> tuple[float, float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return samples[0], statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    parser.add_argument("--slug", default="arsrapport-2025")
    parser.add_argument("--lang", default="nb")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        content = work / "content"
        shutil.copytree(args.content, content)

        def request(**options) -> Request:
            return Request(content, work / "output", work / "build", **options)

        def cold(**options) -> Callable[[], object]:
            def run() -> object:
                shutil.rmtree(work / "output", ignore_errors=True)
                return build(request(force=True, **options))
            return run

        rows.append(("everything, 30 files rewritten", *timed(cold(), args.runs)))
        rows.append(("everything, up to date", *timed(lambda: build(request()), args.runs)))
        chapter = content / "publications" / args.slug / args.lang / "forord.md"

        def one_edit() -> object:
            chapter.write_text(chapter.read_text(encoding="utf-8") + "\nEn setning til.\n",
                               encoding="utf-8")
            return build(request())

        rows.append(("everything, one chapter edited", *timed(one_edit, args.runs)))
        one = {"slugs": [args.slug], "languages": [args.lang]}
        rows.append((f"{args.slug}-{args.lang}, 3 formats", *timed(cold(**one), args.runs)))
        for fmt in ("html", "docx", "pdf"):
            rows.append((f"{args.slug}-{args.lang}, {fmt} only",
                         *timed(cold(**one, formats=[fmt]), args.runs)))
        stem = work / "build" / args.slug / f"{args.slug}-{args.lang}"
        markdown = stem.with_suffix(".md").read_text(encoding="utf-8")
        ast = pandoc.parse_markdown(markdown)
        fonts = [str(content / "fonts" / "inter")]
        rows += [
            ("floor: pandoc parse", *timed(lambda: pandoc.parse_markdown(markdown), args.runs)),
            ("floor: pandoc → html", *timed(lambda: pandoc.write(ast, "html5", []), args.runs)),
            ("floor: pandoc → docx", *timed(lambda: pandoc.write(ast, "docx", []), args.runs)),
            ("floor: pandoc → typst", *timed(lambda: pandoc.write(ast, "typst", []),
                                             args.runs)),
            ("floor: typst compile", *timed(
                lambda: typst.compile(str(stem.with_suffix(".typ")), root=str(stem.parent),
                                      font_paths=fonts),
                args.runs)),
        ]
    print(f"{'step':<36} {'first s':>8} {'median s':>9}   ({args.runs} runs)")
    for name, first, median in rows:
        print(f"{name:<36} {first:>8.3f} {median:>9.3f}")


if __name__ == "__main__":
    main()
