"""The `planwissen` command line: parse, call a service, render. Errors become one clear German line."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Annotated

import typer

from assistant.cli import render
from assistant.core.errors import PlanwissenError
from assistant.core.settings import Settings, load_settings
from assistant.core.types import QueryFilters
from assistant.core.validation import clean_question

app = typer.Typer(
    help="planwissen – Wissensassistent der Sozialplanung (lokal, mit Quellenangaben).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
docs_app = typer.Typer(help="Eingelesene Dokumente anzeigen und entfernen.", no_args_is_help=True)
app.add_typer(docs_app, name="docs")
feedback_app = typer.Typer(help="Rückmeldungen (Daumen hoch/runter) anzeigen und löschen.", no_args_is_help=True)
app.add_typer(feedback_app, name="feedback")
uploads_app = typer.Typer(help="Fehlgeschlagene Uploads anzeigen und löschen.", no_args_is_help=True)
app.add_typer(uploads_app, name="uploads")

ConfigOption = Annotated[Path | None, typer.Option("--config", "-c", help="TOML-Konfigurationsdatei.", envvar="PLANWISSEN_CONFIG")]
LevelOption = Annotated[str | None, typer.Option("--stufe", help="Höchste Vertraulichkeitsstufe der Antwort (public, internal).")]


class _State:
    """Settings and services of this invocation, built on first use (so `--help` stays fast)."""

    config: Path | None = None
    settings: Settings | None = None
    services = None
    audit = None


def _settings() -> Settings:
    if _State.settings is None:
        _State.settings = load_settings(_State.config)
        from assistant.bootstrap import configure_runtime

        configure_runtime(_State.settings)
    return _State.settings


def _services():
    if _State.services is None:
        from assistant.bootstrap import build_services

        _State.services = build_services(_settings())
    return _State.services


def _audit_service():
    """The audit log of this invocation, opened once (every command that writes or reads it shares it)."""
    settings = _settings()
    if _State.audit is None or _State.audit[0] is not settings:
        from assistant.bootstrap import build_audit

        _State.audit = (settings, build_audit(settings))
    return _State.audit[1]


def _audit(action: str, **kwargs) -> None:
    """The CLI's audit entries: the person at this machine is "lokal"."""
    from assistant.core.audit import LOCAL_USER

    _audit_service().record(action, LOCAL_USER, **kwargs)


def _level(level: str | None) -> str:
    return level or _settings().server.local_level


@app.callback()
def main(config: ConfigOption = None) -> None:
    """Global options."""
    _State.config = config


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Dateien oder Ordner.")],
    stufe: Annotated[str | None, typer.Option(help="Vertraulichkeit für Dateien ohne Manifest (public/internal).")] = None,
    strict: Annotated[bool, typer.Option(help="Mit Fehlercode enden, wenn eine Datei nicht gelesen werden konnte.")] = False,
) -> None:
    """Dokumente einlesen (PDF, DOCX, Markdown, TXT, CSV, XLSX)."""
    services = _services()
    overrides = {"confidentiality": stufe} if stufe else None
    with render.IngestProgress() as progress:
        report = services.ingestion.ingest(paths, progress=progress.update, overrides=overrides)
    render.ingest_report(report)
    if strict and report.failed:
        raise typer.Exit(1)


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="Ihre Frage.")],
    bezirk: Annotated[list[str] | None, typer.Option(help="Stadtbezirk(e) als Filter.")] = None,
    thema: Annotated[list[str] | None, typer.Option(help="Thema/Themen als Filter.")] = None,
    art: Annotated[list[str] | None, typer.Option(help="Dokumentart(en) als Filter.")] = None,
    von: Annotated[int | None, typer.Option(help="Frühestes Jahr.")] = None,
    bis: Annotated[int | None, typer.Option(help="Spätestes Jahr.")] = None,
    stufe: LevelOption = None,
) -> None:
    """Eine Frage beantworten, mit Quellenangaben."""
    filters = QueryFilters(
        districts=bezirk or [], topics=thema or [], kinds=art or [], year_from=von, year_to=bis, max_confidentiality=_level(stufe)
    )
    answer = _services().answering.ask(clean_question(question), filters)
    _audit("ask", question=question, doc_ids=[c.doc_id for c in answer.citations], detail={"route": "cli ask"})
    render.answer(answer)


