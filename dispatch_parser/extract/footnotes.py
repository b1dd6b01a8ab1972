"""Footnotes: the texts of the footnote blocks, without their markers, in order."""
from __future__ import annotations

from ..segment import Segments
from .common import join_lines


def extract_footnotes(seg: Segments) -> list[str]:
    return [join_lines([l.text]) for l in seg.footnotes if l.text.strip()]
