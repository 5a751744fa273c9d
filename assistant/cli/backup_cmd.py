"""`planwissen backup` and `planwissen restore`: the whole index to one file and back (no model is loaded)."""

from __future__ import annotations

from pathlib import Path

from assistant.core.settings import Settings


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB"


def backup_command(settings: Settings, target: Path) -> list[str]:
    """Create the backup; returns the lines to show."""
    from assistant.services.backup import create_backup

    info = create_backup(settings.data_dir, target, chroma_path=settings.chroma_path, chroma_mode=settings.chroma.mode)
    return [f"Gesichert: {info.path} ({info.files} Dateien, {_size(info.bytes)} unkomprimiert)."]


def restore_command(settings: Settings, source: Path) -> list[str]:
    """Restore the backup into the configured data directory; returns the lines to show."""
    from assistant.bootstrap import DATA_SCHEMA_VERSION
    from assistant.services.backup import restore_backup

    info, kept = restore_backup(source, settings.data_dir, DATA_SCHEMA_VERSION)
    lines = [f"Wiederhergestellt: {info.path.name} vom {info.created} nach {settings.data_dir} ({info.files} Dateien)."]
    if kept is not None:
        lines.append(f"Der bisherige Datenordner liegt unter {kept} (löschen, wenn alles passt).")
    lines.append("Bitte einen laufenden Server (planwissen serve) neu starten.")
    return lines
