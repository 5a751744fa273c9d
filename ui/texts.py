"""German texts of the UI in one place."""

from __future__ import annotations

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
#: Optional reasons for a critical rating (stored in front of the comment).
FEEDBACK_REASONS: tuple[str, ...] = ("falsch", "unvollständig", "falsche Quelle", "veraltet")
FEEDBACK_ASK = "Was stimmt an dieser Antwort nicht? Beides ist freiwillig."
FEEDBACK_CANCELLED = "Bewertung abgebrochen."
WARNING_TITLE = "Hinweis"
INTERNAL_ERROR = "Ein interner Fehler ist aufgetreten. Bitte versuchen Sie es erneut oder wenden Sie sich an die Administration."
NO_FILES = "Bitte zuerst eine oder mehrere Dateien auswählen."
UPLOAD_READ_ONLY = "Mit diesem Zugang dürfen keine Dokumente hochgeladen werden."

DOCUMENT_HEADERS = ["Titel", "Art", "Datum", "Stadtbezirke", "Themen", "Vertraulichkeit", "Seiten", "Abschnitte", "Datei"]

CSS = """
.pw-source { border-left: 3px solid #6b8fb3; padding: 0.4em 0.8em; margin: 0 0 0.9em 0; }
.pw-source-head { font-weight: 600; }
.pw-source-meta { color: #555; font-size: 0.9em; }
.pw-source blockquote { margin: 0.4em 0; font-size: 0.95em; }
.pw-source mark { background: #ffe58a; padding: 0 0.1em; }
.pw-empty { color: #666; }
"""

#: Shown above an answer when a follow-up was resolved ("Verstanden als: Wie hoch ist … in Hohenlimburg?").
UNDERSTOOD_AS = "Verstanden als"
