"""What an LLM draft costs: model calls and tokens for a 12-interview study.

The study is built from the PDPilot transcripts in ``tests/corpus/pdpilot/transcripts``
with the real ingestion code (7 interviews; P1-P5 are read a second time under new
participant ids to make 12, each as its own source). The model is a scripted fake that
answers every step with small, valid JSON quoting real sentences, so calls and input
tokens are exactly what the engine sends; output tokens are the fake's, far fewer than
a real model's. Tokens are estimated at 4 characters per token (the fake has no
tokenizer), for the prompts and for the study alike.

Target: each draft's input + output tokens at most 1.5x the study's own token count,
while every segment is read once. Two counts of "the study" are reported: the
participant words of its segments (what is quotable; stricter), and the whole
transcripts (interviewer turns included). Prompts also carry the interviewer's question
before each answer (cut to its last 100 characters), the instructions and stage list of
each chunk, and the merge steps.

Run: ``.venv/bin/python benchmarks/llm_cost.py``; writes benchmarks/results/llm_cost.json.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from pydantic import Field

from journeybot.core.models import Segment, content_hash
from journeybot.core.settings import Settings
from journeybot.core.stages import default_stages
from journeybot.ingestion import read_transcript, segment_transcript
from journeybot.retrieval.embeddings import HashingEmbedder
from journeybot.synthesis.base import StudyEvidence
from journeybot.synthesis.llm.chunks import estimate_tokens
from journeybot.synthesis.llm.drafter import LLMDrafter

ROOT = Path(__file__).resolve().parent.parent
TRANSCRIPTS = ROOT / "tests" / "corpus" / "pdpilot" / "transcripts"
RESULTS = ROOT / "benchmarks" / "results" / "llm_cost.json"
INTERVIEWS = 12
TARGET_RATIO = 1.5
CONTEXT_SIZES = (4000, 8000, 32000)

_PASSAGE = re.compile(r"^\[(S\d+)\] ([^:\n]+): (.*)$", re.MULTILINE)
_FINDING = re.compile(r"^(F\d+) \| (\w+) \|", re.MULTILINE)
_ITEM = re.compile(r"^(I\d+) \| (\w+) \|", re.MULTILINE)
_STAGE = re.compile(r"^Stage (\S+) \(", re.MULTILINE)
_STAGE_ID = re.compile(r"^- ([\w-]+): ", re.MULTILINE)
_PROFILE = re.compile(r"^([^|\n]+?): ", re.MULTILINE)


class MinimalJSONModel(BaseChatModel):
    """Answers each step with small valid JSON built from the prompt; records prompts."""

    prompts: list[str] = Field(default_factory=list)

    @property
    def _llm_type(self) -> str:
        return "benchmark-minimal-json"

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        prompt = str(messages[1].content)
        self.prompts.append(prompt)
        reply = json.dumps(_reply(prompt))
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=reply))])


def _reply(prompt: str) -> dict[str, Any]:
    if "extract findings for a customer journey map" in prompt:
        stage = _STAGE_ID.findall(prompt)[0]
        shown = _PASSAGE.findall(prompt)[::6]
        return {"findings": [_finding(stage, ref, text) for ref, _, text in shown]}
    if "merge findings from several interviews" in prompt:
        return {"stages": [_merged(stage, body) for stage, body in _sections(prompt)]}
    if "write a short profile of each participant" in prompt:
        people: dict[str, dict[str, Any]] = {}
        for ref, person, text in _PASSAGE.findall(prompt)[::8]:
            profile = people.setdefault(person, _profile(person))
            profile["behaviours"].append({"text": "Works this way.", "quotes": [_quote(ref, text)]})
        return {"participants": list(people.values())}
    if "Merge the notes below" in prompt:
        keys = [key for key, _ in _ITEM.findall(prompt)]
        return {"summary": "Merged.", "behaviours": [{"text": "Works this way.", "items": keys}]}
    if "personas: people who share" in prompt:
        return {"personas": _personas(prompt)}
    if "A researcher asks" in prompt:
        ref, _, text = _PASSAGE.findall(prompt)[0]
        return {"answer": f"One participant spoke to this [{ref}].", "quotes": [_quote(ref, text)]}
    raise ValueError(f"unknown prompt: {prompt[:60]}")


def _finding(stage: str, ref: str, text: str) -> dict[str, Any]:
    return {"stage": stage, "row": "action", "claim": "Does this.", "quotes": [_quote(ref, text)]}


def _quote(ref: str, text: str) -> dict[str, str]:
    return {"ref": ref, "quote": " ".join(text.split()[:12])}


def _profile(person: str) -> dict[str, Any]:
    return {"participant": person, "summary": "An analyst.", "behaviours": []}


def _sections(prompt: str) -> list[tuple[str, str]]:
    heads = list(_STAGE.finditer(prompt))
    ends = [h.start() for h in heads[1:]] + [len(prompt)]
    return [(h.group(1), prompt[h.end() : end]) for h, end in zip(heads, ends, strict=True)]


def _merged(stage: str, body: str) -> dict[str, Any]:
    keys = [key for key, _ in _FINDING.findall(body)]
    return {"stage": stage, "actions": [{"text": "They do this.", "findings": keys}]}


def _personas(prompt: str) -> list[dict[str, Any]]:
    body = prompt.split("Participant profiles", 1)[1]
    owners: dict[str, list[str]] = {}
    current = ""
    for line in body.splitlines()[1:]:
        item = _ITEM.match(line)
        if item:
            owners[current].append(item.group(1))
        elif _PROFILE.match(line):
            current = line.split(":", 1)[0]
            owners[current] = []
    names = list(owners)
    half = (len(names) + 1) // 2
    groups = [names[:half], names[half:]] if len(names) > 1 else [names]
    return [
        {
            "name": f"Group {n}",
            "summary": "People alike.",
            "participants": group,
            "behaviours": [
                {"text": "Works this way.", "items": [k for p in group for k in owners[p]]}
            ]
            if any(owners[p] for p in group)
            else [],
        }
        for n, group in enumerate(groups, start=1)
        if group
    ]


def build_study(settings: Settings) -> tuple[list[Segment], int]:
    """12 interviews as ingestion stores them, and the tokens of their whole transcripts."""
    files = sorted(TRANSCRIPTS.glob("P*.txt"), key=lambda p: int(p.stem[1:]))
    plan = [(path, path.stem) for path in files]
    plan += [
        (path, f"P{len(files) + i + 1}") for i, path in enumerate(files[: INTERVIEWS - len(files)])
    ]
    segments: list[Segment] = []
    transcript_tokens = 0
    for path, participant in plan:
        name = f"{participant}.txt"
        transcript = read_transcript(path.read_bytes(), name, interviewers=["Dan"])
        source_id = content_hash(participant + transcript.text)
        transcript_tokens += estimate_tokens(transcript.text)
        for segment in segment_transcript(
            transcript, study="pdpilot", source_id=source_id, max_chars=settings.segment_max_chars
        ):
            segments.append(segment.model_copy(update={"participant": participant}))
    return segments, transcript_tokens


def measure(segments: list[Segment], transcript_tokens: int, context_tokens: int) -> dict[str, Any]:
    embedder = HashingEmbedder(dimension=32)
    evidence = StudyEvidence(
        study="pdpilot",
        segments=segments,
        vectors=embedder.embed([s.text for s in segments]),
        embedder=embedder,
    )
    study_tokens = sum(estimate_tokens(s.text) for s in segments)
    out: dict[str, Any] = {"context_tokens": context_tokens}
    for kind in ("personas", "map"):
        model = MinimalJSONModel()
        drafter = LLMDrafter(
            model, model_name="fake:minimal-json", context_tokens=context_tokens, concurrency=1
        )
        started = time.perf_counter()
        if kind == "personas":
            drafter.draft_personas(evidence)
        else:
            drafter.draft_map(evidence, default_stages())
        usage = drafter.last_usage
        refs = [ref for p in model.prompts for ref in re.findall(r"^\[(S\d+)\]", p, re.MULTILINE)]
        out[kind] = {
            "calls": usage.calls,
            "input_tokens": usage.input_tokens,
            "output_tokens": usage.output_tokens,
            "ratio_to_study": round(usage.total_tokens / study_tokens, 3),
            "input_ratio_to_study": round(usage.input_tokens / study_tokens, 3),
            "ratio_to_transcripts": round(usage.total_tokens / transcript_tokens, 3),
            "every_segment_read_once": sorted(refs, key=lambda r: int(r[1:]))
            == [f"S{i}" for i in range(1, len(segments) + 1)],
            "engine_seconds": round(time.perf_counter() - started, 2),
        }
    total = out["personas"]["input_tokens"] + out["personas"]["output_tokens"]
    total += out["map"]["input_tokens"] + out["map"]["output_tokens"]
    out["both_drafts_ratio_to_study"] = round(total / study_tokens, 3)
    return out


def main() -> dict[str, Any]:
    settings = Settings(llm=None)
    segments, transcript_tokens = build_study(settings)
    study_tokens = sum(estimate_tokens(s.text) for s in segments)
    runs = [measure(segments, transcript_tokens, size) for size in CONTEXT_SIZES]
    default = next(r for r in runs if r["context_tokens"] == settings.llm_context_tokens)
    result = {
        "study": {
            "interviews": INTERVIEWS,
            "participants": len({s.participant for s in segments}),
            "segments": len(segments),
            "participant_chars": sum(len(s.text) for s in segments),
            "study_tokens": study_tokens,
            "transcript_tokens": transcript_tokens,
            "token_estimate": "4 characters per token",
        },
        "target_ratio_per_draft": TARGET_RATIO,
        "meets_target_at_default_context": {
            "vs_participant_words": all(
                default[k]["ratio_to_study"] <= TARGET_RATIO for k in ("personas", "map")
            ),
            "vs_whole_transcripts": all(
                default[k]["ratio_to_transcripts"] <= TARGET_RATIO for k in ("personas", "map")
            ),
        },
        "runs": runs,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    main()
