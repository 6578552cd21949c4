"""Retrieval latency and memory of ``EvidenceStore.search`` on 10k and 100k segments.

For each size one fresh subprocess builds an embedded store in a temporary directory and a
second fresh subprocess opens it and measures, so the memory figure is that of a process
serving searches (open store, loaded model, lexical index), not of the build. The same
folder is then served by ``chroma run`` and measured again through ``HttpClient``.

How the stores are made, honestly: embedding 100k texts with MiniLM takes about ten
minutes of both CPUs here on every run, so the segment texts are built from the seven
PDPilot interviews (``tests/corpus/pdpilot``): each is 1-4 participant sentences of one
interview, drawn at random and kept in interview order. Every sentence of the corpus is
embedded for real with MiniLM; a segment's vector is derived as the normalised mean of its
sentences' real vectors plus Gaussian noise (sigma ``NOISE`` per dimension) so that no two
coincide. Segments are written through ``EvidenceStore.add`` (same metadata, ids and
collection layout as real ingests) with an embedder that returns those derived vectors.
Every query is embedded for real by MiniLM inside each timed ``search`` call. An embedded
store is read through Chroma's core, as ``journeybot ask`` reads it (``chroma_core.py``).

Measured: the first search of a fresh process on its own (the lexical index is the
persisted SQLite FTS5 file, nothing is rebuilt), then p50/p95 of
``ROUNDS`` passes over ``QUERIES`` with ``K`` results (what ``ask`` asks for with its
default k=8), and the same with a participant filter. Target: p95 < 150 ms at 100k.
Run ``python benchmarks/query.py``; results go to ``benchmarks/results/query.json``.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import chromadb
import numpy as np
from _common import (
    latency_summary,
    machine,
    pdpilot_sentences,
    peak_rss_mb,
    rss_now_mb,
    write_results,
)
from chromadb.config import Settings as ChromaSettings

from journeybot.core.models import Segment, segment_id
from journeybot.retrieval.chroma_core import open_core
from journeybot.retrieval.embeddings import EMBEDDING_DIM, MODEL_NAME, MiniLMEmbedder
from journeybot.retrieval.hits import SearchHit
from journeybot.retrieval.lexical_file import LexicalFile
from journeybot.retrieval.store import EvidenceStore

SIZES = tuple(int(n) for n in os.environ.get("JB_QUERY_SIZES", "10000,100000").split(","))
SEGMENTS_PER_SOURCE = 80
NOISE = 0.02
SEED = 20240601
STUDY = "bench"
K = 16
ROUNDS = 3
WRITE_CHUNK = 5_000
FILTER_PARTICIPANTS = [f"P{i}" for i in range(5)]
QUERIES = [
    "ICE plots",
    "partial dependence plots",
    "feature importance",
    "what frustrates them about the notebook widget",
    "how do they explain a model to business stakeholders",
    "what do they use instead of this tool today",
    "SHAP values",
    "model validation process at their company",
    "what would make them adopt the tool",
    "the plots were too small to read",
    "how long does it take to compute",
    "interactions between features",
    "what did they find confusing in the interface",
    "XGBoost",
    "regulators and model risk",
    "sorting the features",
    "clustering the ICE lines",
    "would they recommend it to colleagues",
    "Jupyter",
    "what was missing from the tool",
]


class DerivedVectors:
    """Returns the derived vector of each text it was built with (build phase only)."""

    name = MODEL_NAME
    dimension = EMBEDDING_DIM

    def __init__(self, vectors: dict[str, np.ndarray]) -> None:
        self.vectors = vectors
        self._model: MiniLMEmbedder | None = None

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Derived vectors; texts not derived (the interviewer questions) embedded for real."""
        missing = [text for text in dict.fromkeys(texts) if text not in self.vectors]
        if missing:
            self._model = self._model or MiniLMEmbedder()
            self.vectors.update(zip(missing, self._model.embed(missing), strict=True))
        return np.stack([self.vectors[text] for text in texts]).astype(np.float32)


def client(path: Path) -> chromadb.api.ClientAPI:
    return chromadb.PersistentClient(
        path=str(path), settings=ChromaSettings(anonymized_telemetry=False)
    )


def synthetic_segments(size: int) -> tuple[list[Segment], dict[str, np.ndarray]]:
    interviews = pdpilot_sentences()
    embedder = MiniLMEmbedder()
    real = [embedder.embed(sentences) for sentences in interviews]
    rng = np.random.default_rng(SEED)
    segments: list[Segment] = []
    vectors: dict[str, np.ndarray] = {}
    for index in range(size):
        source, turn = divmod(index, SEGMENTS_PER_SOURCE)
        interview = source % len(interviews)
        picks = np.sort(rng.choice(len(interviews[interview]), rng.integers(1, 5), False))
        text = " ".join(interviews[interview][i] for i in picks)
        if text not in vectors:
            mean = real[interview][picks].mean(axis=0) + rng.normal(0, NOISE, EMBEDDING_DIM)
            vectors[text] = (mean / np.linalg.norm(mean)).astype(np.float32)
        segments.append(synthetic_segment(source, turn, text))
    return segments, vectors


def synthetic_segment(source: int, turn: int, text: str) -> Segment:
    source_id = f"{source:016x}{'0' * 48}"
    start = turn * 1_000
    return Segment(
        id=segment_id(source_id, start, start + len(text)),
        study=STUDY,
        source_id=source_id,
        file_name=f"interview-{source:05d}.txt",
        participant=f"P{source}",
        text=text,
        start=start,
        end=start + len(text),
        location=f"line {turn * 2 + 1}",
        turn=turn * 2 + 1,
        position=turn / SEGMENTS_PER_SOURCE,
        context="Can you tell me more about that?",
    )


