"""Kính gửi: one entry per addressee group, split at bullets and ';'.

`locate` finds where the addressees begin (the keyword may be split over two lines by
Markdown bold, or follow stamp text OCR fused onto its line); `scan` walks the lines after
it and groups them into entries until the preamble or body begins. The segmenter uses both
to cut the recipients zone; `extract_recipients` turns the entries into strings.
"""
from __future__ import annotations

from typing import Optional

import regex

from ..normalize import CleanLine
from ..segment import DATE_LINE, KINH_GUI, MOTTO, OPENING_WORDS, Segments, is_upper_line
from ..segment import _search as search   # with the segmenter's timeout and MOTTO prefilter
from ..vntext import fold, rx
from .common import join_lines, strip_edges

_FUZZY_KINH = regex.compile(r"^\W{0,3}(?:kinh){e<=1}\W{0,3}$")
_GUI_REST = regex.compile(r"^\W{0,3}(?:gui){e<=1}\s*[:;.,]?")
# 'Kính gửi:' after stamp text fused on its line; never 'Như kính gửi'
_KINH_GUI_INSIDE = regex.compile(r"(?<!\w)(?<!nhu\s)kinh\s*gui\s*:")

_BULLET = regex.compile(r"^\s*[-+•–—~*]\s*")
# OCR stamp residue before a bullet: 'BENGE Ca... - Bộ Tài chính;'
_JUNK_BULLET = regex.compile(r"^[^\n]{0,40}?(?:\.\.\.|…)[^\n]{0,20}?\s[-–]\s+(?=\p{Lu})")
_ABBREVIATION_DOT = r"(?<!\b(?:TP|Tp|tp|P|Q|TX|TT|Th|ThS|TS|St|Co|v\.v|\p{Lu}))"
# a '.' that closes the list, with OCR residue after it: 'thành phổ. -Chuyển:..'
_CLOSING_DOT = regex.compile(_ABBREVIATION_DOT + r"\.(?:\s+\S.*)?$")

# where the body begins (folded text)
_OPENER = regex.compile(
    rf"^\W{{0,3}}(?:{OPENING_WORDS}|theo\s*(?:de\s*nghi|quy\s*dinh|bao\s*cao|phan\s*anh)|"
    r"ve\s*viec|ve\s*van\s*de|xet\s*(?:de\s*nghi|to\s*trinh)|"
    r"nham|de\s|ngay\s*\d|thoi\s*gian\s*(?:vua\s*)?qua|hien\s*nay|sau\s*khi|qua\s|vua\s*qua|"
    r"noi\s*nhan|tai\s*(?:cong\s*van|van\s*ban|to\s*trinh))")
_SENTENCE = regex.compile(r"\b(?:nhan\s*duoc|co\s*y\s*kien|xin\s*y\s*kien|da\s*(?:co|nhan|ban\s*hanh|gui))\b")
# address, tax-code and contact lines under a company addressee
_ADDRESS = regex.compile(
    r"^\W{0,2}(?:dia\s*chi|d\s*/\s*c\b|dc\s*:|mst\b|ma\s*so|so\s*dien|dien\s*thoai|dt\s*:|e-?mail|fax|tel\b|"
    r"website)")
# an address line opening with its house number, lot, zone, floor, street or ward
_ADDRESS_START = regex.compile(r"^\W{0,2}(?:so\s*\d|lo\s+\S*\d|kcn\b|tang\s*\d|duong\s|phuong\s|p\.\s|q\.\s)")
_NUMBERED = regex.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*|[IVX]{1,4})\s*[.)]\s|^[a-zđ]\)\s")
_NAME_WRAP = regex.compile(r"^\p{Lu}[\p{L}]*(?:\s+\p{Lu}[\p{L}]*){0,2}$")
_PLACE_WRAP = regex.compile(
    r"\p{Lu}\p{L}*(?:\s+(?:\p{Lu}\p{L}*|phố|xã|tỉnh|huyện|quận|phường|thị|trấn|thành)){0,3}\s*[.;]?")


# a công điện names its addressees under '<SENDER> điện:' ('THỦ TƯỚNG CHÍNH PHỦ điện:'), where
# a letter writes 'Kính gửi:'
_DIEN_KEY = regex.compile(r"\s(?:dien)\s*:\W{0,3}")


def cong_dien_key(line: CleanLine) -> Optional[int]:
    """Where the addressees begin on a công điện's '<SENDER> điện:' line: the sender is a title
    or body in capitals, alone on the line before the keyword."""
    m = _DIEN_KEY.search(line.folded, timeout=0.5)
    # the keyword in lower case after the capitals, as the form writes it: a heading in
    # capitals ending so ('III. BẢO ĐẢM CẤP ĐIỆN:') is body text, and so is a numbered item
    if m is None or not line.text[m.start():m.end()].strip(" :").islower():
        return None
    sender = line.text[:m.start()].strip(" *_")
    if sum(c.isalpha() for c in sender) < 6 or not is_upper_line(sender, 0.9) or _NUMBERED.match(sender):
        return None
    return m.end()


