"""Fit the stage classifier (journeybot/data/stage_model.json) and say honestly how well
it carries over to a study it has not seen.

Training data: every planted quote of the tuned studies (``planted_studies.TUNED_STUDIES``)
but the newest four (``FITTED``; fitting them too measured no better, and they are read
by the final model as studies it has not seen) with its gold stage, as the segment the
quote sits in: the segment's vector, the vector of the interviewer's question (or diary
prompt) before it, how far into the conversation it was said, and the talk and questions
of the segments either side of it (``stage_model.neighbourhood``). The held-out studies
are never read here.

Generalisation is estimated across studies before the file is written, leaving one study
out at a time: fit on the others, place the one left out with the full assigner (its
prototypes, cues, context, position and the path over the conversation) with and without
the classifier's log-probabilities added at each weight of ``WEIGHTS``, for each
regularisation of ``CS``, and compare stage accuracy on its planted quotes. The best
setting and the shipped one (``C`` below and ``StageWeights.learned``) are both reported,
with each left-out study's concentration (the share of its interview talk the classifier
puts in one stage, which its gate, ``stage_model.trust``, reads), its sureness (the mean
top probability, which the gate read before) and PDPilot's. Then the classifier is
fitted on all of them and written as plain numbers.

Run from the repository root: ``python benchmarks/train_stage.py``; the report goes to
``benchmarks/results/stage_model.json`` and is printed.
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from planted_studies import FROM_THE_BRIEF, NEWEST, TUNED_STUDIES, PlantedStudy, segment_of
from quality import load_evidence as load_pdpilot
from sklearn.linear_model import LogisticRegression

from journeybot.core.models import DEFAULT_STAGES, SourceKind
from journeybot.retrieval.embeddings import Embedder, MiniLMEmbedder
from journeybot.synthesis.stage_assign import (
    StageAssigner,
    StageWeights,
    _sequences,
    informativeness,
)
from journeybot.synthesis.stage_model import (
    StageClassifier,
    concentration,
    sureness,
    trust,
)

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "journeybot" / "data" / "stage_model.json"
REPORT = ROOT / "benchmarks" / "results" / "stage_model.json"
VERSION = "stage-lr@2"
STAGE_IDS = tuple(stage.id for stage in DEFAULT_STAGES)
#: Inverse regularisation, chosen by the mean accuracy on the study left out (the grids
#: below): C 1 and 3 measured within 0.006 at weights 2-3; C 0.3 leaves the classifier
#: too unsure of every study for its familiarity gate to let it speak.
C = 1.0
CS = (0.3, 1.0, 3.0)
WEIGHTS = (0.5, 1.0, 2.0, 3.0)
DIGITS = 6


class Study:
    """A tuned study's segments, the classifier's inputs and each planted quote's gold."""

    def __init__(self, folder: Path, embedder: Embedder) -> None:
        planted = PlantedStudy.load(folder)
        self.name = planted.name
        evidence = planted.evidence(embedder)
        self.segments = evidence.segments
        self.assigner = StageAssigner(DEFAULT_STAGES, embedder, StageWeights(learned=0.0))
        self.base = self.assigner.emissions(self.segments, evidence.vectors)
        questions, positions, around = self.assigner.classifier_inputs(
            self.segments, evidence.vectors
        )
        self.vectors, self.questions, self.positions = evidence.vectors, questions, positions
        self.neighbours = around
        self.in_diary = np.array([seg.kind is SourceKind.DIARY for seg in self.segments])
        self.gold: list[tuple[int, int]] = []  # (segment index, stage index)
        for q in planted.key["quotes"]:
            index = segment_of(evidence, q["participant"], q["quote"])
            if index is not None:
                self.gold.append((index, STAGE_IDS.index(q["stage"])))

    def features(self) -> npt.NDArray[np.float64]:
        return np.hstack([self.vectors, self.questions, self.positions[:, None], self.neighbours])

    def examples(self) -> tuple[npt.NDArray[np.float64], list[int]]:
        rows = [i for i, _ in self.gold]
        return self.features()[rows], [stage for _, stage in self.gold]

    def log_probabilities(self, classifier: StageClassifier) -> npt.NDArray[np.float64]:
        return classifier.log_probabilities(
            self.vectors, self.questions, self.positions, self.neighbours
        )

    def accuracy(self, classifier: StageClassifier | None, weight: float) -> float:
        scores = self.base.copy()
        if classifier is not None:
            learned = self.log_probabilities(classifier)
            informative = informativeness(self.segments)
            say = trust(learned, informative, self.in_diary)
            scores += weight * say * informative[:, None] * learned
        path = np.zeros(len(self.segments), dtype=np.int64)
        for order in _sequences(self.segments):
            path[order] = self.assigner._decode(scores[order])[0]
        return round(float(np.mean([path[i] == stage for i, stage in self.gold])), 3)


def fit(studies: list[Study], c: float, embedder: Embedder) -> StageClassifier:
    parts = [s.examples() for s in studies]
    features = np.vstack([f for f, _ in parts])
    labels = [label for _, labels in parts for label in labels]
    model = LogisticRegression(C=c, max_iter=5000).fit(features, labels)
    coef = np.zeros((len(STAGE_IDS), features.shape[1]))
    intercept = np.full(len(STAGE_IDS), -20.0)  # a stage no quote had stays unlikely
    coef[model.classes_] = model.coef_
    intercept[model.classes_] = model.intercept_
    return StageClassifier(
        VERSION, embedder.name, STAGE_IDS, np.round(coef, DIGITS), np.round(intercept, DIGITS)
    )


