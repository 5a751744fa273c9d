"""One table from core error to HTTP status; bodies {"error": {code, message_de, message_en}}; no stack traces."""

from __future__ import annotations

import pytest

from assistant.api.errors import STATUS_BY_ERROR, status_for
from assistant.core import errors as core


@pytest.mark.parametrize(("error", "status"), [
    (core.InvalidInputError(), 422), (core.DocumentNotFoundError(), 404), (core.NotFoundError(), 404),
    (core.AuthenticationError(), 401), (core.AccessDeniedError(), 403), (core.FileTooLargeError(), 413),
    (core.UnsupportedFormatError(), 415), (core.EncryptedDocumentError(), 422), (core.NoTextLayerError(), 422),
    (core.StoreUnavailableError(), 503), (core.LLMUnavailableError(), 503), (core.DataDirVersionError(), 503),
    (core.ConfigurationError(), 500), (core.PlanwissenError(), 500),
])
def test_status_table(error, status):
    assert status_for(error) == status


def test_every_core_error_class_has_a_status():
    classes = [cls for cls in vars(core).values() if isinstance(cls, type) and issubclass(cls, core.PlanwissenError)]
    for cls in classes:
        assert any(base in STATUS_BY_ERROR for base in cls.__mro__), cls


def test_service_errors_become_status_and_both_messages(client, services, monkeypatch):
    def down(question, filters=None, history=None):
        raise core.LLMUnavailableError("http://127.0.0.1:11434")

    monkeypatch.setattr(services.answering, "ask", down)
    response = client.post("/api/v1/ask", json={"question": "Armut"})
    assert response.status_code == 503
    assert response.json() == {"error": {"code": "llm_unavailable", "message_de": "Das Sprachmodell ist nicht erreichbar. (http://127.0.0.1:11434)",
                                         "message_en": "The language model is not reachable. (http://127.0.0.1:11434)"}}


def test_unexpected_exceptions_are_500_without_details(client, services, monkeypatch):
    def crash(query, filters=None, k=None):
        raise KeyError("/srv/planwissen/data/chroma secret")

    monkeypatch.setattr(services.retrieval, "search", crash)
    response = client.post("/api/v1/search", json={"query": "Armut"})
    assert response.status_code == 500
    assert response.json()["error"]["code"] == "internal_error"
    assert "secret" not in response.text and "Traceback" not in response.text and "KeyError" not in response.text


def test_unknown_route_and_wrong_method_use_the_same_body(client):
    missing = client.get("/api/v1/gibt-es-nicht")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
    wrong = client.get("/api/v1/ask")
    assert wrong.status_code == 405 and wrong.json()["error"]["code"] == "method_not_allowed"
