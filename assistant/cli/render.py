"""Terminal rendering of planwissen's types (rich). No logic beyond presentation."""

from __future__ import annotations

import errno

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table

from assistant.core.errors import PlanwissenError
from assistant.core.types import Answer, DocumentMeta, IngestReport, Passage, ProgressEvent
from assistant.text.citation_text import short_quote, source_heading

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)


def _short(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def answer(result: Answer) -> None:
    """How a follow-up was understood (if it was resolved), answer text, notes, then numbered sources with the quoted passage."""
    if result.understood_as and result.understood_as != result.question:
        console.print(f"[dim]Verstanden als:[/dim] {escape(result.understood_as)}")
    console.print(result.text)
    for note in result.notes:
        console.print(f"[yellow]Hinweis:[/yellow] {note}")
    if result.citations:
        console.print("\n[bold]Quellen[/bold]")
    for c in result.citations:
        console.print(f"{escape(source_heading(c))} [dim]({c.doc_id})[/dim]")
        console.print(f"    „{escape(short_quote(c.quote))}“", style="dim")


def passages(found: list[Passage]) -> None:
    """Ranked passages with scores and where they are."""
    if not found:
        console.print("Keine Treffer.")
    for rank, p in enumerate(found, start=1):
        place = f"S. {p.chunk.page}" if p.chunk.page else (f"Zeile {p.chunk.row}" if p.chunk.row else p.chunk.section)
        scores = f"{p.score:.3f}"
        if p.dense_score is not None or p.lexical_score is not None:
            dense = "–" if p.dense_score is None else p.dense_score
            lexical = "–" if p.lexical_score is None else p.lexical_score
            scores += f" (dense {dense}, bm25 {lexical})"
        console.print(f"[bold]{rank}.[/bold] {p.document.title} – {place}  [dim]{p.document.doc_id} · {scores}[/dim]")
        if p.chunk.section:
            console.print(f"   [dim]{p.chunk.section}[/dim]")
        console.print(f"   {_short(p.chunk.text)}")


def documents(docs: list[DocumentMeta]) -> None:
    """A table of indexed documents."""
    table = Table(title=f"{len(docs)} Dokumente")
    for column in ("ID", "Titel", "Art", "Datum", "Stadtbezirke", "Stufe", "Passagen"):
        table.add_column(column)
    for d in docs:
        table.add_row(d.doc_id, _short(d.title, 60), d.kind, d.date, ", ".join(d.districts), d.confidentiality, str(d.chunk_count))
    console.print(table)


def document(doc: DocumentMeta) -> None:
    """All metadata of one document."""
    for key, value in doc.__dict__.items():
        console.print(f"[bold]{key}[/bold]: {', '.join(value) if isinstance(value, tuple) else value}")


def ingest_report(report: IngestReport) -> None:
    """Summary of an ingestion run, failures with their reason."""
    if not report.changed and not report.failed:
        console.print(f"Alles unverändert ({len(report.unchanged)} Dokumente) – nichts zu tun. [dim]{report.seconds:.1f} s[/dim]")
        return
    console.print(
        f"Neu: {len(report.added)} · aktualisiert: {len(report.updated)} · unverändert: {len(report.unchanged)} · "
        f"fehlgeschlagen: {len(report.failed)} · Passagen geschrieben: {report.chunks_written} "
        f"(neu eingebettet: {report.chunks_embedded}) · {report.seconds:.1f} s"
    )
    for failure in report.failed:
        err_console.print(f"[red]Übersprungen:[/red] {failure.path}: {failure.message}")
    for warning in report.warnings:
        console.print(f"[yellow]Hinweis:[/yellow] {warning.path}: {warning.message}")


def error(exc: PlanwissenError) -> None:
    """One line for the user, in German."""
    err_console.print(f"[red]Fehler:[/red] {exc.describe('de')} [dim]({exc.code})[/dim]")


_OS_REASONS = {errno.ENOSPC: "kein Speicherplatz mehr frei", errno.EDQUOT: "Speicherkontingent erschöpft",
               errno.EACCES: "keine Berechtigung", errno.EPERM: "keine Berechtigung", errno.EROFS: "nur lesbares Dateisystem",
               errno.ENOENT: "nicht gefunden", errno.ENOTDIR: "kein Ordner"}


def os_error(exc: OSError) -> None:
    """One German line for an operating-system error (disk full, rights) that no service translated."""
    reason = _OS_REASONS.get(exc.errno, exc.strerror or type(exc).__name__)
    where = f" ({exc.filename})" if exc.filename else ""
    err_console.print(f"[red]Fehler:[/red] Zugriff auf Datei oder Ordner fehlgeschlagen: {reason}{where} [dim](os_error)[/dim]")


class IngestProgress:
    """A progress bar fed by the ingestion service's ProgressEvents."""

    def __init__(self):
        self._progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=err_console,
            transient=False,
        )
        self._files = None
        self._chunks = None

    def __enter__(self):
        self._progress.start()
        self._files = self._progress.add_task("Dateien", total=None)
        self._chunks = self._progress.add_task("Passagen eingebettet", total=None)
        return self

    def __exit__(self, *exc):
        self._progress.stop()

    def update(self, event: ProgressEvent) -> None:
        """Move the bars."""
        if event.stage == "scan":
            self._progress.update(self._files, total=event.total)
        elif event.stage == "file":
            self._progress.update(self._files, completed=event.current, total=event.total or None)
        elif event.stage == "embed":
            self._progress.advance(self._chunks, event.current)
