"""German texts of the UI in one place."""

from __future__ import annotations

import html

TITLE = "planwissen – Wissensassistent der Sozialplanung"
INTRO = (
    "Fragen Sie die Dokumente der Sozialplanung. Jede Aussage nennt ihre Quelle (Dokument, Seite oder Tabellenzeile) – "
    "die Fundstellen stehen unter **Quellen**; ein Klick öffnet das Original an der Stelle. "
    "Steht etwas nicht in den Dokumenten, sagt planwissen das."
)

EXAMPLE_QUESTIONS: tuple[str, ...] = (
    "Welche Beteiligungsformate nutzt die Sozialplanung?",
    "Welche Partner arbeiten zum Thema Armut in Haspe?",
    "Wie hoch war die SGB-II-Quote in Hohenlimburg 2024?",
    "Was sind Sozialraumteams und wer sitzt darin?",
)

LEVEL_LABELS = {"public": "öffentlich", "internal": "intern"}

NO_QUESTION_YET = "<p class='pw-empty'>Noch keine Frage gestellt. Die Quellen der Antwort erscheinen hier.</p>"
NO_SOURCES = "<p class='pw-empty'>Keine Quellen: Die Dokumente enthalten dazu nichts.</p>"
NOTHING_TO_RATE = "Es gibt noch keine Antwort zum Bewerten."
THANKS = {
    "up": "Danke! Ihre positive Bewertung wurde gespeichert.",
    "down": "Danke! Ihre Kritik wurde gespeichert und hilft beim Verbessern.",
}
CHAT_PLACEHOLDER = ("**Fragen Sie die Dokumente der Sozialplanung.** Jede Aussage nennt ihre Quelle; ein Klick auf [1] zeigt die "
                    "Fundstelle. Steht etwas nicht in den Dokumenten, sagt planwissen das. Zum Beispiel:")
#: The conversation fills the window; header, tabs and the input row below it take about this much.
CHAT_HEIGHT = "calc(100vh - 290px)"
SEARCHING = "_Ich suche in den Dokumenten …_"
SEARCHING_SOURCES = "<p class='pw-empty' role='status'>Die Quellen werden gesucht …</p>"
SORRY = "Das hat leider nicht geklappt:"
NO_CONVERSATION = "Bitte zuerst eine Unterhaltung auswählen."
CONFIRM_DELETE = "Diese Unterhaltung wirklich löschen? Das lässt sich nicht rückgängig machen."
DELETED = "Die Unterhaltung wurde gelöscht."
RENAMED = "Der neue Titel ist gespeichert."

#: Optional reasons for a critical rating (stored in front of the comment).
FEEDBACK_REASONS: tuple[str, ...] = ("falsch", "unvollständig", "falsche Quelle", "veraltet")
FEEDBACK_ASK = "Was stimmt an dieser Antwort nicht? Beides ist freiwillig."
FEEDBACK_CANCELLED = "Bewertung abgebrochen."
WARNING_TITLE = "Hinweis"
SIGNED_OUT_TITLE = "Abgemeldet"
SIGN_IN_AGAIN = "Bitte die Seite neu laden, um sich wieder anzumelden."
#: Signing out (OIDC): ends the server-side session, with it every signed link of it (assistant/api/routes/sign_in.py).
LOGOUT_PATH = "/auth/logout"
INTERNAL_ERROR = "Ein interner Fehler ist aufgetreten. Bitte versuchen Sie es erneut oder wenden Sie sich an die Administration."
NO_FILES = "Bitte zuerst eine oder mehrere Dateien auswählen."
#: Asked when an upload has the name of an uploaded document but other content ({title}: that document's title).
REPLACE_QUESTION = "Neue Version von »{title}« – ersetzen?"
REPLACE_DETAIL = ("Die Datei {file} heißt wie dieses Dokument, hat aber einen anderen Inhalt. **Ersetzen**: Die neue Fassung tritt "
                  "an seine Stelle (Antworten zitieren dann nur noch sie). **Als eigenes Dokument**: Beide Fassungen bleiben erhalten.")
REPLACE_CANCELLED = "Hochladen abgebrochen: Es wurde nichts gespeichert."

DOCUMENT_HEADERS = ["Titel", "Art", "Datum", "Bezirke", "Themen", "Zugriff", "Seiten", "Abschnitte"]
DOCUMENT_SORT_CHOICES = [("Titel (A–Z)", "titel"), ("Datum (neueste zuerst)", "datum"), ("Art", "art"),
                         ("Abschnitte (meiste zuerst)", "abschnitte")]
UPLOAD_STAGES = {"queued": "Wartet auf Verarbeitung …", "running": "Wird gelesen …", "scan": "Dateien werden geprüft …",
                 "file": "Wird gelesen und aufgeteilt …", "embed": "Abschnitte werden für die Suche aufbereitet …",
                 "index": "Wird in den Index geschrieben …", "done": "Fertig", "failed": "Fehlgeschlagen"}
UPLOAD_DONE = "Das Dokument steht jetzt im Tab **Dokumente** und kann sofort befragt werden."
DELETE_READ_ONLY = "Mit diesem Zugang dürfen keine Dokumente gelöscht werden."
NO_DOCUMENT = "Bitte zuerst ein Dokument in der Liste anklicken."
CONFIRM_DOCUMENT_DELETE = "Dieses Dokument wirklich aus planwissen entfernen? Antworten können es danach nicht mehr zitieren."
DOCUMENT_HINT = "Klicken Sie auf eine Zeile, um die Angaben zum Dokument zu sehen."