def build(size: int, path: Path) -> dict[str, Any]:
    started = time.perf_counter()
    segments, vectors = synthetic_segments(size)
    derived = time.perf_counter() - started
    store = EvidenceStore(client(path), DerivedVectors(vectors), LexicalFile(lexical_path(path)))
    started = time.perf_counter()
    for begin in range(0, len(segments), WRITE_CHUNK):
        store.add(segments[begin : begin + WRITE_CHUNK])
    return {
        "segments": store.count(STUDY),
        "distinct_texts": len(vectors),
        "derive_seconds": round(derived, 1),
        "write_seconds": round(time.perf_counter() - started, 1),
        "build_peak_rss_mb": peak_rss_mb(),
    }


def timed(store: EvidenceStore, query: str, found: list[SearchHit], **options: Any) -> float:
    started = time.perf_counter()
    hits = store.search([STUDY], query, k=K, **options)
    elapsed = time.perf_counter() - started
    found.extend(hits)  # the relevance floor may rightly leave a query unanswered
    return elapsed


def lexical_path(store_folder: Path) -> Path:
    """The persisted lexical index sits next to the store folder, as it does in a home."""
    return store_folder.with_name("lexical.sqlite3")


def measure(target: str, lexical: str) -> dict[str, Any]:
    """Latency and memory of searches; ``target`` is a store folder or a server's port."""
    started = time.perf_counter()
    if target.isdigit():
        chroma = chromadb.HttpClient(
            host="localhost", port=int(target), settings=ChromaSettings(anonymized_telemetry=False)
        )
        store = EvidenceStore(chroma, MiniLMEmbedder(), LexicalFile(Path(lexical)))
    else:  # read as `journeybot ask` reads an embedded store: through Chroma's core
        folder = Path(target)
        store = EvidenceStore(
            None,
            MiniLMEmbedder(),
            LexicalFile(Path(lexical)),
            connect=lambda: client(folder),
            core=lambda: open_core(folder),
        )
    store.embedder.embed(["load the model"])
    open_seconds = time.perf_counter() - started
    rss_model = rss_now_mb()
    hits: list[SearchHit] = []
    first = timed(store, QUERIES[0], hits)
    rss_first = rss_now_mb()
    plain = [timed(store, q, hits) for _ in range(ROUNDS) for q in QUERIES]
    filtered = [timed(store, q, hits, participants=FILTER_PARTICIPANTS) for q in QUERIES]
    if not hits:
        raise RuntimeError("No query found anything; the store is not as built.")
    return {
        "open_and_load_model_seconds": round(open_seconds, 2),
        "first_search_ms": round(first * 1000, 1),
        "search": latency_summary(plain),
        "search_with_participant_filter": latency_summary(filtered),
        "hits_with_lexical_match": round(sum(h.lexical_score > 0 for h in hits) / len(hits), 3),
        "hits_with_vector_match": round(sum(h.vector_score > 0 for h in hits) / len(hits), 3),
        "rss_mb_after_model_load": rss_model,
        "rss_mb_after_first_search": rss_first,
        "serving_peak_rss_mb": peak_rss_mb(),
    }


def in_subprocess(phase: str, size: int, target: str, lexical: Path) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, __file__, phase, str(size), target, str(lexical)],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def served(size: int, path: Path) -> dict[str, Any]:
    """The same measurement against ``chroma run`` serving the same folder."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    chroma_cli = Path(sys.executable).with_name("chroma")
    server = subprocess.Popen(
        [str(chroma_cli), "run", "--path", str(path), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_heartbeat(port)
        result = in_subprocess("measure", size, str(port), lexical_path(path))
        result["server_peak_rss_mb"] = process_peak_rss_mb(server.pid)
        return result
    finally:
        server.terminate()
        server.wait(timeout=30)


def wait_for_heartbeat(port: int) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://localhost:{port}/api/v2/heartbeat", timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"The Chroma server on port {port} did not start.")


def process_peak_rss_mb(pid: int) -> float | None:
    status = Path(f"/proc/{pid}/status")
    if not status.exists():
        return None
    for line in status.read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return None


def main() -> None:
    results: dict[str, Any] = {
        "k": K,
        "queries": len(QUERIES),
        "rounds": ROUNDS,
        "vectors": (
            "derived: normalised mean of real MiniLM vectors of the segment's 1-4 PDPilot "
            f"sentences plus N(0, {NOISE}) noise per dimension; queries embedded for real"
        ),
        "machine_before": machine(),
    }
    for size in SIZES:
        with tempfile.TemporaryDirectory(prefix="jb-query-") as folder:
            path = Path(folder) / "chroma"
            lexical = lexical_path(path)
            built = in_subprocess("build", size, str(path), lexical)
            measured = in_subprocess("measure", size, str(path), lexical)
            results[f"{size // 1000}k"] = {**built, **measured}
            results[f"{size // 1000}k_through_chroma_server"] = served(size, path)
    results["target_p95_ms_at_100k"] = 150
    results["machine_after"] = machine()
    write_results("query", results)


if __name__ == "__main__":
    if len(sys.argv) == 5:
        phase, size, target, lexical = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
        outcome = build(size, Path(target)) if phase == "build" else measure(target, lexical)
        print(json.dumps(outcome))
    else:
        main()
