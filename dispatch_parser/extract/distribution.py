"""Nơi nhận: one entry per line, leading bullet and trailing ';'/'.' removed.

OCR'd letters leave smudges of the signature column (stamp strokes, cut letters) behind an
entry: after its ';' ('Như trên; 2 ` .', 'Ban Bí thư Trung ương Đảng; hộ HY') or after the
archive line's final '.' ('Lưu VT, TTKT. ,„_ ồ'). Those are dropped; a drafter's initials or a
copy count there ('Lưu: VT, CN (2). Ha', 'TTHT(2). (Ệ, 3)') are kept, as written.
"""
from __future__ import annotations

import regex

from ..segment import Segments, is_archive_line, smudge_after_semicolon
from ..vntext import rx
from .common import strip_edges

_BULLET = regex.compile(r"^\s*(?:[-+•–—~*]\s*|[.·»]\s+)")


def _smudge_after_stop(tail: str) -> bool:
    if len(tail) > 6 or "(" in tail:
        return False
    # lower case only ('qọ /'), or one letter among signs ('Z£'): a drafter's initials are
    # capitals and nothing else ('Ha', 'KN')
    return not rx(r"\p{Lu}").search(tail) or (
        len(rx(r"\p{L}").findall(tail)) <= 1 and bool(rx(r"[^\p{L}\d\s]").search(tail)))


# a drafter's initials after the archive line's stop, then a lower-case speck ('(3b).KN oy')
_INITIALS_SPECK = regex.compile(r"(?<=[.)]\s*\p{Lu}{2,4})\s+[a-z]{1,2}$")


def _signature_word_after_semicolon(tail: str) -> bool:
    """One word in capitals behind a dash after an entry's ';' ('Như trên; - CƯẾTRUớI'): the
    signature column's title, garbled past recognition, read onto the list's line. The column
    stands beside the list's first lines only; a second entry on a line would close with ';',
    hold lower-case words or be a unit's short code ('- VPCP')."""
    m = rx(r"^[-–~]\s*([^\s;]+)$").match(tail.strip())
    if m is None:
        return False
    letters = [c for c in m.group(1) if c.isalpha()]
    return len(letters) >= 6 and sum(c.isupper() for c in letters) >= 0.75 * len(letters)


def clean_entry(text: str, beside_signature: bool = False) -> str:
    text = _BULLET.sub("", text)
    text = rx(r"\s+").sub(" ", text).strip()
    # no entry holds an empty item: after ';' ';' comes text from beside the list, run into it
    # by OCR ('Như trên; ; ae Bộ Tài chính :', the stamp's ring)
    empty = rx(r";\s*;").search(text)
    if empty:
        text = text[:empty.start() + 1]
    m = rx(r";\s*([^;]*)$").search(text)
    if m and m.group(1).strip() and (smudge_after_semicolon(m.group(1))
                                     or beside_signature and _signature_word_after_semicolon(m.group(1))):
        text = text[:m.start()]
    m = rx(r"[.)]\s*([^.]*)$").search(text)
    if m and m.group(1).strip() and _smudge_after_stop(m.group(1).strip()):
        text = text[:m.start() + 1]
    if is_archive_line(text):
        text = _INITIALS_SPECK.sub("", text)
    return strip_edges(text, " \t;,.:-–—•*_=")      # "=": a dash OCR read doubled


def extract_distribution(seg: Segments) -> list[str]:
    out: list[str] = []
    for k, (_line, text) in enumerate(seg.distribution):
        text = clean_entry(text, beside_signature=k < 4)
        if text:
            out.append(text)
    return out
