"""The settings tree: defaults, environment, TOML, precedence, and every field described."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel

from assistant.core.errors import ConfigurationError
from assistant.core.settings import Settings, load_settings


def test_environment_overrides_nested_fields(monkeypatch, tmp_path):
    monkeypatch.setenv("PLANWISSEN_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("PLANWISSEN_CHROMA__MODE", "server")
    monkeypatch.setenv("PLANWISSEN_CHROMA__PORT", "9001")
    settings = load_settings()
    assert settings.data_dir == tmp_path and settings.chroma.mode == "server" and settings.chroma.port == 9001
    assert settings.chroma_path == tmp_path / "chroma"


def test_toml_file_is_read_and_environment_wins(monkeypatch, tmp_path):
    config = tmp_path / "planwissen.toml"
    config.write_text('data_dir = "/srv/pw"\n[retrieval]\ntop_k = 5\n[llm]\nbase_url = "http://127.0.0.1:1/v1"\n', encoding="utf-8")
    monkeypatch.setenv("PLANWISSEN_RETRIEVAL__TOP_K", "7")
    settings = load_settings(config)
    assert settings.data_dir == Path("/srv/pw")
    assert settings.retrieval.top_k == 7
    assert settings.llm.base_url == "http://127.0.0.1:1/v1"


def test_missing_config_file_is_a_clear_error(tmp_path):
    with pytest.raises(ConfigurationError) as info:
        load_settings(tmp_path / "fehlt.toml")
    assert "fehlt.toml" in info.value.describe("de")


def test_invalid_values_are_rejected(monkeypatch):
    monkeypatch.setenv("PLANWISSEN_CHROMA__MODE", "cloud")
    with pytest.raises(ValueError):
        load_settings()


def _undocumented(model: type[BaseModel], prefix: str = "") -> list[str]:
    missing = []
    for name, field in model.model_fields.items():
        if not field.description:
            missing.append(prefix + name)
        annotation = field.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            missing += _undocumented(annotation, prefix + name + ".")
    return missing


def test_every_setting_is_described():
    assert _undocumented(Settings) == []
