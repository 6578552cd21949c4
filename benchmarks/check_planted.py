"""Check a planted study's files against its answer key, for the study's writer.

Every planted quote must be found verbatim in one turn of its participant once the files
are read the way the product reads them, and everyone quoted must be in a persona. It
prints counts (per participant, stage, polarity, pain theme) and every problem, and says
nothing about how the engine reads the study: writers run it without learning that.

    python benchmarks/check_planted.py tests/synthesis/planted_cleaning
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from pathlib import Path

from planted_studies import PlantedStudy, segment_of

from journeybot.retrieval.embeddings import HashingEmbedder


def main(folder: Path) -> int:
    study = PlantedStudy.load(folder)
    evidence = study.evidence(HashingEmbedder())
    key = study.key
    people = {p for members in key["personas"].values() for p in members}
    print("files:", [f.name for f in study.files])
    print("segments:", len(evidence.segments))
    planted = [(q["participant"], q["quote"]) for q in key["quotes"]]
    planted += [(q["participant"], q["reply"]) for q in key.get("leading_replies", [])]
    missing = [(who, quote) for who, quote in planted if segment_of(evidence, who, quote) is None]
    print(
        "quotes:",
        len(key["quotes"]),
        "not found verbatim in their participant's turns:",
        len(missing),
    )
    for who, quote in missing:
        print("  MISSING", who, "|", quote[:120])
    quotes = key["quotes"]
    print("per participant:", dict(Counter(q["participant"] for q in quotes)))
    print("stages:", dict(Counter(q["stage"] for q in quotes)))
    print("polarity:", dict(Counter(q["polarity"] for q in quotes)))
    pains: defaultdict[str, set[str]] = defaultdict(set)
    for q in quotes:
        if q.get("pain"):
            pains[q["pain"]].add(q["participant"])
    print("pain themes (people):", {k: len(v) for k, v in pains.items()})
    outsiders = [q for q in quotes if q["participant"] not in people]
    print("quotes by someone in no persona:", len(outsiders))
    return 1 if missing or outsiders else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
