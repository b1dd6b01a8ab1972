"""Cited documents: every reference in the text, and which of them are the legal basis."""
from __future__ import annotations

from typing import Iterable, Optional

import regex

from ..models import Reference
from ..segment import Segments
from ..vntext import fold
from .common import find_date, join_lines, provenance, strip_edges
from .paragraphs import paragraphs

REF_TYPES = [
    "Văn bản hợp nhất", "Văn bản", "Công văn", "Quyết định", "Nghị định", "Thông tư liên tịch",
    "Thông tư", "Bộ luật", "Luật", "Pháp lệnh", "Nghị quyết liên tịch", "Nghị quyết", "Chỉ thị",
    "Kế hoạch", "Thông báo", "Hướng dẫn", "Báo cáo", "Tờ trình", "Công điện", "Chương trình",
    "Đề án", "Kết luận", "Quy định", "Quy chế", "Lệnh", "Giấy mời", "Hiến pháp",
]
_TYPE_ALT = "|".join(regex.escape(t) for t in sorted(REF_TYPES, key=len, reverse=True))
NUMBER_RE = (r"\d{1,6}[a-z]?(?:/\d{4})?(?:\s*[/-]\s*[\p{Lu}Đ][\p{Lu}\p{Ll}Đđ\d&.]*(?:\s*-\s*[\p{Lu}Đ\d][\p{Lu}\p{Ll}Đđ\d&.]*)*)+"
             r"(?:/[\p{Lu}Đ][\p{Lu}\p{Ll}Đđ\d&.\-]*)*")
CITATION = regex.compile(
    rf"(?P<type>{_TYPE_ALT})(?P<name>\s+[^\n]{{0,120}}?)??\s*(?:số|so|sô|s6)\s*:?\s*(?P<number>{NUMBER_RE})",
    regex.I)
BARE_NUMBER = regex.compile(rf"(?:số|so)\s+(?P<number>{NUMBER_RE})", regex.I)
_ISSUER_STOP = regex.compile(
    r"\s(?:về|ve|v/v|quy\s+định|hướng\s+dẫn|ban\s+hành|sửa\s+đổi|phê\s+duyệt|thực\s+hiện|triển\s+khai|"
    r"gửi|đã|đề\s+nghị|về\s+việc|tại|theo|do|thì|là|được|cho|và\s+các|kèm)\b|[,;.:(“\"]", regex.I)
_BASIS_OPEN = regex.compile(
    r"(?:^|[;.]\s*)(?:căn\s+cứ|can\s+cu)\b", regex.I)
_OPENING = regex.compile(
    r"\b(?:thực\s+hiện|triển\s+khai|theo\s+đề\s+nghị|phúc\s+đáp|trả\s+lời|tiếp\s+theo|nhận\s+được|"
    r"theo\s+(?:chỉ\s+đạo|ý\s+kiến)|về\s+việc|xét\s+đề\s+nghị|theo)\b", regex.I)


def _clean_number(text: str) -> str:
    return regex.sub(r"\s+", "", text).rstrip(".-/,")


def parse_citations(text: str) -> list[tuple[Reference, int, int]]:
    """Every numbered citation in one paragraph, with its span."""
    out: list[tuple[Reference, int, int]] = []
    for m in CITATION.finditer(text, timeout=1.0):
        name = (m.group("name") or "").strip()
        if name and (len(name) > 80 or regex.search(r"[;.]", name)):
            continue
        doc_type = m.group("type")
        doc_type = doc_type[:1].upper() + doc_type[1:]
        number = _clean_number(m.group("number"))
        tail_start = m.end()
        tail = text[tail_start:tail_start + 600]
        date = None
        issuer = None
        pos = 0
        dm = regex.match(r"\s*,?\s*(?:ngày|ngay)?\s*(\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})", tail)
        if dm:
            found = find_date(dm.group(0) if "tháng" not in dm.group(0) else "ngày " + dm.group(1))
            date = found[0] if found else None
            pos = dm.end()
        im = regex.match(r"\s*,?\s*(?:của|cua)\s+", tail[pos:])
        if im:
            rest = tail[pos + im.end():]
            stop = _ISSUER_STOP.search(rest)
            issuer = strip_edges(rest[:stop.start()] if stop else rest[:80]) or None
            pos = pos + im.end() + (stop.start() if stop else len(rest[:80]))
        subject = _subject(tail[pos:])
        if doc_type.lower() in ("luật", "bộ luật") and name and not subject:
            subject = strip_edges(name) or None
        elif doc_type.lower() in ("luật", "bộ luật") and name:
            subject = strip_edges(name)
        out.append((Reference(doc_type=doc_type, number=number, date=date, issuer=issuer,
                              subject=subject), m.start(), m.end()))
    return out


_SUBJECT_END = regex.compile(r";|\.\s|\.$|,\s+(?=[\p{Lu}])|\)\s*[,;.]|\s(?:quy\s+định|hướng\s+dẫn)\s*:|:|\s+thì\s|\s+nay\s")


def _subject(text: str) -> Optional[str]:
    m = regex.match(r"\s*,?\s*(?:về\s+việc|v/v|về)\s+", text, regex.I)
    if not m:
        m2 = regex.match(r"\s+(?=(?:quy\s+định|hướng\s+dẫn|sửa\s+đổi|ban\s+hành|phê\s+duyệt)\b)", text, regex.I)
        if not m2:
            return None
        m = m2
    rest = text[m.end():]
    stop = _SUBJECT_END.search(rest)
    subject = strip_edges(rest[:stop.start()] if stop else rest[:300])
    return subject or None


def extract_references(seg: Segments) -> tuple[list[Reference], list[Reference]]:
    """(legal_basis, references)."""
    references: list[Reference] = []
    seen: set[str] = set()
    basis: list[Reference] = []
    basis_seen: set[str] = set()
    paras = paragraphs(seg.recipients[1:] + seg.body) if seg.body else []
    footnote_paras = paragraphs(seg.footnotes)
    first_done = False
    for p in [*paras, *footnote_paras]:
        text = p.text
        cites = parse_citations(text)
        for ref, start, end in cites:
            ref.provenance = provenance(p.lines, "body")
            key = fold(ref.number or "")
            if key and key not in seen:
                seen.add(key)
                references.append(ref)
        if p in footnote_paras:
            continue
        # legal basis: citations in a Căn cứ clause, and in the opening clause of the letter
        basis_spans = _basis_spans(text, opening=not first_done)
        if cites or _OPENING.search(text):
            first_done = first_done or bool(text)
        for ref, start, end in cites:
            if any(a <= start < b for a, b in basis_spans):
                key = fold(ref.number or "")
                if key not in basis_seen:
                    basis_seen.add(key)
                    basis.append(ref.model_copy())
        if not first_done and text:
            first_done = True
    return basis, references


def _basis_spans(text: str, opening: bool) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    f = text
    if regex.match(r"\s*(?:căn\s+cứ|can\s+cu)\b", f, regex.I):
        spans.append((0, len(text)))
        return spans
    for m in _BASIS_OPEN.finditer(f):
        end = regex.compile(r"\.\s|\.$").search(f, m.end())
        spans.append((m.start(), end.start() if end else len(text)))
    if opening:
        m = _OPENING.search(f)
        if m and m.start() < 120:
            end = regex.compile(r"\.\s+\p{Lu}|\.$").search(f, m.end())
            spans.append((m.start(), end.start() if end else len(text)))
    return spans
