"""Golden snapshots of every prompt, and the renderer's strictness about variables."""

from __future__ import annotations

import re
from dataclasses import dataclass

import jinja2
import pytest

from journeybot.core.errors import ConfigError
from journeybot.core.models import Persona, Segment, Stage
from journeybot.core.stages import default_stages
from journeybot.prompts import PromptRenderer, default_renderer, render
from journeybot.synthesis.llm.chunks import Passage, RefTable, pack_passages

TEMPLATES = {
    "system",
    "passages",
    "retry",
    "map_extract",
    "map_reduce",
    "persona_extract",
    "persona_merge",
    "persona_group",
    "answer",
}


def segment(n: int, participant: str, text: str, context: str) -> Segment:
    return Segment(
        id=f"src-{participant}:{n * 100}-{n * 100 + len(text)}",
        study="snap",
        source_id=f"src-{participant}",
        file_name=f"{participant.lower()}.txt",
        participant=participant,
        text=text,
        start=n * 100,
        end=n * 100 + len(text),
        location=f"00:0{n}:00",
        turn=n,
        context=context,
    )


def passages() -> list[Passage]:
    segments = [
        segment(
            1,
            "P1",
            "We found it through a friend.  It looked simple.",
            "Okay. How did you find it?",
        ),
        segment(2, "P1", "Then the import failed twice.", "Okay. How did you find it?"),
        segment(3, "P2", "No, not really.", "Mhm."),
        segment(4, "P2", "Support replied the same day, which was a relief.", "Was support slow?"),
    ]
    return pack_passages(segments, RefTable(segments), budget=10_000, cost=lambda p: 1)[0]


@dataclass
class Finding:
    key: str
    row: str
    people: str
    text: str


@dataclass
class Group:
    stage: Stage
    findings: list[Finding]


@dataclass
class Item:
    key: str
    kind: str
    text: str


@dataclass
class Profile:
    participant: str
    summary: str
    items: list[Item]


def stage(stage_id: str) -> Stage:
    return next(s for s in default_stages() if s.id == stage_id)


def groups() -> list[Group]:
    return [
        Group(
            stage("onboarding"),
            [
                Finding("F1", "pain_point", "P1", "The import failed twice."),
                Finding("F2", "action", "P1", "Set it up alone."),
            ],
        ),
        Group(stage("support"), [Finding("F3", "feeling", "P2", "Relieved by a fast reply.")]),
    ]


def profiles() -> list[Profile]:
    return [
        Profile(
            "P1",
            "A sole trader who sets things up alone.",
            [
                Item("I1", "pain_point", "Imports fail."),
                Item("I2", "behaviour", "Asks friends for tools."),
            ],
        ),
        Profile("P2", "An owner who leans on support.", [Item("I3", "goal", "Quick answers.")]),
    ]


RENDERS = {
    "system": {},
    "retry": {"problems": ["findings.0.row: Input should be 'action' (got \"complaint\")"]},
    "map_extract": {"stages": default_stages(), "passages": passages()},
    "map_reduce": {"groups": groups(), "final": True, "persona": None},
    "persona_extract": {"participants": ["P1", "P2"], "passages": passages()},
    "persona_merge": {
        "participant": "P1",
        "summaries": ["Sets up alone.", "Works evenings."],
        "items": profiles()[0].items,
    },
    "persona_group": {"profiles": profiles(), "min_personas": 2, "max_personas": 2},
    "answer": {"question": "What goes wrong at setup?", "max_sentences": 5, "passages": passages()},
}


@pytest.mark.parametrize("name", sorted(RENDERS))
def test_rendered_prompt_matches_its_snapshot(name: str, snapshot) -> None:
    rendered = render(name, **RENDERS[name])
    assert rendered.name == name
    assert rendered.text == snapshot


def test_an_intermediate_merge_for_a_persona_asks_for_no_opportunities(snapshot) -> None:
    persona = Persona(id="p", name="Solo setters", summary="Set up alone.", participants=["P1"])
    rendered = render("map_reduce", groups=groups()[:1], final=False, persona=persona)
    assert 'Leave "opportunities" empty' in rendered.text
    assert "Solo setters" in rendered.text
    assert rendered.text == snapshot


def test_every_template_declares_a_version() -> None:
    renderer = default_renderer()
    assert set(renderer.names()) == TEMPLATES
    versions = {name: renderer.version(name) for name in TEMPLATES}
    for name, version in versions.items():
        assert re.fullmatch(r"[a-z][a-z-]*@\d+", version), (name, version)
    assert len(set(versions.values())) == len(versions), "versions name their template"


def test_interviewer_lines_are_marked_and_shown_once_per_question() -> None:
    text = render("map_extract", stages=default_stages(), passages=passages()).text
    assert text.count("(Interviewer: Okay. How did you find it?)") == 1
    assert text.count("(Interviewer: Mhm.)") == 1, "a new turn shows its own context"
    assert "[S1] P1: We found it through a friend. It looked simple." in text


def test_a_missing_variable_is_an_error_naming_the_template() -> None:
    with pytest.raises(ConfigError, match=r"map_extract\.j2"):
        render("map_extract", stages=default_stages())


def test_unknown_and_unversioned_templates_are_refused() -> None:
    renderer = PromptRenderer(
        loader=jinja2.DictLoader({"bare.j2": "Hello {{ name }}", "ok.j2": "{# version: ok@3 #}Hi"})
    )
    assert renderer.render("ok").version == "ok@3"
    with pytest.raises(ConfigError, match="version line"):
        renderer.render("bare", name="x")
    with pytest.raises(ConfigError, match=r"no prompt template 'nope\.j2'"):
        renderer.render("nope")
