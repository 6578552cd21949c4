"""The persisted lexical index: SQLite FTS5 with bm25, one file next to the catalog.

Built at ingest and changed by ingest and forget, so no process ever rebuilds it (an
in-memory BM25 took 6 s per process at 100k segments). Each study has its own FTS5 table
(isolation by construction, deleting a study is one ``DROP``) and a row table that maps
FTS rowids to segment ids, sources and participants.

What is indexed are our lexical terms (``lexical.terms``: content words folded to a
singular, plus adjacent word pairs written ``direct_debit``), not raw sentences, so an exact
product phrase is a rare, strong term of its own. Two columns: the segment's own words,
and its context (the question it answers), which bm25 weighs less and which helps finding
only. The file is opened with ``secure_delete`` on, and ``erase`` runs FTS5's ``optimize``
and ``VACUUM`` so that forgotten words leave no bytes behind.

Each study records the revision of the Chroma collection its rows reflect; the store
re-fills a study whose revision moved on without it (another process writing through a
Chroma server, or a home made before this index existed).
"""

from __future__ import annotations

import hashlib
import math
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from journeybot.core.errors import StoreUnavailableError
from journeybot.core.models import Segment
from journeybot.retrieval.lexical import LexicalMatch, terms

#: bm25 weight of the context column against the segment's own words (1.0).
CONTEXT_WEIGHT = 0.35
#: Rows written per transaction step.
WRITE_CHUNK = 2000
#: A query term in more segments than this *and* in more than ``COMMON_SHARE`` of the
#: study's segments does not choose lexical candidates (it still counts in coverage).
#: bm25 scores every posting of every matched term: "feature" in 30,000 of 100,000
#: segments cost 90 ms a query and ranks nothing that its rarer neighbours in the
#: question do not. A study of ``COMMON_POSTINGS`` segments or fewer never prunes a
#: term (the retrieval benchmark's studies have 177 and 390).
COMMON_POSTINGS = 4000
COMMON_SHARE = 0.04


@dataclass(frozen=True)
class LexicalHit(LexicalMatch):
    #: True when only the context (the question answered) matched, not the segment's words.
    context_only: bool = False


def encode(text: str) -> str:
    """The index form of ``text``: its terms, pairs joined by ``_`` into one token."""
    return " ".join(term.replace(" ", "_") for term in terms(text)[0])