@app.command()
def chat(
    weiter: Annotated[str | None, typer.Option("--weiter", help="Eine gespeicherte Unterhaltung fortsetzen (ID).")] = None,
    stufe: LevelOption = None,
) -> None:
    """Unterhaltung: Fragen nacheinander, Rückfragen („Und in Hohenlimburg?“) beziehen sich auf die vorigen."""
    from assistant.cli.chat_cmd import chat_loop

    chat_loop(_services(), _level(stufe), conversation_id=weiter)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Suchanfrage.")],
    k: Annotated[int, typer.Option("-k", help="Anzahl Treffer.")] = 10,
    stufe: LevelOption = None,
) -> None:
    """Passagen mit Bewertung und Metadaten suchen."""
    query = clean_question(query, "Suchanfrage")
    passages = _services().retrieval.search(query, QueryFilters(max_confidentiality=_level(stufe)), k=k)
    _audit("search", question=query, doc_ids=[p.chunk.doc_id for p in passages], detail={"route": "cli search"})
    render.passages(passages)


@docs_app.command("list")
def docs_list(stufe: LevelOption = None) -> None:
    """Alle eingelesenen Dokumente auflisten."""
    render.documents(_services().documents.list(_level(stufe)))


@docs_app.command("show")
def docs_show(doc_id: Annotated[str, typer.Argument(help="Dokument-ID.")], stufe: LevelOption = None) -> None:
    """Metadaten eines Dokuments anzeigen."""
    document = _services().documents.get(doc_id, _level(stufe))
    _audit("open", doc_ids=[doc_id], detail={"route": "cli docs show"})
    render.document(document)


@docs_app.command("remove")
def docs_remove(doc_id: Annotated[str, typer.Argument(help="Dokument-ID (siehe `docs list`).")]) -> None:
    """Ein Dokument mit allen Passagen aus dem Index entfernen."""
    _services().documents.remove(doc_id)
    _audit("delete", doc_ids=[doc_id], detail={"route": "cli docs remove"})
    render.console.print(f"Entfernt: {doc_id}")


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Adresse (Standard aus den Einstellungen: 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option(help="Port.")] = None,
    ui: Annotated[bool | None, typer.Option("--ui/--no-ui", help="Oberfläche einbinden (Standard: auf localhost und mit OIDC).")] = None,
) -> None:
    """Web-Oberfläche und REST-API starten."""
    from assistant.cli.serve_cmd import serve as run_server

    run_server(_services(), host=host, port=port, ui=ui)


@app.command("eval")
def eval_(
    extern: Annotated[bool, typer.Option("--external", help="Externe Prüfungen: XQuAD-de und SGB-Gesetzestexte (../shared).")] = False,
    from_feedback: Annotated[bool, typer.Option("--from-feedback", help="Negative Rückmeldungen als Eval-Entwürfe exportieren.")] = False,
    baseline: Annotated[bool, typer.Option(help="Die LlamaIndex-Baseline im selben Lauf messen.")] = True,
    out: Annotated[Path | None, typer.Option(help="Ergebnisordner (Standard: results/).")] = None,
    index: Annotated[Path | None, typer.Option(help="Eigener Index-Ordner der Auswertung (Standard: <Datenordner>/eval-index).")] = None,
) -> None:
    """Genauigkeit auf dem Eval-Set messen (Tabelle, JSON- und HTML-Bericht); Fehlercode bei Unterschreitung der Schwellen."""
    from assistant.cli.eval_cmd import eval_command

    raise typer.Exit(eval_command(_settings(), external=extern, from_feedback=from_feedback, baseline=baseline, out=out, index=index))


