"""Feature tokens of one line for the zoner: what survives OCR, and what the neighbours say.

Each clean line becomes a list of string tokens that a spaCy bag-of-words text classifier
weighs: folded character trigrams of its first words (diacritics and one-letter OCR slips cost little), word
shapes, the first words, coarse length / capitals / digit cues, where the line sits (index from
the top and from the end), the same cues of the previous and next non-blank lines under a
'p:' / 'n:' prefix, and, where the reader gave the line a box (PDF, OCR, DOCX), its place on
the page: height from the top, indent, centre, type size against the document's usual (line
height, and the character pitch of long lines), the gap above it, first / last page, and the
reader's column (`geometry`).

Speed matters here (parse() runs this on every laid-out page): each line's words and cues are
computed once and reused by its neighbours, and a word's trigrams are cached.
"""
from __future__ import annotations

import functools
import re
from bisect import bisect_right
from typing import Optional, Sequence

import regex

from ..vntext import fold

# the standard library's engine: a third of the `regex` module's time on these simple classes
_WORD = re.compile(r"[^\W_]+|[^\w\s]")
_CLOSING = regex.compile(r"\./\.?\s*$|\.\s*/\s*\.\s*$")

# (page, top, x0, x1, height, column) of a line with a box, in PDF points (A4: 595 x 842)
Geometry = Optional[tuple]
PAGE_W, PAGE_H = 595.0, 842.0


def _bin(value: float, edges: Sequence[float]) -> int:
    """The number of edges at or below `value`."""
    return bisect_right(edges, value)


@functools.lru_cache(maxsize=65536)
def shape(word: str) -> str:
    """'Số' -> 'Xx', '1063/TTr' -> 'd/Xx' with runs collapsed: OCR slips rarely change it."""
    out = []
    for c in word[:12]:
        s = "X" if c.isupper() else "x" if c.isalpha() else "d" if c.isdigit() else c
        if not out or out[-1] != s:
            out.append(s)
    return "".join(out)


TRIGRAM_WORDS = 8        # the first words carry a line's role; trigrams of all of a long line cost time


@functools.lru_cache(maxsize=131072)
def _trigrams(word: str) -> list[str]:
    """'c=' tokens of the letter trigrams of ' word ' (a syllable repeats: computed once)."""
    padded = " " + word + " "
    return ["c=" + padded[k:k + 3] for k in range(len(padded) - 2)]


@functools.lru_cache(maxsize=131072)
def _word_tokens(word: str) -> list[str]:
    """The 'w=' token and the trigrams of one of a line's first words (cached: syllables repeat)."""
    return ["w=" + word] + _trigrams(word)


# the bin tokens, built once
_TOP, _END, _POS = [f"top{k}" for k in range(13)], [f"end{k}" for k in range(8)], [f"pos{k}" for k in range(10)]
_LEN, _UP = [f"len{k}" for k in range(7)], [f"up{k}" for k in range(4)]
_Y, _X, _CX = [f"y{k}" for k in range(8)], [f"x{k}" for k in range(6)], [f"cx{k}" for k in range(5)]
_HT, _GAP = [f"ht{k}" for k in range(5)], [f"gap{k}" for k in range(5)]
_PITCH = [f"pt{k}" for k in range(4)]
PITCH_CHARS = 25      # a line this long averages out its letters' widths: its pitch tells the type size


def geometry(lines) -> list[Geometry]:
    """Each clean line's box as (page, top, x0, x1, height, column), None without a box."""
    out: list[Geometry] = []
    for line in lines:
        b = line.box
        out.append(None if b is None else (line.page, b.top, b.x0, b.x1, max(0.1, b.bottom - b.top), line.column))
    return out


def _line_parts(text: str, folded: str):
    """(cues, folded words, raw words) of one line, computed once per document."""
    stripped = text.strip()
    folded = folded.strip()
    # only the first words are used: the first 8 folded ones, the first 3 as written (shapes)
    words = _WORD.findall(folded[:80])
    raw_words = _WORD.findall(stripped[:40])
    letters = sum(map(str.isalpha, text))
    upper = sum(map(str.isupper, text)) / letters if letters else 0.0
    cues = [_LEN[_bin(len(stripped), (3, 12, 25, 45, 70, 110))], _UP[_bin(upper, (0.2, 0.5, 0.8))]]
    if words:
        cues.append("f=" + words[0])
        if len(words) > 1:
            cues.append("f2=" + words[0] + "_" + words[1])
    if raw_words:
        cues.append("s=" + shape(raw_words[0]))
    if stripped.endswith(":"):
        cues.append("colon")
    if _CLOSING.search(text):
        cues.append("closing")
    if any(map(str.isdigit, text)):
        cues.append("digit")
    return cues, words, raw_words, folded