class LexicalFile:
    """One SQLite file of FTS5 tables; safe to share between threads (one connection)."""

    def __init__(self, path: Path | None) -> None:
        #: ``None`` keeps the index in memory (for stores without a home: tests, benchmarks).
        self.path = path
        self._lock = threading.RLock()
        self._connection: sqlite3.Connection | None = None

    # --- connection and schema -----------------------------------------------------

    def _db(self) -> sqlite3.Connection:
        if self._connection is None:
            try:
                if self.path is not None:
                    self.path.parent.mkdir(parents=True, exist_ok=True)
                connection = sqlite3.connect(
                    self.path or ":memory:",
                    check_same_thread=False,
                    isolation_level=None,
                    timeout=30,
                )
                connection.execute("PRAGMA secure_delete=ON")
                connection.execute("PRAGMA journal_mode=WAL")
                connection.execute(
                    "CREATE TABLE IF NOT EXISTS studies ("
                    "study TEXT PRIMARY KEY, tag TEXT NOT NULL, revision TEXT NOT NULL)"
                )
            except sqlite3.Error as exc:
                raise StoreUnavailableError(
                    f"The lexical index at {self.path} could not be opened ({exc}); check "
                    "that JOURNEYBOT_HOME is writable."
                ) from exc
            self._connection = connection
        return self._connection

    def close(self) -> None:
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None

    def _tag(self, study: str, *, create: bool = False) -> str | None:
        db = self._db()
        row = db.execute("SELECT tag FROM studies WHERE study = ?", (study,)).fetchone()
        if row is not None:
            return str(row[0])
        if not create:
            return None
        tag = hashlib.sha256(study.encode("utf-8")).hexdigest()[:16]
        db.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS t_{tag} USING fts5("
            "words, context, tokenize=\"unicode61 tokenchars '_'\")"
        )
        db.execute(
            f"CREATE TABLE IF NOT EXISTS m_{tag} (rowid INTEGER PRIMARY KEY, "
            "segment_id TEXT UNIQUE NOT NULL, source_id TEXT NOT NULL, participant TEXT NOT NULL)"
        )
        db.execute(f"CREATE INDEX IF NOT EXISTS m_{tag}_source ON m_{tag}(source_id)")
        db.execute(f"CREATE INDEX IF NOT EXISTS m_{tag}_participant ON m_{tag}(participant)")
        db.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS v_{tag} USING fts5vocab(t_{tag}, 'row')")
        db.execute("INSERT INTO studies VALUES (?, ?, '')", (study, tag))
        return tag

    # --- revisions -----------------------------------------------------------------

    def revision(self, study: str) -> str | None:
        with self._lock:
            row = (
                self._db()
                .execute("SELECT revision FROM studies WHERE study = ?", (study,))
                .fetchone()
            )
            return str(row[0]) if row is not None else None

    def set_revision(self, study: str, revision: str) -> None:
        with self._lock:
            self._tag(study, create=True)
            self._db().execute("UPDATE studies SET revision = ? WHERE study = ?", (revision, study))

    # --- writes --------------------------------------------------------------------

    def add(self, study: str, segments: Sequence[Segment]) -> None:
        """Index (or re-index) segments of one study."""
        with self._lock:
            tag = self._tag(study, create=True)
            db = self._db()
            for begin in range(0, len(segments), WRITE_CHUNK):
                chunk = segments[begin : begin + WRITE_CHUNK]
                db.execute("BEGIN IMMEDIATE")
                try:
                    self._delete_ids(tag, [s.id for s in chunk])
                    for segment in chunk:
                        cursor = db.execute(
                            f"INSERT INTO m_{tag} (segment_id, source_id, participant) "
                            "VALUES (?, ?, ?)",
                            (segment.id, segment.source_id, segment.participant),
                        )
                        db.execute(
                            f"INSERT INTO t_{tag} (rowid, words, context) VALUES (?, ?, ?)",
                            (cursor.lastrowid, encode(segment.text), encode(segment.context)),
                        )
                    db.execute("COMMIT")
                except BaseException:
                    db.execute("ROLLBACK")
                    raise

    def replace_study(self, study: str, segments: Sequence[Segment], revision: str) -> None:
        """Make the study's rows exactly ``segments`` (used to catch up with the store)."""
        with self._lock:
            self.remove_study(study)
            self.add(study, segments)
            self.set_revision(study, revision)

    def _delete_ids(self, tag: str | None, segment_ids: Iterable[str]) -> int:
        if tag is None:
            return 0
        db = self._db()
        removed = 0
        for segment_id in segment_ids:
            row = db.execute(
                f"SELECT rowid FROM m_{tag} WHERE segment_id = ?", (segment_id,)
            ).fetchone()
            if row is not None:
                db.execute(f"DELETE FROM t_{tag} WHERE rowid = ?", (row[0],))
                db.execute(f"DELETE FROM m_{tag} WHERE rowid = ?", (row[0],))
                removed += 1
        return removed

    def remove_source(self, study: str, source_id: str) -> int:
        return self._remove_where(study, "source_id", source_id)

    def remove_participant(self, study: str, participant: str) -> int:
        return self._remove_where(study, "participant", participant)

    def _remove_where(self, study: str, column: str, value: str) -> int:
        with self._lock:
            tag = self._tag(study)
            if tag is None:
                return 0
            db = self._db()
            db.execute("BEGIN IMMEDIATE")
            try:
                where = f"rowid IN (SELECT rowid FROM m_{tag} WHERE {column} = ?)"
                db.execute(f"DELETE FROM t_{tag} WHERE {where}", (value,))
                removed = db.execute(f"DELETE FROM m_{tag} WHERE {column} = ?", (value,)).rowcount
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
            return int(removed)

    def remove_study(self, study: str) -> None:
        with self._lock:
            tag = self._tag(study)
            if tag is None:
                return
            db = self._db()
            for statement in (
                f"DROP TABLE IF EXISTS v_{tag}",
                f"DROP TABLE IF EXISTS t_{tag}",
                f"DROP TABLE IF EXISTS m_{tag}",
            ):
                db.execute(statement)
            db.execute("DELETE FROM studies WHERE study = ?", (study,))

    def erase(
        self, study: str, *, source_id: str | None = None, participant: str | None = None
    ) -> None:
        """Remove a source's or participant's rows and compact, so no byte of them remains.

        For the forget path: FTS5 keeps deleted terms in its segment b-trees until they are
        merged, so the study's index is merged into one (``optimize``) and the file is
        rewritten (``VACUUM``); ``secure_delete`` zeroes freed pages on the way.
        """
        with self._lock:
            if source_id is not None:
                self.remove_source(study, source_id)
            if participant is not None:
                self.remove_participant(study, participant)
            self.compact(study)

    def erase_ids(self, study: str, segment_ids: Sequence[str]) -> None:
        """Remove these segments' rows and compact, so no byte of them remains."""
        with self._lock:
            self._delete_ids(self._tag(study), segment_ids)
            self.compact(study)

    def compact(self, study: str | None = None) -> None:
        with self._lock:
            db = self._db()
            tags = (
                [self._tag(study)]
                if study is not None
                else [str(r[0]) for r in db.execute("SELECT tag FROM studies")]
            )
            for tag in tags:
                if tag is not None:
                    db.execute(f"INSERT INTO t_{tag}(t_{tag}) VALUES ('optimize')")
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            db.execute("VACUUM")
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    # --- reads ---------------------------------------------------------------------

    def count(self, study: str) -> int:
        with self._lock:
            tag = self._tag(study)
            if tag is None:
                return 0
            return int(self._db().execute(f"SELECT count(*) FROM m_{tag}").fetchone()[0])

    def search(
        self,
        study: str,
        query: str,
        *,
        limit: int,
        participants: Sequence[str] | None = None,
        context: bool = True,
    ) -> list[LexicalHit]:
        """Best ``limit`` segments by bm25, best first; ``coverage`` as in ``lexical.py``."""
        wanted = sorted(set(encode(query).split()))
        if not wanted or limit < 1:
            return []
        with self._lock:
            tag = self._tag(study)
            if tag is None:
                return []
            db = self._db()
            idf = self._idf(tag, wanted)
            if not idf:
                return []
            unseen = self._unseen_idf(tag)
            expression = " OR ".join(f'"{term}"' for term in _choosing_terms(idf, unseen))
            if not context:
                expression = "words : (" + expression + ")"
            sql = (
                f"SELECT m.segment_id, m.participant, t.words, t.context, "
                f"bm25(t_{tag}, 1.0, ?) AS rank FROM t_{tag} t JOIN m_{tag} m "
                f"ON m.rowid = t.rowid WHERE t_{tag} MATCH ?"
            )
            parameters: list[object] = [CONTEXT_WEIGHT, expression]
            if participants is not None:
                sql += f" AND m.participant IN ({','.join('?' * len(participants))})"
                parameters.extend(participants)
            sql += " ORDER BY rank LIMIT ?"
            parameters.append(limit)
            rows = db.execute(sql, parameters).fetchall()
        # Words the study never uses still count in the total: a question about a gym
        # membership is not well covered by a segment that only says "feel".
        total = sum(idf.values()) + unseen * (len(wanted) - len(idf))
        hits = []
        for segment_id, _participant, words, context_terms, rank in rows:
            own = set(words.split())
            around = set(context_terms.split()) if context else set()
            covered = sum(v for term, v in idf.items() if term in own)
            covered_around = sum(v for term, v in idf.items() if term in around and term not in own)
            coverage = (covered + CONTEXT_WEIGHT * covered_around) / total
            hits.append(
                LexicalHit(segment_id, -float(rank), min(coverage, 1.0), context_only=not covered)
            )
        return hits

    def known_share(self, study: str, query: str) -> float:
        """Share of the query's distinct content words that the study uses at all.

        Single words only (pairs are rare by nature), counted alike: idf weights mean
        little in a study of a few diary entries, where every word nobody said would
        outweigh the rest. A question about a gym membership put to a study where nobody
        says "gym" or "membership" scores 0 even if a segment happens to sit near it by
        meaning; the relevance floor asks more of such a question. A query with no
        content word counts as fully known.
        """
        words = sorted({term for term in encode(query).split() if "_" not in term})
        if not words:
            return 1.0
        with self._lock:
            tag = self._tag(study)
            if tag is None:
                return 0.0
            seen = self._idf(tag, words)
        return len(seen) / len(words)

    def _idf(self, tag: str, wanted: list[str]) -> dict[str, float]:
        """Inverse document frequency of the query terms the study has at all."""
        db = self._db()
        documents = int(db.execute(f"SELECT count(*) FROM m_{tag}").fetchone()[0])
        rows = [
            row
            for term in wanted
            for row in db.execute(f"SELECT term, doc FROM v_{tag} WHERE term = ?", (term,))
        ]
        return {str(term): math.log1p((documents - doc + 0.5) / (doc + 0.5)) for term, doc in rows}

    def _unseen_idf(self, tag: str) -> float:
        """The idf a query term has when no segment of the study contains it."""
        documents = int(self._db().execute(f"SELECT count(*) FROM m_{tag}").fetchone()[0])
        return math.log1p((documents + 0.5) / 0.5)


def _choosing_terms(idf: dict[str, float], unseen_idf: float) -> list[str]:
    """The query terms that select lexical candidates: all but the very common ones.

    ``unseen_idf`` is the idf of a term no segment has, which gives the study's size; a
    term's posting count is read back from its idf. When every term is common the rarest
    one still selects, so a question in common words keeps a lexical side.
    """
    documents = math.expm1(unseen_idf) * 0.5 - 0.5
    if documents < COMMON_POSTINGS:
        return list(idf)
    cap = max(COMMON_POSTINGS, COMMON_SHARE * documents)
    chosen = [term for term, value in idf.items() if _postings(value, documents) <= cap]
    return chosen or [max(idf, key=lambda term: idf[term])]


def _postings(idf: float, documents: float) -> float:
    """The document frequency behind a bm25 idf of ``log1p((N - df + 0.5) / (df + 0.5))``."""
    ratio = math.expm1(idf)
    return (documents + 0.5 - 0.5 * ratio) / (1.0 + ratio)
