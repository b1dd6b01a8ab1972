"""Feature tokens of one line for the zoner: what survives OCR, and what the neighbours say.

Each clean line becomes a list of string tokens that a spaCy bag-of-words text classifier
weighs: folded character trigrams (diacritics and one-letter OCR slips cost little), word
shapes, the first words, coarse length / capitals / digit cues, where the line sits (index from
the top and from the end; a page position `y` bin only when the caller passes one, which the
shipped model does not: its training text has no boxes) and the same cues of the
previous and next non-blank lines under a 'p:' / 'n:' prefix.
"""
from __future__ import annotations

import functools
from typing import Optional, Sequence

import regex

from ..vntext import fold

_WORD = regex.compile(r"[^\W_]+|[^\w\s]", regex.U)
_CLOSING = regex.compile(r"\./\.?\s*$|\.\s*/\s*\.\s*$")


def _bin(value: float, edges: Sequence[float]) -> int:
    for k, edge in enumerate(edges):
        if value < edge:
            return k
    return len(edges)


@functools.lru_cache(maxsize=65536)
def shape(word: str) -> str:
    """'Số' -> 'Xx', '1063/TTr' -> 'd/XXx' with runs collapsed: OCR slips rarely change it."""
    out = []
    for c in word[:12]:
        s = "X" if c.isupper() else "x" if c.isalpha() else "d" if c.isdigit() else c
        if not out or out[-1] != s:
            out.append(s)
    return "".join(out)


def _cues(text: str) -> list[str]:
    """Cues of a line that neighbours also report (kept few: they are repeated with a prefix)."""
    folded = fold(text).strip()
    words = _WORD.findall(folded)
    raw_words = _WORD.findall(text.strip())
    letters = [c for c in text if c.isalpha()]
    upper = sum(c.isupper() for c in letters) / len(letters) if letters else 0.0
    cues = [f"len{_bin(len(text.strip()), (3, 12, 25, 45, 70, 110))}",
            f"up{_bin(upper, (0.2, 0.5, 0.8))}"]
    if words:
        cues.append("f=" + words[0])
        if len(words) > 1:
            cues.append("f2=" + words[0] + "_" + words[1])
    if raw_words:
        cues.append("s=" + shape(raw_words[0]))
    if text.rstrip().endswith(":"):
        cues.append("colon")
    if _CLOSING.search(text):
        cues.append("closing")
    if any(c.isdigit() for c in text):
        cues.append("digit")
    return cues


def document_features(texts: Sequence[str], positions: Optional[Sequence[Optional[float]]] = None) -> list[list[str]]:
    """Feature tokens of every line of a document (each line's cues computed once)."""
    cues = [_cues(t) for t in texts]
    return [line_features(texts, i, positions, cues) for i in range(len(texts))]


def line_features(texts: Sequence[str], i: int, positions: Optional[Sequence[Optional[float]]] = None,
                  cues: Optional[list[list[str]]] = None) -> list[str]:
    """Feature tokens of line `i` of a document's non-blank lines `texts`."""
    text = texts[i]
    folded = fold(text).strip()
    feats = list(cues[i]) if cues is not None else _cues(text)
    words = _WORD.findall(folded)
    feats += ["w=" + w for w in words[:10]]
    shapes = [shape(w) for w in _WORD.findall(text.strip())[:6]]
    feats += ["sh=" + s for s in shapes]
    feats.append("shseq=" + "_".join(shapes[:3]))
    padded = " " + regex.sub(r"\s+", " ", folded[:60]) + " "
    feats += ["c=" + padded[k:k + 3] for k in range(len(padded) - 2)]
    n = len(texts)
    feats.append(f"pos{_bin(i / max(1, n), (0.05, 0.1, 0.2, 0.35, 0.5, 0.65, 0.8, 0.9, 0.95))}")
    feats.append(f"top{min(i, 12)}")
    feats.append(f"end{_bin(n - 1 - i, (1, 2, 3, 5, 8, 12, 20))}")
    if positions is not None and positions[i] is not None:
        feats.append(f"y{_bin(positions[i], (0.1, 0.2, 0.3, 0.5, 0.7, 0.85))}")
    for prefix, j in (("p:", i - 1), ("n:", i + 1), ("pp:", i - 2), ("nn:", i + 2)):
        if 0 <= j < n:
            near = cues[j] if cues is not None else _cues(texts[j])
            feats += [prefix + c for c in (near if len(prefix) == 2 else near[:3])]
        else:
            feats.append(prefix + "none")
    return feats
