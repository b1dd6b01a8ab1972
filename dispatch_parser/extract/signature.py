"""The signature block: authority lines (TM./KT./TL./TUQ./Q.), position, name."""
from __future__ import annotations

from typing import Optional

import regex

from ..models import Signer
from ..segment import AUTHORITY, Segments, is_upper_line
from ..vntext import expand_abbreviations, fold, person_case, sentence_case

_NOISE = regex.compile(r"^(?:\(?(?:đã\s*ký|da\s*ky|ký|ky)\)?|\(?chữ\s*ký.*|\(?ký,.*|\(?ký tên.*|\(?đóng dấu.*)$", regex.I)


def extract_signer(seg: Segments) -> Optional[Signer]:
    texts = [t.strip(" |*_") for _line, t in seg.signature]
    texts = [t for t in texts if t and not _NOISE.match(t)]
    if not texts:
        return None
    authority: list[str] = []
    position: Optional[str] = None
    name: Optional[str] = None
    for t in texts:
        if _is_name(t) and (position or authority) and name is None:
            name = person_case(t)
            continue
        m = AUTHORITY.match(t)
        if m and name is None:
            prefix = regex.sub(r"[^A-Za-z]", "", m.group(1)).upper()
            rest = t[m.end():].strip()
            authority.append(f"{prefix}. {sentence_case(expand_abbreviations(rest))}")
            continue
        if is_upper_line(t, 0.7) and name is None and position is None:
            position = sentence_case(t)
            continue
        if position and is_upper_line(t, 0.7) and name is None and not _is_name(t):
            position = position + " " + sentence_case(t)
            continue
        if name is None and _is_name(t):
            name = person_case(t)
    if not (authority or position or name):
        return None
    return Signer(name=name, position=position, authority=authority)


def _is_name(text: str) -> bool:
    words = text.split()
    if not 2 <= len(words) <= 6 or regex.search(r"[\d:;/()\[\],]", text):
        return False
    if AUTHORITY.match(text):
        return False
    return all(w[:1].isupper() for w in words)
