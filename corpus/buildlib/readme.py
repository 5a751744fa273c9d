"""Keep the generated document table in corpus/README.md up to date."""

from __future__ import annotations

BEGIN = "<!-- BEGIN GENERATED: documents -->"
END = "<!-- END GENERATED: documents -->"


def document_table(entries: list[dict]) -> str:
    """Markdown table of all manifest entries."""
    lines = [f"{len(entries)} Dokumente (aus `manifest.yaml`):", "",
             "| Datei | Titel | Art | Datum | Bezirke | Vertraulichkeit | Seiten |",
             "|---|---|---|---|---|---|---:|"]
    for e in entries:
        title = e["title"].replace("|", "/")
        lines.append(f"| `{e['file'].split('/', 1)[1]}` | {title} | {e['kind']} | {e['date']} | "
                     f"{', '.join(e['districts'])} | {e['confidentiality']} | "
                     f"{e['pages'] if e['pages'] is not None else ''} |")
    return "\n".join(lines)


def update_readme(text: str, entries: list[dict]) -> str:
    """Replace the section between the BEGIN/END markers."""
    if BEGIN not in text or END not in text:
        return text
    head, rest = text.split(BEGIN, 1)
    _old, tail = rest.split(END, 1)
    return f"{head}{BEGIN}\n{document_table(entries)}\n{END}{tail}"