def locate(lines: list[CleanLine], i: int) -> Optional[tuple[int, int]]:
    """Where the addressees begin when line i holds the Kính gửi keyword: (line, offset)."""
    line = lines[i]
    if not line.text:
        return None
    f = line.folded
    m = KINH_GUI.match(f, timeout=0.5)
    if m:
        return i, m.end()
    if _FUZZY_KINH.match(f):       # '**Kính' / 'gửi:**' split by the markup's line wrap
        j = next((k for k in range(i + 1, min(len(lines), i + 4)) if lines[k].text), None)
        if j is not None:
            g = _GUI_REST.match(lines[j].folded)
            if g:
                return j, g.end()
    m = _KINH_GUI_INSIDE.search(f)
    if m:
        return i, m.end()
    dien = cong_dien_key(line)
    if dien is not None:
        return i, dien
    return None


# lines that only come after the recipients: a Kính gửi below them belongs to an annexed form
_PAST_RECIPIENTS = regex.compile(r"^\W{0,3}(?:can\s*cu\b|dieu\s*1\s*[.:]|noi\s*nhan\b)")


def find_kinh_gui(lines: list[CleanLine], candidates: list[int]) -> Optional[int]:
    """The first candidate line holding the Kính gửi keyword, unless the preamble ('Căn cứ'),
    'Điều 1.' or 'Nơi nhận' came first: then it is a form's, not the document's."""
    for i in candidates:
        if locate(lines, i) is not None:
            return i
        text = lines[i].text
        if text[:1].isupper() and _PAST_RECIPIENTS.match(lines[i].folded):
            return None
    return None


def _stops(text: str) -> bool:
    """Whether a line (its bullet removed) is no addressee: the preamble, body or an address."""
    f = fold(text)
    # the body opens with a capital: a wrapped 'đề án …', 'qua …' continues the addressee
    capital = not text[:1].islower()
    opener = capital and (_OPENER.match(f) or _ADDRESS_START.match(f))
    return bool(opener or _SENTENCE.search(f) or _ADDRESS.match(f) or _NUMBERED.match(text)
                or (text.startswith("(") and (rx(r"\d|:").search(text[:40]))))


# words that cannot end an addressee: what they announce is on the next line
# ('… gói thầu số' / 'HPLML-CPO7', '… Chi nhánh của' / 'Công ty …')
_OPEN_WORD_END = regex.compile(r"(?<!\w)(?:số|của|và|các|tại|thuộc|về|cho|với|trên)$", regex.I)
# a code standing alone on a line: a symbol or number cut off its label ('HPLML-CPO7')
_LONE_CODE = regex.compile(r"[\p{Lu}\d][\p{Lu}\d./\-]{2,24}")


def _dangling(prev: str) -> bool:
    """The addressee line ends where it cannot: a connector, a comma, an open bracket."""
    return bool(rx(r"(?:[-–,(&]|\bvà)$").search(prev)) or (
        prev.count("(") > prev.count(")"))


def _name_rest(prev: str, text: str) -> bool:
    """'Ông Thái Mạnh' / 'Cường': a person's name cut before its last syllables."""
    from ..foot_vocab import is_name_syllable, looks_like_name

    words = text.rstrip(" ;.,").split()
    if not 1 <= len(words) <= 2 or not all(is_name_syllable(w) and w[:1].isupper() for w in words):
        return False
    m = rx(r"(?:^|\s)(?:Ông|Bà|ông|bà)\s+((?:\p{Lu}\p{Ll}*\s*){1,3})$").search(prev.rstrip())
    return m is not None and looks_like_name(m.group(1).strip() + " " + " ".join(words))


def _unit_in_brackets(text: str) -> bool:
    """A bracketed line with no number or colon: a unit's name, not a date or a note."""
    return text.startswith("(") and not rx(r"\d|:").search(text)


def _continues(prev: str, text: str) -> bool:
    """Whether `text` is the wrapped rest of the addressee on the line before."""
    if text[:1].islower():
        return True
    if _dangling(prev) or _OPEN_WORD_END.search(prev.rstrip()):
        return True
    if _LONE_CODE.fullmatch(text.rstrip(" ;.,")) and not prev.endswith((";", ".", ":")):
        return True
    if _unit_in_brackets(text):
        return True        # '(Vụ Phổ biến, giáo dục pháp luật)': the unit inside the addressee
    if prev.endswith((";", ".", ":")):
        return False
    # a name or place cut short: 'Công ty TNHH LG Electronics Việt Nam' / 'Hải Phòng.',
    # '… trên địa bàn' / 'Thành phố'
    return bool(_NAME_WRAP.match(text) or _PLACE_WRAP.fullmatch(text))


