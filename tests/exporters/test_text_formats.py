"""The Markdown and JSON renderings carry the same content and numbering as the Word file."""

from __future__ import annotations

import json
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from journeybot.core.models import Citation, Claim, JourneyMap, StageInsight
from journeybot.exporters import ExportBundle, render_json, render_markdown
from journeybot.exporters.bundle import build_evidence_index
from journeybot.exporters.text_formats import escape_md
from tests.exporters.draft_fixture import PERSONA_REASON, make_bundle


def test_json_is_one_document_holding_the_whole_draft(bundle: ExportBundle) -> None:
    document = json.loads(render_json(bundle))
    assert document["study"] == bundle.study
    assert document["draft_id"] == bundle.draft_id
    assert JourneyMap.model_validate(document["journey"]) == bundle.journey
    assert [p["id"] for p in document["personas"]] == [p.id for p in bundle.personas]
    assert [s["id"] for s in document["stages"]] == [s.id for s in bundle.stages]


def test_why_this_many_personas_is_in_every_rendering(bundle: ExportBundle) -> None:
    assert json.loads(render_json(bundle))["persona_notes"] == [PERSONA_REASON]
    markdown = render_markdown(bundle)
    personas = markdown.index("## Personas")
    assert (
        personas
        < markdown.index("2 personas: everyone was divided in two")
        < markdown.index(f"### {escape_md(bundle.personas[0].name)}")
    )


def test_json_numbers_evidence_like_the_word_appendix(bundle: ExportBundle) -> None:
    document = json.loads(render_json(bundle))
    index = build_evidence_index(bundle)
    assert [e["quote"] for e in document["evidence"]] == [c.quote for c in index.citations]
    assert [e["number"] for e in document["evidence"]] == list(range(1, len(index.citations) + 1))
    by_id = {row["claim_id"]: row for row in document["validation"]}
    support = bundle.journey.stages[5].pain_points[0]
    assert by_id[support.id]["evidence"] == index.numbers(support.citations)
    assert by_id[support.id]["status"] == "change"
    assert by_id[support.id]["comment"] == support.comment


def test_markdown_has_every_section_stage_claim_and_quote(bundle: ExportBundle) -> None:
    text = render_markdown(bundle)
    for heading in ("## Personas", "## Journey map", "## Validation", "## Evidence", "## Method"):
        assert heading in text
    for stage in bundle.journey.stages:
        assert escape_md(stage.name) in text
    for claim in bundle.journey.claims():
        assert escape_md(claim.id) in text
    for number, citation in enumerate(build_evidence_index(bundle).citations, start=1):
        assert f"**[{number}]** “{escape_md(citation.quote)}”" in text


def test_markdown_marks_thin_unsupported_and_empty_stages(bundle: ExportBundle) -> None:
    text = render_markdown(bundle)
    assert "**Unsupported:** *Show which plan includes direct debit" in text
    assert "1 participant · **thin evidence**" in text
    assert "### 3. Purchase\n\n*No evidence was placed at this stage.*" in text
    assert "| Purchase | no evidence | 0 |" in text


def test_markdown_escapes_markup_in_participant_words(bundle: ExportBundle) -> None:
    text = render_markdown(bundle)
    assert "\\<b\\>0 customers\\</b\\>" in text
    assert "<b>" not in text
    assert "[Slack message](https://fernbill.slack.com/archives/C0R/p1741530000)" in text


@settings(max_examples=40, deadline=None)
@given(texts=st.lists(st.text(max_size=60), min_size=1, max_size=5))
def test_any_claim_text_keeps_the_validation_table_one_row_per_claim(texts: list[str]) -> None:
    quote = Citation(
        quote="x", participant="P1", source="a.txt", location="line 1", segment_id="s:0-1"
    )
    claims = [
        Claim(id=f"usage-acti-{n:08x}", text=t, citations=[quote], participants=1)
        for n, t in enumerate(texts)
    ]
    bundle = make_bundle([StageInsight(id="usage", name="Usage", actions=claims)])
    bundle.personas = []
    text = render_markdown(bundle)
    table = text.split("## Validation", 1)[1].split("## Evidence", 1)[0]
    rows = [line for line in table.splitlines() if re.match(r"^\| usage-acti-", line)]
    assert len(rows) == len(claims)
    assert all(len(re.findall(r"(?<!\\)\|", row)) == 6 for row in rows)
    assert json.loads(render_json(bundle))["validation"][0]["text"] == texts[0]