@app.command()
def bench(
    abschnitt: Annotated[
        list[str] | None, typer.Option("--abschnitt", help="Nur diese Abschnitte (ingest, query, coldstart, server, scale, tables).")
    ] = None,
    skala: Annotated[list[int] | None, typer.Option("--skala", help="Synthetische Größen in Chunks (Standard 10000 und 100000).")] = None,
) -> None:
    """Geschwindigkeit und Speicher messen (in einem Temp-Ordner, Ihr Index bleibt unberührt)."""
    from assistant.cli.bench_cmd import run_bench

    raise typer.Exit(run_bench(_settings(), sections=abschnitt, scales=skala or (10_000, 100_000)))


@app.command()
def draft(
    anfrage: Annotated[str, typer.Argument(help="Thema und Zweck, z. B. „Abschnitt Kinderarmut in Haspe für den Sozialbericht 2025“.")],
    raum: Annotated[str | None, typer.Option("--raum", help="Stadtbezirk oder Sozialraum (sonst aus der Anfrage).")] = None,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Ausgabedatei (.md oder .docx); sonst Markdown.")] = None,
    llm: Annotated[bool, typer.Option(help="Fließtext mit dem Sprachmodell (falls eingerichtet).")] = True,
    stufe: LevelOption = None,
) -> None:
    """Entwurf eines Berichtsabschnitts mit Quellen (Kennzahlen, Entwicklung, Stimmen, Angebote, offene Punkte)."""
    from assistant.cli.draft_cmd import draft_command

    for line in draft_command(_services(), anfrage, place=raum, out=out, level=_level(stufe), prose=llm):
        render.console.print(line, markup=False)


@app.command()
def steckbrief(
    raum: Annotated[str, typer.Argument(help="Stadtbezirk oder Sozialraum, z. B. „Eilpe/Dahl“.")],
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Ausgabedatei (.md oder .docx).")] = None,
    stufe: LevelOption = None,
) -> None:
    """Einseitiger Steckbrief eines Stadtbezirks oder Sozialraums (Kennzahlen, Diagramm, Angebote, Partner)."""
    from assistant.cli.draft_cmd import steckbrief_command

    for line in steckbrief_command(_services(), raum, out=out, level=_level(stufe)):
        render.console.print(line, markup=False)


@app.command()
def einstieg(
    thema: Annotated[str | None, typer.Argument(help="Optional: Thema, zu dem Sie wissen wollen, was Sie zuerst lesen sollten.")] = None,
    glossar: Annotated[bool, typer.Option("--glossar", help="Das Glossar anzeigen.")] = False,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Ausgabedatei (.md oder .docx).")] = None,
    stufe: LevelOption = None,
) -> None:
    """Einstieg für neue Kolleginnen und Kollegen: Überblick, Glossar, Leseliste zu einem Thema."""
    from assistant.cli.draft_cmd import einstieg_command

    for line in einstieg_command(_services(), thema, glossary=glossar, out=out, level=_level(stufe)):
        render.console.print(line, markup=False)


@app.command()
def backup(ziel: Annotated[Path, typer.Argument(help="Zieldatei (.tar.gz) oder Ordner für die Sicherung.")]) -> None:
    """Den ganzen Index sichern (Chroma, lexikalischer Index, Zustand, Uploads, Versionsmarke)."""
    from assistant.cli.backup_cmd import backup_command

    for line in backup_command(_settings(), ziel):
        render.console.print(line, markup=False)


@app.command()
def restore(quelle: Annotated[Path, typer.Argument(help="Sicherungsdatei (.tar.gz) von `planwissen backup`.")]) -> None:
    """Den Index aus einer Sicherung wiederherstellen (der bisherige Datenordner wird aufbewahrt)."""
    from assistant.cli.backup_cmd import restore_command

    for line in restore_command(_settings(), quelle):
        render.console.print(line, markup=False)


