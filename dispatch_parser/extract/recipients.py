"""Kính gửi: one entry per addressee group, split at bullets and ';'."""
from __future__ import annotations

import regex

from ..segment import Segments
from .common import join_lines, strip_edges

_BULLET = regex.compile(r"^\s*[-+•–—~*]\s*")


def extract_recipients(seg: Segments) -> list[str]:
    if not seg.recipients:
        return []
    entries: list[list[str]] = []
    first = seg.recipients[0].text[seg.recipients_first_offset:].strip()
    for i, text in enumerate([first] + [l.text for l in seg.recipients[1:]]):
        if not text.strip():
            continue
        if _BULLET.match(text) or not entries:
            entries.append([_BULLET.sub("", text)])
        else:
            entries[-1].append(text)
    out: list[str] = []
    for entry in entries:
        joined = join_lines(entry)
        for piece in regex.split(r";\s*(?:[-+•–—]\s*)?", joined):
            piece = strip_edges(_BULLET.sub("", piece), " \t;,.:-–—•*_")
            if piece:
                out.append(piece)
    return out
