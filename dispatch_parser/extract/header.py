"""Header fields: document type, number and symbol, issuing body, place and date, marks."""
from __future__ import annotations

from typing import Optional

import regex

from ..gazetteer import restore_body, restore_place
from ..models import DocumentNumber, Issuer, Marks, PartialDate
from ..segment import DATE_LINE, MOTTO, NUMBER, SUBJECT_VV, HeaderPart, Segments, type_title_of
from ..vntext import expand_abbreviations, fold, name_case
from .common import ocr_digits

# --- number ---------------------------------------------------------------------------
_NUMBER_VALUE = regex.compile(
    r"(?P<seq>[\dOoIlS§Ï|]{0,6})\s*(?P<slash>[/|])\s*(?P<rest>[\p{L}\d&.\-–/]+(?:\s*[-–]\s*[\p{L}\d&.]+)*)")
_NUMBER_NO_SLASH = regex.compile(r"(?P<seq>\d{1,6})\s*(?P<rest>[\p{Lu}Đ][\p{Lu}Đ\d&]*(?:\s*-\s*[\p{Lu}Đ\d&]+)+)")


def extract_number(seg: Segments) -> Optional[DocumentNumber]:
    part = seg.number
    if part is None:
        return None
    text = part.text
    m = NUMBER.search(fold(text))
    value = text[m.end():] if m else text
    value = value.strip(" :;.,")
    v = _NUMBER_VALUE.match(value) or _NUMBER_VALUE.search(value)
    if v is None:
        v2 = _NUMBER_NO_SLASH.match(value)
        if v2 is None:
            # 'Số: UBND-VX': OCR dropped the slash of a blank number
            sym = regex.match(r"[\p{Lu}Đ][\p{Lu}Đ\d&]*(?:-[\p{Lu}Đ\d&]+)+", value)
            if sym:
                return DocumentNumber(raw="/" + sym.group(0), seq=None, symbol=sym.group(0))
            return None
        seq_text, rest = v2.group("seq"), v2.group("rest")
    else:
        seq_text, rest = v.group("seq"), v.group("rest")
    rest = regex.sub(r"\s+", "", rest).replace("–", "-").rstrip(".-/")
    seq_digits = ocr_digits(seq_text) if seq_text else ""
    seq = int(seq_digits) if seq_digits.isdigit() else None
    raw = (seq_digits if seq is not None else seq_text) + "/" + rest
    symbol = rest.rsplit("/", 1)[-1] if rest else None
    return DocumentNumber(raw=raw, seq=seq, symbol=symbol or None)


# --- date and place -------------------------------------------------------------------
_DATE_PARTS = regex.compile(
    r"(?:ng[aà]y|ngav|ngàv)(?P<d>[^\n]{0,8}?)(?:th[aáà]ng|thing|th\wng|thang)(?P<m>[^\n]{0,8}?)"
    r"(?:n[aăâ]m|ăm|nam|am)\s*[:.]?\s*(?P<y>[\dOoIl]{4})", regex.I)


def _number_part(text: str, low: int, high: int) -> Optional[int]:
    t = regex.sub(r"[\s.,_…:]+", "", text)
    if not t:
        return None
    t = ocr_digits(t)
    if not t.isdigit() or len(t) > 2:
        return None
    value = int(t)
    return value if low <= value <= high else None


def extract_date_place(seg: Segments) -> tuple[PartialDate, Optional[str]]:
    part = seg.date
    if part is None:
        return PartialDate(), None
    text = part.text
    folded = fold(text)
    m = _DATE_PARTS.search(folded)
    if m is None:
        return PartialDate(), _place(text, len(text))
    day = _number_part(text[m.start("d"):m.end("d")], 1, 31)
    month = _number_part(text[m.start("m"):m.end("m")], 1, 12)
    year_text = ocr_digits(text[m.start("y"):m.end("y")])
    year = int(year_text) if year_text.isdigit() and 1900 <= int(year_text) <= 2200 else None
    return PartialDate(year=year, month=month, day=day), _place(text, m.start())


def _place(text: str, date_at: int) -> Optional[str]:
    before = text[:date_at]
    before = regex.sub(r"^[\W_]+", "", before).rstrip(" ,.;:_-")
    if not before:
        return None
    before = regex.sub(r"\s+", " ", before)
    place = restore_place(before)
    return place if place else None


