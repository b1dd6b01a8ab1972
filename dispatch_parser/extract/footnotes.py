"""Footnotes: the texts of the footnote blocks, without their markers, in order.

A footnote is its opening line (CleanLine.footnote holds the marker) and the wrapped lines
after it (marker '')."""
from __future__ import annotations

from ..segment import Segments
from .common import join_lines


def extract_footnotes(seg: Segments) -> list[str]:
    blocks: list[list[str]] = []
    for line in seg.footnotes:
        if line.footnote or not blocks:
            blocks.append([])
        blocks[-1].append(line.text)
    return [t for t in (join_lines(b) for b in blocks) if t]
