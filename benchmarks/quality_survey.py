"""Feeling polarity on real survey answers whose question says which way they lean.

The Jupyter Notebook UX survey of 2015-16 (tests/corpus/jupyter-survey, CC0) asked
"What aspects of Jupyter Notebook make it pleasant to use in your workflow?", "... make it
difficult to use ...?" and "What, if anything, hinders you ...?". 2,832 free-text
answers, written by real users and read here by the same scorer the drafts use, give a
key no one on this team wrote: an answer to the pleasant question should not read as a
complaint, an answer to the difficult or hinders questions should not read as praise.
Many answers are bare noun phrases ("inline plots", "version control") with no opinion
of their own, so the figures are read with the question as context (as a survey source
is ingested: the column header is each answer's prompt) and without it.

Reported per lean: the share read as expected, as neutral, and the wrong way. The
wrong-way share is the figure to watch: a request ("Better dashboards", "it would be
nice if...") read as praise, or "No version control" read as a denial.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path
from typing import Any

from journeybot.synthesis.polarity import PolarityScorer

SURVEY = Path(__file__).resolve().parent.parent / "tests" / "corpus" / "jupyter-survey"
#: The label each question's answers lean to.
LEAN = {"pleasant": "positive", "difficult": "negative", "hinders": "negative"}
OPPOSITE = {"positive": "negative", "negative": "positive"}


def survey_polarity() -> dict[str, Any]:
    scorer = PolarityScorer()
    with (SURVEY / "aspects.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    report: dict[str, Any] = {
        "corpus": "tests/corpus/jupyter-survey/aspects.csv (Jupyter Notebook UX survey 2015-16)",
        "answers": len(rows),
    }
    for lean in ("positive", "negative"):
        mine = [r for r in rows if LEAN[r["asked"]] == lean]
        for context in (True, False):
            labels = Counter(
                scorer.label(scorer.score(r["answer"], r["question"] if context else ""))
                for r in mine
            )
            report[f"{lean} lean, {'with' if context else 'without'} the question"] = {
                "answers": len(mine),
                "read_as_lean": round(labels[lean] / len(mine), 3),
                "read_neutral": round(labels["neutral"] / len(mine), 3),
                "read_the_wrong_way": round(labels[OPPOSITE[lean]] / len(mine), 3),
            }
    return report
