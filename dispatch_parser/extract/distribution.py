"""Nơi nhận: one entry per line, leading '-' and trailing ';'/'.' removed."""
from __future__ import annotations

import regex

from ..segment import Segments
from .common import strip_edges

_BULLET = regex.compile(r"^\s*[-+•–—~*]\s*")


def extract_distribution(seg: Segments) -> list[str]:
    out: list[str] = []
    for _line, text in seg.distribution:
        text = _BULLET.sub("", text)
        text = regex.sub(r"\s+", " ", text)
        text = strip_edges(text, " \t;,.:-–—•*_")
        if text:
            out.append(text)
    return out
