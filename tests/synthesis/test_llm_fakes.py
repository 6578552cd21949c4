"""Test doubles for the LLM engine: a scripted chat model and a small planted study.

``ScriptedChatModel`` records every prompt it receives. It first plays its ``script``
(fixed replies, or functions of the prompt, to plant realistic failures), then answers
like a careful analyst that reads the prompt it was given: it quotes real sentences,
names the stage each planted answer belongs to, and merges what it is asked to merge.
This module holds test doubles and planted data only; it defines no tests.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from pydantic import Field

from journeybot.core.models import Segment, SourceKind
from journeybot.retrieval.embeddings import HashingEmbedder
from journeybot.synthesis.base import StudyEvidence

Reply = str | Callable[[list[BaseMessage]], str]
PASSAGE = re.compile(r"^\[(S\d+)\] (\S+): (.*)$", re.MULTILINE)
FINDING = re.compile(r"^(F\d+) \| (\w+) \| ([^|]*) \| (.*)$", re.MULTILINE)
ITEM = re.compile(r"^(I\d+) \| (\w+) \| (.*)$", re.MULTILINE)
STAGE_HEADER = re.compile(r"^Stage (\S+) \(", re.MULTILINE)


class ScriptedChatModel(BaseChatModel):
    """Plays ``script`` first, then answers as ``analyst`` would; records all prompts."""

    script: list[Reply] = Field(default_factory=list)
    analyst: Any = None
    received: list[list[BaseMessage]] = Field(default_factory=list)

    @property
    def _llm_type(self) -> str:
        return "scripted-test-model"

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        self.received.append(list(messages))
        if self.script:
            reply = self.script.pop(0)
            text = reply(messages) if callable(reply) else reply
        else:
            text = (self.analyst or Analyst()).reply(messages)
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])

    def prompts(self) -> list[str]:
        """The task prompt of every call (the first human message)."""
        return [str(messages[1].content) for messages in self.received]

    def last_messages(self) -> list[str]:
        return [str(messages[-1].content) for messages in self.received]


@dataclass
class Planted:
    """What a planted answer means: its stage and row in the journey."""

    stage: str
    row: str
    polarity: float | None = None


@dataclass
class Analyst:
    """Answers each prompt kind from what the prompt shows, the way a good model would."""

    plan: dict[str, Planted] = field(default_factory=dict)
    personas: int = 2

    def reply(self, messages: list[BaseMessage]) -> str:
        prompt = str(messages[1].content)
        if "extract findings for a customer journey map" in prompt:
            return json.dumps(self.extract(prompt))
        if "merge findings from several interviews" in prompt:
            return json.dumps(self.reduce(prompt))
        if "write a short profile of each participant" in prompt:
            return json.dumps(self.profiles(prompt))
        if "Merge the notes below" in prompt:
            return json.dumps(self.merge_notes(prompt))
        if "into personas" in prompt or "personas: people who share" in prompt:
            return json.dumps(self.group(prompt))
        if "A researcher asks" in prompt:
            return json.dumps(self.answer(prompt))
        raise AssertionError(f"the analyst does not know this prompt: {prompt[:80]}")

    def extract(self, prompt: str) -> dict[str, Any]:
        findings = []
        for ref, _participant, text in passages(prompt):
            planted = self.plan.get(first_sentence(text))
            if planted is None:
                continue
            findings.append(
                {
                    "stage": planted.stage,
                    "row": planted.row,
                    "claim": f"Says: {first_sentence(text)}",
                    "polarity": planted.polarity,
                    "quotes": [{"ref": ref, "quote": first_sentence(text)}],
                }
            )
        return {"findings": findings}

    def reduce(self, prompt: str) -> dict[str, Any]:
        final = 'Leave "opportunities" empty' not in prompt
        stages: dict[str, dict[str, list[str]]] = {}
        for stage, body in stage_sections(prompt):
            rows = stages.setdefault(stage, {})
            for key, row, _people, _text in FINDING.findall(body):
                rows.setdefault(row, []).append(key)
        out = []
        for stage, rows in stages.items():
            entry: dict[str, Any] = {"stage": stage}
            for row, keys in rows.items():
                entry[row + "s"] = [{"text": f"{stage} {row} theme", "findings": keys}]
            pains = rows.get("pain_point", [])
            entry["opportunities"] = (
                [{"text": f"Fix the {stage} pain", "findings": pains}] if final and pains else []
            )
            out.append(entry)
        return {"stages": out}

    def profiles(self, prompt: str) -> dict[str, Any]:
        people: dict[str, dict[str, Any]] = {}
        for ref, participant, text in passages(prompt):
            profile = people.setdefault(
                participant,
                {
                    "participant": participant,
                    "summary": f"{participant} runs a small business.",
                    "goals": [],
                    "pain_points": [],
                    "behaviours": [],
                },
            )
            planted = self.plan.get(first_sentence(text))
            kind = "pain_points" if planted and planted.row == "pain_point" else "behaviours"
            item = {
                "text": f"{participant}: {first_sentence(text)}",
                "quotes": [{"ref": ref, "quote": first_sentence(text)}],
            }
            profile[kind].append(item)
        return {"participants": list(people.values())}

    def merge_notes(self, prompt: str) -> dict[str, Any]:
        by_kind: dict[str, list[str]] = {}
        for key, kind, _text in ITEM.findall(prompt):
            by_kind.setdefault(kind, []).append(key)
        out: dict[str, Any] = {"summary": "Merged profile."}
        for kind, plural in (
            ("goal", "goals"),
            ("pain_point", "pain_points"),
            ("behaviour", "behaviours"),
        ):
            keys = by_kind.get(kind, [])
            out[plural] = [{"text": f"Merged {kind}", "items": keys}] if keys else []
        return out

    def group(self, prompt: str) -> dict[str, Any]:
        members = profile_members(prompt)
        names = list(members)
        size = max(1, -(-len(names) // self.personas))
        personas = []
        for index in range(0, len(names), size):
            group = names[index : index + size]
            pains = [k for p in group for k, kind in members[p] if kind == "pain_point"]
            habits = [k for p in group for k, kind in members[p] if kind != "pain_point"]
            persona: dict[str, Any] = {
                "name": f"Group {index // size + 1}",
                "summary": "Owners who keep their own books.",
                "participants": group,
                "goals": [],
                "pain_points": [],
                "behaviours": [],
                "dissent": [],
            }
            if pains:
                persona["pain_points"] = [{"text": "Shared pains", "items": pains}]
            if habits:
                persona["behaviours"] = [{"text": "Shared habits", "items": habits}]
            personas.append(persona)
        return {"personas": personas}

    def answer(self, prompt: str) -> dict[str, Any]:
        shown = passages(prompt)
        if not shown:
            return {"answer": "The passages do not answer this.", "quotes": []}
        ref, _participant, text = shown[0]
        quote = first_sentence(text)
        return {
            "answer": f'One participant said "{quote}" [{ref}].',
            "quotes": [{"ref": ref, "quote": quote}],
        }


def passages(prompt: str) -> list[tuple[str, str, str]]:
    return PASSAGE.findall(prompt)


def first_sentence(text: str) -> str:
    match = re.match(r"(.+?[.!?])(\s|$)", text)
    return match.group(1) if match else text


def stage_sections(prompt: str) -> list[tuple[str, str]]:
    heads = list(STAGE_HEADER.finditer(prompt))
    return [
        (head.group(1), prompt[head.end() : heads[i + 1].start() if i + 1 < len(heads) else None])
        for i, head in enumerate(heads)
    ]


def profile_members(prompt: str) -> dict[str, list[tuple[str, str]]]:
    """Participant -> [(item key, kind)] from a grouping prompt."""
    body = prompt.split("Participant profiles", 1)[1]
    members: dict[str, list[tuple[str, str]]] = {}
    current = None
    for line in body.splitlines()[1:]:
        item = ITEM.match(line)
        if item:
            members[current or ""].append((item.group(1), item.group(2)))
        elif re.match(r"^\S+: ", line):
            current = line.split(":", 1)[0]
            members[current] = []
    return members


# --- a planted study ------------------------------------------------------------

#: One planted turn per two lines: "participant | stage | row | polarity | question",
#: then the participant's answer. Polarity "-" means the row is not a feeling.
_PLANTED = """
P1 | awareness | action | - | How did you first hear about it?
A colleague at my old firm showed it to me. I liked that it did invoices and payroll in one place.
P1 | onboarding | pain_point | - | What was setting it up like?
Importing my client list was a nightmare. The CSV kept failing and I had to re-enter forty clients.
P1 | usage | action | - | And day to day?
Now I use it every morning to chase late payments. It saves me a good hour a day.
P1 | support | feeling | -0.8 | Have you ever needed support?
I waited three days for a reply about the VAT report. I nearly cancelled over that.
P2 | awareness | action | - | How did you find it?
I found it through a search for cheap invoicing tools. The free trial sold me.
P2 | onboarding | feeling | 0.6 | Was the setup frustrating?
No, not really. The setup wizard was straightforward and I was sending invoices in twenty minutes.
P2 | usage | pain_point | - | What about the mobile app?
The mobile app crashes when I attach receipts. I end up doing it on the laptop at night.
P2 | renewal | thought | - | Why did you stay after the price rise?
When the price went up I looked at alternatives. Moving everything felt like too much work.
P3 | awareness | action | - | Who suggested it?
My accountant recommended it. She said it would make year end easier for both of us.
P3 | purchase | pain_point | - | How did you pick a plan?
Choosing a plan was confusing. I couldn't tell which plan included payroll.
P3 | usage | feeling | 0.7 | Which parts do you rely on?
Bank feeds are the best part. Transactions just appear and I match them in seconds.
P4 | consideration | action | - | Did you look at other tools?
I compared it with two other tools for a month. The reports were clearer in this one.
P4 | onboarding | pain_point | - | How was importing your data?
Importing my client list took ages. The import rejected half the rows without saying why.
P4 | usage | feeling | -0.5 | Anything that worries you?
I am a bit worried about the bank connection dropping. It happened twice and I missed a payment.
"""


@dataclass(frozen=True)
class PlantedTurn:
    participant: str
    stage: str
    row: str
    polarity: float | None
    question: str
    answer: str


def planted_turns() -> list[PlantedTurn]:
    lines = [line for line in _PLANTED.strip().splitlines() if line.strip()]
    turns = []
    for head, answer in zip(lines[::2], lines[1::2], strict=True):
        participant, stage, row, polarity, question = (p.strip() for p in head.split("|"))
        turns.append(
            PlantedTurn(
                participant,
                stage,
                row,
                None if polarity == "-" else float(polarity),
                question,
                answer,
            )
        )
    return turns


def planted_segments(study: str = "bookkeeping") -> list[Segment]:
    """Segments as ingestion makes them: participant words only, question as context."""
    segments: list[Segment] = []
    offsets: dict[str, int] = {}
    turns: dict[str, int] = {}
    for planted in planted_turns():
        participant, question, answer = planted.participant, planted.question, planted.answer
        source = f"src-{participant.lower()}"
        start = offsets.get(source, 0) + len(question) + 8
        turn = turns.get(source, 0) + 1
        segments.append(
            Segment(
                id=f"{source}:{start}-{start + len(answer)}",
                study=study,
                source_id=source,
                file_name=f"interview-{participant.lower()}.txt",
                kind=SourceKind.INTERVIEW,
                participant=participant,
                text=answer,
                start=start,
                end=start + len(answer),
                location=f"line {turn * 2}",
                turn=turn * 2 - 1,
                context=question,
            )
        )
        offsets[source] = start + len(answer)
        turns[source] = turn
    return segments


def planted_plan() -> dict[str, Planted]:
    return {first_sentence(t.answer): Planted(t.stage, t.row, t.polarity) for t in planted_turns()}


def evidence_of(segments: list[Segment], study: str = "bookkeeping") -> StudyEvidence:
    embedder = HashingEmbedder()
    return StudyEvidence(
        study=study,
        segments=segments,
        vectors=embedder.embed([s.text for s in segments]),
        embedder=embedder,
    )


def scripted(*script: Reply, personas: int = 2) -> ScriptedChatModel:
    return ScriptedChatModel(
        script=list(script), analyst=Analyst(plan=planted_plan(), personas=personas)
    )


def findings_reply(*findings: dict[str, Any]) -> str:
    return json.dumps({"findings": list(findings)})


def finding(
    stage: str,
    row: str,
    *quotes: tuple[str, str],
    polarity: float | None = None,
    claim: str = "A planted claim.",
) -> dict[str, Any]:
    return {
        "stage": stage,
        "row": row,
        "claim": claim,
        "polarity": polarity,
        "quotes": [{"ref": ref, "quote": quote} for ref, quote in quotes],
    }
