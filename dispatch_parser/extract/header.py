"""Header fields: document type, number and symbol, issuing body, place and date, marks."""
from __future__ import annotations

from typing import Optional

import regex

from ..gazetteer import is_partial_body, restore_body, restore_place
from ..models import DocumentNumber, Issuer, Marks, PartialDate
from ..segment import _motto_search as motto_search   # MOTTO.search, prefiltered and memoised
from ..segment import (DATE_LINE, NUMBER, NUMBER_VALUE, SUBJECT_VV, HeaderPart, Segments,
                       type_title_of)
from ..vntext import expand_abbreviations, fold, name_case, rx
from .common import ocr_digits

# --- number ---------------------------------------------------------------------------
# the slash OCR lost, maybe read as dots ('828..QD-BHXH', '52 UBND-VX')
_NUMBER_NO_SLASH = regex.compile(r"(?P<seq>\d{1,6})[\s.…]*(?P<rest>[\p{Lu}Đ][\p{Lu}Đ\d&]*(?:\s*-\s*[\p{Lu}Đ\d&]+)+)")
# Symbol codes that hold a Đ, read without it by OCR: the Đ is restored ('QD-TTg' -> 'QĐ-TTg').
_CODES_WITH_D = {fold(c).upper(): c for c in ["QĐ", "NĐ", "TLĐ", "LĐTBXH", "BLĐTBXH", "HĐND", "LĐLĐ",
                                              "ĐKKD", "BCĐ"]}


def _restore_codes(symbol: str) -> str:
    return rx(r"[\p{L}]+").sub(lambda m: _CODES_WITH_D.get(m.group(0), m.group(0)), symbol)


def _seq_value(text: str) -> tuple[Optional[int], str]:
    """The running number from what stands before the '/': ('5265 ', ...) -> 5265; blank -> None."""
    t = rx(r"[\s._…,:;'\"‘’]+").sub("", text)
    if not t:
        return None, ""
    party = rx(r"(\d{1,6})-\p{L}[\p{L}\d]*").fullmatch(t)    # the Party's 'Số 12-KH/ĐU'
    if party:
        return int(party.group(1)), t
    digits = ocr_digits(t)
    if digits.isdigit() and len(digits) <= 6:
        return int(digits), digits
    return None, t


def extract_number(seg: Segments) -> Optional[DocumentNumber]:
    part = seg.number
    if part is None:
        return None
    text = part.text
    m = NUMBER.search(fold(text))
    value = text[m.end():] if m else text
    value = value.strip(" :;.,")
    v = NUMBER_VALUE.match(value)
    if v is None:
        v2 = _NUMBER_NO_SLASH.match(value)
        if v2 is None:
            # 'Số: UBND-VX': OCR dropped the slash of a blank number
            sym = rx(r"[\p{Lu}Đ][\p{Lu}Đ\d&]*(?:-[\p{Lu}Đ\d&]+)+").match(value)
            if sym:
                return DocumentNumber(raw="/" + sym.group(0), seq=None, symbol=sym.group(0))
            return None
        seq_text, rest = v2.group("seq"), v2.group("rest")
    else:
        seq_text, rest = v.group("seq"), v.group("symbol")
    rest = _restore_codes(rx(r"\s+").sub("", rest).replace("–", "-").rstrip(".-/"))
    # OCR reads Đ as the look-alike Ð (U+00D0), or as both ('QĐÐ-STP')
    rest = rx(r"[ĐÐ]{2,}").sub("Đ", rest.replace("Ð", "Đ"))
    seq, seq_raw = _seq_value(seq_text)
    symbol = rest.rsplit("/", 1)[-1] if rest else None
    return DocumentNumber(raw=seq_raw + "/" + rest, seq=seq, symbol=symbol or None)


# --- date and place -------------------------------------------------------------------
_DATE_PARTS = regex.compile(
    r"(?e)(?:ngay|ngav){e<=1}(?P<d>[^\n]{0,9}?)(?:thang|thing){e<=1}(?P<m>[^\n]{0,9}?)"
    r"(?:nam){e<=1}(?:[\s.,:_…]{0,3}(?P<y>(?:[\dOoIl] ?){3}[\dOoIl])|[\s.,:_…]*$)", regex.I)


