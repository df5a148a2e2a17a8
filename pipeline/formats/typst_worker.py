"""Compile one Typst document in a process of its own, within a memory limit.

formats/pdf.py runs this file as a script (and reads OUT_OF_MEMORY from it):
typst compiles in the calling process, and only a process of its own can be
stopped when a compile runs too long or grows too large. The arguments of
`typst.compile` come as JSON on stdin, with `memory`, the most bytes the
process may take. It imports nothing of the pipeline, so it starts quickly.
"""

import json
import resource
import sys

import typst

OUT_OF_MEMORY = 3  # the exit status when the memory limit was reached


def main() -> int:
    request = json.load(sys.stdin)
    memory = request.pop("memory")
    _, hard = resource.getrlimit(resource.RLIMIT_AS)  # a limit set from outside stays
    if hard != resource.RLIM_INFINITY:
        memory = min(memory, hard)
    resource.setrlimit(resource.RLIMIT_AS, (memory, hard))
    try:
        typst.compile(**request)
    except MemoryError:
        return OUT_OF_MEMORY
    except BaseException as error:  # Typst's error, or a panic (not an Exception)
        sys.stderr.write(str(error))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
