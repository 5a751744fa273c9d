"""Which files a folder holds for ingestion and what they are called: walking, .planwissenignore, doc ids.

The manifest (ingest/manifest.py) builds on this; `ingest.manifest.discover` is the entry point.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

IGNORE_FILE_NAME = ".planwissenignore"

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue", "ẞ": "ss"})


def slugify(text: str) -> str:
    """Lowercase ASCII with '-' between words: 'Übersicht Maßnahmen' → 'uebersicht-massnahmen'."""
    text = text.translate(_UMLAUTS).lower()
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def doc_id_from_name(name: str) -> str:
    """Stable id of a file without manifest entry: slug of the name plus its extension ('bericht-2023-pdf')."""
    path = Path(name)
    stem = slugify(path.stem) or "dokument"
    suffix = slugify(path.suffix)
    return f"{stem}-{suffix}" if suffix else stem


def short_hash(text: str, length: int = 6) -> str:
    """A few hex digits of sha256, to tell apart files that would otherwise share an id."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


def is_hidden(name: str) -> bool:
    """Hidden files/folders and Office lock files ('~$bericht.docx') are never ingested."""
    return name.startswith(".") or name.startswith("~$")


# --- .planwissenignore ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Rule:
    regex: re.Pattern[str]
    negate: bool
    dir_only: bool
    anchored: bool


class IgnoreFile:
    """The patterns of one .planwissenignore, relative to its folder (gitignore-style).

    Supported: comments (#), blank lines, `!` negation (last matching rule wins), `dir/` (directories
    only), patterns with a `/` anchored to the folder, others matching a name at any depth, `*`, `?`,
    `[abc]` and `**`.
    """

    def __init__(self, folder: Path, lines: list[str]) -> None:
        self.folder = folder
        self.rules = [rule for rule in (_compile(line) for line in lines) if rule is not None]

    @classmethod
    def read(cls, path: Path) -> IgnoreFile:
        try:
            lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            lines = []
        return cls(path.parent, lines)

    def decision(self, relative: str, is_dir: bool) -> bool | None:
        """True: ignored, False: explicitly re-included, None: no rule matches."""
        result: bool | None = None
        name = relative.rsplit("/", 1)[-1]
        for rule in self.rules:
            if rule.dir_only and not is_dir:
                continue
            target = relative if rule.anchored else name
            if rule.regex.fullmatch(target):
                result = not rule.negate
        return result


def _compile(line: str) -> _Rule | None:
    pattern = line.rstrip("\n").rstrip()
    if not pattern or pattern.startswith("#"):
        return None
    negate = pattern.startswith("!")
    if negate:
        pattern = pattern[1:]
    if pattern.startswith("\\"):
        pattern = pattern[1:]  # "\#name", "\!name"
    dir_only = pattern.endswith("/")
    pattern = pattern.rstrip("/")
    anchored = "/" in pattern
    pattern = pattern.lstrip("/")
    if not pattern:
        return None
    return _Rule(re.compile(_glob_to_regex(pattern)), negate, dir_only, anchored)


def _glob_to_regex(pattern: str) -> str:
    out: list[str] = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if pattern.startswith("**/", index):
            out.append("(?:.*/)?")
            index += 3
        elif pattern.startswith("/**", index) and index + 3 == len(pattern):
            out.append("(?:/.*)?")
            index += 3
        elif pattern.startswith("**", index):
            out.append(".*")
            index += 2
        elif char == "*":
            out.append("[^/]*")
            index += 1
        elif char == "?":
            out.append("[^/]")
            index += 1
        elif char == "[":
            close = pattern.find("]", index + 1)
            if close < 0:
                out.append(re.escape(char))
                index += 1
            else:
                body = pattern[index + 1 : close]
                if body.startswith("!"):
                    body = "^" + body[1:]
                out.append(f"[{body}]")
                index = close + 1
        else:
            out.append(re.escape(char))
            index += 1
    return "".join(out)


class IgnoreRules:
    """All .planwissenignore files from a top folder down: deeper files override, excluded folders are pruned."""

    def __init__(self, top: Path) -> None:
        self.top = top
        self._cache: dict[Path, IgnoreFile | None] = {}

    def _file_in(self, folder: Path) -> IgnoreFile | None:
        if folder not in self._cache:
            candidate = folder / IGNORE_FILE_NAME
            self._cache[folder] = IgnoreFile.read(candidate) if candidate.is_file() else None
        return self._cache[folder]

    def ignored(self, path: Path, is_dir: bool) -> bool:
        """Whether `path` (below `top`) is excluded by the ignore files of its ancestor folders."""
        try:
            path.relative_to(self.top)
        except ValueError:
            return False
        folders = [self.top, *[parent for parent in reversed(path.parents) if parent != self.top and self.top in parent.parents]]
        result = False
        for folder in folders:
            if folder == path:
                continue
            rules = self._file_in(folder)
            if rules is None:
                continue
            decision = rules.decision(path.relative_to(folder).as_posix(), is_dir)
            if decision is not None:
                result = decision
        return result


def walk_files(root: Path, rules: IgnoreRules, supported: frozenset[str]) -> Iterator[Path]:
    """Supported, visible, not-ignored files below `root`, sorted folder by folder (deterministic)."""
    for folder, dirnames, filenames in os.walk(root):
        current = Path(folder)
        dirnames[:] = sorted(d for d in dirnames if not is_hidden(d) and not rules.ignored(current / d, is_dir=True))
        for name in sorted(filenames):
            path = current / name
            if is_hidden(name) or path.suffix.lower() not in supported:
                continue
            if rules.ignored(path, is_dir=False) or not path.is_file():
                continue
            yield path