def _number_part(text: str, low: int, high: int) -> Optional[int]:
    t = rx(r"[\s.,_…:]+").sub("", text)
    if not t:
        return None
    t = ocr_digits(t)
    if not t.isdigit() or len(t) > 2:
        return None
    value = int(t)
    return value if low <= value <= high else None


def extract_date_place(seg: Segments, issuer: Optional[Issuer] = None) -> tuple[PartialDate, Optional[str]]:
    part = seg.date
    if part is None:
        return PartialDate(), None
    text = part.text
    folded = fold(text)
    m = _DATE_PARTS.search(folded)
    if m is None:
        return PartialDate(), _place(text, len(text))
    hints = _issuer_places(issuer if issuer is not None else extract_issuer(seg))
    day = _number_part(text[m.start("d"):m.end("d")], 1, 31)
    month = _number_part(text[m.start("m"):m.end("m")], 1, 12)
    # a space OCR put inside the year ('201 l') is dropped
    year_text = ocr_digits(text[m.start("y"):m.end("y")].replace(" ", "")) if m.group("y") else ""
    year = int(year_text) if year_text.isdigit() and 1900 <= int(year_text) <= 2200 else None
    return PartialDate(year=year, month=month, day=day), _place(text, m.start(), hints)


def rejoin_split_province(issuer: Issuer, place: Optional[str]) -> tuple[Issuer, Optional[str]]:
    """'Ủy ban nhân dân tỉnh Đắk' over 'Lắk, ngày …': a province's name that OCR split between
    the header's two columns (its head left on the issuer's line, its tail taken into the date
    line) is whole again in both, when the two parts make exactly one known province."""
    if not place or not issuer.name or len(place.split()) > 2:
        return issuer, place
    from ..gazetteer import provinces
    words = issuer.name.split()
    for k in (1, 2):
        if len(words) <= k + 1 or not fold(words[-k - 1]).endswith(("tinh", "pho")):
            continue        # the head must follow 'tỉnh' / 'thành phố' in the body's name
        joined = fold(" ".join(words[-k:] + [place]))
        hits = [p for p in provinces() if fold(p) == joined]
        if len(hits) == 1:
            return issuer.model_copy(update={"name": " ".join(words[:-k] + [hits[0]])}), hits[0]
    return issuer, place


def _issuer_places(issuer: Issuer) -> list[str]:
    """Place names ending the issuer's names ('… Thủ Dầu Một'): the date line's place is
    mostly the same, and OCR may have garbled only one of the two."""
    out = []
    for name in (issuer.name, issuer.parent):
        words = (name or "").split()
        for k in (4, 3, 2):
            tail = words[-k:]
            if len(words) > k and all(rx(r"\p{Lu}\p{Ll}*").fullmatch(w) for w in tail):
                out.append(" ".join(tail))
                break
    return out


def _place(text: str, date_at: int, hints: Optional[list[str]] = None) -> Optional[str]:
    """The place before ', ngày': a known province or city when the last words name one
    ('Hà Noi' -> 'Hà Nội'), else the capitalised words as read."""
    before = rx(r"[\s,.;:_\-–—|]+$").sub("", text[:date_at])
    before = rx(r"\b(TP\.)(?=\p{Lu})").sub(r"\1 ", before)      # 'TP.Hồ Chí Minh'
    words = before.split()
    if not words:
        return None
    for k in range(min(4, len(words)), 0, -1):
        candidate = rx(r"^[\W_]+").sub("", " ".join(words[-k:]))
        restored = restore_place(candidate)
        if restored != candidate or _is_province(candidate):
            # capitalised words before it belong to the name ('Bắc Cam Ranh'); a unit written
            # before it stays, as the date line has it ('Thành phố Huế')
            rest = words[:-k]
            while rest and len(rest) + k < 5 and rx(r"\p{Lu}\p{Ll}+").fullmatch(rest[-1]):
                restored = f"{rest.pop()} {restored}"
            unit = _UNIT_BEFORE.search(" ".join(rest))
            return f"{unit.group(1)} {restored}" if unit else restored
    run: list[str] = []
    for w in reversed(words[-4:]):
        w = rx(r"^[\W_]+").sub("", w)
        if not w or not w[:1].isupper() or rx(r"[\d/]").search(w):
            break
        run.insert(0, w)
    while len(run) > 1 and run[0].isupper() and len(run[0]) > 1 and not rx(r"\p{Lu}\.?").fullmatch(run[0]):
        run = run[1:]           # a symbol's tail ('HTr', 'TCT') left before the place
    place = " ".join(run)
    for hint in hints or []:
        if len(place) >= 6 and regex.fullmatch(r"(?:%s){e<=2}" % regex.escape(fold(hint)), fold(place)):
            return hint
    return place or None


