"""Nơi nhận: one entry per line, leading bullet and trailing ';'/'.' removed.

OCR'd letters leave smudges of the signature column (stamp strokes, cut letters) behind an
entry: after its ';' ('Như trên; 2 ` .', 'Ban Bí thư Trung ương Đảng; hộ HY') or after the
archive line's final '.' ('Lưu VT, TTKT. ,„_ ồ'). Those are dropped; a drafter's initials or a
copy count there ('Lưu: VT, CN (2). Ha', 'TTHT(2). (Ệ, 3)') are kept, as written.
"""
from __future__ import annotations

import regex

from ..segment import Segments, smudge_after_semicolon
from ..vntext import rx
from .common import strip_edges

_BULLET = regex.compile(r"^\s*(?:[-+•–—~*]\s*|[.·»]\s+)")


def _smudge_after_stop(tail: str) -> bool:
    return len(tail) <= 6 and "(" not in tail and not rx(r"\p{Lu}").search(tail)


def clean_entry(text: str) -> str:
    text = _BULLET.sub("", text)
    text = rx(r"\s+").sub(" ", text).strip()
    # no entry holds an empty item: after ';' ';' comes text from beside the list, run into it
    # by OCR ('Như trên; ; ae Bộ Tài chính :', the stamp's ring)
    empty = rx(r";\s*;").search(text)
    if empty:
        text = text[:empty.start() + 1]
    m = rx(r";\s*([^;]*)$").search(text)
    if m and m.group(1).strip() and smudge_after_semicolon(m.group(1)):
        text = text[:m.start()]
    m = rx(r"[.)]\s*([^.]*)$").search(text)
    if m and m.group(1).strip() and _smudge_after_stop(m.group(1).strip()):
        text = text[:m.start() + 1]
    return strip_edges(text, " \t;,.:-–—•*_")


def extract_distribution(seg: Segments) -> list[str]:
    out: list[str] = []
    for _line, text in seg.distribution:
        text = clean_entry(text)
        if text:
            out.append(text)
    return out
