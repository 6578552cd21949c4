"""Ingest throughput: end to end against raw embedding, and against Chroma's own embedder.

Three figures on the same texts (the seven PDPilot interviews, ``tests/corpus/pdpilot``),
measured in one run:

* ``raw``: ``MiniLMEmbedder.embed`` on every segment text, model already loaded.
* ``pipeline``: read + redact + segment + ``EvidenceStore.add`` (embed + write to an
  embedded Chroma in a fresh directory), with the same loaded embedder.
* ``chroma_default``: Chroma's ``ONNXMiniLM_L6_V2`` pointed at the same model.onnx and
  tokenizer.json through its ``DOWNLOAD_PATH``, laid out the way it expects, so it never
  downloads anything. It pads every input to 256 tokens; ours pads per batch.

Targets: pipeline >= 0.8 x raw; raw >= 8 x chroma_default. Chroma's cost per text is
fixed (256 tokens) while ours follows the text, so the second ratio depends on text length;
``sentences`` repeats it on as many single sentences of the same interviews.

Raw and pipeline alternate for ``ROUNDS`` rounds and medians and bests are kept, because
other processes share the two CPUs. Rates per CPU second (process time, all threads) are
kept too, as they move less with the machine's load. Chroma's embedder is timed by wall
clock only: its threads spin while idle, which inflates its CPU time.

Run ``python benchmarks/ingest.py``; results go to ``benchmarks/results/ingest.json``.
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from _common import ingest_segments, machine, pdpilot_files, pdpilot_sentences, write_results

from journeybot.core.settings import Settings
from journeybot.retrieval.embeddings import MiniLMEmbedder, tokenizer_path
from journeybot.retrieval.store import EvidenceStore

ROUNDS = 5
CHROMA_LAYOUT_FILES = ("config.json", "special_tokens_map.json", "tokenizer_config.json")


Rate = tuple[float, float]  # segments per wall-clock second, per CPU second


def raw_rate(embedder: MiniLMEmbedder, texts: list[str]) -> Rate:
    wall, cpu = time.perf_counter(), time.process_time()
    embedder.embed(texts)
    return len(texts) / (time.perf_counter() - wall), len(texts) / (time.process_time() - cpu)


def pipeline_rate(embedder: MiniLMEmbedder, files: list[Path]) -> tuple[Rate, int]:
    with tempfile.TemporaryDirectory(prefix="jb-ingest-") as home:
        store = EvidenceStore.open(Settings(home=Path(home)), embedder)
        wall, cpu = time.perf_counter(), time.process_time()
        written = 0
        for path in files:
            written += store.add(ingest_segments(path, "bench"))
        rates = (written / (time.perf_counter() - wall), written / (time.process_time() - cpu))
    return rates, written


def chroma_model_folder(root: Path, model_path: Path) -> Path:
    """The folder layout ``ONNXMiniLM_L6_V2`` checks for, built from our own files.

    It reads only ``onnx/model.onnx`` and ``onnx/tokenizer.json``; the other names must
    merely exist, so they get empty JSON (and the real vocabulary for vocab.txt).
    """
    folder = root / "onnx"
    folder.mkdir(parents=True)
    (folder / "model.onnx").symlink_to(model_path)
    (folder / "tokenizer.json").symlink_to(tokenizer_path())
    for name in CHROMA_LAYOUT_FILES:
        (folder / name).write_text("{}\n")
    vocab = json.loads(tokenizer_path().read_text())["model"]["vocab"]
    ordered = sorted(vocab, key=vocab.__getitem__)
    (folder / "vocab.txt").write_text("\n".join(ordered) + "\n")
    return root


def chroma_default_rate(model_path: Path, texts: list[str]) -> float:
    from chromadb.utils.embedding_functions.onnx_mini_lm_l6_v2 import ONNXMiniLM_L6_V2

    with tempfile.TemporaryDirectory(prefix="jb-chroma-onnx-") as root:
        function = ONNXMiniLM_L6_V2()
        function.DOWNLOAD_PATH = chroma_model_folder(Path(root), model_path)
        function(texts[:2])  # load the model before timing, as for ours
        started = time.perf_counter()
        function(texts)
        return len(texts) / (time.perf_counter() - started)


def summary(rates: list[Rate]) -> dict[str, Any]:
    wall = [rate[0] for rate in rates]
    return {
        "median_per_second": round(statistics.median(wall), 1),
        "best_per_second": round(max(wall), 1),
        "runs_per_second": [round(rate, 1) for rate in wall],
        "median_per_cpu_second": round(statistics.median(rate[1] for rate in rates), 1),
    }


def ratio(numerator: list[Rate], denominator: list[Rate], target: float) -> dict[str, float]:
    def median(rates: list[Rate], which: int) -> float:
        return statistics.median(rate[which] for rate in rates)

    return {
        "wall_median": round(median(numerator, 0) / median(denominator, 0), 3),
        "wall_best": round(max(r[0] for r in numerator) / max(r[0] for r in denominator), 3),
        "cpu_median": round(median(numerator, 1) / median(denominator, 1), 3),
        "target": target,
    }


def main() -> None:
    files = pdpilot_files()
    texts = [s.text for path in files for s in ingest_segments(path, "bench")]
    embedder = MiniLMEmbedder()
    started = time.perf_counter()
    embedder.embed(texts[:1])
    load_seconds = time.perf_counter() - started
    before = machine()
    raw: list[Rate] = []
    pipeline: list[Rate] = []
    for _ in range(ROUNDS):
        raw.append(raw_rate(embedder, texts))
        rate, written = pipeline_rate(embedder, files)
        pipeline.append(rate)
    chroma = chroma_default_rate(embedder.model_path, texts)
    sentences = [s for interview in pdpilot_sentences() for s in interview]
    sentences = sentences[:: max(len(sentences) // len(texts), 1)][: len(texts)]
    sentence_raw = statistics.median(raw_rate(embedder, sentences)[0] for _ in range(ROUNDS))
    sentence_chroma = chroma_default_rate(embedder.model_path, sentences)
    results: dict[str, Any] = {
        "corpus": "tests/corpus/pdpilot/transcripts (7 interviews)",
        "segments": len(texts),
        "segments_written_per_pipeline_run": written,
        "model_load_seconds": round(load_seconds, 3),
        "raw_embedding": summary(raw),
        "pipeline": summary(pipeline),
        "chroma_default_onnx_per_second": round(chroma, 1),
        "pipeline_over_raw": ratio(pipeline, raw, 0.8),
        "raw_over_chroma_default": {
            "wall_median": round(statistics.median(r[0] for r in raw) / chroma, 2),
            "wall_best": round(max(r[0] for r in raw) / chroma, 2),
            "target": 8.0,
        },
        "sentences": {
            "texts": len(sentences),
            "mean_chars": round(statistics.fmean(len(s) for s in sentences), 1),
            "raw_median_per_second": round(sentence_raw, 1),
            "chroma_default_onnx_per_second": round(sentence_chroma, 1),
            "raw_over_chroma_default": round(sentence_raw / sentence_chroma, 2),
        },
        "segment_mean_chars": round(statistics.fmean(len(t) for t in texts), 1),
        "machine_before": before,
        "machine_after": machine(),
    }
    write_results("ingest", results)


if __name__ == "__main__":
    main()