_UNIT_BEFORE = regex.compile(r"(?:^|\s)((?:[Tt]hành|THÀNH)\s+(?:phố|PHỐ)|TP\.?|[Tt]ỉnh|TỈNH)$")


def _is_province(text: str) -> bool:
    from ..gazetteer import provinces
    key = fold(text)
    return any(fold(p) == key for p in provinces())


# --- issuer -----------------------------------------------------------------------------
_CONTINUES = regex.compile(
    r"^(?:tinh|thanh\s*pho|tp\b|huyen|quan|thi\s*xa|thi\s*tran|xa|phuong|va\b|viet\s*nam|[-–&,]|"
    r"trung\s*uong|nha\s*nuoc|chinh\s*phu$|cong\s*san|tong\s*hop|thuong\s*binh|truyen\s*thong)", regex.I)


# Words a body's name opens with. A header line that opens with none of them, under one that
# does, is that name wrapped ('TRƯỜNG ĐẠI HỌC' / 'KINH TẾ'), not a body of its own.
_ORGAN_START = regex.compile(
    r"^\W*(?:bo|so|cuc|tong\s*cuc|chi\s*cuc|vu|ban|tieu\s*ban|uy\s*ban|ub|ubnd|hdnd|ubmttq|mttq|bhxh|"
    r"hoi|lien\s*doan|tong\s*lien\s*doan|mat\s*tran|van\s*phong|phong|truong|trung\s*tam|vien|hoc\s*vien|"
    r"dai\s*hoc|benh\s*vien|thue|cong\s*an|dang|thanh\s*uy|tinh\s*uy|huyen\s*uy|bao\s*hiem|kho\s*bac|"
    r"ngan\s*hang|chi\s*nhanh|cong\s*ty|tong\s*cong\s*ty|tap\s*doan|doan|toa\s*an|thanh\s*tra|"
    r"kiem\s*toan|chinh\s*phu|thu\s*tuong|quoc\s*hoi|chu\s*tich|dai|bo\s*chi\s*huy|bo\s*tu\s*lenh|"
    r"quan\s*khu|hai\s*quan|xi\s*nghiep|hop\s*tac\s*xa|nha\s*xuat\s*ban|bao|tap\s*chi|thong\s*tan\s*xa|"
    r"ky\s*tuc|tru\s*so|doi|to|khoi|hiep\s*hoi|quy|ngan\s*sach|cang|nha\s*may|chi\s*bo|chi\s*hoi|"
    r"chi\s*doan|dang\s*bo|dang\s*uy)\b")


def _clean_header_text(text: str) -> str:
    text = rx(r"^[\W_]+|[\W_]+$").sub("", text)
    return rx(r"\s+").sub(" ", text).strip()