CSS = """
/* BITV/WCAG AA: Gradio's orange (#f97316, 2.8:1 with white) and red are too light for text; focus always visible */
:root, .gradio-container, body {
  --button-primary-background-fill: #a33d00 !important; --button-primary-background-fill-hover: #7f2f00 !important;
  --button-primary-border-color: #a33d00 !important; --button-primary-text-color: #ffffff !important;
  --button-cancel-background-fill: #b91c1c !important; --button-cancel-background-fill-hover: #991b1b !important;
  --button-cancel-border-color: #b91c1c !important; --button-cancel-text-color: #ffffff !important;
  --color-accent: #a33d00 !important; --color-accent-soft: #fff1e6 !important;
  --input-placeholder-color: #6b6b73 !important; --body-text-color-subdued: #52525b !important;
}
button.primary { background: #a33d00 !important; color: #fff !important; border-color: #a33d00 !important; }
button.primary:hover { background: #7f2f00 !important; }
button.stop { background: #b91c1c !important; color: #fff !important; border-color: #b91c1c !important; }
button[role=tab][aria-selected=true], button[role=tab].selected { color: #8a3300 !important; border-color: #8a3300 !important; }
.or { color: #52525b !important; }
:focus-visible { outline: 3px solid #1d4ed8 !important; outline-offset: 2px !important; }
.pw-source { border-left: 3px solid #6b8fb3; padding: 0.4em 0.8em; margin: 0 0 0.9em 0; }
.pw-source-head { font-weight: 600; }
.pw-source-meta { color: #555; font-size: 0.9em; }
.pw-source blockquote { margin: 0.4em 0; font-size: 0.95em; }
.pw-source mark { background: #ffe58a; padding: 0 0.1em; }
.pw-empty { color: #555; }
.pw-source.pw-current { border-left-color: #8a3200; background: #fff4e5; }
#pw-header { align-items: baseline; gap: 1em; }
#pw-header h2 { margin: 0; font-size: 1.3em; }
#pw-access { text-align: right; }
#pw-sources { max-height: calc(100vh - 260px); overflow-y: auto; }
/* side by side (wide window): sources and viewer scroll beside the chat, the chat stays where it is */
@media (min-width: 1000px) {
  #pw-side { position: sticky; top: 8px; align-self: flex-start; max-height: calc(100vh - 16px); overflow-y: auto;
             flex-wrap: nowrap !important; }
  #pw-side > * { flex-shrink: 0; }
}
#pw-history .wrap { flex-direction: column; }
/* the viewer in a narrow column: long lines wrap, a wide table scrolls sideways in its own box, never the page */
#pw-viewer .pw-viewer { max-height: 50vh; overflow-y: auto; overflow-x: hidden; overflow-wrap: anywhere; }
.pw-table-wrap { overflow-x: auto; max-width: 100%; }
.pw-table { border-collapse: collapse; font-size: 0.9em; overflow-wrap: normal; }
.pw-table th, .pw-table td { border: 1px solid #ccc; padding: 0.2em 0.4em; text-align: left; vertical-align: top;
  min-width: 4em; max-width: 16em; overflow-wrap: break-word; hyphens: auto; }
.pw-table caption { text-align: left; font-weight: 600; margin-bottom: 0.3em; }
.pw-table tr.pw-cited { background: #fff1b8; outline: 2px solid #8a3200; }
.pw-doc .pw-cited { background: #fff8d6; outline: 2px solid #8a3200; }
.pw-doc mark, .pw-viewer mark { background: #ffe58a; }
#pw-documents, #pw-documents * { font-family: var(--font) !important; }
#pw-documents th .cell-wrap, #pw-documents thead * { hyphens: manual; word-break: normal !important; overflow-wrap: normal !important; }
.pw-viewer-actions { margin-top: 0.6em; font-size: 0.9em; }
#pw-history label { width: 100%; }
#pw-replace { border-left: 4px solid #a33d00 !important; }
#pw-replace-question { padding: 0.3em 0.6em; }
#pw-replace button { flex: 0 0 auto !important; min-width: 11em; margin: 0.3em; }
form.pw-logout { display: inline; margin: 0; }
form.pw-logout button { background: none; border: none; padding: 0; color: inherit; text-decoration: underline; cursor: pointer; }
"""

#: Shown above an answer when a follow-up was resolved ("Verstanden als: Wie hoch ist … in Hohenlimburg?").
UNDERSTOOD_AS = "Verstanden als"


def access_line(name: str, level_label: str, signed_in: bool) -> str:
    """The header line: the session's level; with a sign-in also who is signed in and the link to sign out (HTML, escaped)."""
    level = f"<strong>{html.escape(level_label)}</strong>"
    if not signed_in:
        return f"<p>Zugriffsstufe dieser Sitzung: {level}.</p>"
    return (f"<div>Angemeldet als <strong id='pw-user'>{html.escape(name)}</strong> · Zugriffsstufe: {level} · "
            f"<form class='pw-logout' method='post' action='{LOGOUT_PATH}' target='_self'>"
            f"<button id='pw-logout' type='submit'>Abmelden</button></form></div>")
