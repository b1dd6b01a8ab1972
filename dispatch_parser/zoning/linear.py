"""The trained spaCy textcat's arithmetic in numpy, so that parsing needs no spaCy import.

spaCy's bag-of-words text classifier (TextCatBOW.v3, unigrams, exclusive classes) scores a
Doc as softmax(b + sum over its distinct token hashes k of count(k) * (W[:, h0(k)] + W[:, h1(k)])),
where k is the token's string hash (MurmurHash64A, seed 1, of its UTF-8 bytes) and h0/h1 are
MurmurHash3_x86_32 of k's 8 bytes with seeds 0 and 1, modulo the table length. Training and
the model format stay spaCy's (model.py); `export` copies W and b to `linear.npz`, and the
tests check this scorer against spaCy's own predictions.

Importing spaCy costs seconds per process (its CLI and registries come with it); a parse of a
one-page dispatch should not.
"""
from __future__ import annotations

import functools
from itertools import chain
from pathlib import Path
from typing import Sequence

import numpy as np

_M64 = 0xFFFFFFFFFFFFFFFF
_M32 = 0xFFFFFFFF


def murmur64a(data: bytes, seed: int = 1) -> int:
    """MurmurHash64A, as spaCy's StringStore hashes strings."""
    m, r = 0xC6A4A7935BD1E995, 47
    length = len(data)
    h = (seed ^ ((length * m) & _M64)) & _M64
    nblocks = length // 8
    for i in range(nblocks):
        k = int.from_bytes(data[8 * i:8 * i + 8], "little")
        k = (k * m) & _M64
        k ^= k >> r
        k = (k * m) & _M64
        h ^= k
        h = (h * m) & _M64
    tail = data[8 * nblocks:]
    if tail:
        h ^= int.from_bytes(tail, "little")
        h = (h * m) & _M64
    h ^= h >> r
    h = (h * m) & _M64
    h ^= h >> r
    return h


def _rotl32(x: int, r: int) -> int:
    return ((x << r) | (x >> (32 - r))) & _M32


def murmur3_32_u64(key: int, seed: int) -> int:
    """MurmurHash3_x86_32 of a uint64's 8 little-endian bytes (thinc's sparse-linear index)."""
    c1, c2 = 0xCC9E2D51, 0x1B873593
    h = seed & _M32
    for k in (key & _M32, key >> 32):
        k = (k * c1) & _M32
        k = _rotl32(k, 15)
        k = (k * c2) & _M32
        h ^= k
        h = _rotl32(h, 13)
        h = (h * 5 + 0xE6546B64) & _M32
    h ^= 8
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & _M32
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & _M32
    h ^= h >> 16
    return h


@functools.lru_cache(maxsize=262144)
def _slots(token: str, length: int) -> tuple[int, int]:
    key = murmur64a(token.encode("utf-8"), 1)
    return murmur3_32_u64(key, 0) % length, murmur3_32_u64(key, 1) % length


class LinearScorer:
    """softmax(b + counts @ (W[:, h0] + W[:, h1])) per document of feature tokens.

    Each distinct token's summed row W[:, h0] + W[:, h1] is kept in a table the first time the
    token is seen (hashing in Python is the slow part), so a line costs one dict lookup per
    token and one gather; a repeated token is gathered once per occurrence, which is its count.
    """

    def __init__(self, W: np.ndarray, b: np.ndarray, labels: Sequence[str]):
        # one row of class weights per hash slot: a row gather is contiguous
        self.WT = np.ascontiguousarray(W.reshape(len(b), -1).T, dtype=np.float64)
        self.b = np.asarray(b, dtype=np.float64)
        self.labels = list(labels)
        self.length = self.WT.shape[0]
        self._ids: dict[str, int] = {}
        self._table = np.zeros((4096, len(self.b)), dtype=np.float64)

    @classmethod
    def load(cls, path: Path) -> "LinearScorer":
        data = np.load(Path(path) / "linear.npz")
        return cls(data["W"], data["b"], [str(x) for x in data["labels"]])

    def _id(self, token: str) -> int:
        k = self._ids.get(token)
        return k if k is not None else self._add(token)

    def _add(self, token: str) -> int:
        k = len(self._ids)
        if k == len(self._table):
            self._table = np.concatenate([self._table, np.zeros_like(self._table)])
        a, b = _slots(token, self.length)
        self._table[k] = self.WT[a] + self.WT[b]
        self._ids[token] = k
        return k

    def predict(self, docs: Sequence[Sequence[str]]) -> np.ndarray:
        if not docs:
            return np.zeros((0, len(self.b)))
        if len(self._ids) > 1 << 19:      # bound the cache of a long-running server: start over
            self._ids.clear()
        docs = [tokens or ("<empty>",) for tokens in docs]
        # one C-level pass maps every token to its row; only unseen tokens need Python
        flat = list(map(self._ids.get, chain.from_iterable(docs)))
        if None in flat:
            tokens = list(chain.from_iterable(docs))
            flat = [k if k is not None else self._id(t) for k, t in zip(flat, tokens)]
        starts = np.cumsum([0] + [len(tokens) for tokens in docs[:-1]])
        scores = np.add.reduceat(self._table[np.asarray(flat, dtype=np.intp)], starts, axis=0) + self.b
        scores -= scores.max(axis=1, keepdims=True)
        e = np.exp(scores)
        return e / e.sum(axis=1, keepdims=True)


def export(nlp, path: Path) -> None:
    """Write the textcat's W and b (and its label order) to path/linear.npz."""
    textcat = nlp.get_pipe("textcat")
    layer = next(node for node in textcat.model.walk() if node.name == "sparse_linear")
    np.savez_compressed(Path(path) / "linear.npz", W=np.asarray(layer.get_param("W"), dtype=np.float32),
                        b=np.asarray(layer.get_param("b"), dtype=np.float32), labels=np.array(textcat.labels))
