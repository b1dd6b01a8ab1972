"""The zoner model: a spaCy text classifier over one line's feature tokens + a label-sequence pass.

spaCy's `textcat` (exclusive classes, bag-of-words architecture) weighs the hashed feature
tokens of `features.line_features`; each line is one `Doc` whose words are those tokens. The
classifier sees neighbours only through their cues, so a Viterbi pass over the document adds
what it cannot: which zone may follow which (a transition table counted on the training
sequences, saved beside the spaCy pipeline as `transitions.json`).
"""
from __future__ import annotations

import functools
import json
import math
import random
from pathlib import Path
from typing import Optional, Sequence

from .features import line_features
from .labels import LABELS

MODEL_DIR = Path(__file__).resolve().parents[2] / "models" / "zoner"
BOW_LENGTH = 2 ** 17          # hashed feature slots: 16 labels x 131072 floats ~ 8 MB on disk
TRANSITION_WEIGHT = 0.5


def _doc(nlp, feats: list[str]):
    from spacy.tokens import Doc
    return Doc(nlp.vocab, words=feats or ["<empty>"])


def new_pipeline():
    import spacy
    nlp = spacy.blank("xx")       # no Vietnamese pipeline exists; the tokens are our own features
    config = {"threshold": 0.5, "model": {"@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": True,
                                          "ngram_size": 1, "no_output_layer": False, "length": BOW_LENGTH}}
    textcat = nlp.add_pipe("textcat", config=config)
    for label in LABELS:
        textcat.add_label(label)
    return nlp


def count_transitions(sequences: Sequence[Sequence[str]]) -> dict:
    """Add-one smoothed log P(next label | label), and of the first label."""
    idx = {l: k for k, l in enumerate(LABELS)}
    n = len(LABELS)
    trans = [[1.0] * n for _ in range(n)]
    start = [1.0] * n
    for seq in sequences:
        if not seq:
            continue
        start[idx[seq[0]]] += 1
        for a, b in zip(seq, seq[1:]):
            trans[idx[a]][idx[b]] += 1
    log_trans = [[math.log(v / sum(row)) for v in row] for row in trans]
    log_start = [math.log(v / sum(start)) for v in start]
    return {"labels": LABELS, "start": log_start, "trans": log_trans}


def train(examples: list[tuple[list[str], list[str]]], *, epochs: int = 6, seed: int = 0,
          batch_size: int = 256, log=None):
    """Train a fresh pipeline on (line texts, labels) documents; returns (nlp, transitions)."""
    import spacy
    from spacy.training import Example
    spacy.util.fix_random_seed(seed)
    nlp = new_pipeline()
    items = []
    for texts, labels in examples:
        for i, label in enumerate(labels):
            doc = _doc(nlp, line_features(texts, i))
            items.append(Example.from_dict(doc, {"cats": {l: float(l == label) for l in LABELS}}))
    optimizer = nlp.initialize(lambda: items[:2000])
    rng = random.Random(seed)
    for epoch in range(epochs):
        rng.shuffle(items)
        losses: dict = {}
        for k in range(0, len(items), batch_size):
            nlp.update(items[k:k + batch_size], sgd=optimizer, losses=losses)
        if log:
            log(f"epoch {epoch + 1}: loss {losses.get('textcat', 0.0):.2f} over {len(items)} lines")
    return nlp, count_transitions([labels for _, labels in examples])


def save(nlp, transitions: dict, path: Path) -> None:
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    # the feature strings are hashed by the model; their string table is not needed to predict
    nlp.to_disk(path, exclude=["vocab"])
    (path / "transitions.json").write_text(json.dumps(transitions), encoding="utf-8")


class Zoner:
    """A loaded model: `label(texts)` -> [(label, probability)] for each line."""

    def __init__(self, nlp, transitions: dict):
        self.nlp = nlp
        self.textcat = nlp.get_pipe("textcat")
        self.labels = list(self.textcat.labels)
        order = [transitions["labels"].index(l) for l in self.labels]
        self.start = [transitions["start"][k] for k in order]
        self.trans = [[transitions["trans"][a][b] for b in order] for a in order]

    @classmethod
    def load(cls, path: Path = MODEL_DIR) -> "Zoner":
        import spacy
        path = Path(path)
        nlp = spacy.load(path)
        transitions = json.loads((path / "transitions.json").read_text(encoding="utf-8"))
        return cls(nlp, transitions)

    def probabilities(self, texts: Sequence[str], positions=None) -> list[dict[str, float]]:
        if not texts:
            return []
        docs = [_doc(self.nlp, line_features(texts, i, positions)) for i in range(len(texts))]
        scores = self.textcat.predict(docs)
        return [dict(zip(self.labels, map(float, row))) for row in scores]

    def label(self, texts: Sequence[str], positions=None, sequence: bool = True) -> list[tuple[str, float]]:
        probs = self.probabilities(texts, positions)
        if not probs:
            return []
        if not sequence:
            return [max(p.items(), key=lambda kv: kv[1]) for p in probs]
        path = self._viterbi(probs)
        return [(self.labels[k], probs[i][self.labels[k]]) for i, k in enumerate(path)]

    def _viterbi(self, probs: list[dict[str, float]]) -> list[int]:
        n = len(self.labels)
        emit = [[math.log(max(p[l], 1e-9)) for l in self.labels] for p in probs]
        w = TRANSITION_WEIGHT
        score = [w * self.start[k] + emit[0][k] for k in range(n)]
        back = []
        for row in emit[1:]:
            new, ptr = [], []
            for b in range(n):
                best = max(range(n), key=lambda a: score[a] + w * self.trans[a][b])
                new.append(score[best] + w * self.trans[best][b] + row[b])
                ptr.append(best)
            score, back = new, back + [ptr]
        k = max(range(n), key=lambda a: score[a])
        path = [k]
        for ptr in reversed(back):
            k = ptr[k]
            path.append(k)
        return path[::-1]


@functools.lru_cache(maxsize=2)
def load_zoner(path: Optional[str] = None) -> Zoner:
    return Zoner.load(Path(path) if path else MODEL_DIR)
