"""Settings, read once at the composition root and passed down.

Nothing reads the environment after start-up: tests build a ``Settings`` directly.
Secrets are ``SecretStr`` so they never appear in reprs or logs.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from journeybot.core.home import CATALOG_FILE, default_home

__all__ = ["MB", "Settings", "default_home"]

MB = 1_000_000


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="JOURNEYBOT_", extra="ignore", populate_by_name=True
    )

    # --- storage -----------------------------------------------------------------
    home: Path = Field(default_factory=default_home)
    chroma_host: str | None = Field(
        default=None, validation_alias=AliasChoices("CHROMA_HOST", "JOURNEYBOT_CHROMA_HOST")
    )
    chroma_port: int = Field(
        default=8000, validation_alias=AliasChoices("CHROMA_PORT", "JOURNEYBOT_CHROMA_PORT")
    )
    embedding_model_path: Path | None = None
    embedding_batch_size: int = 64
    writer_wait_seconds: float = Field(
        default=600.0, description="How long a second writer waits for the first."
    )

    # --- ingestion ---------------------------------------------------------------
    max_file_mb: float = 25.0
    max_docx_uncompressed_mb: float = 200.0
    redact: bool = True
    segment_max_chars: int = 800
    max_segments_per_source: int = Field(
        default=20_000, description="A file that would make more segments is refused."
    )
    max_segments_per_study: int = Field(
        default=500_000, description="An ingest that would pass this is refused."
    )
    one_speaker_warning_words: int = Field(
        default=20_000, description="Warn when a file read as one speaker is longer."
    )

    # --- drafting ----------------------------------------------------------------
    llm: str | None = Field(
        default=None,
        description="provider:model for LangChain init_chat_model; unset = extractive.",
    )
    llm_max_retries: int = 2
    llm_context_tokens: int = 8000
    llm_temperature: float = 0.0

    # --- Slack -------------------------------------------------------------------
    slack_bot_token: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("SLACK_BOT_TOKEN", "JOURNEYBOT_SLACK_BOT_TOKEN"),
    )
    slack_signing_secret: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("SLACK_SIGNING_SECRET", "JOURNEYBOT_SLACK_SIGNING_SECRET"),
    )
    slack_app_token: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("SLACK_APP_TOKEN", "JOURNEYBOT_SLACK_APP_TOKEN"),
    )
    slack_api_url: str = "https://slack.com/api/"
    slack_file_hosts: list[str] = Field(default_factory=lambda: ["files.slack.com"])
    port: int = 3000
    #: Processes answering Slack over HTTP (``journeybot serve`` without Socket Mode);
    #: each acknowledges on its own core, the work is done by the worker process.
    http_processes: int = Field(default=2, ge=1, le=32)
    workers: int = 4
    membership_cache_seconds: float = 60.0
    #: How long channel and people's names from Slack are reused before asking again.
    name_cache_seconds: float = 3600.0

    @field_validator("home", mode="after")
    @classmethod
    def _expand_home(cls, value: Path) -> Path:
        return value.expanduser()

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * MB)

    @property
    def max_docx_uncompressed_bytes(self) -> int:
        return int(self.max_docx_uncompressed_mb * MB)

    @property
    def chroma_path(self) -> Path:
        return self.home / "chroma"

    @property
    def catalog_path(self) -> Path:
        return self.home / CATALOG_FILE

    @property
    def lexical_path(self) -> Path:
        return self.home / "lexical.sqlite3"
