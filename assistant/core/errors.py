"""Typed errors. Each has a stable code and a German and English message; edges translate them once."""

from __future__ import annotations

import shutil
from pathlib import Path


class PlanwissenError(Exception):
    """Base of all errors planwissen reports to users."""

    code = "internal_error"
    message_de = "Ein interner Fehler ist aufgetreten."
    message_en = "An internal error occurred."

    def __init__(self, detail: str = "", *, message_de: str | None = None, message_en: str | None = None):
        self.detail = detail
        if message_de is not None:
            self.message_de = message_de
        if message_en is not None:
            self.message_en = message_en
        super().__init__(self.describe("en"))

    def describe(self, language: str = "de") -> str:
        """Message for users, with the detail (e.g. a file name) appended."""
        base = self.message_de if language == "de" else self.message_en
        return f"{base} ({self.detail})" if self.detail else base


class InvalidInputError(PlanwissenError):
    code = "invalid_input"
    message_de = "Die Eingabe ist ungültig."
    message_en = "The input is invalid."


class NotFoundError(PlanwissenError):
    code = "not_found"
    message_de = "Nicht gefunden."
    message_en = "Not found."


class DocumentNotFoundError(NotFoundError):
    code = "document_not_found"
    message_de = "Dieses Dokument ist nicht im Index."
    message_en = "This document is not in the index."


class ConversationNotFoundError(NotFoundError):
    code = "conversation_not_found"
    message_de = "Diese Unterhaltung gibt es nicht (mehr)."
    message_en = "This conversation does not exist (any more)."


class DocumentError(PlanwissenError):
    """A file could not be read; ingestion skips it and goes on."""

    code = "document_unreadable"
    message_de = "Die Datei konnte nicht gelesen werden."
    message_en = "The file could not be read."


class UnsupportedFormatError(DocumentError):
    code = "unsupported_format"
    message_de = "Dieses Dateiformat wird nicht unterstützt."
    message_en = "This file format is not supported."


class EmptyDocumentError(DocumentError):
    code = "empty_document"
    message_de = "Die Datei enthält keinen Text."
    message_en = "The file contains no text."


class NoTextLayerError(DocumentError):
    code = "no_text_layer"
    message_de = "Das PDF hat keine Textebene (vermutlich ein Scan); bitte vorher eine Texterkennung (OCR) durchführen."
    message_en = "The PDF has no text layer (probably a scan); run OCR first."


class EncryptedDocumentError(DocumentError):
    code = "encrypted_document"
    message_de = "Die Datei ist passwortgeschützt."
    message_en = "The file is password-protected."


class FileTooLargeError(DocumentError):
    code = "file_too_large"
    message_de = "Die Datei überschreitet die zulässige Größe."
    message_en = "The file exceeds the allowed size."


class StoreUnavailableError(PlanwissenError):
    code = "store_unavailable"
    message_de = "Der Dokumentenspeicher ist nicht erreichbar."
    message_en = "The document store is not reachable."


class DataDirVersionError(PlanwissenError):
    code = "data_dir_version"
    message_de = "Das Datenverzeichnis stammt von einer anderen planwissen-Version; bitte neu einlesen."
    message_en = "The data directory was written by another planwissen version; please re-ingest."


class DataDirNotWritableError(PlanwissenError):
    code = "data_dir_not_writable"
    message_de = ("Der Datenordner ist nicht beschreibbar; bitte Schreibrechte prüfen oder mit PLANWISSEN_DATA_DIR einen "
                  "beschreibbaren Ordner wählen.")
    message_en = "The data directory is not writable; check permissions or choose another folder with PLANWISSEN_DATA_DIR."


class DataDirFullError(PlanwissenError):
    code = "data_dir_full"
    message_de = "Zu wenig Speicherplatz im Datenordner"  # detail: "(… MB frei)"
    message_en = "Not enough free space in the data directory."

    @classmethod
    def measured(cls, folder: Path, need: str = "") -> DataDirFullError:
        """The error naming the space free in `folder` now ("… MB frei", "?" when it cannot be read) and what is needed."""
        try:
            free = f"{shutil.disk_usage(folder).free / (1024 * 1024):.0f}"
        except OSError:
            free = "?"
        return cls(f"{folder}: {free} MB frei" + (f", {need}" if need else ""))


class LLMUnavailableError(PlanwissenError):
    code = "llm_unavailable"
    message_de = "Das Sprachmodell ist nicht erreichbar."
    message_en = "The language model is not reachable."


class AuthenticationError(PlanwissenError):
    code = "unauthenticated"
    message_de = "Anmeldung erforderlich: gültiges Zugriffstoken fehlt."
    message_en = "Authentication required: missing or invalid access token."


class TokenExpiredError(AuthenticationError):
    """A token or session that was valid once but is past its expiry (static token `expires`, JWT `exp`, UI session)."""

    code = "token_expired"
    message_de = "Der Zugang ist abgelaufen; bitte neu anmelden oder ein neues Token verwenden."
    message_en = "The access expired; sign in again or use a new token."


class SignInError(AuthenticationError):
    """The sign-in with the identity provider did not complete (wrong state, refused code, invalid ID token)."""

    code = "sign_in_failed"
    message_de = "Die Anmeldung beim Identity Provider ist fehlgeschlagen; bitte erneut anmelden."
    message_en = "Signing in with the identity provider failed; please sign in again."


class IdentityProviderUnavailableError(PlanwissenError):
    code = "identity_provider_unavailable"
    message_de = "Der Identity Provider (Anmeldedienst) ist nicht erreichbar."
    message_en = "The identity provider is not reachable."


class AccessDeniedError(PlanwissenError):
    code = "access_denied"
    message_de = "Keine Berechtigung für diesen Inhalt."
    message_en = "Access to this content is not permitted."


class NoAccessLevelError(AccessDeniedError):
    """Signed in, but none of the user's groups maps to a confidentiality level (and oidc.default_level is unset)."""

    code = "no_access_level"
    message_de = "Angemeldet, aber ohne Freigabe für planwissen (keine passende Gruppe)."
    message_en = "Signed in, but not cleared for planwissen (no matching group)."


class ConfigurationError(PlanwissenError):
    code = "configuration_error"
    message_de = "Die Konfiguration ist fehlerhaft."
    message_en = "The configuration is invalid."


class RateLimitedError(PlanwissenError):
    """Too many requests of one kind from one user in a short time; `retry_after_s` says when the next one is allowed."""

    code = "rate_limited"
    message_de = "Zu viele Anfragen in kurzer Zeit. Bitte kurz warten und dann erneut versuchen."
    message_en = "Too many requests in a short time. Please wait a moment and try again."

    def __init__(self, detail: str = "", *, retry_after_s: int = 1, **kwargs):
        self.retry_after_s = max(1, int(retry_after_s))
        super().__init__(detail, **kwargs)