@app.command()
def audit(
    since: Annotated[str | None, typer.Option("--since", help="Ab Datum (2026-03-01) oder Dauer (7d, 12h).")] = None,
    user: Annotated[str | None, typer.Option("--user", help="Nur diese Person/dieses Token (lokal: Aufrufe auf dem Rechner).")] = None,
    action: Annotated[str | None, typer.Option("--action", help="Nur diese Aktion (ask, search, open, download, upload, delete, "
                                               "change, settings, cleanup).")] = None,
    verify: Annotated[bool, typer.Option("--verify", help="Die Hash-Kette prüfen; Fehlercode 1 bei Veränderung.")] = False,
) -> None:
    """Audit-Protokoll anzeigen (wer hat wann was gefragt, geöffnet, hochgeladen, gelöscht) oder prüfen."""
    from assistant.cli.audit_cmd import list_lines, verify_lines

    if verify:
        code, lines = verify_lines(_audit_service())
        for line in lines:
            (render.console if code == 0 else render.err_console).print(line, markup=False)
        raise typer.Exit(code)
    for line in list_lines(_audit_service(), since=since, user=user, action=action):
        render.console.print(line, markup=False)


@app.command()
def cleanup() -> None:
    """Alte Daten nach den Aufbewahrungsfristen löschen (Unterhaltungen, Rückmeldungen, fehlgeschlagene Uploads, Audit, Temp)."""
    from assistant.bootstrap import build_cleanup
    from assistant.cli.audit_cmd import cleanup_lines

    for line in cleanup_lines(build_cleanup(_settings(), audit=_audit_service())):
        render.console.print(line, markup=False)


@feedback_app.command("list")
def feedback_list() -> None:
    """Alle gespeicherten Rückmeldungen (ID, Zeit, Bewertung, Herkunft, Frage)."""
    from assistant.bootstrap import build_feedback
    from assistant.cli.housekeeping_cmd import feedback_lines

    for line in feedback_lines(build_feedback(_settings())):
        render.console.print(line, markup=False)


@feedback_app.command("remove")
def feedback_remove(entry_id: Annotated[int, typer.Argument(help="ID (siehe `feedback list`).")]) -> None:
    """Eine Rückmeldung löschen."""
    from assistant.bootstrap import build_feedback
    from assistant.cli.housekeeping_cmd import remove_feedback

    lines = remove_feedback(build_feedback(_settings()), entry_id)
    _audit("delete", ref=f"feedback:{entry_id}", detail={"route": "cli feedback remove"})
    for line in lines:
        render.console.print(line, markup=False)


def _failed_uploads():
    from assistant.bootstrap import build_failed_uploads

    return build_failed_uploads(_settings())


@uploads_app.command("failed")
def uploads_failed() -> None:
    """Uploads, die nicht eingelesen werden konnten (mit Grund)."""
    from assistant.cli.housekeeping_cmd import failed_lines

    for line in failed_lines(_failed_uploads()):
        render.console.print(line, markup=False)


@uploads_app.command("remove")
def uploads_remove(upload_id: Annotated[str, typer.Argument(help="Upload-ID (siehe `uploads failed`).")]) -> None:
    """Einen fehlgeschlagenen Upload löschen."""
    from assistant.cli.housekeeping_cmd import remove_failed

    lines = remove_failed(_failed_uploads(), upload_id)
    _audit("delete", ref=f"failed_upload:{upload_id}", detail={"route": "cli uploads remove"})
    for line in lines:
        render.console.print(line, markup=False)


def run() -> None:
    """Entry point with the one place where typed errors become a German message and an exit code."""
    try:
        app()
    except PlanwissenError as exc:
        render.error(exc)
        sys.exit(2)
    except KeyboardInterrupt:
        render.console.print("Abgebrochen.")
        sys.exit(130)
    except OSError as exc:  # a full disk, missing rights … while working: one German line, never a traceback
        logging.getLogger(__name__).debug("OS error", exc_info=True)
        render.os_error(exc)
        sys.exit(2)
