"""Build the content with the pipeline of two commits and compare every output byte for byte.

For a change that should change no output (moving modules, renaming), run
`.venv/bin/python -m bench.compare BEFORE [AFTER]` (AFTER: the working tree when left out).
It prints each output that differs and exits 1 if any does.
"""

from __future__ import annotations

import argparse
import filecmp
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build(pipeline: Path, content: Path, work: Path) -> Path:
    output = work / "output"
    subprocess.run([sys.executable, "-m", "pipeline", "build", "--content", str(content),
                    "--output", str(output), "--build-dir", str(work / "build")],
                   cwd=pipeline, check=True, capture_output=True)
    return output


def checkout(revision: str, folder: Path) -> Path:
    subprocess.run(["git", "worktree", "add", "--detach", str(folder), revision], cwd=ROOT,
                   check=True, capture_output=True)
    return folder


def differences(left: Path, right: Path) -> list[str]:
    names = sorted({p.relative_to(left) for p in left.rglob("*") if p.is_file()} |
                   {p.relative_to(right) for p in right.rglob("*") if p.is_file()})
    return [str(name) for name in names
            if not ((left / name).is_file() and (right / name).is_file()
                    and filecmp.cmp(left / name, right / name, shallow=False))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("before")
    parser.add_argument("after", nargs="?")
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        trees = [checkout(args.before, work / "before")]
        trees.append(checkout(args.after, work / "after") if args.after else ROOT)
        try:
            outputs = [build(tree, args.content.resolve(), work / f"work-{index}")
                       for index, tree in enumerate(trees)]
        finally:
            for tree in trees:
                if tree != ROOT:
                    subprocess.run(["git", "worktree", "remove", "--force", str(tree)],
                                   cwd=ROOT, check=True)
        changed = differences(*outputs)
    for name in changed:
        print(f"differs: {name}")
    print(f"{len(changed)} output(s) differ")
    sys.exit(1 if changed else 0)


if __name__ == "__main__":
    main()