def cross_study(studies: list[Study], embedder: Embedder) -> dict[str, Any]:
    """Accuracy on each study left out, without the classifier and at every setting."""
    rows: list[dict[str, Any]] = []
    for left_out in studies:
        row: dict[str, Any] = {"tested_on": left_out.name, "without": left_out.accuracy(None, 0)}
        for c in CS:
            classifier = fit([s for s in studies if s is not left_out], c, embedder)
            for weight in WEIGHTS:
                row[f"C={c} weight={weight}"] = left_out.accuracy(classifier, weight)
            if c == C:
                learned = left_out.log_probabilities(classifier)
                row["sureness"] = round(sureness(learned), 3)
                asked = np.where(left_out.in_diary, 0.0, informativeness(left_out.segments))
                row["concentration"] = round(concentration(learned, asked), 3)
        rows.append(row)
    means = {
        key: _mean([row[key] for row in rows])
        for key in rows[0]
        if key not in ("tested_on", "sureness", "concentration")
    }
    return {"per_study": rows, "means": means}


#: Until the classifier read each segment's neighbourhood it was fitted on the nineteen
#: studies before the first eight written from the brief: refitted with them it placed a
#: study left out no better (each of the eight left out in turn 0.767 against 0.761) and
#: grew surer of PDPilot's usability talk (0.548 -> 0.574). With the neighbourhood, each
#: of the eight left out in turn read 0.811 fitted on the other twenty-six against 0.786
#: fitted on the nineteen (the nineteen 0.924 against 0.925), so they were fitted too.
#: Refitted with the newest four as well (thirty-one studies), each of the four left out
#: in turn read 0.817 against 0.812 fitted on the twenty-seven, the twenty-seven 0.888
#: against 0.890, and PDPilot's usability talk looked more like a journey to it (0.80 ->
#: 0.688 of its talk in one stage, past the familiarity gate's 0.72): not kept. The four
#: are read by the model fitted without them.
FITTED = {name: folder for name, folder in TUNED_STUDIES.items() if name not in NEWEST}


def main() -> dict[str, Any]:
    embedder = MiniLMEmbedder()
    studies = [Study(folder, embedder) for folder in FITTED.values()]
    cross = cross_study(studies, embedder)
    named = dict(zip(FITTED, cross["per_study"], strict=True))
    briefed = [named[name] for name in FROM_THE_BRIEF if name in named]
    best = max((k for k in cross["means"] if k != "without"), key=lambda k: cross["means"][k])
    chosen = f"C={C} weight={StageWeights().learned}"
    classifier = fit(studies, C, embedder)
    MODEL.write_text(json.dumps(_model_json(classifier, studies)) + "\n", encoding="utf-8")
    newest = [Study(TUNED_STUDIES[name], embedder) for name in NEWEST]
    weight = StageWeights().learned
    pdpilot = load_pdpilot(embedder)
    questions, positions, around = StageAssigner(
        DEFAULT_STAGES, embedder, StageWeights(learned=0.0)
    ).classifier_inputs(pdpilot.segments, pdpilot.vectors)
    pdpilot_learned = classifier.log_probabilities(pdpilot.vectors, questions, positions, around)
    report: dict[str, Any] = {
        "benchmark": "stage classifier, leaving one tuned study out",
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "cross_study": cross["per_study"],
        "mean_without_classifier": cross["means"]["without"],
        "mean_by_setting": {k: v for k, v in cross["means"].items() if k != "without"},
        "best_setting": best,
        "shipped_setting": chosen,
        "mean_with_shipped_setting": cross["means"][chosen],
        "from_the_brief_with_shipped_setting": _mean([row[chosen] for row in briefed]),
        "from_the_brief_without_classifier": _mean([row["without"] for row in briefed]),
        "newest_four_read_by_the_final_model": {
            study.name: study.accuracy(classifier, weight) for study in newest
        },
        "newest_four_with_the_final_model": _mean(
            [study.accuracy(classifier, weight) for study in newest]
        ),
        "newest_four_without_classifier": _mean([study.accuracy(None, 0) for study in newest]),
        "final_model": {"version": VERSION, "examples": sum(len(s.gold) for s in studies)},
        "pdpilot_sureness_with_final_model": round(sureness(pdpilot_learned), 3),
        "pdpilot_concentration_with_final_model": round(
            concentration(pdpilot_learned, informativeness(pdpilot.segments)), 3
        ),
    }
    REPORT.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return report


def _model_json(classifier: StageClassifier, studies: list[Study]) -> dict[str, Any]:
    return {
        "version": VERSION,
        "embedder": classifier.embedder,
        "stages": list(classifier.stages),
        "features": "segment vector, question vector (zeros if none), position 0-1, mean "
        "vector of the two segments before and of the two after in the conversation, mean "
        "question vector of the two before and of the two after (zeros if none)",
        "trained_on": "the planted quotes of the tuned studies: "
        + ", ".join(f"tests/synthesis/{f.name}" for f in FITTED.values())
        + " (benchmarks/train_stage.py)",
        "examples": sum(len(s.gold) for s in studies),
        "C": C,
        "intercept": classifier.intercept.tolist(),
        "coef": classifier.coef.tolist(),
    }


def _mean(values: list[float]) -> float:
    return round(sum(values) / len(values), 3)


if __name__ == "__main__":
    sys.stdout.write(json.dumps(main(), indent=2) + "\n")