# --- issuer -----------------------------------------------------------------------------
_CONTINUES = regex.compile(
    r"^(?:tinh|thanh\s*pho|tp\b|huyen|quan|thi\s*xa|thi\s*tran|xa|phuong|va\b|viet\s*nam|[-–&,]|"
    r"trung\s*uong|nha\s*nuoc|chinh\s*phu$|cong\s*san|tong\s*hop|thuong\s*binh|truyen\s*thong)", regex.I)


def _clean_header_text(text: str) -> str:
    text = regex.sub(r"^[\W_]+|[\W_]+$", "", text)
    return regex.sub(r"\s+", " ", text).strip()


def extract_issuer(seg: Segments) -> Issuer:
    left: list[HeaderPart] = []
    for part in seg.header:
        if part is seg.number or part is seg.date:
            if part is seg.number:
                break
            continue
        if part.column != "left":
            continue
        if MOTTO.search(fold(part.text)) or DATE_LINE.search(fold(part.text)):
            continue
        if SUBJECT_VV.match(fold(part.text)):
            break
        if type_title_of(part.line) and part.offset == 0 and part.text == part.line.text:
            continue
        text = _clean_header_text(part.text)
        if not text or regex.fullmatch(r"[\W\d_]+", text):
            continue
        # a mark (KHẨN, MẬT) sitting in the header is not part of the body's name
        if fold(text) in ("khan", "hoa toc", "thuong khan", "mat", "toi mat", "tuyet mat"):
            continue
        left.append(HeaderPart(text, part.line, part.offset, part.column))
    groups: list[list[str]] = []
    for part in left:
        f = fold(part.text)
        if groups and (_CONTINUES.match(f) or part.text[:1].islower()):
            groups[-1].append(part.text)
        else:
            groups.append([part.text])
    names = [_body_name(" ".join(g)) for g in groups]
    names = [n for n in names if n]
    if not names:
        return Issuer()
    return Issuer(name=names[-1], parent=names[-2] if len(names) >= 2 else None)


def _body_name(text: str) -> str:
    text = expand_abbreviations(text)
    text = regex.sub(r"\bTP\.?\s", "THÀNH PHỐ ", text)
    text = name_case(text)
    return restore_body(text)


# --- document type ------------------------------------------------------------------------
_SYMBOL_TYPES = {
    "QĐ": "Quyết định", "KH": "Kế hoạch", "TB": "Thông báo", "BC": "Báo cáo", "TTr": "Tờ trình",
    "NQ": "Nghị quyết", "NĐ": "Nghị định", "TT": "Thông tư", "CĐ": "Công điện", "GM": "Giấy mời",
    "HD": "Hướng dẫn", "CTr": "Chương trình", "PA": "Phương án", "ĐA": "Đề án", "BB": "Biên bản",
    "HĐ": "Hợp đồng", "QC": "Quy chế", "QyĐ": "Quy định", "CT": "Chỉ thị", "GGT": "Giấy giới thiệu",
}


def extract_document_type(seg: Segments, number: Optional[DocumentNumber]) -> Optional[str]:
    if seg.type_title:
        return seg.type_title
    if seg.subject:
        return "Công văn"
    if number and number.symbol:
        head = regex.split(r"[-/]", number.raw.split("/", 1)[-1])[0]
        if head in _SYMBOL_TYPES and head != "CT":
            return _SYMBOL_TYPES[head]
    if seg.recipients:
        return "Công văn"
    return None


# --- urgency and secrecy marks ------------------------------------------------------------
_URGENCY = [("hoa toc", "Hỏa tốc"), ("thuong khan", "Thượng khẩn"), ("khan", "Khẩn")]
_SECRECY = [("tuyet mat", "Tuyệt mật"), ("toi mat", "Tối mật"), ("mat", "Mật")]


def extract_marks(seg: Segments) -> Marks:
    marks = Marks()
    for line in seg.lines[:60]:
        if not line.text or len(line.text) > 30 or not line.text.isupper():
            continue
        key = regex.sub(r"[^a-z ]+", "", line.folded).strip()
        for folded, name in _URGENCY:
            if key == folded and marks.urgency is None:
                marks.urgency = name
        for folded, name in _SECRECY:
            if key == folded and marks.secrecy is None:
                marks.secrecy = name
    return marks
