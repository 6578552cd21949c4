"""The catalog: everything that is not a vector, in one SQLite file under JOURNEYBOT_HOME.

Studies and their stages, channel links, sources (with their full redacted text, so
nothing uploaded is lost), drafts, reviewers' verdicts and processed Slack ids. Schema
changes are appended to ``catalog_schema.MIGRATIONS``, never edited, so an old catalog
upgrades in place.
One connection guarded by a lock: the bot calls in from worker threads, and SQLite in WAL
mode serialises writers anyway.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from journeybot.core.models import (
    ClaimReview,
    ReviewStatus,
    RosterEntry,
    Source,
    Stage,
    utc_now,
)
from journeybot.service.catalog_schema import MIGRATIONS, switch_to_wal


class Catalog:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock = threading.RLock()
        self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._conn.row_factory = sqlite3.Row
        # The busy timeout first: two processes opening a new catalog at once both switch
        # it to WAL, and without a timeout the second one fails at once ("database is
        # locked") instead of waiting its turn.
        self._conn.execute("PRAGMA busy_timeout=5000")
        switch_to_wal(self._conn)
        self._conn.execute("PRAGMA synchronous=NORMAL")
        # Deleted rows are overwritten with zeros, so forgotten text leaves the file.
        self._conn.execute("PRAGMA secure_delete=ON")
        self._migrate()

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def _migrate(self) -> None:
        with self._tx() as conn:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
                for statement in filter(str.strip, script.split(";")):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {number}")

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            return list(self._conn.execute(sql, params).fetchall())

    # --- studies -------------------------------------------------------------------

    def ensure_study(self, study: str) -> None:
        with self._tx() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO studies (id, created_at) VALUES (?, ?)",
                (study, _now()),
            )

    def study_exists(self, study: str) -> bool:
        return bool(self._rows("SELECT 1 FROM studies WHERE id = ?", (study,)))

    def study_ids(self) -> list[str]:
        return [row["id"] for row in self._rows("SELECT id FROM studies ORDER BY id")]

    def titles(self) -> dict[str, str]:
        """study id -> title, for the studies that have one."""
        rows = self._rows("SELECT id, title FROM studies WHERE title IS NOT NULL")
        return {str(row["id"]): str(row["title"]) for row in rows}

    def set_title(self, study: str, title: str | None) -> None:
        self.ensure_study(study)
        with self._tx() as conn:
            conn.execute("UPDATE studies SET title = ? WHERE id = ?", (title, study))

    def stages(self, study: str) -> list[Stage] | None:
        rows = self._rows("SELECT stages_json FROM studies WHERE id = ?", (study,))
        if not rows or rows[0]["stages_json"] is None:
            return None
        return [Stage.model_validate(item) for item in json.loads(rows[0]["stages_json"])]

    def set_stages(self, study: str, stages: Sequence[Stage]) -> None:
        self.ensure_study(study)
        body = json.dumps([stage.model_dump() for stage in stages])
        with self._tx() as conn:
            conn.execute("UPDATE studies SET stages_json = ? WHERE id = ?", (body, study))

    def delete_study(self, study: str) -> None:
        with self._tx() as conn:
            for table, column in (
                ("sources", "study"),
                ("drafts", "study"),
                ("reviews", "study"),
                ("channels", "study"),
                ("roster", "study"),
                ("participant_merges", "study"),
                ("study_settings", "study"),
                ("studies", "id"),
            ):
                conn.execute(f"DELETE FROM {table} WHERE {column} = ?", (study,))

    # --- sources -------------------------------------------------------------------

    def add_source(self, source: Source, text: str) -> bool:
        """Commit a source row; False if it was already there (a concurrent duplicate)."""
        self.ensure_study(source.study)
        with self._tx() as conn:
            cursor = conn.execute(
                "INSERT OR IGNORE INTO sources (study, id, file_name, body_json, text,"
                " uploaded_at) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    source.study,
                    source.id,
                    source.file_name,
                    source.model_dump_json(),
                    text,
                    source.uploaded_at.isoformat(),
                ),
            )
            return cursor.rowcount == 1

    def source(self, study: str, source_id: str) -> Source | None:
        rows = self._rows(
            "SELECT body_json FROM sources WHERE study = ? AND id = ?", (study, source_id)
        )
        return Source.model_validate_json(rows[0]["body_json"]) if rows else None

    def sources(self, study: str) -> list[Source]:
        rows = self._rows(
            "SELECT body_json FROM sources WHERE study = ? ORDER BY uploaded_at, file_name",
            (study,),
        )
        return [Source.model_validate_json(row["body_json"]) for row in rows]

    def source_text(self, study: str, source_id: str) -> str | None:
        rows = self._rows("SELECT text FROM sources WHERE study = ? AND id = ?", (study, source_id))
        return str(rows[0]["text"]) if rows else None

    def replace_source(self, source: Source) -> bool:
        """Swap a source's row for a new version in one statement; False if it is gone."""
        with self._tx() as conn:
            cursor = conn.execute(
                "UPDATE sources SET body_json = ? WHERE study = ? AND id = ?",
                (source.model_dump_json(), source.study, source.id),
            )
            return cursor.rowcount == 1

    def delete_source(self, study: str, source_id: str) -> None:
        with self._tx() as conn:
            conn.execute("DELETE FROM sources WHERE study = ? AND id = ?", (study, source_id))

    def rewrite_source(self, source: Source, text: str) -> None:
        """Rewrite a source's row and text in place (after a participant's words were erased)."""
        with self._tx() as conn:
            conn.execute(
                "UPDATE sources SET body_json = ?, text = ? WHERE study = ? AND id = ?",
                (source.model_dump_json(), text, source.study, source.id),
            )

    def integrity(self) -> str:
        """SQLite's own check of the file: "ok" when sound."""
        rows = self._rows("PRAGMA integrity_check")
        return "; ".join(str(row[0]) for row in rows)

    def flush_erasures(self) -> None:
        """Move every change into the main file and empty the write-ahead log.

        With ``secure_delete`` the main file keeps no deleted text, but older copies of
        changed pages live on in the WAL until a checkpoint truncates it.
        """
        with self._lock:
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    # --- participants ----------------------------------------------------------------

    def set_roster(self, study: str, entries: Sequence[RosterEntry]) -> None:
        """Replace the study's roster in one transaction."""
        self.ensure_study(study)
        with self._tx() as conn:
            conn.execute("DELETE FROM roster WHERE study = ?", (study,))
            for entry in entries:
                conn.execute(
                    "INSERT INTO roster (study, id, body_json) VALUES (?, ?, ?)",
                    (study, entry.id, entry.model_dump_json()),
                )

    def roster(self, study: str) -> list[RosterEntry]:
        rows = self._rows("SELECT body_json FROM roster WHERE study = ? ORDER BY rowid", (study,))
        return [RosterEntry.model_validate_json(row["body_json"]) for row in rows]

    def add_merge(self, study: str, alias: str, target: str) -> None:
        with self._tx() as conn:
            conn.execute(
                "INSERT INTO participant_merges (study, alias, target, merged_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT(study, alias) DO UPDATE SET"
                " target = excluded.target, merged_at = excluded.merged_at",
                (study, alias, target, _now()),
            )

    def merges(self, study: str) -> dict[str, str]:
        rows = self._rows(
            "SELECT alias, target FROM participant_merges WHERE study = ? ORDER BY merged_at",
            (study,),
        )
        return {str(row["alias"]): str(row["target"]) for row in rows}

    # --- channels ------------------------------------------------------------------

    def channel_study(self, channel: str) -> str | None:
        rows = self._rows("SELECT study FROM channels WHERE channel = ?", (channel,))
        return str(rows[0]["study"]) if rows else None

    def link_channel(self, channel: str, study: str) -> None:
        self.ensure_study(study)
        with self._tx() as conn:
            conn.execute(
                "INSERT INTO channels (channel, study, linked_at) VALUES (?, ?, ?)"
                " ON CONFLICT(channel) DO UPDATE SET study = excluded.study",
                (channel, study, _now()),
            )

    def channel_links(self) -> dict[str, str]:
        return {
            row["channel"]: row["study"]
            for row in self._rows("SELECT channel, study FROM channels ORDER BY channel")
        }

    def set_diary(self, channel: str, on: bool) -> None:
        with self._tx() as conn:
            conn.execute("UPDATE channels SET diary = ? WHERE channel = ?", (int(on), channel))

    def is_diary(self, channel: str) -> bool:
        rows = self._rows("SELECT diary FROM channels WHERE channel = ?", (channel,))
        return bool(rows and rows[0]["diary"])

    # --- drafts --------------------------------------------------------------------

    def save_draft(self, draft_id: str, study: str, kind: str, cache_key: str, body: str) -> None:
        with self._tx() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO drafts (id, study, kind, cache_key, created_at,"
                " body_json) VALUES (?, ?, ?, ?, ?, ?)",
                (draft_id, study, kind, cache_key, _now(), body),
            )

    def latest_draft(self, study: str, kind: str, cache_key: str | None = None) -> str | None:
        sql = "SELECT body_json FROM drafts WHERE study = ? AND kind = ?"
        params: list[Any] = [study, kind]
        if cache_key is not None:
            sql += " AND cache_key = ?"
            params.append(cache_key)
        rows = self._rows(sql + " ORDER BY created_at DESC, rowid DESC LIMIT 1", params)
        return str(rows[0]["body_json"]) if rows else None

    def draft(self, draft_id: str) -> tuple[str, str, str] | None:
        """(study, kind, body) of a stored draft."""
        rows = self._rows("SELECT study, kind, body_json FROM drafts WHERE id = ?", (draft_id,))
        if not rows:
            return None
        return str(rows[0]["study"]), str(rows[0]["kind"]), str(rows[0]["body_json"])

    def draft_before(self, study: str, kind: str, moment: datetime) -> str | None:
        """The newest draft of ``kind`` stored at or before ``moment`` (its body)."""
        rows = self._rows(
            "SELECT body_json FROM drafts WHERE study = ? AND kind = ? AND created_at <= ?"
            " ORDER BY created_at DESC, rowid DESC LIMIT 1",
            (study, kind, moment.isoformat()),
        )
        return str(rows[0]["body_json"]) if rows else None

    def drafts_of(self, study: str) -> list[tuple[str, str]]:
        """(kind, body) of every stored draft of a study, newest first."""
        rows = self._rows(
            "SELECT kind, body_json FROM drafts WHERE study = ? ORDER BY created_at DESC",
            (study,),
        )
        return [(str(row["kind"]), str(row["body_json"])) for row in rows]

    def delete_drafts(self, study: str) -> None:
        """Drop cached drafts (after a source is forgotten they may quote it)."""
        with self._tx() as conn:
            conn.execute("DELETE FROM drafts WHERE study = ?", (study,))

    def draft_times(self, study: str) -> dict[str, datetime]:
        rows = self._rows(
            "SELECT kind, MAX(created_at) AS at FROM drafts WHERE study = ? GROUP BY kind",
            (study,),
        )
        return {row["kind"]: datetime.fromisoformat(row["at"]) for row in rows}

    # --- reviews -------------------------------------------------------------------

    def save_reviews(self, study: str, reviews: Sequence[ClaimReview]) -> None:
        with self._tx() as conn:
            for review in reviews:
                conn.execute(
                    "INSERT INTO reviews (study, claim_id, status, comment, reviewed_at)"
                    " VALUES (?, ?, ?, ?, ?) ON CONFLICT(study, claim_id) DO UPDATE SET"
                    " status = excluded.status, comment = excluded.comment,"
                    " reviewed_at = excluded.reviewed_at",
                    (study, review.claim_id, review.status.value, review.comment, _now()),
                )

    def reviews(self, study: str) -> dict[str, ClaimReview]:
        rows = self._rows("SELECT claim_id, status, comment FROM reviews WHERE study = ?", (study,))
        return {
            row["claim_id"]: ClaimReview(
                claim_id=row["claim_id"],
                status=ReviewStatus(row["status"]),
                comment=row["comment"],
            )
            for row in rows
        }

    # --- study settings ------------------------------------------------------------

    def setting(self, study: str, key: str) -> Any:
        """A study's setting as stored (decoded JSON), or None when never set."""
        rows = self._rows(
            "SELECT value_json FROM study_settings WHERE study = ? AND key = ?", (study, key)
        )
        return json.loads(rows[0]["value_json"]) if rows else None

    def set_setting(self, study: str, key: str, value: Any) -> None:
        with self._tx() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO study_settings (study, key, value_json, updated_at)"
                " VALUES (?, ?, ?, ?)",
                (study, key, json.dumps(value, ensure_ascii=False), _now()),
            )

    # --- processed Slack ids ----------------------------------------------------

    def claim_once(self, key: str, owner: str | None = None) -> bool:
        """True the first time ``key`` is claimed, and again for the same ``owner``."""
        with self._tx() as conn:
            cursor = conn.execute(
                "INSERT OR IGNORE INTO processed (key, seen_at, owner) VALUES (?, ?, ?)",
                (key, _now(), owner),
            )
            if cursor.rowcount == 1:
                return True
            if owner is None:
                return False
            row = conn.execute("SELECT owner FROM processed WHERE key = ?", (key,)).fetchone()
            return row is not None and row["owner"] == owner

    def note(self, key: str, value: str) -> None:
        with self._tx() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO job_notes (key, value, noted_at) VALUES (?, ?, ?)",
                (key, value, _now()),
            )

    def noted(self, key: str) -> str | None:
        rows = self._rows("SELECT value FROM job_notes WHERE key = ?", (key,))
        return str(rows[0]["value"]) if rows else None

    def prune_notes(self, before: datetime, keep_jobs: set[str]) -> int:
        """Drop notes (``kind:job:n``) written before ``before``, but any of ``keep_jobs``."""
        with self._tx() as conn:
            rows = conn.execute(
                "SELECT key FROM job_notes WHERE noted_at < ?", (before.isoformat(),)
            ).fetchall()
            job = [(r["key"], r["key"].partition(":")[2].partition(":")[0]) for r in rows]
            gone = [(key,) for key, owner in job if owner not in keep_jobs]
            conn.executemany("DELETE FROM job_notes WHERE key = ?", gone)
        return len(gone)


def _now() -> str:
    return utc_now().isoformat()
