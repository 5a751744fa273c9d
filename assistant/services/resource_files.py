"""Reading the YAML resources planwissen ships (aliases, synonyms, indicator synonyms) or a replacement file."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import yaml

from assistant.core.errors import ConfigurationError


def read_yaml_resource(name: str, path: Path | None, message_de: str, message_en: str) -> dict:
    """The parsed file at `path`, or the shipped resource `name`; a broken file is a configuration error."""
    try:
        if path is None:
            text = resources.files("assistant.resources").joinpath(name).read_text(encoding="utf-8")
        else:
            text = Path(path).read_text(encoding="utf-8")
        return yaml.safe_load(text) or {}
    except (OSError, yaml.YAMLError) as error:
        raise ConfigurationError(f"{path or name}: {error}", message_de=message_de, message_en=message_en) from error