def _header_residue(first: CleanLine, line: CleanLine) -> bool:
    """The header's right column (motto, place and date) that OCR read in between."""
    if first.column == "left" and line.column == "right":
        return True
    if len(line.text) > 80:
        return False
    return bool(search(DATE_LINE, line.folded) or search(MOTTO, line.folded))


def scan(lines: list[CleanLine], start: int, offset: int) -> tuple[int, list[list[str]]]:
    """The addressee entries after Kính gửi, and the index of the first line after them."""
    entries: list[list[str]] = []
    bullet_mode = False
    closed = False
    gap = False
    end = start + 1

    def add(text: str, new: bool) -> None:
        nonlocal closed
        m = _CLOSING_DOT.search(text)
        if m:
            text, closed = text[:m.start()], dots_close or not bullet_mode
        if new:
            entries.append([text])
        else:
            entries[-1].append(text)

    first = lines[start].text[offset:].strip()
    own_line = not strip_edges(first)
    # a công điện's bulleted addressees each close with '.' ('- Bộ trưởng các Bộ: …, Bộ Y tế.'):
    # a dot there ends one addressee, not the list; only the next bullet goes on with it
    dots_close = cong_dien_key(lines[start]) is None
    if not own_line:
        b = _BULLET.match(first)
        body = first[b.end():] if b else first
        if _stops(body):
            return end, []
        bullet_mode = bool(b)
        add(body, True)
    for j in range(start + 1, min(len(lines), start + 60)):
        if closed:
            break
        line = lines[j]
        if line.footnote is not None:
            continue
        if not line.text:
            gap = bool(entries)
            continue
        text = line.text.strip()
        b = _BULLET.match(text) or _JUNK_BULLET.match(text)
        body = text[b.end():].strip() if b else text
        if not strip_edges(body):
            continue
        if _stops(body):
            break
        if _header_residue(lines[start], line):
            continue
        prev = entries[-1][-1] if entries else ""
        if not entries:
            bullet_mode = bool(b)
            add(body, True)
        elif b:
            if not bullet_mode and gap:
                break
            add(body, True)
        elif (not gap or body[:1].islower() or _dangling(prev) or _name_rest(prev, body)
              or _unit_in_brackets(body)) and _continues(prev, body):
            # (a blank line between: a DOCX paragraph per source line; only a line left
            # hanging, or a unit in brackets under its body, reads on across it)
            add(body, False)
        elif bullet_mode and not gap and not b and not rx(r"[;.:]$").search(prev) and len(body) <= 60:
            add(body, False)      # a bulleted entry not yet closed: its wrapped rest ('… Ủy ban
                                  # nhân dân' / 'Thành phố;'); the body's sentences run longer
        elif prev.endswith(";") and len(body) <= 150:
            add(body, True)
        elif own_line and not gap and not bullet_mode and len(body) <= 100:
            add(body, True)
        else:
            break
        end = j + 1
        gap = False
    return end, entries


# an addressee's address or tax code written on its own line: '… (Địa chỉ: …)', '…, MST: 0101…'
_INLINE_ADDRESS = regex.compile(
    r"\s*(?:\((?i:địa\s*chỉ|đ/c|d/c|mst|mã\s*số|lô\s|số\s*\d)|[,;\-–]\s*(?i:địa\s*chỉ|đ/c|mst|mã\s*số\s*thuế)\b).*$")
# OCR residue closing a line: two or more one- or two-letter plain-ASCII tokens ('thành ae en')
_TRAILING_RESIDUE = regex.compile(r"(?:\s+[a-z]{1,2}){2,}$")


def _clean_entry(text: str) -> str:
    text = _INLINE_ADDRESS.sub("", text)
    text = _TRAILING_RESIDUE.sub("", text)
    return strip_edges(_BULLET.sub("", text), " \t;,.:-–—•*_")


def extract_recipients(seg: Segments) -> list[str]:
    if not seg.recipients:
        return []
    first = seg.recipients[0]
    start = next((i for i, l in enumerate(seg.lines) if l is first), None)
    if start is None:
        return []
    _, entries = scan(seg.lines, start, seg.recipients_first_offset)
    out: list[str] = []
    for entry in entries:
        joined = join_lines(entry)
        for piece in rx(r";\s*(?:[-+•–—]\s*)?").split(joined):
            piece = _clean_entry(piece)
            if piece:
                out.append(piece)
    return out
