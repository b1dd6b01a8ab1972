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

import numpy as np

from .features import document_features
from .labels import LABELS
from .linear import LinearScorer, export

# The model lives in the repository's models/zoner (training writes there; an editable install
# reads it in place). A wheel carries a copy of the files parsing reads inside the package
# (setup.py copies them at build time), for installs that have no repository beside them.
REPO_MODEL_DIR = Path(__file__).resolve().parents[2] / "models" / "zoner"
INSTALLED_MODEL_DIR = Path(__file__).resolve().parent / "zoner_model"
MODEL_DIR = REPO_MODEL_DIR if REPO_MODEL_DIR.is_dir() else INSTALLED_MODEL_DIR
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


def train(examples: list[tuple], *, epochs: int = 6, seed: int = 0, batch_size: int = 256, log=None):
    """Train a fresh pipeline on (line texts, labels[, geometry]) documents; returns (nlp, transitions)."""
    import spacy
    from spacy.training import Example
    spacy.util.fix_random_seed(seed)
    nlp = new_pipeline()
    items = []
    for example in examples:
        texts, labels, geo = example if len(example) == 3 else (*example, None)
        for feats, label in zip(document_features(texts, geo), labels):
            items.append(Example.from_dict(_doc(nlp, feats), {"cats": {l: float(l == label) for l in LABELS}}))
    optimizer = nlp.initialize(lambda: items[:2000])
    textcat = nlp.get_pipe("textcat")
    rng = random.Random(seed)
    for epoch in range(epochs):
        rng.shuffle(items)
        losses: dict = {}
        for k in range(0, len(items), batch_size):
            # the component's own update: Language.update would copy every Doc of the batch first
            textcat.update(items[k:k + batch_size], sgd=optimizer, losses=losses)
        if log:
            log(f"epoch {epoch + 1}: loss {losses.get('textcat', 0.0):.2f} over {len(items)} lines")
    return nlp, count_transitions([example[1] for example in examples])


def save(nlp, transitions: dict, path: Path) -> None:
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    # the feature strings are hashed by the model; their string table is not needed to predict
    nlp.to_disk(path, exclude=["vocab"])
    export(nlp, path)              # the same weights for the spaCy-free scorer used at parse time
    (path / "transitions.json").write_text(json.dumps(transitions), encoding="utf-8")


class _SpacyScorer:
    """The spaCy pipeline itself behind LinearScorer's interface (to check one against the other)."""

    def __init__(self, nlp):
        self.nlp = nlp
        self.labels = list(nlp.get_pipe("textcat").labels)

    def predict(self, docs):
        return np.asarray(self.nlp.get_pipe("textcat").predict([_doc(self.nlp, d) for d in docs]), dtype=float)


class Zoner:
    """A loaded model: `label(texts)` -> [(label, probability)] for each line.

    `Zoner.load` scores with the exported weights in numpy (linear.py: no spaCy import at parse
    time); `Zoner.load_spacy` runs the spaCy pipeline itself, with the same results.
    """

    def __init__(self, scorer, transitions: dict):
        self.scorer = scorer
        self.labels = list(scorer.labels)
        order = [transitions["labels"].index(l) for l in self.labels]
        self.start = [transitions["start"][k] for k in order]
        self.trans = [[transitions["trans"][a][b] for b in order] for a in order]

    @staticmethod
    def _transitions(path: Path) -> dict:
        return json.loads((Path(path) / "transitions.json").read_text(encoding="utf-8"))

    @classmethod
    def load(cls, path: Path = MODEL_DIR) -> "Zoner":
        return cls(LinearScorer.load(Path(path)), cls._transitions(path))

    @classmethod
    def load_spacy(cls, path: Path = MODEL_DIR) -> "Zoner":
        import spacy
        return cls(_SpacyScorer(spacy.load(Path(path))), cls._transitions(path))

    def probabilities(self, texts: Sequence[str], geo=None, folded=None) -> np.ndarray:
        """The classifier's label distribution of each line (rows in `self.labels` order);
        `geo`: features.geometry of the lines, `folded`: their folded texts (saves folding)."""
        if not texts:
            return np.zeros((0, len(self.labels)))
        return self.scorer.predict(document_features(texts, geo, folded))

    def label(self, texts: Sequence[str], geo=None, folded=None) -> list[tuple[str, float]]:
        """(label, confidence) per line: the labels are the best label sequence (Viterbi) and the
        confidence is each label's posterior marginal (forward-backward) under the classifier's
        scores and the transition table."""
        probs = self.probabilities(texts, geo, folded)
        if not len(probs):
            return []
        emit = np.log(np.maximum(probs, 1e-9))
        start = TRANSITION_WEIGHT * np.asarray(self.start)
        trans = TRANSITION_WEIGHT * np.asarray(self.trans)
        path = _viterbi(emit, start, trans)
        post = _posteriors(emit, start, trans)
        return [(self.labels[k], float(post[i, k])) for i, k in enumerate(path)]


def _viterbi(emit: np.ndarray, start: np.ndarray, trans: np.ndarray) -> list[int]:
    score = start + emit[0]
    back = []
    cols = np.arange(trans.shape[1])
    for row in emit[1:]:
        cand = score[:, None] + trans          # previous label x next label
        best = cand.argmax(axis=0)
        back.append(best)
        score = cand[best, cols] + row
    k = int(score.argmax())
    path = [k]
    for ptr in reversed(back):
        k = int(ptr[k])
        path.append(k)
    return path[::-1]


def _posteriors(emit: np.ndarray, start: np.ndarray, trans: np.ndarray) -> np.ndarray:
    """Forward-backward marginals, in probability space: one 16 x 16 matrix-vector product
    per line and direction (log-space sums cost several times more). A row's scale cancels
    in the marginals, so the running vectors are rescaled only every few lines, against
    underflow."""
    n = len(emit)
    E = np.exp(emit - emit.max(axis=1, keepdims=True))      # a per-line scale cancels out
    A = np.exp(trans - trans.max())
    fwd = np.empty_like(E)
    bwd = np.empty_like(E)
    f = np.exp(start - start.max()) * E[0]
    fwd[0] = f
    for i in range(1, n):
        f = (f @ A) * E[i]
        if not i & 3:
            f /= f.max()
        fwd[i] = f
    b = np.ones(E.shape[1])
    bwd[n - 1] = b
    for i in range(n - 2, -1, -1):
        b = A @ (E[i + 1] * b)
        if not i & 3:
            b /= b.max()
        bwd[i] = b
    joint = fwd * bwd
    return joint / joint.sum(axis=1, keepdims=True)


@functools.lru_cache(maxsize=2)
def load_zoner(path: Optional[str] = None) -> Zoner:
    return Zoner.load(Path(path) if path else MODEL_DIR)
