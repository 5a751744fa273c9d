"""manifest.yaml (document metadata beside the files) and `discover`, which turns paths into documents to ingest.

Format: `documents: [{id, title, kind, date, districts, sozialraeume, topics, confidentiality, file}]`,
`file` relative to the manifest's folder. The manifest of a file is the nearest `manifest.yaml` in its
folder or above that lists it. A broken manifest stops the run: ingesting "internal" documents as
public because of a typo would be worse than not ingesting.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from assistant.core.errors import InvalidInputError
from assistant.core.types import CONFIDENTIALITY_LEVELS
from ingest.discovery import IgnoreRules, doc_id_from_name, short_hash, walk_files
from ingest.loaders import SUPPORTED_SUFFIXES

logger = logging.getLogger(__name__)

MANIFEST_NAMES = ("manifest.yaml", "manifest.yml")
_LIST_FIELDS = ("districts", "sozialraeume", "topics")
_TEXT_FIELDS = ("id", "title", "kind", "confidentiality", "file")


@dataclass(frozen=True)
class Manifest:
    """A parsed manifest: entries keyed by the resolved path of their file."""

    path: Path
    entries: dict[Path, dict[str, object]] = field(default_factory=dict)

    @property
    def folder(self) -> Path:
        return self.path.parent

    def entry_for(self, file: Path) -> dict[str, object] | None:
        return self.entries.get(file.resolve())


@dataclass(frozen=True)
class DiscoveredFile:
    """A file to ingest: where it is, its manifest entry (a plain dict) if any, and its stable document id."""

    path: Path
    manifest_entry: dict[str, object] | None
    doc_id: str
    #: Path relative to the manifest folder (or the ingested folder), POSIX style.
    relative_path: str = ""
    #: Named directly by the caller (not found by walking a folder).
    explicit: bool = False


def find_manifest(start: Path) -> Path | None:
    """The nearest manifest.yaml in `start` (a folder, or a file's folder) or its ancestors."""
    start = start.resolve()
    folder = start if start.is_dir() else start.parent
    for candidate_folder in (folder, *folder.parents):
        for name in MANIFEST_NAMES:
            candidate = candidate_folder / name
            if candidate.is_file():
                return candidate
    return None


def load_manifest(path: Path) -> Manifest:
    """Parse and validate a manifest; raises InvalidInputError with a German message on any problem."""
    path = path.resolve()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError) as exc:
        raise _invalid(path, "nicht lesbar", "not readable") from exc
    except yaml.YAMLError as exc:
        raise _invalid(path, f"kein gültiges YAML ({_yaml_position(exc)})", f"invalid YAML ({_yaml_position(exc)})") from exc
    if data is None:
        return Manifest(path)
    documents = data.get("documents") if isinstance(data, dict) else data
    if documents is None:
        documents = []
    if not isinstance(documents, list):
        raise _invalid(path, "'documents' muss eine Liste sein", "'documents' must be a list")
    entries: dict[Path, dict[str, object]] = {}
    ids: dict[str, int] = {}
    for number, raw in enumerate(documents, start=1):
        entry = _entry(path, number, raw)
        target = (path.parent / str(entry["file"])).resolve()
        if target in entries:
            raise _invalid(
                path,
                f"Eintrag {number}: Datei {entry['file']!r} ist doppelt aufgeführt",
                f"entry {number}: file {entry['file']!r} listed twice",
            )
        doc_id = entry.get("id")
        if isinstance(doc_id, str):
            if doc_id in ids:
                raise _invalid(
                    path,
                    f"Eintrag {number}: id {doc_id!r} ist doppelt (auch Eintrag {ids[doc_id]})",
                    f"entry {number}: duplicate id {doc_id!r}",
                )
            ids[doc_id] = number
        entries[target] = entry
    return Manifest(path, entries)


def _entry(path: Path, number: int, raw: object) -> dict[str, object]:
    if not isinstance(raw, dict):
        raise _invalid(path, f"Eintrag {number} ist kein Schlüssel-Wert-Block", f"entry {number} is not a mapping")
    entry: dict[str, object] = {str(key): _plain(value) for key, value in raw.items() if value is not None}
    for key in _TEXT_FIELDS:
        if key in entry:
            entry[key] = str(entry[key]).strip()
    if not entry.get("file"):
        raise _invalid(path, f"Eintrag {number}: 'file' fehlt", f"entry {number}: 'file' is missing")
    if "id" in entry and (not entry["id"] or any(ch in str(entry["id"]) for ch in "/\\ ")):
        raise _invalid(path, f"Eintrag {number}: ungültige id {entry['id']!r}", f"entry {number}: invalid id {entry['id']!r}")
    level = entry.get("confidentiality")
    if level is not None and level not in CONFIDENTIALITY_LEVELS:
        allowed = ", ".join(CONFIDENTIALITY_LEVELS)
        raise _invalid(
            path,
            f"Eintrag {number}: confidentiality {level!r} ist keine der Stufen {allowed}",
            f"entry {number}: unknown confidentiality {level!r}",
        )
    for key in _LIST_FIELDS:
        if key in entry:
            value = entry[key]
            items = value if isinstance(value, list | tuple) else [value]
            entry[key] = tuple(str(item).strip() for item in items if str(item).strip())
    if "date" in entry:
        entry["date"] = str(entry["date"])
    return entry


