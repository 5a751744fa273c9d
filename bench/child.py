"""Entry point of a benchmark child process: `python -m bench.child TASK '<json params>'` prints one JSON line."""

from __future__ import annotations

import json
import sys


def main(argv: list[str]) -> int:
    from bench.tasks import TASKS

    task, params = argv[0], json.loads(argv[1]) if len(argv) > 1 else {}
    result = TASKS[task](**params)
    sys.stdout.write("\n@@RESULT@@" + json.dumps(result) + "\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
