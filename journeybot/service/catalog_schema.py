"""How a catalog file is set up: its journal mode, and its schema as migrations.

Append a new script at the end; never edit or reorder one that has shipped, since a
catalog records how many it has applied (``PRAGMA user_version``) and upgrades in place.
"""

from __future__ import annotations

import sqlite3
import time

MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE studies (
        id TEXT PRIMARY KEY,
        created_at TEXT NOT NULL,
        stages_json TEXT
    );
    CREATE TABLE sources (
        study TEXT NOT NULL,
        id TEXT NOT NULL,
        file_name TEXT NOT NULL,
        body_json TEXT NOT NULL,
        text TEXT NOT NULL,
        uploaded_at TEXT NOT NULL,
        PRIMARY KEY (study, id)
    );
    CREATE TABLE channels (
        channel TEXT PRIMARY KEY,
        study TEXT NOT NULL,
        diary INTEGER NOT NULL DEFAULT 0,
        linked_at TEXT NOT NULL
    );
    CREATE TABLE drafts (
        id TEXT PRIMARY KEY,
        study TEXT NOT NULL,
        kind TEXT NOT NULL,
        cache_key TEXT NOT NULL,
        created_at TEXT NOT NULL,
        body_json TEXT NOT NULL
    );
    CREATE INDEX drafts_by_key ON drafts (study, kind, cache_key, created_at);
    CREATE TABLE reviews (
        study TEXT NOT NULL,
        claim_id TEXT NOT NULL,
        status TEXT NOT NULL,
        comment TEXT,
        reviewed_at TEXT NOT NULL,
        PRIMARY KEY (study, claim_id)
    );
    CREATE TABLE processed (
        key TEXT PRIMARY KEY,
        seen_at TEXT NOT NULL
    );
    """,
    # A study's name as people know it (a channel's name, or what /journey study set);
    # the id underneath never changes, so evidence, drafts and verdicts stay put.
    """
    ALTER TABLE studies ADD COLUMN title TEXT;
    CREATE UNIQUE INDEX studies_by_title ON studies (lower(title));
    """,
    # Durable bot work: a claim remembers the job that made it, so the same job resumed
    # after a restart may carry on; a job's notes (a status message's ts) outlive it.
    """
    ALTER TABLE processed ADD COLUMN owner TEXT;
    CREATE TABLE job_notes (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        noted_at TEXT NOT NULL
    );
    """,
    # Participant identity: a study's roster, and merges a researcher made.
    """
    CREATE TABLE roster (
        study TEXT NOT NULL,
        id TEXT NOT NULL,
        body_json TEXT NOT NULL,
        PRIMARY KEY (study, id)
    );
    CREATE TABLE participant_merges (
        study TEXT NOT NULL,
        alias TEXT NOT NULL,
        target TEXT NOT NULL,
        merged_at TEXT NOT NULL,
        PRIMARY KEY (study, alias)
    );
    """,
    # Per-study settings that are not evidence: the map's scope, extra touchpoint
    # names, the team's action-plan cells. One JSON value per (study, key).
    """
    CREATE TABLE study_settings (
        study TEXT NOT NULL,
        key TEXT NOT NULL,
        value_json TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (study, key)
    );
    """,
)


def switch_to_wal(conn: sqlite3.Connection, attempts: int = 50) -> None:
    """Switching the journal mode takes the file's lock and SQLite may answer "locked"
    at once rather than wait for it; the switch is retried briefly, then the last error
    stands."""
    for attempt in range(attempts):
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as err:
            if "locked" not in str(err) or attempt == attempts - 1:
                raise
            time.sleep(0.05)
