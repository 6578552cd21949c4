"""``journeybot ask`` end to end on a study of 100k segments, process start included.

A study that size cannot be ingested for real here in a benchmark's time (embedding 100k
texts with MiniLM takes about ten minutes of both CPUs), so the store is the one
``benchmarks/query.py`` builds (PDPilot sentences, derived vectors, real metadata and the
persisted lexical index) and this script makes a home of it: the catalog gets one source
row per synthetic interview (its segments' words in order), and the readings are made
once, as ingest makes them. Then ``ROUNDS`` runs of each question are timed as wall-clock
seconds of the whole ``journeybot ask`` subprocess, with the CPU seconds beside them
(far less load-sensitive on a shared machine). Target: under 3 s at 100k segments.

Run ``python benchmarks/ask_scale.py [--store FOLDER]``: FOLDER is a folder that
``python benchmarks/query.py build 100000 FOLDER/chroma FOLDER/lexical.sqlite3`` built
(it is made here, in a temporary folder, when not given). Results go to
``benchmarks/results/ask_scale.json``.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from _common import machine, write_results
from ask_cli import timed_asks
from query import STUDY, in_subprocess

from journeybot.core.models import Segment, Source
from journeybot.core.settings import Settings
from journeybot.service.workspace import Workspace

SIZE = 100_000
ROUNDS = 3
QUESTIONS = [
    "What frustrates them about the notebook widget?",
    "How do they explain a model to business stakeholders?",
    "What do people say about SHAP values?",
]


def make_home(home: Path) -> dict[str, Any]:
    """Catalog rows and readings for the store under ``home`` (what ingest would write)."""
    workspace = Workspace.open(Settings(home=home))
    segments = workspace.store.segments(STUDY)
    started = time.perf_counter()
    by_source: dict[str, list[Segment]] = defaultdict(list)
    for segment in segments:
        by_source[segment.source_id].append(segment)
    for source_id, parts in by_source.items():
        workspace.catalog.add_source(_source(source_id, parts), _canonical_text(parts))
    catalogued = time.perf_counter() - started
    started = time.perf_counter()
    reread = workspace.store.refresh_readings(STUDY)
    return {
        "segments": len(segments),
        "sources": len(by_source),
        "catalog_seconds": round(catalogued, 1),
        "readings_made": reread,
        "readings_seconds": round(time.perf_counter() - started, 1),
    }


def _source(source_id: str, parts: list[Segment]) -> Source:
    return Source(
        id=source_id,
        study=STUDY,
        file_name=parts[0].file_name,
        format="txt",
        participants=sorted({p.participant for p in parts}),
        segments=len(parts),
    )


def _canonical_text(parts: list[Segment]) -> str:
    """The interview's participant words in order (``ask`` verifies quotes against the
    stored segments; the catalog's text serves erasure and speaker roles)."""
    return "\n".join(segment.text for segment in sorted(parts, key=lambda s: s.start))


def main() -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help="a folder query.py built (else built here)")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="jb-ask-scale-") as folder:
        home = options.store or Path(folder)
        if options.store is None:
            in_subprocess("build", SIZE, str(home / "chroma"), home / "lexical.sqlite3")
        made = make_home(home)
        results = {
            "study": f"{SIZE // 1000}k synthetic segments (see benchmarks/query.py)",
            "home": made,
            **timed_asks(home, STUDY, QUESTIONS, ROUNDS),
            "target_seconds": 3.0,
            "machine": machine(),
        }
    write_results("ask_scale", results)
    return results


if __name__ == "__main__":
    main()
