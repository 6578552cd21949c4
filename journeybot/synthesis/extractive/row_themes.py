"""Which sentences may back a row of a map or persona, and the themes a row is made of.

A pain point is a problem someone stated. Many complaints are told as what happened
("every little thing's in its own plastic bag", "no signal at his desk at all"), with no
problem word for the rules to find: the sentence classifier reads them as complaints,
but too unsure to let one stand alone as a pain point (``polarity_anchors.PAIN_SURE``).
Such a sentence may still stand beside a problem another participant stated in so many
words, in the same theme (``corroborates``): the stated one leads and words the claim,
and the claim counts everyone who told of it. A sentence read as praise backs no pain
point whatever its words ("Struggle? Not for them it wasn't, the two lads had the bed up
both flights" kept a pain row from its wording though it reads as praise). Measured
over the twenty-three tuned studies, with the round's other changes (the Support
stage's contact gate among them): pain-theme recall 0.938 -> 0.969, claims on two or more
people 0.849 -> 0.866, pairs of people on one planted problem 0.798 -> 0.783, planted
praise cited as pain 48 -> 30 times; corroboration without the classifier's sureness
cited praise 51 times. Nor does a sentence every reader left neutral back one, whatever
its problem words (``can_back``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from journeybot.synthesis.extractive.requests import request_in
from journeybot.synthesis.extractive.themes import Theme, ThemeFinder, journey_themes
from journeybot.synthesis.memo import per_text
from journeybot.synthesis.polarity import LABEL_THRESHOLD
from journeybot.synthesis.rows import (
    PAIN_ALONE,
    Reading,
    Row,
    classify,
    denies_problem,
    only_a_feeling,
)

#: Row themes group more loosely than sentences that merely repeat each other: a theme
#: is what several people raised, in their own words.
ROW_THEME_DISTANCE = 0.8
#: Single-participant claims a row shows when it has nothing broader.
SINGLE_VOICES = 1
#: How sure the sentence classifier must be of a complaint for it to stand beside a
#: stated one: likelier a complaint than not (stating one alone takes ``PAIN_SURE``).
#: Over the tuned studies 0.55 recalled as many pain themes (0.969) and kept pairs of
#: people on one planted problem higher (0.797 against 0.783), but on PDPilot it cut map
#: claims on two or more people 42/50 -> 38/50 and pain quotes on a problem code 27/47 ->
#: 20/39, and saved no measurable drafting time; 0.6 recalled 0.95.
CORROBORATION_SURE = 0.5


def row_themes(
    finder: ThemeFinder, readings: Sequence[Reading], candidates: Sequence[int], row: Row
) -> list[Theme]:
    """Themes of ``row`` among ``candidates`` (reading indexes not yet cited), before
    the row picks the shared ones; pain themes led by a stated problem."""
    backing = [m for m in candidates if can_back(readings[m], row)]
    if row is not Row.PAIN:
        return journey_themes(finder.themes(backing, distance=ROW_THEME_DISTANCE), readings)
    stated = set(backing)
    beside = [m for m in candidates if m not in stated and corroborates(readings[m])]
    found = finder.themes([*backing, *beside], distance=ROW_THEME_DISTANCE)
    return journey_themes(problem_led(_stated_first(found, stated), readings), readings)


def can_back(reading: Reading, row: Row) -> bool:
    """Whether a sentence may back a claim of ``row``: its own wording says so, or, for a
    pain point, it is quotable talk that reads clearly negative (a complaint told as a
    story: "I emailed and heard nothing for three days") and says what about.

    A pain point is a problem, so only a sentence that ends read negative backs one:
    praise never, and neither does a fact told in problem words that every reader
    found neutral ("She paid the twenty-pound booking fee on her card": a fee, paid, but
    no complaint). Leaving each tuned study out of the sentence classifier's fit, planted
    neutral quotes cited as pain 77 -> 68 and pain-theme recall 0.894 -> 0.899; with the
    shipped classifier 44 -> 18, recall unchanged."""
    if row is Row.PAIN and reading.polarity > -LABEL_THRESHOLD:
        return False
    if row in reading.rows:
        return True
    return (
        row is Row.PAIN
        and bool(reading.rows)
        and reading.polarity <= -LABEL_THRESHOLD
        and not denies_problem(reading.text)
        and not only_a_feeling(reading.text.lower().replace("\u2019", "'"))
    )


def corroborates(reading: Reading) -> bool:
    """A complaint told as what happened, which may stand beside a problem someone else
    stated but not alone: no row of its own, read negative, the classifier likelier
    sure of a complaint than not, and nothing a pain point excludes (a denial, meta-talk,
    logistics, a question to the listener, a feeling about nothing named, the
    question's word said back)."""
    return (
        not reading.rows
        and not reading.echo
        and reading.complaint >= CORROBORATION_SURE
        and reading.polarity <= -LABEL_THRESHOLD
        and _could_be_pain(reading.text)
    )


@per_text(maxsize=4096)
def _could_be_pain(text: str) -> bool:
    """Whether the rows allow a pain point in ``text`` read as a plain complaint; asked
    for every stage and persona a sentence is drafted in, so the answer is kept."""
    return Row.PAIN in classify(text, PAIN_ALONE)


def _stated_first(themes: list[Theme], stated: set[int]) -> list[Theme]:
    """Themes holding a stated problem, each led by one; themes of corroboration alone go."""
    out = []
    for theme in themes:
        if any(m in stated for m in theme.members):
            lead = sorted(theme.lead, key=lambda m: m not in stated)
            out.append(dataclasses.replace(theme, lead=tuple(lead)))
    return out


def problem_led(themes: list[Theme], readings: Sequence[Reading]) -> list[Theme]:
    """Pain themes led by someone stating the problem, and none made of requests alone:
    "Tell me straight away" is the fix someone asked for, which words an opportunity
    (and a persona's goal), not the pain point ("I only found out at the end of the
    month")."""
    out = []
    for theme in themes:
        lead = sorted(theme.lead, key=lambda m: request_in(readings[m].text) is not None)
        if lead and request_in(readings[lead[0]].text) is None:
            out.append(dataclasses.replace(theme, lead=tuple(lead)))
    return out


def shared_first(themes: list[Theme], *, singles: bool = True) -> list[Theme]:
    """Themes more than one participant backs, most widely shared and strongest first; a
    single voice only when nothing broader was found (the claim is then marked thin) and
    ``singles`` allows one."""
    themes = sorted(themes, key=lambda t: (-len(t.participants), -t.strength, t.members))
    shared = [t for t in themes if len(t.participants) >= 2]
    return shared or (themes[:SINGLE_VOICES] if singles else [])
