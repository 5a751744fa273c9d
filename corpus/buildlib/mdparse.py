"""Parse the Markdown subset of src/docs/*.md into the document model.

Only the constructs documented in corpus/README.md are supported, so that all
renderers can handle every source faithfully.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml

from .data import TOPICS, BuildError, Corpusdata, resolve_placeholders
from .model import FN_MARK, Document, Heading, ListBlock, PageBreak, Para, Table

REQUIRED = ["id", "title", "kind", "date", "districts", "topics", "confidentiality", "format"]
FORMATS = {"pdf", "docx", "md", "txt"}
FN_DEF = re.compile(r"^\[\^([^\]]+)\]:\s*(.*)$")
FN_REF = re.compile(r"\[\^([^\]]+)\]")
BULLET = re.compile(r"^\s*[-*]\s+(.*)$")
NUMBERED = re.compile(r"^\s*\d+[.)]\s+(.*)$")
TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def split_front_matter(text: str, source: str) -> tuple[dict, str]:
    """Separate the YAML front matter from the body."""
    if not text.startswith("---"):
        raise BuildError(f"{source}: Front-Matter (--- ... ---) fehlt")
    end = text.find("\n---", 3)
    if end < 0:
        raise BuildError(f"{source}: Front-Matter nicht abgeschlossen")
    try:
        meta = yaml.safe_load(text[3:end]) or {}
    except yaml.YAMLError as exc:
        raise BuildError(f"{source}: Front-Matter ist kein gültiges YAML: {exc}") from None
    body = text[end + 4:]
    body = body[body.find("\n") + 1:] if "\n" in body else ""
    return meta, body


def validate_meta(meta: dict, data: Corpusdata, source: str) -> dict:
    """Check required keys and controlled vocabularies; normalise the date."""
    missing = [k for k in REQUIRED if k not in meta]
    if missing:
        raise BuildError(f"{source}: Front-Matter ohne Pflichtfeld(er): {', '.join(missing)}")
    meta = dict(meta)
    if isinstance(meta["date"], (dt.date, dt.datetime)):
        meta["date"] = meta["date"].strftime("%Y-%m-%d")
    meta["date"] = str(meta["date"])
    if not re.match(r"^\d{4}-\d{2}-\d{2}$", meta["date"]):
        raise BuildError(f"{source}: date muss YYYY-MM-DD sein, nicht {meta['date']!r}")
    bezirke = {b.name for b in data.bezirke} | {"Gesamtstadt"}
    for d in meta["districts"] or []:
        if d not in bezirke:
            raise BuildError(f"{source}: unbekannter Stadtbezirk {d!r} (erlaubt: {sorted(bezirke)})")
    raeume = {s.name for s in data.sozialraeume()}
    meta["sozialraeume"] = list(meta.get("sozialraeume") or [])
    for s in meta["sozialraeume"]:
        if s not in raeume:
            raise BuildError(f"{source}: unbekannter Sozialraum {s!r} (siehe geography.yaml)")
    for t in meta["topics"] or []:
        if t not in TOPICS:
            raise BuildError(f"{source}: unbekanntes Thema {t!r} (erlaubt: {sorted(TOPICS)})")
    if meta["confidentiality"] not in ("public", "internal"):
        raise BuildError(f"{source}: confidentiality muss public oder internal sein")
    if meta["format"] not in FORMATS:
        raise BuildError(f"{source}: format muss eines von {sorted(FORMATS)} sein")
    if meta.get("layout", "one-column") not in ("one-column", "two-column"):
        raise BuildError(f"{source}: layout muss one-column oder two-column sein")
    return meta


def load_markdown(path: Path, data: Corpusdata) -> Document:
    """Read one src/docs/*.md file into a Document with resolved placeholders."""
    source = f"src/docs/{path.name}"
    meta, body = split_front_matter(path.read_text(encoding="utf-8"), source)
    meta = validate_meta(meta, data, source)
    if meta["id"] != path.stem:
        raise BuildError(f"{source}: id {meta['id']!r} passt nicht zum Dateinamen")
    body = resolve_placeholders(body, data, source)
    doc = parse_body(body, meta, source)
    return doc


def parse_body(body: str, meta: dict, source: str) -> Document:
    """Turn the Markdown body into blocks and collect footnotes."""
    lines = body.replace("\r\n", "\n").split("\n")
    definitions: dict[str, str] = {}
    kept: list[str] = []
    for line in lines:
        m = FN_DEF.match(line)
        if m:
            definitions[m.group(1)] = m.group(2).strip()
            kept.append("")
        elif kept and kept[-1] == "" and line.startswith("    ") and _last_def(definitions):
            # continuation of a footnote definition
            key = _last_def(definitions)
            definitions[key] += " " + line.strip()
            kept.append("")
        else:
            kept.append(line)
    blocks = _blocks(kept)
    order: dict[str, int] = {}

    def number(m: re.Match) -> str:
        key = m.group(1)
        if key not in definitions:
            raise BuildError(f"{source}: Fußnote [^{key}] ohne Definition")
        order.setdefault(key, len(order) + 1)
        return f"{FN_MARK}{order[key]}{FN_MARK}"

    for b in blocks:
        _map_text(b, lambda t: FN_REF.sub(number, t))
    unused = set(definitions) - set(order)
    if unused:
        raise BuildError(f"{source}: Fußnote(n) definiert, aber nicht verwendet: {sorted(unused)}")
    notes = [FN_REF.sub("", definitions[k]) for k, _n in sorted(order.items(), key=lambda t: t[1])]
    return Document(meta=meta, blocks=blocks, footnotes=notes)


def _last_def(definitions: dict[str, str]) -> str | None:
    """Most recently added footnote key (dicts keep insertion order)."""
    return next(reversed(definitions), None) if definitions else None


def _map_text(block, fn) -> None:
    """Apply fn to every inline text of a block in place."""
    if isinstance(block, (Heading, Para)):
        block.text = fn(block.text)
    elif isinstance(block, ListBlock):
        block.items = [fn(i) for i in block.items]
    elif isinstance(block, Table):
        block.header = [fn(c) for c in block.header]
        block.rows = [[fn(c) for c in r] for r in block.rows]


def _cells(line: str) -> list[str]:
    """Cells of a pipe-table line."""
    s = line.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|") and not s.endswith("\\|"):
        s = s[:-1]
    return [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", s)]


def _blocks(lines: list[str]) -> list:
    """Group lines into blocks."""
    blocks: list = []
    i = 0
    para: list[str] = []

    def flush() -> None:
        if para:
            blocks.append(Para(" ".join(p.strip() for p in para)))
            para.clear()

    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if not stripped:
            flush()
            i += 1
            continue
        if stripped == "<!-- pagebreak -->":
            flush()
            blocks.append(PageBreak())
            i += 1
            continue
        if stripped.startswith("<!--"):
            flush()
            while i < len(lines) and "-->" not in lines[i]:
                i += 1
            i += 1
            continue
        m = re.match(r"^(#{1,3})\s+(.*?)\s*#*\s*$", stripped)
        if m:
            flush()
            blocks.append(Heading(len(m.group(1)), m.group(2)))
            i += 1
            continue
        if stripped.startswith("|") and i + 1 < len(lines) and TABLE_SEP.match(lines[i + 1]):
            flush()
            header = _cells(stripped)
            seps = _cells(lines[i + 1])
            align = ["R" if s.endswith(":") and not s.startswith(":") else "L" for s in seps]
            explicit = any(s.endswith(":") for s in seps)
            rows = []
            i += 2
            while i < len(lines) and lines[i].strip().startswith("|"):
                cells = _cells(lines[i])
                cells = (cells + [""] * len(header))[:len(header)]
                rows.append(cells)
                i += 1
            blocks.append(Table(header, rows, align=align if explicit else None))
            continue
        if BULLET.match(line) or NUMBERED.match(line):
            flush()
            ordered = bool(NUMBERED.match(line)) and not BULLET.match(line)
            pattern = NUMBERED if ordered else BULLET
            items: list[str] = []
            while i < len(lines) and lines[i].strip():
                m2 = pattern.match(lines[i])
                if m2:
                    items.append(m2.group(1).strip())
                elif items and lines[i].startswith((" ", "\t")):
                    items[-1] += " " + lines[i].strip()
                else:
                    break
                i += 1
            blocks.append(ListBlock(items, ordered=ordered))
            continue
        if stripped.startswith(">"):
            flush()
            quote = []
            while i < len(lines) and lines[i].strip().startswith(">"):
                quote.append(lines[i].strip()[1:].strip())
                i += 1
            blocks.append(Para(" ".join(quote), style="quote"))
            continue
        para.append(line)
        i += 1
    flush()
    return blocks
