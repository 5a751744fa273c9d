"""The data directory's version marker: written atomically before anything else, checked at every start.

Crash safety of a first start. The marker `planwissen-data.json` is written to a temporary file, fsynced and renamed
into place (then the directory is fsynced) before any store opens, so every file of planwissen's own lies in a
directory that already carries a marker. A directory WITHOUT a marker is therefore accepted (and marked) only when it
holds nothing but what an interrupted first start can leave behind:

- temporary marker files `.planwissen-data.json.<pid>.tmp` (killed before the rename),
- an empty or blank `planwissen-data.json` (killed inside the plain, non-atomic write of versions before this one),
- an empty `ingest.lock` (a restore or backup lock taken before the first start).

Anything else — a `chroma/` folder (even an empty one: no planwissen run creates it before the marker), an index,
uploads, foreign files — is refused as an older version or a foreign folder, never adopted.

A directory that cannot be written (read-only mount, missing rights, a file in the way) or that is nearly full is
refused at start with one German sentence (typed errors), instead of a traceback now or a half-written index later.
"""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
from pathlib import Path

from assistant.core.data_dir import DataDir
from assistant.core.errors import DataDirFullError, DataDirNotWritableError, DataDirVersionError
from assistant.services.pause_points import PauseHook, no_pause
from assistant.services.processes import other_process_alive

MARKER = DataDir(Path(".")).marker.name
LOCK_FILE = DataDir(Path(".")).ingest_lock.name
_TEMPORARY = re.compile(rf"^\.{re.escape(MARKER)}\.(\d+)\.tmp$")


def prepare_data_dir(data_dir: Path, schema: int, *, pause: PauseHook = no_pause, min_free_mb: int = 0) -> None:
    """Create and mark a new data directory, continue an interrupted first start, refuse a foreign, old, read-only
    or full one."""
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        marker = data_dir / MARKER
        if not _holds_a_marker(marker):
            foreign = sorted(entry.name for entry in data_dir.iterdir() if not _left_by_first_start(entry))
            if foreign:
                shown = ", ".join(foreign[:3]) + (", …" if len(foreign) > 3 else "")
                raise DataDirVersionError(f"{data_dir}: ohne Versionsmarker {MARKER} (ältere Version oder fremder Ordner; enthält {shown})")
            check_free_space(data_dir, min_free_mb)
            _write_marker(data_dir, schema, pause)
        _check_schema(marker, data_dir, schema)
        _probe_writable(data_dir)
        _remove_stale_temporaries(data_dir)
    except OSError as exc:
        raise storage_error(data_dir, exc) from exc
    check_free_space(data_dir, min_free_mb)
    pause("marker-written")


def storage_error(data_dir: Path, exc: OSError) -> DataDirFullError | DataDirNotWritableError:
    """The typed, German error for an OS error while writing the data directory."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return DataDirFullError.measured(data_dir)
    reason = exc.strerror or type(exc).__name__
    return DataDirNotWritableError(f"{exc.filename or data_dir}: {reason}")


def check_free_space(data_dir: Path, min_free_mb: int) -> None:
    """Refuse (DataDirFullError, "… MB frei") when less than `min_free_mb` is free: before a write, not half-way through."""
    if min_free_mb <= 0:
        return
    try:
        free = shutil.disk_usage(data_dir).free / (1024 * 1024)
    except OSError:
        return
    if free < min_free_mb:
        raise DataDirFullError.measured(data_dir, f"mindestens {min_free_mb} MB nötig (data_dir_min_free_mb)")


def _probe_writable(data_dir: Path) -> None:
    """A marked directory may have become read-only since (mount, rights): find out now, not mid-ingest."""
    probe = data_dir / f".schreibprobe-{os.getpid()}"
    try:
        with probe.open("wb") as handle:
            handle.write(b"1")
    finally:
        probe.unlink(missing_ok=True)


def _holds_a_marker(marker: Path) -> bool:
    try:
        return bool(marker.read_text(encoding="utf-8").strip())
    except FileNotFoundError:
        return False


def _left_by_first_start(entry: Path) -> bool:
    if entry.name == MARKER:
        return True  # blank (checked by the caller): an interrupted plain write
    if _TEMPORARY.match(entry.name):
        return entry.is_file()
    return entry.name == LOCK_FILE and entry.is_file() and entry.stat().st_size == 0


def _write_marker(data_dir: Path, schema: int, pause: PauseHook) -> None:
    temporary = data_dir / f".{MARKER}.{os.getpid()}.tmp"
    with temporary.open("w", encoding="utf-8") as handle:
        handle.write(json.dumps({"schema": schema}) + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    pause("before-marker")
    os.replace(temporary, data_dir / MARKER)
    _fsync_directory(data_dir)


def _fsync_directory(directory: Path) -> None:
    """Makes the rename itself durable (POSIX); skipped where directories cannot be opened."""
    try:
        descriptor = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def _check_schema(marker: Path, data_dir: Path, schema: int) -> None:
    try:
        found = json.loads(marker.read_text(encoding="utf-8")).get("schema")
    except (ValueError, OSError, AttributeError) as exc:
        raise DataDirVersionError(str(marker)) from exc
    if found != schema:
        raise DataDirVersionError(f"{data_dir}: Version {found}, erwartet {schema}")


def _remove_stale_temporaries(data_dir: Path) -> None:
    """Temporary markers of processes that no longer run (a live one may still be about to rename its own)."""
    for entry in data_dir.iterdir():
        match = _TEMPORARY.match(entry.name)
        if match and not other_process_alive(int(match.group(1))):
            entry.unlink(missing_ok=True)
