"""The planted studies: where each lives, how it was split, and reading one in.

Twenty-nine planted studies, split by a rule fixed before any tuning:

- tuned: "Ledgerly" (tests/synthesis/planted), twelve plain-text interviews. The engine's
  cue lists and weights were tuned against it, and failures on it may be read one by one.
- tuned: "Hearthwise" (tests/synthesis/planted_home), home-insurance claims: nine
  interviews in five file layouts and a diary (CSV), written when Ledgerly's polarity was
  saturated, its gold labels fixed before the engine read it. Also read one by one.
- tuned: "Stridewell" (tests/synthesis/planted_gym), a gym chain's members: nine
  interviews in the same layouts and a diary, written (with its gold labels) when the
  other two were saturated, to find what they no longer could. Read once before any
  tuning, as an unseen study would be: polarity 0.525, stage 0.677, pain-theme recall
  0.857, claims on two or more participants 0.78, persona ARI 0.643 (k 3 of 3). Then
  read one by one.
- tuned: "Pawprint" (tests/synthesis/planted_vet), a chain of vets with a pet-health
  plan: nine owners in the same layouts and a diary, written in plain everyday speech
  (Stridewell leans on irony and idiom). Read once before any tuning, with the engine
  as it stood after Stridewell's cues: polarity 0.561, stage 0.602, pain-theme recall
  0.857, claims on two or more participants 0.761, persona ARI 0.407 (k 3 of 3); the
  engine before Stridewell read its polarity the same, 0.561.
- tuned: "Forkful" (tests/synthesis/planted_meals), a meal-kit subscription, plain
  speech, written with Nestwise below. Read once before any tuning, with the engine as
  it stood after Pawprint: polarity 0.646 (0.525 with the engine before Stridewell),
  stage 0.606, pain-theme recall 0.571, claims on two or more participants 0.677,
  persona ARI 0.25 (k 4 of 3).
- tuned: "Linkway" (tests/synthesis/planted_broadband), a broadband provider, and
  "Brightstep" (tests/synthesis/planted_clubs), after-school clubs: plain speech, read
  once before any tuning with the engine as it stood after Forkful (polarity 0.644 and
  0.660; with the engine before Stridewell 0.574 and 0.600), then used only to fit the
  sentence classifier (no cue was written for them).
- tuned: "Pillbox" (tests/synthesis/planted_pharmacy), an online pharmacy, "Wheelshare"
  (planted_carclub), a city car club, "Parlo" (planted_language), a language-learning app,
  and "Farely" (planted_rail), a rail-ticket app: written from one brief (the stage
  conventions of the studies above, plain everyday speech, leading questions turned down,
  hearsay, sarcasm) by writers who read none of the engine's scoring code, their gold
  labels fixed before the engine read them. Read once before any change was made for them
  (polarity 0.545, 0.594, 0.63, 0.594; stage 0.687, 0.792, 0.75, 0.743), then used to fit
  the sentence and stage classifiers. Two mechanisms were fixed from what they showed (a
  reply that says the question's word back and denies it, "Hassle, nah, ..."; a problem
  verb used as a noun, "before my stop"); no cue phrase was written from them.
- tuned: "Coinwell" (tests/synthesis/planted_bank), an app-only bank, "Brightsmile"
  (planted_dental), private dentists with a monthly plan, "Parcelpoint" (planted_parcel),
  a parcel courier with lockers, and "Roomly" (planted_cottage), holiday cottages:
  written from the same brief by writers who read none of the engine's scoring code, and
  read once with the engine as it stood after the four above (polarity 0.615, 0.587,
  0.571, 0.59; stage 0.846, 0.923, 0.867, 0.857; pain-theme recall 1.0, 0.857, 0.857,
  0.857; claims on two or more participants 0.909, 0.935, 0.763, 0.841; persona ARI
  1.0, 1.0, 1.0, 0.583 with k 3, 3, 3, 4 of 3), then used to fit the classifiers.
- tuned: "Tonemobile" (tests/synthesis/planted_mobile), a SIM-only mobile network,
  "Reelbox" (planted_streaming), a streaming service, "MyCouncil" (planted_council), a
  council's online account, and "Oakhaus" (planted_furniture), furniture delivered and
  assembled: the same brief, with turned-down leading questions in the key from the
  start. Read once with the engine as it stood after the four above, and again with its
  classifiers refitted on the fifteen studies before them (polarity 0.554 -> 0.535, 0.612
  -> 0.621, 0.624 -> 0.624, 0.559 -> 0.598; stage 0.881 -> 0.891, 0.951 -> 0.922, 0.911
  -> 0.941, 0.863 -> 0.863; pain-theme recall 0.571, 0.714, 0.714, 0.714 both times;
  persona ARI 1.0 with k 3 in all four; a turned-down interviewer word shown in 3, 1, 0,
  0 claims), then used to fit the classifiers.
- tuned: "Tidyhome" (tests/synthesis/planted_cleaning), home cleaners booked by app,
  "Skyhop" (planted_airline), a budget airline, "Roadready" (planted_driving), driving
  lessons, and "MyPractice" (planted_surgery), a GP surgery's online services: written
  from a written brief (kept in docs/planted_brief.md) by writers who read none of the
  engine's code, each checked only for verbatim quotes. Read once with the engine as it
  stood before them (polarity 0.626, 0.736, 0.667, 0.694; stage 0.822, 0.726, 0.778,
  0.796; pain-theme recall 0.571, 1.0, 0.714, 0.714; claims on two or more participants
  0.978, 0.912, 0.865, 0.833; persona k and ARI 2 / 0.5, 3 / 0.643, 4 / 0.25, 3 / 0.214),
  then used to fit the sentence classifier (the stage classifier refitted with them
  measured no better, leaving one study out, and was not kept).
- tuned: "Handyhub" (tests/synthesis/planted_trades), booking local tradespeople,
  "Clearview" (planted_optician), an online optician, "Fixright" (planted_repair), phone
  and laptop repairs by post, and "Keystone" (planted_mortgage), an online mortgage
  broker: written from the same brief (docs/planted_brief.md) by writers who read none
  of the engine's code, each checked only for verbatim quotes. Read once with the engine
  as it stood before them (polarity 0.764, 0.664, 0.689, 0.685; stage 0.83, 0.813, 0.726,
  0.546; pain-theme recall 0.857, 0.857, 0.714, 1.0; claims on two or more participants
  0.963, 0.92, 0.969, 0.963; persona k and ARI 2 / 0.5, 3 / 1.0, 3 / 0.357, 3 / 0.357; a
  turned-down interviewer word shown in 0, 0, 1, 1 claims). One mechanism was fixed from
  what they showed (a turned-down word said back with the question's words after it,
  "Worried about losing them, no, ..."; a turned-down reply read by the classifier from
  its denial on); no cue phrase was written from them. Then used to fit the classifiers.
- tuned: "Shiftly" (tests/synthesis/planted_removals), a removals firm booked online,
  "Plugwell" (planted_evcharge), home car chargers and a charging app, "Littlesteps"
  (planted_nursery), day nurseries with a parents' app, and "Stagepass"
  (planted_tickets), a ticketing app: written from the same brief by writers who read
  none of the engine's code, asked also to let the talk wander back and forth through
  the journey and to ask short follow-ups ("And then?"), each checked only for
  verbatim quotes. Read once with the engine as it stood before them (engine 33:
  polarity 0.667, 0.75, 0.792, 0.722; stage 0.762, 0.907, 0.821, 0.759; pain-theme
  recall 0.857, 0.857, 0.571, 0.857; claims on two or more participants 0.944, 0.95,
  0.898, 0.96; persona k and ARI 3 / 1.0, 3 / 1.0, 3 / 0.643, 3 / 0.357; a turned-down
  interviewer word shown in 0, 0, 2, 0 claims). One mechanism was fixed from what they
  showed (a word said back in doubt, "Frustrating, I don't know, ...", is turned down);
  then used to fit the classifiers.
- held out: "Nestwise" (tests/synthesis/planted_lettings), a letting agency's tenants,
  plain speech, nine interviews in the same layouts and a diary. Written by the same
  hand as Forkful and never read: only its aggregate figures.
- held out: "Pedalo" (tests/synthesis/holdout), nine interviews in five file layouts
  (plain text, WebVTT with voice tags and with "Name:" cues, SRT, Word in two layouts)
  and a four-person diary (CSV). Only its aggregate figures below are ever read; no
  engine change is made because of a single held-out quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from journeybot.core.models import Segment, Source
from journeybot.core.text import is_verbatim
from journeybot.ingestion import read_transcript, segment_transcript
from journeybot.retrieval.embeddings import Embedder
from journeybot.synthesis.base import StudyEvidence
from journeybot.synthesis.rows import Reading

ROOT = Path(__file__).resolve().parent.parent
TUNED = ROOT / "tests" / "synthesis" / "planted"
TUNED_HOME = ROOT / "tests" / "synthesis" / "planted_home"
TUNED_GYM = ROOT / "tests" / "synthesis" / "planted_gym"
TUNED_VET = ROOT / "tests" / "synthesis" / "planted_vet"
TUNED_MEALS = ROOT / "tests" / "synthesis" / "planted_meals"
TUNED_BROADBAND = ROOT / "tests" / "synthesis" / "planted_broadband"
TUNED_CLUBS = ROOT / "tests" / "synthesis" / "planted_clubs"
TUNED_PHARMACY = ROOT / "tests" / "synthesis" / "planted_pharmacy"
TUNED_CARCLUB = ROOT / "tests" / "synthesis" / "planted_carclub"
TUNED_LANGUAGE = ROOT / "tests" / "synthesis" / "planted_language"
TUNED_RAIL = ROOT / "tests" / "synthesis" / "planted_rail"
TUNED_BANK = ROOT / "tests" / "synthesis" / "planted_bank"
TUNED_DENTAL = ROOT / "tests" / "synthesis" / "planted_dental"
TUNED_PARCEL = ROOT / "tests" / "synthesis" / "planted_parcel"
TUNED_COTTAGE = ROOT / "tests" / "synthesis" / "planted_cottage"
TUNED_MOBILE = ROOT / "tests" / "synthesis" / "planted_mobile"
TUNED_STREAMING = ROOT / "tests" / "synthesis" / "planted_streaming"
TUNED_COUNCIL = ROOT / "tests" / "synthesis" / "planted_council"
TUNED_FURNITURE = ROOT / "tests" / "synthesis" / "planted_furniture"
TUNED_CLEANING = ROOT / "tests" / "synthesis" / "planted_cleaning"
TUNED_AIRLINE = ROOT / "tests" / "synthesis" / "planted_airline"
TUNED_DRIVING = ROOT / "tests" / "synthesis" / "planted_driving"
TUNED_SURGERY = ROOT / "tests" / "synthesis" / "planted_surgery"
TUNED_TRADES = ROOT / "tests" / "synthesis" / "planted_trades"
TUNED_OPTICIAN = ROOT / "tests" / "synthesis" / "planted_optician"
TUNED_REPAIR = ROOT / "tests" / "synthesis" / "planted_repair"
TUNED_MORTGAGE = ROOT / "tests" / "synthesis" / "planted_mortgage"
TUNED_REMOVALS = ROOT / "tests" / "synthesis" / "planted_removals"
TUNED_EVCHARGE = ROOT / "tests" / "synthesis" / "planted_evcharge"
TUNED_NURSERY = ROOT / "tests" / "synthesis" / "planted_nursery"
TUNED_TICKETS = ROOT / "tests" / "synthesis" / "planted_tickets"
HELD_OUT = ROOT / "tests" / "synthesis" / "holdout"
HELD_OUT_LETTINGS = ROOT / "tests" / "synthesis" / "planted_lettings"
#: Every tuned study, by name.
TUNED_STUDIES: dict[str, Path] = {
    "ledgerly": TUNED,
    "hearthwise": TUNED_HOME,
    "stridewell": TUNED_GYM,
    "pawprint": TUNED_VET,
    "forkful": TUNED_MEALS,
    "linkway": TUNED_BROADBAND,
    "brightstep": TUNED_CLUBS,
    "pillbox": TUNED_PHARMACY,
    "wheelshare": TUNED_CARCLUB,
    "parlo": TUNED_LANGUAGE,
    "farely": TUNED_RAIL,
    "coinwell": TUNED_BANK,
    "brightsmile": TUNED_DENTAL,
    "parcelpoint": TUNED_PARCEL,
    "roomly": TUNED_COTTAGE,
    "tonemobile": TUNED_MOBILE,
    "reelbox": TUNED_STREAMING,
    "mycouncil": TUNED_COUNCIL,
    "oakhaus": TUNED_FURNITURE,
    "tidyhome": TUNED_CLEANING,
    "skyhop": TUNED_AIRLINE,
    "roadready": TUNED_DRIVING,
    "mypractice": TUNED_SURGERY,
    "handyhub": TUNED_TRADES,
    "clearview": TUNED_OPTICIAN,
    "fixright": TUNED_REPAIR,
    "keystone": TUNED_MORTGAGE,
    "shiftly": TUNED_REMOVALS,
    "plugwell": TUNED_EVCHARGE,
    "littlesteps": TUNED_NURSERY,
    "stagepass": TUNED_TICKETS,
}
#: The tuned studies written from ``docs/planted_brief.md`` by writers who read none of the
#: engine's code, in the order they came; their means are reported apart, and the newest
#: four's too.
FROM_THE_BRIEF = (
    "tidyhome",
    "skyhop",
    "roadready",
    "mypractice",
    "handyhub",
    "clearview",
    "fixright",
    "keystone",
    "shiftly",
    "plugwell",
    "littlesteps",
    "stagepass",
)
NEWEST = FROM_THE_BRIEF[-4:]
SUPPORTED = (".txt", ".vtt", ".srt", ".docx", ".csv", ".md")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


@dataclass
class PlantedStudy:
    """A planted study's files and its answer key."""

    name: str
    files: list[Path]
    key: dict[str, Any]
    sources: dict[str, Any] = field(default_factory=dict)  # file name -> Transcript

    @classmethod
    def load(cls, folder: Path) -> PlantedStudy:
        key = yaml.safe_load((folder / "answer_key.yaml").read_text("utf-8"))
        files_dir = next(d for d in (folder / "sources", folder / "interviews") if d.is_dir())
        files = sorted(p for p in files_dir.iterdir() if p.suffix.lower() in SUPPORTED)
        return cls(folder.name, files, key)

    def evidence(self, embedder: Embedder) -> StudyEvidence:
        """Every file read and segmented with the ingestion API (no redaction)."""
        segments: list[Segment] = []
        sources: list[Source] = []
        for path in self.files:
            transcript = read_transcript(path.read_bytes(), path.name)
            self.sources[path.name] = transcript
            source_id = transcript.content_hash
            segments.extend(segment_transcript(transcript, study=self.name, source_id=source_id))
            sources.append(
                Source(
                    id=source_id,
                    study=self.name,
                    file_name=path.name,
                    format=transcript.format,
                    kind=transcript.kind,
                )
            )
        vectors = embedder.embed([s.text for s in segments])
        return StudyEvidence(self.name, segments, vectors, embedder, sources)


def words(text: str) -> list[str]:
    """Lower-cased words of ``text``, apostrophes kept ("don't")."""
    return _WORD.findall(text.replace("\u2019", "'").lower())


def segment_of(evidence: StudyEvidence, participant: str, quote: str) -> int | None:
    """The index of the segment holding a planted quote, verbatim, in its speaker's turn."""
    for i, seg in enumerate(evidence.segments):
        if seg.participant == participant and is_verbatim(quote, seg.text):
            return i
    return None


def reading_of(readings: list[Reading], index: int, quote: str) -> Reading | None:
    """The engine's reading of a planted quote: the sentence of its segment sharing most words."""
    mine = set(words(quote))
    best = max(
        (r for r in readings if r.index == index),
        key=lambda r: len(mine & set(words(r.text))) / (len(set(words(r.text))) or 1),
        default=None,
    )
    return best
