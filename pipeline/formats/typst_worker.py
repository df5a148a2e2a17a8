"""Compile Typst documents in a process of its own, within a memory limit.

formats/typst_process.py starts this file as a script (and reads OUT_OF_MEMORY from
it) and sends it one request a line on stdin: the arguments of `typst.compile` as JSON,
with `memory`, the most bytes the process may take. It answers each with a line on
stdout, `{}` or `{"error": "..."}`, and ends at the end of its input. At the memory limit,
or after a panic in Typst, it ends at once. It imports nothing of the pipeline, so it
starts quickly.
"""

import json
import resource
import sys

import typst

OUT_OF_MEMORY = 3  # the exit status when the memory limit was reached


def main() -> int:
    _, hard = resource.getrlimit(resource.RLIMIT_AS)  # a limit set from outside stays
    for line in sys.stdin:
        request = json.loads(line)
        memory = request.pop("memory")
        resource.setrlimit(resource.RLIMIT_AS, (
            memory if hard == resource.RLIM_INFINITY else min(memory, hard), hard))
        try:
            typst.compile(**request)
            answer = {}
        except MemoryError:
            return OUT_OF_MEMORY
        except Exception as error:  # Typst's refusal: the process goes on
            answer = {"error": str(error)}
        except BaseException as error:  # a panic: Typst may not be sound any more
            sys.stderr.write(str(error))
            return 1
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
