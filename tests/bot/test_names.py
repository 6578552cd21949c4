"""Names people know in replies, ids underneath; renaming a study keeps its evidence."""

from __future__ import annotations

from typing import Any

import pytest

from tests.bot.harness import BotHarness, ingest, interview, quoted, rich_texts, wait_answer

CHANNEL, OTHER = "C07NAMES", "C07OTHER"
LEAD, DANA = "U07LEAD", "U07DANA"
SAID = "The invoice reminder arrived a week after the payment was already late."
TRANSCRIPT = interview("Rhea", SAID, "After that I set my own calendar reminders.")


@pytest.fixture
def workspace(real_workspace: Any) -> Any:
    return real_workspace


@pytest.fixture
def named(bot: BotHarness) -> BotHarness:
    bot.fake.state.channel_names.update({CHANNEL: "research-billing", OTHER: "research-other"})
    bot.fake.state.people.update({DANA: ("", "Dana Okafor"), LEAD: ("lee", "Lee Park")})
    bot.fake.set_members(CHANNEL, [LEAD, DANA])
    bot.fake.set_members(OTHER, [LEAD])
    return bot


def _public(bot: BotHarness, start: str) -> dict[str, Any]:
    return bot.fake.wait_for("chat.postMessage", lambda c: c.args["text"].startswith(start))[
        -1
    ].args


def _private(bot: BotHarness, containing: str) -> dict[str, Any]:
    return bot.fake.wait_for("chat.postEphemeral", lambda c: containing in c.args["text"])[-1].args


def test_a_channel_study_is_named_after_the_channel_and_keeps_its_id(named: BotHarness) -> None:
    final = ingest(named, CHANNEL, LEAD, {"rhea.txt": TRANSCRIPT})
    assert final.args["text"].startswith("Study *research-billing*: 1 of 1 file done")
    assert named.workspace.channel_links()[CHANNEL] == CHANNEL
    assert named.workspace.find_study("Research-Billing") == CHANNEL

    named.command("sources", channel=CHANNEL, user=LEAD)
    assert _private(named, "1 source")["text"] == "Study *research-billing*: 1 source"
    ingest(named, CHANNEL, LEAD, {"again.txt": TRANSCRIPT + b"\n"}, id_prefix="G")
    assert len(named.fake.calls_to("conversations.info")) == 1  # cached


def test_diary_entries_are_answered_with_the_posters_display_name(named: BotHarness) -> None:
    named.command("diary on", channel=CHANNEL, user=LEAD)
    _public(named, f"<@{LEAD}> made this a diary channel")
    entries = [SAID, "Paying by card took three attempts because the form kept timing out."]
    for done, text in enumerate(entries, start=1):
        ts = named.fake.add_message(CHANNEL, DANA, text)
        event = {"type": "message", "channel": CHANNEL, "channel_type": "channel"}
        assert named.event({**event, "user": DANA, "text": text, "ts": ts}).status == 200
        named.fake.wait_for("reactions.add", count=done)

    ts = named.mention(CHANNEL, LEAD, "what went wrong with the invoice reminder?")
    answer = wait_answer(named.fake, CHANNEL, ts).args
    assert SAID in quoted(answer["blocks"])
    people = [run for run in rich_texts(answer["blocks"]) if run in {DANA, "Dana Okafor"}]
    assert people and set(people) == {"Dana Okafor"}  # real name when no display name is set
    sources = named.workspace.sources(CHANNEL)
    assert {p for s in sources for p in s.participants} == {DANA}  # the id underneath
    assert [c.args["user"] for c in named.fake.calls_to("users.info")] == [DANA]


def test_renaming_a_study_keeps_its_evidence_here_and_in_dms(named: BotHarness) -> None:
    ingest(named, CHANNEL, LEAD, {"rhea.txt": TRANSCRIPT})
    named.command("study billing-2026", channel=CHANNEL, user=LEAD)
    renamed = _public(named, f"<@{LEAD}> renamed")["text"]
    assert "*research-billing* to *billing-2026*" in renamed

    ts = named.mention(CHANNEL, LEAD, "what went wrong with the invoice reminder?")
    assert SAID in quoted(wait_answer(named.fake, CHANNEL, ts).args["blocks"])
    named.fake.set_members("D07LEAD", [LEAD])
    ts = named.dm("D07LEAD", LEAD, "what went wrong with the invoice reminder?")
    assert SAID in quoted(wait_answer(named.fake, "D07LEAD", ts).args["blocks"])

    named.command("sources", channel=CHANNEL, user=LEAD)
    assert "Study *billing-2026*: 1 source" in _private(named, "billing-2026")["text"]
    assert named.workspace.find_study("billing-2026") == CHANNEL
    assert named.workspace.find_study("research-billing") is None


def test_a_taken_name_is_refused_and_link_feeds_another_study(named: BotHarness) -> None:
    ingest(named, CHANNEL, LEAD, {"rhea.txt": TRANSCRIPT})
    ingest(named, OTHER, LEAD, {"other.txt": interview("Omar", "Setup was fine.", "Yes.")})
    named.command("study research-billing", channel=OTHER, user=LEAD)
    refused = _private(named, "Another study is already called")["text"]
    assert "/journey link research-billing" in refused

    named.command("link research-billing", channel=OTHER, user=LEAD)
    linked = _public(named, f"<@{LEAD}> linked this channel")["text"]
    assert "*research-billing*" in linked and "stay in study *research-other*" in linked
    ts = named.mention(OTHER, LEAD, "what went wrong with the invoice reminder?")
    assert SAID in quoted(wait_answer(named.fake, OTHER, ts).args["blocks"])
    assert len(named.workspace.sources(OTHER)) == 1  # the earlier study keeps its source
