"""The trích yếu: the V/v line of a công văn, or the title under a type name."""
from __future__ import annotations

from typing import Optional

import regex

from ..segment import Segments
from .common import join_lines, strip_edges

_LEADING = regex.compile(r"^(?:v\s*/\s*v|về\s+việc|ve\s+viec|về)\s*:?\s*", regex.I)


def extract_subject(seg: Segments) -> Optional[str]:
    if seg.subject:
        texts = [seg.subject[0].text[seg.subject_first_offset:]] + [l.text for l in seg.subject[1:]]
        texts = [_drop_fused_date(t) for t in texts]
    elif seg.title:
        texts = [l.text for l in seg.title]
    else:
        return None
    subject = strip_edges(join_lines(texts), " \t;,:-–—•*_")
    subject = _LEADING.sub("", subject) if not seg.subject else subject
    subject = subject.rstrip(".") if subject.endswith(".") and not subject.endswith("..") else subject
    return subject or None


_DATE_TAIL = regex.compile(r"\s+[\p{Lu}][\p{L}.]*(?:\s+[\p{Lu}][\p{L}.]*){0,3}\s*,\s*ng[aà]y\b.*$")


def _drop_fused_date(text: str) -> str:
    """'V/v thuế GTGT Hà Nội, ngày 08 tháng 12' (two columns fused): keep the subject part."""
    return _DATE_TAIL.sub("", text)
