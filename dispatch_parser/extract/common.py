"""Helpers the extractors share: joining wrapped lines, provenance, dates."""
from __future__ import annotations

import datetime as dt
from typing import Iterable, Optional

from ..models import Box, PageBox, Provenance
from ..normalize import CleanLine
from ..vntext import rx

EDGE = " \t;,.:-–—•*_"


def join_lines(texts: Iterable[str]) -> str:
    """Join wrapped lines into one: hyphenated symbols ('TT-' + 'BTC') join without a space."""
    out = ""
    for t in texts:
        t = t.strip()
        if not t:
            continue
        if not out:
            out = t
        elif rx(r"[\p{Lu}\d]-$").search(out) and rx(r"[\p{Lu}\d]").match(t):
            out += t
        elif rx(r"\d/$").search(out) or out.endswith("/"):
            out += t
        else:
            out += " " + t
    return rx(r"\s+").sub(" ", out).strip()


def strip_edges(text: str, chars: str = EDGE) -> str:
    return text.strip(chars)


def provenance(lines: list[CleanLine], zone: Optional[str] = None) -> Optional[Provenance]:
    """The span (and page/box where known) covering these lines; a value that runs over a
    page break also lists one box per page."""
    lines = [l for l in lines if l is not None]
    if not lines:
        return None
    start, end = min(l.start for l in lines), max(l.end for l in lines)
    per_page: dict[int, list] = {}
    for l in lines:
        if l.box is not None and l.page is not None:
            per_page.setdefault(l.page, []).append(l.box)
    page = lines[0].page
    boxes = {p: _union(b) for p, b in per_page.items()}
    more = [PageBox(page=p, box=b) for p, b in sorted(boxes.items())] if len(boxes) > 1 else []
    return Provenance(start=start, end=end, page=page, box=boxes.get(page), zone=zone, boxes=more)


def _union(boxes: list) -> Box:
    return Box(x0=min(b.x0 for b in boxes), top=min(b.top for b in boxes),
               x1=max(b.x1 for b in boxes), bottom=max(b.bottom for b in boxes))


_DIGITISH = str.maketrans({"O": "0", "o": "0", "Q": "0", "D": "0", "I": "1", "l": "1", "|": "1",
                           "i": "1", "!": "1", "S": "5", "s": "5", "B": "8", "Z": "2", "z": "2",
                           "g": "9", "G": "6", "T": "7", "§": "5", "Ï": "1"})


def ocr_digits(text: str) -> str:
    """Letters OCR puts for digits, turned back: 'O4' -> '04', 'l2' -> '12'."""
    return text.translate(_DIGITISH)


def iso_date(day: Optional[int], month: Optional[int], year: Optional[int]) -> Optional[str]:
    if not (day and month and year):
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


