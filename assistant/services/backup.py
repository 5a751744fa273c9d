"""Backup and restore of the whole index: Chroma store, lexical index, ingestion state, uploads, feedback and the
schema marker — one tar.gz, taken under the ingestion lock so no run writes while it is copied.

Restore never overwrites in place: the archive is checked (safe member names, schema version), unpacked beside
the data directory, and swapped in; the previous directory is kept as `<name>.vor-wiederherstellung-<zeit>`.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import tarfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from assistant.core.data_dir import DataDir
from assistant.core.errors import ConfigurationError, DataDirVersionError, InvalidInputError

BACKUP_MANIFEST = "planwissen-backup.json"
DATA_MARKER = DataDir(Path(".")).marker.name
LOCK_FILE = DataDir(Path(".")).ingest_lock.name
#: Never copied: the lock itself, half-written lexical builds, the separate eval index (rebuilt by `planwissen eval`), the
#: kept corpus snapshot (derived; the first question after a restore builds it again) and
#: the UI's temporary files (tmp/).
_SKIPPED = DataDir(Path(".")).derived_entries()


@dataclass
class BackupInfo:
    """What a backup holds (read from its manifest)."""

    path: Path
    schema: int
    created: str
    files: int
    bytes: int


@contextmanager
def ingest_lock(data_dir: Path) -> Iterator[None]:
    """The lock ingestion takes: while held, no run writes to the index."""
    data_dir.mkdir(parents=True, exist_ok=True)
    with (data_dir / LOCK_FILE).open("a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _skipped(relative: PurePosixPath) -> bool:
    top = relative.parts[0]
    return top in _SKIPPED or top.startswith(".lexical-") or ".vor-wiederherstellung-" in top


def _check_embedded(data_dir: Path, chroma_path: Path, chroma_mode: str) -> None:
    if chroma_mode != "embedded" or not chroma_path.resolve().is_relative_to(data_dir.resolve()):
        raise ConfigurationError(str(chroma_path), message_de="Sicherung geht nur mit dem eingebetteten Chroma-Speicher im Datenordner "
                                 "(einen Chroma-Server sichern Sie mit dessen eigenen Mitteln)",
                                 message_en="Backup needs the embedded Chroma store inside the data directory")


def create_backup(data_dir: Path, target: Path, *, chroma_path: Path | None = None, chroma_mode: str = "embedded") -> BackupInfo:
    """Write the data directory into the tar.gz `target` (a folder as target gets a dated file name)."""
    data_dir = Path(data_dir)
    if not (data_dir / DATA_MARKER).is_file():
        raise InvalidInputError(str(data_dir), message_de="Im Datenordner liegt kein Index (Versionsmarke fehlt)",
                                message_en="The data directory holds no index (version marker missing)")
    _check_embedded(data_dir, Path(chroma_path or data_dir / "chroma"), chroma_mode)
    target = Path(target)
    if target.is_dir():
        target = target / time.strftime("planwissen-sicherung-%Y%m%d-%H%M%S.tar.gz")
    if target.resolve().is_relative_to(data_dir.resolve()):
        raise InvalidInputError(str(target), message_de="Die Sicherung darf nicht im Datenordner selbst liegen",
                                message_en="The backup must not be written into the data directory")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".teil")
    with ingest_lock(data_dir):
        schema = json.loads((data_dir / DATA_MARKER).read_text(encoding="utf-8")).get("schema")
        files = [p for p in sorted(data_dir.rglob("*")) if p.is_file() and not p.is_symlink()
                 and not _skipped(PurePosixPath(p.relative_to(data_dir).as_posix()))]
        size = sum(p.stat().st_size for p in files)
        manifest = {"schema": schema, "created": time.strftime("%Y-%m-%dT%H:%M:%S"), "files": len(files), "bytes": size}
        try:
            with tarfile.open(partial, "w:gz", compresslevel=6) as archive:
                for path in files:
                    archive.add(path, arcname=f"data/{path.relative_to(data_dir).as_posix()}", recursive=False)
                _add_json(archive, BACKUP_MANIFEST, manifest)
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)
    return BackupInfo(target, schema, manifest["created"], len(files), size)


def _add_json(archive: tarfile.TarFile, name: str, data: dict) -> None:
    import io

    raw = json.dumps(data, ensure_ascii=False).encode("utf-8")
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = len(raw), int(time.time()), 0o644
    archive.addfile(info, io.BytesIO(raw))


def read_backup(source: Path, expected_schema: int) -> BackupInfo:
    """The manifest of a backup, after checking every member (no links, no absolute or '..' paths) and the schema."""
    source = Path(source)
    if not source.is_file():
        raise InvalidInputError(str(source), message_de="Sicherungsdatei nicht gefunden", message_en="Backup file not found")
    try:
        with tarfile.open(source, "r:gz") as archive:
            manifest = None
            marker = False
            for member in archive:
                name = PurePosixPath(member.name)
                if name.is_absolute() or ".." in name.parts or not (member.isfile() or member.isdir()):
                    raise InvalidInputError(member.name, message_de="Die Sicherung enthält einen unzulässigen Eintrag",
                                            message_en="The backup contains a forbidden entry")
                if member.name == BACKUP_MANIFEST:
                    manifest = json.loads(archive.extractfile(member).read())
                elif member.name == f"data/{DATA_MARKER}":
                    marker = True
                elif name.parts[0] != "data":
                    raise InvalidInputError(member.name, message_de="Die Sicherung enthält einen unzulässigen Eintrag",
                                            message_en="The backup contains a forbidden entry")
    except (tarfile.TarError, OSError, EOFError, ValueError) as exc:
        raise InvalidInputError(source.name, message_de="Die Sicherung ist beschädigt oder keine planwissen-Sicherung",
                                message_en="The backup is damaged or not a planwissen backup") from exc
    if manifest is None or not marker:
        raise InvalidInputError(source.name, message_de="Keine planwissen-Sicherung (Manifest oder Versionsmarke fehlt)",
                                message_en="Not a planwissen backup (manifest or version marker missing)")
    if manifest.get("schema") != expected_schema:
        raise DataDirVersionError(f"{source.name}: Version {manifest.get('schema')}, erwartet {expected_schema}",
                                  message_de="Die Sicherung stammt von einer anderen planwissen-Version und kann nicht "
                                             "wiederhergestellt werden; bitte neu einlesen",
                                  message_en="The backup was written by another planwissen version; please re-ingest")
    return BackupInfo(source, manifest["schema"], str(manifest.get("created", "")), int(manifest.get("files", 0)),
                      int(manifest.get("bytes", 0)))


def restore_backup(source: Path, data_dir: Path, expected_schema: int) -> tuple[BackupInfo, Path | None]:
    """Replace the data directory by the backup's; returns the backup info and where the previous directory was kept."""
    info = read_backup(source, expected_schema)
    data_dir = Path(data_dir).absolute()
    staging = data_dir.with_name(f".{data_dir.name}.wiederherstellung")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    kept: Path | None = None
    with ingest_lock(data_dir):
        try:
            with tarfile.open(source, "r:gz") as archive:
                if hasattr(tarfile, "data_filter"):
                    archive.extractall(staging, filter="data")
                else:  # Python < 3.11.4 (Debian 12's 3.11.2) has no filters; read_backup checked every entry already
                    archive.extractall(staging, members=[m for m in archive.getmembers() if m.isfile() or m.isdir()])
            restored = staging / "data"
            if data_dir.exists() and any(p.name != LOCK_FILE for p in data_dir.iterdir()):
                kept = data_dir.with_name(f"{data_dir.name}.vor-wiederherstellung-{time.strftime('%Y%m%d-%H%M%S')}")
                os.replace(data_dir, kept)
            else:
                shutil.rmtree(data_dir, ignore_errors=True)
            os.replace(restored, data_dir)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return info, kept
