"""Keeping the persisted lexical index in step with the Chroma collection it mirrors."""

from __future__ import annotations

from journeybot.core.models import Segment
from journeybot.retrieval.chroma import Readable, pages, segments_of
from journeybot.retrieval.lexical_file import LexicalFile


def catch_up(lexical: LexicalFile, study: str, collection: Readable) -> None:
    """Re-fill the study's lexical rows when the store moved on without them.

    That happens when another process wrote through a shared Chroma server, or for a
    home made before the lexical index was persisted; never on our own writes (each
    write records the collection's new revision in the index).
    """
    revision = str((collection.metadata or {}).get("revision", ""))
    if lexical.revision(study) == revision:
        return
    segments: list[Segment] = []
    for records in pages(collection, ["documents", "metadatas"]):
        segments.extend(segments_of(records))
    lexical.replace_study(study, segments, revision)