def _plain(value: object) -> object:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def _yaml_position(exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None)
    return f"Zeile {mark.line + 1}" if mark is not None else "Syntaxfehler"


def _invalid(path: Path, reason_de: str, reason_en: str) -> InvalidInputError:
    return InvalidInputError(
        str(path), message_de=f"Das Manifest ist fehlerhaft: {reason_de}.", message_en=f"The manifest is invalid: {reason_en}."
    )


# --- discovery ---------------------------------------------------------------------------------------------


class _Manifests:
    """Manifests found while discovering, loaded once each."""

    def __init__(self) -> None:
        self._by_path: dict[Path, Manifest] = {}
        self._nearest: dict[Path, list[Manifest]] = {}

    def chain(self, folder: Path) -> list[Manifest]:
        """Manifests in `folder` and above, nearest first."""
        if folder not in self._nearest:
            found: list[Manifest] = []
            for candidate_folder in (folder, *folder.parents):
                for name in MANIFEST_NAMES:
                    candidate = candidate_folder / name
                    if candidate.is_file():
                        if candidate not in self._by_path:
                            self._by_path[candidate] = load_manifest(candidate)
                        found.append(self._by_path[candidate])
                        break
            self._nearest[folder] = found
        return self._nearest[folder]

    def entry(self, file: Path) -> tuple[dict[str, object] | None, Manifest | None]:
        chain = self.chain(file.parent)
        for manifest in chain:
            entry = manifest.entry_for(file)
            if entry is not None:
                return entry, manifest
        return None, chain[0] if chain else None


def discover(paths: Sequence[Path]) -> list[DiscoveredFile]:
    """Files to ingest with their manifest entries and stable, unique document ids.

    Folders are walked recursively in sorted order; hidden files, unsupported endings and files matched
    by a .planwissenignore are skipped silently. Files named explicitly are always returned (also with
    an unsupported ending, so the loader reports them as failures).
    """
    manifests = _Manifests()
    found: list[tuple[Path, str, bool, dict[str, object] | None]] = []
    seen: set[Path] = set()
    for raw in paths:
        given = Path(raw).expanduser()
        resolved = given.resolve()
        if resolved.is_dir():
            chain = manifests.chain(resolved)
            top = chain[0].folder if chain else resolved
            for file in walk_files(resolved, IgnoreRules(top), SUPPORTED_SUFFIXES):
                file = file.resolve()
                if file not in seen:
                    seen.add(file)
                    entry, manifest = manifests.entry(file)
                    found.append((file, _relative(file, manifest, resolved), False, entry))
        elif resolved not in seen:
            seen.add(resolved)
            entry, manifest = manifests.entry(resolved)
            found.append((resolved, _relative(resolved, manifest, None), True, entry))
    ids = _assign_ids(found)
    return [
        DiscoveredFile(path=file, manifest_entry=entry, doc_id=doc_id, relative_path=relative, explicit=explicit)
        for (file, relative, explicit, entry), doc_id in zip(found, ids, strict=True)
    ]


def _relative(file: Path, manifest: Manifest | None, root: Path | None) -> str:
    for base in (manifest.folder if manifest else None, root):
        if base is not None:
            try:
                return file.relative_to(base).as_posix()
            except ValueError:
                continue
    return file.as_posix()


def _assign_ids(found: list[tuple[Path, str, bool, dict[str, object] | None]]) -> list[str]:
    """Manifest id, else a slug of the name; on a clash, all but one file get a hash of their relative path.

    Manifest ids never change; among files without one, the first by relative path keeps the plain id.
    """
    wanted = [str(entry["id"]) if entry and entry.get("id") else doc_id_from_name(file.name) for file, _, _, entry in found]
    groups: dict[str, list[int]] = defaultdict(list)
    for index, doc_id in enumerate(wanted):
        groups[doc_id].append(index)
    ids = list(wanted)
    taken = set(wanted)
    for doc_id, members in groups.items():
        if len(members) < 2:
            continue
        members.sort(key=lambda i: (not (found[i][3] and found[i][3].get("id")), found[i][1]))
        for index in members[1:]:
            relative = found[index][1]
            candidate = f"{doc_id}-{short_hash(relative)}"
            length = 6
            while candidate in taken:
                length += 2
                candidate = f"{doc_id}-{short_hash(relative + str(length), length)}"
            taken.add(candidate)
            ids[index] = candidate
            logger.info("document id %s is taken; %s gets %s", doc_id, relative, candidate)
    return ids