def _looks_like_body(text: str) -> bool:
    """A body's name in a header is upper case words; OCR noise and stamps left above the
    header ('NV0Y-~ q ,e«4) ph', 'GHINHPHU VN "Để') are not."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 2:
        return False
    if rx(r"[^\p{L}\s\-–,.&()'’]").search(rx(r"(?<!\S)\d{1,3}(?!\S)").sub("", text)):
        return False
    return sum(c.isupper() for c in letters) >= 0.7 * len(letters)


def extract_issuer(seg: Segments) -> Issuer:
    left: list[HeaderPart] = []
    noise: list[str] = []
    for part in seg.header:
        if part is seg.number or part is seg.date:
            if part is seg.number:
                break
            continue
        if part.column != "left":
            continue
        if motto_search(fold(part.text), 0) or DATE_LINE.search(fold(part.text)):
            continue
        if SUBJECT_VV.match(fold(part.text)):
            break
        if type_title_of(part.line) and part.offset == 0 and part.text == part.line.text:
            continue
        text = _clean_header_text(part.text)
        if not text or rx(r"[\W\d_]+").fullmatch(text):
            continue
        if not _looks_like_body(part.text.strip(" _-—–.,:;\"“”'*|")):
            noise.append(text)
        # a mark (KHẨN, MẬT) sitting in the header is not part of the body's name
        if fold(text) in ("khan", "hoa toc", "thuong khan", "mat", "toi mat", "tuyet mat"):
            continue
        left.append(HeaderPart(text, part.line, part.offset, part.column))
    bodylike = [p for p in left if p.text not in noise]
    left = bodylike or left
    groups: list[list[str]] = []
    for part in left:
        f = fold(part.text)
        if groups and (_CONTINUES.match(f) or part.text[:1].islower()
                       or is_partial_body(expand_abbreviations(" ".join(groups[-1])))
                       or not _ORGAN_START.match(f) and len(groups[-1]) == 1 and _ORGAN_START.match(
                           fold(groups[-1][0]))):
            groups[-1].append(part.text)
        else:
            groups.append([part.text])
    names = [_body_name(" ".join(g)) for g in groups]
    names = [n for n in names if n]
    if not names:
        return Issuer()
    place = _date_line_place(seg)
    if place:
        names = [_place_cased(n, place) for n in names]
    # a name read twice (a gazette's running title above the header) is no parent of itself
    parent = next((n for n in reversed(names[:-1]) if n != names[-1]), None)
    return Issuer(name=names[-1], parent=parent)


def _date_line_place(seg: Segments) -> Optional[str]:
    if seg.date is None:
        return None
    m = _DATE_PARTS.search(fold(seg.date.text))
    return _place(seg.date.text, m.start()) if m else None


def _place_cased(name: str, place: str) -> str:
    """A body named after the date line's place ('BẢO HIỂM XÃ HỘI YEN MỸ' / 'Yên Mỹ, ngày …'):
    where the casing could not tell the place's words in the name (OCR lost their marks,
    'Bảo hiểm xã hội yen mỹ'), they are written as the date line writes them."""
    words, k = name.split(), len(place.split())
    tail = words[-k:]
    if len(words) <= k or fold(" ".join(tail)) != fold(place) or not all(w.islower() for w in tail) \
            or not all(w[:1].isupper() for w in place.split()):
        return name
    return " ".join(words[:-k] + [place])


def _body_name(text: str) -> str:
    # a unit word OCR glued to the word before it ('ĐA KHOATỈNH')
    text = rx(r"(?<=\p{Lu}{2})(TỈNH|HUYỆN|QUẬN)\b").sub(r" \1", text)
    upper = name_case(text) != text          # written in capitals: expand in capitals too
    text = expand_abbreviations(text)
    text = rx(r"\bTP\.?\s*(?=\p{Lu})").sub("THÀNH PHỐ ", text)
    text = rx(r"\bT?P?\.?HCM\b").sub("HỒ CHÍ MINH", text)     # 'TP.HCM', 'TPHCM'
    if upper:
        text = text.upper()
    text = name_case(text)
    restored = restore_body(text)
    if restored == text:
        restored = _without_leading_speck(text) or restored
    return restored


def _without_leading_speck(name: str) -> Optional[str]:
    """A logo or speck read as one or two letters before the body's name ('CC Ủy ban nhân
    dân tỉnh …'): dropped when the words after it are a known body and the token is none."""
    words = name.split()
    if len(words) < 3 or len(rx(r"\W+").sub("", words[0])) > 2 or _ORGAN_START.match(fold(words[0]) + " "):
        return None
    rest = " ".join(words[1:])
    restored = restore_body(rest[:1].upper() + rest[1:])
    return restored if restored != rest[:1].upper() + rest[1:] else None


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
        head = number.symbol.split("-")[0]      # 'NĐ-CP' -> 'NĐ', 'QĐ-UBND' -> 'QĐ'
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
        key = rx(r"[^a-z ]+").sub("", line.folded).strip()
        for folded, name in _URGENCY:
            if key == folded and marks.urgency is None:
                marks.urgency = name
        for folded, name in _SECRECY:
            if key == folded and marks.secrecy is None:
                marks.secrecy = name
    return marks
