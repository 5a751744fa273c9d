"""Whether a process id still belongs to a running process: a job or temp file of a killed process has none."""

from __future__ import annotations

import os


def other_process_alive(pid: int) -> bool:
    """True when another process with this id runs (this process and ids ≤ 0 are never "other")."""
    if pid <= 0 or pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, it is just not ours
    return True