def pitches(texts: Sequence[str], geo: Sequence[Geometry]) -> list[Optional[float]]:
    """Each line's character pitch (box width per character) against the document's usual
    pitch, None for a short line or one without a box. On a small photo a line's box height
    swings with its diacritics, but the width of a long line still tells 10-pt footnote type
    from 13-pt body type."""
    raw = [(g[3] - g[2]) / len(t.strip()) if g is not None and len(t.strip()) >= PITCH_CHARS else None
           for t, g in zip(texts, geo)]
    known = sorted(r for r in raw if r is not None)
    if not known:
        return [None] * len(raw)
    usual = known[len(known) // 2]
    return [None if r is None else r / usual for r in raw]


def _geometry_tokens(geo: Sequence[Geometry], texts: Sequence[str]) -> list[list[str]]:
    boxed = [g for g in geo if g is not None]
    if not boxed:
        return [[] for _ in geo]
    heights = sorted(g[4] for g in boxed)
    usual = heights[len(heights) // 2]
    pitch = pitches(texts, geo)
    last_page = max(g[0] for g in boxed)
    out: list[list[str]] = []
    prev = None
    for g, pt in zip(geo, pitch):
        if g is None:
            out.append([])
            continue
        page, top, x0, x1, height, column = g
        toks = [_Y[_bin(top / PAGE_H, (0.1, 0.2, 0.3, 0.5, 0.7, 0.85, 0.93))],
                _X[_bin(x0 / PAGE_W, (0.1, 0.17, 0.3, 0.45, 0.6))],
                _CX[_bin((x0 + x1) / 2 / PAGE_W, (0.3, 0.45, 0.55, 0.7))],
                _HT[_bin(height / usual, (0.75, 0.9, 1.12, 1.35))]]
        if pt is not None:
            toks.append(_PITCH[_bin(pt, (0.86, 0.93, 1.12))])
        if page == 1:
            toks.append("pg1")
        if page == last_page:
            toks.append("pglast")
        if prev is None or prev[0] != page:
            toks.append("gapnew")
        else:
            toks.append(_GAP[_bin((top - prev[1] - prev[4]) / usual, (0.3, 0.8, 1.6, 3.0))])
        if column:
            toks.append("col=" + column)
        out.append(toks)
        prev = g
    return out


def document_features(texts: Sequence[str], geo: Optional[Sequence[Geometry]] = None,
                      folded: Optional[Sequence[str]] = None) -> list[list[str]]:
    """Feature tokens of every non-blank line of a document; `folded` (CleanLine.folded) saves
    folding again, `geo` (from `geometry`) adds the page-position tokens."""
    n = len(texts)
    parts = [_line_parts(t, folded[i] if folded is not None else fold(t)) for i, t in enumerate(texts)]
    geo_tokens = _geometry_tokens(geo, texts) if geo is not None else None
    # the neighbours' cues, each prefixed once
    near = {prefix: [[prefix + c for c in (cues if full else cues[:3])] for cues, _, _, _ in parts]
            for prefix, full in (("p:", True), ("n:", True), ("pp:", False), ("nn:", False))}
    none = {p: [p + "none"] for p in near}
    steps = (("p:", -1), ("n:", 1), ("pp:", -2), ("nn:", 2))
    out = []
    for i, (cues, words, raw_words, f) in enumerate(parts):
        feats = list(cues)
        for w in words[:TRIGRAM_WORDS]:
            feats += _word_tokens(w)
        feats.append("shseq=" + "_".join([shape(w) for w in raw_words[:3]]))
        feats += (_POS[_bin(i / max(1, n), (0.05, 0.1, 0.2, 0.35, 0.5, 0.65, 0.8, 0.9, 0.95))],
                  _TOP[min(i, 12)], _END[_bin(n - 1 - i, (1, 2, 3, 5, 8, 12, 20))])
        if geo_tokens is not None:
            feats += geo_tokens[i]
        for prefix, step in steps:
            j = i + step
            feats += near[prefix][j] if 0 <= j < n else none[prefix]
        out.append(feats)
    return out


def line_features(texts: Sequence[str], i: int, geo: Optional[Sequence[Geometry]] = None) -> list[str]:
    """Feature tokens of line `i` of a document's non-blank lines `texts`."""
    return document_features(texts, geo)[i]
