"""Time a full build of the annual report against the floor of bare pandoc and Typst.

The floor is what the tools themselves cost on exactly the rendered input
(build/<slug>/<slug>-<lang>.md and .typ), so the pipeline's own overhead shows.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import typst

from pipeline import pandoc
from pipeline.build import Request, build

ROOT = Path(__file__).resolve().parent.parent


def timed(action: Callable[[], object], runs: int) -> tuple[float, float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), min(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    parser.add_argument("--slug", default="arsrapport-2025")
    parser.add_argument("--lang", default="nb")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        request = Request(args.content, work / "output", work / "build", [args.slug],
                          languages=[args.lang])
        rows = [("full build, 3 formats", *timed(lambda: build(request), args.runs))]
        for fmt in ("html", "docx", "pdf"):
            single = Request(args.content, work / "output", work / "build", [args.slug],
                             languages=[args.lang], formats=[fmt])
            rows.append((f"build, {fmt} only", *timed(lambda r=single: build(r), args.runs)))
        stem = work / "build" / args.slug / f"{args.slug}-{args.lang}"
        markdown = stem.with_suffix(".md").read_text(encoding="utf-8")
        ast = pandoc.parse_markdown(markdown)
        rows += [
            ("floor: pandoc parse", *timed(lambda: pandoc.parse_markdown(markdown), args.runs)),
            ("floor: pandoc html", *timed(lambda: pandoc.write(ast, "html5", []), args.runs)),
            ("floor: pandoc typst", *timed(lambda: pandoc.write(ast, "typst", []), args.runs)),
            ("floor: typst compile", *timed(
                lambda: typst.compile(str(stem.with_suffix(".typ")), root="/",
                                      font_paths=[str(args.content / "fonts" / "inter")]),
                args.runs)),
        ]
    title = f"({args.runs} runs, {args.slug}-{args.lang})"
    print(f"{'step':<26} {'median s':>9} {'best s':>9}   {title}")
    for name, median, best in rows:
        print(f"{name:<26} {median:>9.3f} {best:>9.3f}")


if __name__ == "__main__":
    main()
