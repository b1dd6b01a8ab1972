"""Segment: clean lines -> the Decree 30 zones.

    header        issuing body | national motto; number | place and date
    title         type name (QUYẾT ĐỊNH, KẾ HOẠCH …) and the title under it
    subject       the V/v trích yếu of a công văn
    recipients    Kính gửi
    body          preamble (Căn cứ / Thực hiện …) and the numbered items
    distribution  Nơi nhận
    signature     authority (TM./KT./TL. …), position, name
    footnotes     footnote texts, wherever page layout put them

Keywords are matched on folded text with the `regex` module's fuzzy matching, so OCR slips
('Kinh gui', 'Nơi nhân', 'Noi nhận') and lost diacritics still anchor the zones. Header lines
where two columns were fused are split here into a left and a right part.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Optional

import regex

from .foot_vocab import is_name_syllable, looks_like_name, strip_name_prefix, title_at_start
from .normalize import CleanLine
from .vntext import fold, rx

TIMEOUT = 0.5   # seconds: every pattern here is bounded, this is the belt to those braces

# 'Kính gửi' with one OCR slip ('Kinh gởi', 'Kỉnh eửi'), two only before its colon: 'định gia hạn'
# is two slips from it too
KINH_GUI = regex.compile(r"^\W{0,3}(?:(?:kinh\s*gui){e<=1}(?![^\W\d_])\s*[:;.,]?|(?:kinh\s*gui){e<=2}\s*:)", regex.I)
NOI_NHAN = regex.compile(r"^\W{0,3}(?:noi\s*nhan){e<=1}\s*[:;.,]?", regex.I)
NUMBER = regex.compile(r"(?:^|\s|[^\w])(?:so|s[o6]|\$[o6]?)\s*[:;]\s*|^\W{0,2}s[o6]\s+(?=[\d/])", regex.I)
# 'ngày 08 tháng 12 năm 2017' with OCR noise where the day or month stood ('ngày,]2', 'ngày C4',
# 'ngayl4thing 4 ăm 2024', 'ngày 2 0 tháng'): the keywords anchor, the noise between is bounded.
# OCR splits the year with a space too ('năm 201 8', 'năm 2 018').
DATE_LINE = regex.compile(
    r"(?e)(?:ngay|ngav){e<=1}[^\n]{0,9}?(?:thang|thing){e<=1}[^\n]{0,9}?(?:nam){e<=1}[\s.,:_…]{0,3}"
    r"(?:[\dOoIl] ?){3}[\dOoIl]",
    regex.I)
# (?e): fuzzy search otherwise starts the match early by 'inserting' the letters before it
# ('BỘ TÀI CHÍNH CONG HOA' would be cut inside 'CHÍNH').
MOTTO = regex.compile(
    r"(?e)(?:cong\s*hoa\s*xa\s*hoi){e<=3}|(?:chu\s*nghia\s*viet\s*nam){e<=2}|(?:doc\s*lap){e<=1}\s*[-–—]\s*(?:tu\s*do){e<=1}"
    r"|(?:dang\s*cong\s*san\s*viet\s*nam){e<=2}",     # the Party's own documents carry this instead
    regex.I)
# a date line left blank but for its keywords, year included ('Hải Dương, ngày   tháng   năm')
DATE_BLANK = regex.compile(
    r"(?e)(?:ngay|ngav){e<=1}[^\n]{0,9}?(?:thang|thing){e<=1}[^\n]{0,9}?(?:nam){e<=1}[\s.,:_…]*$", regex.I)
_MOTTO_LETTERS = "conghoaxahoichunghiavietnamdoclaptudohanhphuc"
# 'V/v', and its OCR readings 'Viv', 'Vlv', 'Vw', 'V%', 'V/w', 'W⁄%'
SUBJECT_VV = regex.compile(
    r"^[\W_]{0,4}(?:[vw]\s*[/|l1i⁄#]\s*[vw%]|v\s*%|vw|v\.v|vv)(?=[\s.:]|$)\.?\s*:?\s*", regex.I)
AUTHORITY = regex.compile(r"^\W{0,2}(TM|KT|TL|TUQ|Q|TTL|T\.M|K\.T|T\.L)\s*[.,]\s*(?=\S)", regex.I)
# words that open a letter's first clause (folded); each pattern below adds its own
OPENING_WORDS = r"can\s*cu|thuc\s*hien|trien\s*khai|phuc\s*dap|tra\s*loi|tiep\s*theo|nhan\s*duoc"
PREAMBLE_START = regex.compile(
    rf"^\W{{0,3}}(?:{OPENING_WORDS}|theo\s*de\s*nghi|"
    r"ve\s*viec|nham|de\s*|ngay\s*\d|tong\s*cuc|cuc\s*thue|bo\s*tai)\b", regex.I)
# list markers; '1.3 Xây dựng' (a dotted number without its last dot) needs a capital after it,
# '(1)' is a parenthesised number; OCR puts '_' before a marker and reads 'c)' as '©)';
# '1.210.000 đồng' at a line start is an amount, not item 1; '§.' is OCR's '8.', '= ' before a
# capital is OCR's '- ', '-20°C' is a minus sign
ITEM = regex.compile(
    r"^(?:_\s?)?(?:(?P<roman>[IVXLC]{1,5})\s*[.)]|(?P<dotted>\d{1,2}(?:\.\d{1,2}){1,3})(?=\s+\p{Lu})|"
    r"(?P<num>(?:\d{1,2}|§)(?:\.\d{1,2}){0,3})\s*[.)](?![\d,])|\((?P<paren>\d{1,2})\)|(?P<letter>[a-zđ©])\s*\)|"
    r"(?P<article>(?:Điều|Dieu|Điêu|Diéu|Điểu|Điền|Diều|Đều)\s+\d{1,3})\s*[.:]|(?P<bullet>[-+•–—~*])(?=\s|[^\W\d_])|(?P<ocr_bullet>=)(?=\s+\p{Lu}))\s*")
CLOSING = regex.compile(r"\./\.?\s*$|\.\s*/\s*\.\s*$|\./\s*$|\.⁄\.\s*$")

DOCUMENT_TYPES = [
    "Nghị quyết liên tịch", "Thông tư liên tịch", "Nghị quyết", "Nghị định", "Quyết định",
    "Chỉ thị", "Quy chế", "Quy định", "Thông cáo", "Thông báo", "Hướng dẫn", "Chương trình",
    "Kế hoạch", "Phương án", "Đề án", "Dự án", "Báo cáo", "Biên bản", "Tờ trình", "Hợp đồng", "Thông tri",
    "Công văn", "Công điện", "Bản ghi nhớ", "Bản thỏa thuận", "Giấy ủy quyền", "Giấy mời",
    "Giấy giới thiệu", "Giấy nghỉ phép", "Phiếu gửi", "Phiếu chuyển", "Phiếu báo", "Thư công",
    "Thông tư", "Luật", "Pháp lệnh", "Lệnh", "Bộ luật", "Hiến pháp", "Sắc lệnh", "Điều lệ",
]
_TYPE_BY_FOLD = {fold(t): t for t in DOCUMENT_TYPES}
TYPE_TITLE = regex.compile(
    r"^\W{0,3}(" + "|".join(regex.escape(fold(t)).replace(r"\ ", r"\s*") for t in
                           sorted(DOCUMENT_TYPES, key=len, reverse=True)) + r")\W{0,3}$")
TYPE_TITLE_FUZZY = regex.compile(
    r"^\W{0,3}(?:(" + "|".join(regex.escape(fold(t)).replace(r"\ ", r"\s*") for t in
                              sorted(DOCUMENT_TYPES, key=len, reverse=True) if len(t) >= 7) +
    r")){e<=1}\W{0,3}$")


@dataclass
class HeaderPart:
    """A piece of a header line after splitting fused columns."""

    text: str
    line: CleanLine
    offset: int          # where `text` starts inside line.text
    column: str          # "left" or "right"


@dataclass
class Segments:
    lines: list[CleanLine]
    header: list[HeaderPart] = field(default_factory=list)
    number: Optional[HeaderPart] = None
    date: Optional[HeaderPart] = None
    type_title: Optional[str] = None
    type_line: Optional[CleanLine] = None
    title: list[CleanLine] = field(default_factory=list)
    subject: list[CleanLine] = field(default_factory=list)
    subject_first_offset: int = 0
    recipients: list[CleanLine] = field(default_factory=list)
    recipients_first_offset: int = 0
    body: list[CleanLine] = field(default_factory=list)
    distribution: list[tuple[CleanLine, str]] = field(default_factory=list)
    signature: list[tuple[CleanLine, str]] = field(default_factory=list)
    footnotes: list[CleanLine] = field(default_factory=list)
    after_signature: list[CleanLine] = field(default_factory=list)
    zones: dict[int, str] = field(default_factory=dict)   # id(line) -> zone name

    def zone_of(self, line: CleanLine) -> Optional[str]:
        return self.zones.get(id(line))


def _search(pattern: regex.Pattern, text: str, pos: int = 0):
    if pattern is MOTTO:
        return _motto_search(text, pos)
    try:
        return pattern.search(text, pos, timeout=TIMEOUT)
    except TimeoutError:
        return None


@functools.lru_cache(maxsize=512)
def _motto_search(text: str, pos: int):
    """MOTTO.search, once per line: the header and foot code ask about the same lines several
    times, and a fused line ('BỘ TÀI CHÍNH CỘNG HÒA …') costs ~0.5 ms to search."""
    if not _may_hold_motto(text[pos:]):
        return None          # most lines fail this cheap exact test
    try:
        return MOTTO.search(text, pos, timeout=TIMEOUT)
    except TimeoutError:
        return None


def _match(pattern: regex.Pattern, text: str):
    try:
        return pattern.match(text, timeout=TIMEOUT)
    except TimeoutError:
        return None


def type_title_of(line: CleanLine) -> Optional[str]:
    """The document type named by a stand-alone upper-case title line, if it is one."""
    text = line.text
    if not text or len(text) > 40:
        return None
    letters = [c for c in text if c.isalpha()]
    if not letters or sum(c.isupper() for c in letters) < 0.8 * len(letters):
        return None
    m = _match(TYPE_TITLE, line.folded) or (
        _may_be_type_name(line.folded) and _match(TYPE_TITLE_FUZZY, line.folded))
    if not m:
        return None
    key = rx(r"\s+").sub(" ", m.group(1)).strip()
    if key in _TYPE_BY_FOLD:
        return _TYPE_BY_FOLD[key]
    key = key.replace(" ", "")
    for folded, name in _TYPE_BY_FOLD.items():
        if folded.replace(" ", "") == key:
            return name
    # fuzzy hit: the closest type name
    best = min(_TYPE_BY_FOLD, key=lambda f: _distance(f.replace(" ", ""), key))
    return _TYPE_BY_FOLD[best]


def _distance(a: str, b: str) -> int:
    m = rx(r"(?:%s){e<=3}" % regex.escape(a), regex.BESTMATCH).fullmatch(b)   # a: a type name
    return sum(m.fuzzy_counts) if m else 99


def is_upper_line(text: str, ratio: float = 0.75) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= ratio * len(letters)


_STAMPED_TYPE = regex.compile(
    r"^\W{0,2}(?:den|cong\s*van\s*den)\b[^\n]{0,12}?\s(" + "|".join(
        regex.escape(fold(t)).replace(r"\ ", r"\s*") for t in sorted(DOCUMENT_TYPES, key=len, reverse=True)
        if " " in t) + r")\W{0,3}$")
_BARE_NUMBER_KEY = regex.compile(r"^\W{0,2}(?:so|s[o6]|\$[o6]?)\s*[:;]\s*$", regex.I)
_BODY_OPENING = regex.compile(
    rf"^[\W_]{{0,3}}(?:{OPENING_WORDS}|theo\s*de\s*nghi|xet\s*de\s*nghi)\b", regex.I)


def _header_stop(lines: list[CleanLine], content: list[int], limit: int) -> int:
    """Where the header zone surely ends: the type name, Kính gửi, or the body's first clause."""
    for k, i in enumerate(content):
        if i >= limit or k >= 35:
            return min(i, limit)
        line = lines[i]
        if type_title_of(line) or len(line.text) > 160 or (
                _match(_BODY_OPENING, line.folded) and not is_upper_line(line.text)):
            return i
    return limit


def _bigram_hits(pattern: str, bigrams: set[str]) -> int:
    return sum(pattern[i:i + 2] in bigrams for i in range(len(pattern) - 1))


def _may_match(pattern: str, errors: int, bigrams: set[str]) -> bool:
    """q-gram lemma: a text holding `pattern` within `errors` edits holds at least
    len - 1 - 2 * errors of its bigrams. A cheap, exact test that lets most lines skip
    the fuzzy search."""
    return _bigram_hits(pattern, bigrams) >= len(pattern) - 1 - 2 * errors


def _letter_bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


# the motto's fuzzy parts (MOTTO) as letters and allowed errors
_MOTTO_PARTS = (("conghoaxahoi", 3), ("chunghiavietnam", 2), ("dangcongsanvietnam", 2))
_MOTTO_PAIR = (("doclap", 1), ("tudo", 1))
_MOTTO_BIGRAMS = _letter_bigrams(_MOTTO_LETTERS)
_NOT_A_TO_Z = regex.compile(r"[^a-z]+")


def _may_hold_motto(folded: str) -> bool:
    """False only when MOTTO cannot match: dropping the characters that are no letter a-z
    never adds edits, and each part must then pass the q-gram test."""
    if not folded.isascii() and any(c.isalpha() and not c.isascii() for c in folded):
        return True           # a letter the case-blind pattern might still equate with a-z
    letters = _NOT_A_TO_Z.sub("", folded.lower())
    bigrams = _letter_bigrams(letters)
    return any(_may_match(p, e, bigrams) for p, e in _MOTTO_PARTS) or \
        all(_may_match(p, e, bigrams) for p, e in _MOTTO_PAIR)


# TYPE_TITLE_FUZZY's names as letters; it allows one error
_FUZZY_TYPE_LETTERS = [fold(t).replace(" ", "") for t in DOCUMENT_TYPES if len(t) >= 7]


def _may_be_type_name(folded: str) -> bool:
    """False only when TYPE_TITLE_FUZZY cannot match: the line's letters a-z (its ends may hold
    no letter, spaces inside are free, any other character is an error) must be within one
    edit of a name, so of its length +-1 and sharing all but 3 of its bigrams."""
    letters = _NOT_A_TO_Z.sub("", folded)
    bigrams = _letter_bigrams(letters)
    return any(abs(len(letters) - len(name)) <= 1 and _may_match(name, 1, bigrams)
               for name in _FUZZY_TYPE_LETTERS)


def _motto_fragment(folded: str) -> bool:
    """Whether a line is a piece of the national motto (a Markdown cell wraps it anywhere)."""
    letters = rx(r"[^a-z]+").sub("", folded)
    if len(letters) < 4:
        return False
    errors = len(letters) // 8
    if not errors:
        return letters in _MOTTO_LETTERS
    if not _may_match(letters, errors, _MOTTO_BIGRAMS):
        return False          # compiling a fuzzy pattern per line is the cost; most lines fail here
    return _search(regex.compile(r"(?:%s){e<=%d}" % (letters, errors)), _MOTTO_LETTERS) is not None


def motto_in(line: CleanLine):
    """MOTTO in a line, unless the words stand in running text: 'Lễ kỷ niệm 95 năm thành lập
    Đảng Cộng sản Việt Nam' wrapped in a subject or body is no motto (mixed case, after
    lower-case words on its line); the motto is set in capitals or alone on its line."""
    m = _search(MOTTO, line.folded)
    if m is None:
        return None
    span = line.text[m.start():m.end()]
    if rx(r"\p{Ll}").search(span) and rx(r"\p{Ll}").search(line.text[:m.start()]):
        return None
    return m


def _motto_lines(lines: list[CleanLine], content: list[int], stop: int) -> set[int]:
    """Lines holding the motto, and motto pieces wrapped onto the lines right beside them."""
    found = {i for i in content if i < stop and motto_in(lines[i])}

    def motto_part(i: int) -> str:          # the line from where its motto starts
        f = lines[i].folded
        m = _search(MOTTO, f)
        if not m or f[m.start():m.start() + 2] == "ch" and _motto_head_piece(f[:m.start()]):
            return f
        return f[m.start():]

    grown = True
    while grown:
        grown = False
        for i in content:
            if i >= stop or i in found or not _motto_fragment(lines[i].folded):
                continue
            # the piece must read on from the motto line above, or into the one below
            if (i - 1 in found and _motto_fragment(motto_part(i - 1) + " " + lines[i].folded)
                    or i + 1 in found and _motto_fragment(lines[i].folded + " " + motto_part(i + 1))):
                found.add(i)
                grown = True
    return found


_NGAY = regex.compile(r"(?:ngay|ngav){e<=1}", regex.I)


def _date_window(lines: list[CleanLine], i: int, stop: int, motto: set[int]):
    """The place-and-date at line i, possibly wrapped over the next lines: (i, end, place line)."""
    line = lines[i]
    if not _search(_NGAY, line.folded):
        return None
    text, end = line.text, i + 1
    for _ in range(3):
        m = _search(DATE_LINE, fold(text))
        if m and m.start() < len(line.text):
            before = text[:m.start()]
            vv = _match(SUBJECT_VV, line.folded)
            if vv and not rx(r",\s*$").search(before):
                return None      # a date cited in the subject line
            if rx(r"[\W_]+").sub("", before) and not rx(
                    r"(?:\p{Lu}[\p{L}.'’]*\s*[,.]?|[,.])\s*$").search(before):
                return None      # a date inside a sentence, not the header's date line
            place_line = None
            prev = lines[i - 1] if i > 0 else None
            if (len(before.split()) <= 1 and prev is not None and not prev.blank and i - 1 not in motto
                    and len(prev.text) <= 30 and not is_upper_line(prev.text, 0.9)
                    and rx(r"\p{Lu}\p{Ll}*(?:\s+(?:\p{Lu}\p{Ll}*|phố|xã|trấn)){0,4}").fullmatch(prev.text)):
                place_line = i - 1   # 'Tây' / 'Ninh, ngày 01 …': the place wrapped in its cell
            return (i, end, place_line)
        if end >= stop or lines[end].blank:
            break
        text += " " + lines[end].text
        end += 1
    m = _search(DATE_BLANK, line.folded)
    if m and _search(NUMBER, line.folded[:m.start()]) or m and not rx(r"[\W_]+").sub("", line.text[:m.start()]):
        return (i, i + 1, None)
    return None


def _date_part(lines: list[CleanLine], win) -> HeaderPart:
    i, end, place_line = win
    line = lines[i]
    joined = " ".join([line.text] + [lines[k].text for k in range(i + 1, end)])
    m = _search(DATE_LINE, fold(joined)) or _search(DATE_BLANK, line.folded)
    cut = _place_start(line.text, line.folded, m.start()) if m else 0
    text = joined[cut:]
    if place_line is not None:
        text = lines[place_line].text + " " + text
    return HeaderPart(text, line, cut, "right")


def split_header_line(line: CleanLine) -> list[HeaderPart]:
    """Split one header line into its left-column and right-column parts.

    Two columns fused on one line ('BỘ TÀI CHÍNH CỘNG HÒA XÃ HỘI …', 'Số: 12/TCT-CS Hà Nội,
    ngày …') are cut where the right column's known start (motto, place-and-date) begins.
    """
    text, folded = line.text, line.folded
    if line.column in ("left", "right"):
        return [HeaderPart(text, line, 0, line.column)]
    if "  " in text:    # a table row of a Markdown header: cells were joined by two spaces
        parts, pos = [], 0
        for cell in text.split("  "):
            at = text.index(cell, pos)
            pos = at + len(cell)
            if cell.strip():
                parts.extend(split_header_line(CleanLine(cell, line.start, line.end, line.page,
                                                         line.box, None, None)))
        for p in parts:
            p.line = line
        return parts
    cut = None
    m = _search(MOTTO, folded)
    if m:
        cut = m.start()
        # 'HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM': the motto's first words wrapped here too
        if cut and folded[cut:cut + 2] == "ch" and _motto_head_piece(folded[:cut]):
            cut = 0
    d = _search(DATE_LINE, folded)
    if d is not None:
        start = _place_start(text, folded, d.start())
        cut = start if cut is None else min(cut, start)
    if cut == 0 and d is None:
        # columns read right to left: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM BỘ TÀI CHÍNH'
        whole = _match(_WHOLE_MOTTO_LINE, folded)
        rest = text[whole.end():].strip(" _-—–.,|") if whole else ""
        if rest and is_upper_line(rest, 0.8) and len(rx(r"\p{L}{2,}").findall(rest)) >= 2:
            at = text.index(rest, whole.end())
            return [HeaderPart(text[:whole.end()], line, 0, "right"), HeaderPart(rest, line, at, "left")]
    if cut is None or cut == 0:
        return [HeaderPart(text, line, 0, "right" if cut == 0 else "left")]
    left, right = text[:cut].rstrip(" _-—–.,“\""), text[cut:]
    parts = []
    if left.strip():
        parts.append(HeaderPart(left, line, 0, "left"))
    parts.append(HeaderPart(right, line, cut, "right"))
    return parts


_WHOLE_MOTTO_LINE = regex.compile(
    r"(?e)\W*(?:(?:cong\s*hoa\s*xa\s*hoi\s*chu\s*nghia\s*viet\s*nam){e<=4}|(?:doc\s*lap\s*[-–—]\s*tu\s*do\s*[-–—]\s*"
    r"hanh\s*phuc){e<=4}|(?:dang\s*cong\s*san\s*viet\s*nam){e<=2})", regex.I)


def _motto_head_piece(folded: str) -> bool:
    """'HỘI', 'HÒA XÃ HỘI': the end of 'CỘNG HÒA XÃ HỘI' wrapped before 'CHỦ NGHĨA'."""
    letters = rx(r"[^a-z]+").sub("", folded)
    head = "conghoaxahoi"
    if len(letters) < 3 or len(letters) > len(head) + 1:
        return False
    errors = 1 if len(letters) >= 6 else 0
    return _search(regex.compile(r"(?:%s){e<=%d}$" % (letters, errors)), head) is not None
# the number's value after 'Số:': a running number (maybe blank or garbled), '/', the symbol;
# the symbol may carry a year ('30/2020/NĐ-CP') and OCR-spaced dashes ('TCT- CS', 'LĐTBXH -LĐTL')
NUMBER_VALUE = regex.compile(
    r"(?P<seq>[^\n]{0,16}?)/\s*(?P<symbol>(?:\d{4}\s*/\s*)?\p{L}[\p{L}\d&.\-–/]*"
    r"(?:(?:\s+[-–]\s*|\s*[-–]\s+|(?<=[-–])\s+)[\p{Lu}\d][\p{Lu}\d&.]*(?![\p{Ll}]))*)")


def _number_end(text: str, folded: str) -> int:
    """Where the 'Số: 12/TCT-CS' at the start of a line ends (0 when the line has none)."""
    m = _search(NUMBER, folded)
    if not m or m.start() > 3:
        return 0
    v = _match(NUMBER_VALUE, text[m.end():])
    return m.end() + v.end() if v else 0


def _place_start(text: str, folded: str, date_at: int) -> int:
    """Where the place name before ', ngày' starts: up to four capitalised words back, and
    never inside the number's symbol that may share the line."""
    floor = _number_end(text, folded)
    if floor > date_at:
        floor = 0
    before = text[floor:date_at]
    m = rx(r"([\p{Lu}][\p{L}.'’]*(?:\s+(?:[\p{Lu}][\p{L}.'’]*|phố|xã|trấn)){0,4}(?:\s+\p{Ll}+)?)"
                     r"\s*[,.]?\s*$").search(before)
    if m and m.group(1):
        words = m.group(1).split()
        while words and (rx(r"[/\d]").search(words[0]) or words[0].isupper() and len(words[0]) > 1
                         and not rx(r"[\p{Lu}]\p{Ll}*").fullmatch(words[0]) and len(words) > 1):
            words = words[1:]
        if words:
            return floor + before.rindex(words[0], 0, m.end())
    return date_at


def segment(lines: list[CleanLine]) -> Segments:
    seg = Segments(lines=lines)
    content = [i for i, l in enumerate(lines) if not l.blank and l.footnote is None]
    if not content:
        return seg
    n = len(lines)

    kinh_gui = _find_kinh_gui(lines, content)
    noi_nhan = _find_noi_nhan(lines, content, kinh_gui)

    # --- header: lines up to the last header anchor before the recipients / body ---------
    limit = kinh_gui if kinh_gui is not None else min(n, content[min(len(content) - 1, 40)] + 1)
    stop = _header_stop(lines, content, limit)
    motto = _motto_lines(lines, content, stop)
    number_at = None
    date_win = None          # (date line, end of its wrapped rest, line holding the place's start)
    for i in content:
        if i >= stop:
            break
        f = lines[i].folded
        if number_at is None and _search(NUMBER, f) and rx(r"[/\d]").search(f):
            number_at = i
        elif number_at is None and _match(_BARE_NUMBER_KEY, f) and i + 1 < stop and "/" in lines[i + 1].text:
            number_at = i              # 'Số:' alone, its value wrapped onto the next line
        if date_win is None:
            date_win = _date_window(lines, i, stop, motto)
    number_wrapped = number_at is not None and _match(_BARE_NUMBER_KEY, lines[number_at].folded) is not None
    header_end = max([0] + [i + 1 for i in motto]
                     + ([number_at + 1 + number_wrapped] if number_at is not None else [])
                     + ([date_win[1]] if date_win else []))

    # type title and subject (either V/v, or the lines under the type name)
    type_at = type_last = None
    for i in content:
        if i >= limit or i > header_end + 12:
            break
        t = type_title_of(lines[i])
        if t:
            type_at, seg.type_title, seg.type_line = i, t, lines[i]
            break
        nxt = lines[i + 1] if i + 1 < n else None
        if nxt is not None and not nxt.blank and len(lines[i].text) <= 12 and len(nxt.text) <= 30:
            # 'NGHỊ' / 'QUYẾT': a Markdown cell wrapped the type name
            pair = CleanLine(lines[i].text + " " + nxt.text, lines[i].start, nxt.end, lines[i].page)
            # exact only: two header pieces are one slip from a type name too ('PHỦ' / 'CỘNG'
            # reads as 'THƯ CÔNG')
            t = type_title_of(pair) if _match(TYPE_TITLE, pair.folded) else None
            if t:
                type_at, type_last, seg.type_title, seg.type_line = i, i + 1, t, lines[i]
                break
    if type_at is None:
        # an incoming-mail stamp ('ĐẾN Số … Ngày …') OCR'd onto the type name's line
        for i in content:
            if i >= limit or i > header_end + 6:
                break
            m = _search(_STAMPED_TYPE, lines[i].folded)
            if m and is_upper_line(lines[i].text, 0.7):
                t = type_title_of(CleanLine(lines[i].text[m.start(1):], lines[i].start, lines[i].end))
                if t:
                    type_at, seg.type_title, seg.type_line = i, t, lines[i]
                    break
    subject_at = vv_number = None
    for i in content:
        if i >= limit or i > header_end + 8:
            break
        m = _match(SUBJECT_VV, lines[i].folded)
        if m and (len(lines[i].text) > m.end() or i + 1 < n and not lines[i + 1].blank):
            subject_at = i             # ('V/v' alone: its text wrapped onto the next line)
            seg.subject_first_offset = m.end()
            break
        # a fused header line: 'V/v …' in the left column of a date line, or after the number
        if m is None and lines[i].text and i < header_end:
            mm = rx(r"(?:^|\s)(?:V\s*/\s*v|Vlv|Viv)\s").search(lines[i].text)
            after_number = _number_end(lines[i].text, lines[i].folded) if i == number_at else 0
            if mm and (mm.start() < 3 or after_number and 0 <= mm.start() - after_number < 3):
                subject_at = i
                seg.subject_first_offset = mm.end()
                if after_number:
                    vv_number = HeaderPart(lines[i].text[:after_number], lines[i], 0, "left")
                break

    # header lines, split into their columns; the date is one part even when wrapped
    date_rest = set()
    if date_win:
        seg.date = _date_part(lines, date_win)       # also when it shares the V/v line
        date_rest = set(range(date_win[0] + 1, date_win[1]))
        if date_win[2] is not None:
            date_rest.add(date_win[2])
    for i in content:
        if i >= header_end:
            break
        if i == subject_at and vv_number is not None:
            seg.header.append(vv_number)       # 'Số: 12/UBND-VX V/v …' on one line
        if i == subject_at or i == type_at or i == type_last:
            continue
        line = lines[i]
        seg.zones[id(line)] = "header"
        if i in date_rest:
            continue
        if number_wrapped and i == number_at + 1:
            continue
        if i in motto and not _search(MOTTO, line.folded):
            parts = [HeaderPart(line.text, line, 0, "right")]     # a wrapped piece of the motto
        elif number_wrapped and i == number_at:
            parts = [HeaderPart(line.text + " " + lines[i + 1].text, line, 0, "left")]
        else:
            parts = split_header_line(line)
        if date_win and i == date_win[0]:
            left = line.text[:seg.date.offset].rstrip(" _-—–.,“\"")
            parts = ([HeaderPart(left, line, 0, "left")] if left.strip() else []) + [seg.date]
        seg.header.extend(parts)
    for part in seg.header:
        if seg.number is None and part.column == "left" and _search(NUMBER, fold(part.text)):
            seg.number = part
    if seg.number is None:
        for part in seg.header:
            if _search(NUMBER, fold(part.text)) and rx(r"\d|/").search(part.text):
                seg.number = part
                break

    cursor = header_end
    # subject lines of a công văn: from the V/v line until a blank line followed by a non-
    # continuation, or the date/recipients line
    if subject_at is not None:
        cursor = max(cursor, _collect_subject(seg, subject_at, limit, header_end))
    if type_at is not None:
        if type_last is not None:
            seg.zones[id(lines[type_at])] = "title"
        cursor = max(cursor, _collect_title(seg, type_last if type_last is not None else type_at, limit))

    # --- recipients ---------------------------------------------------------------------
    body_start = cursor
    if kinh_gui is not None:
        body_start = _collect_recipients(seg, kinh_gui)
    body_start = max(body_start, cursor)

    # --- foot: signature block and Nơi nhận ---------------------------------------------
    sig_at = _find_signature_start(lines, body_start, noi_nhan)
    ends = [i for i in (noi_nhan, sig_at) if i is not None and i >= body_start]
    body_end = min(ends) if ends else n
    headless = None
    if sig_at is not None and body_end == sig_at and (noi_nhan is None or noi_nhan < body_start):
        headless = _headless_list_start(lines, body_start, sig_at)
        if headless is not None:
            body_end = headless
    for i in range(body_start, body_end):
        line = lines[i]
        if line.footnote is not None:
            continue
        if id(line) in seg.zones:
            continue
        if not any(l.text for l in seg.body) and _YEAR_REST.fullmatch(line.folded):
            seg.zones[id(line)] = "header"    # the date's wrapped rest read after the Kính gửi
            continue
        seg.body.append(line)
        seg.zones[id(line)] = "body"
    _collect_foot(seg, body_end, headless is not None)
    _collect_footnotes(seg)
    return seg


_NUMBER_KEY = regex.compile(r"(?:^|\s|[^\w])(?:so|s[o6]|\$[o6]?)\s*[:;]", regex.I)   # 'Số:', not 'số 32/…'
_KINH_GUI_INSIDE = regex.compile(r"(?:kinh\s*gui){e<=1}\s*:", regex.I)


_DATE_REST = regex.compile(r"\W{0,2}(?:\d{1,2}\s+)?thang\s+\d{1,2}\s+nam\s+(?:\d ?){3}\d\W{0,2}")
# the same, down to 'năm 2025' alone: no body opens with that
_YEAR_REST = regex.compile(r"\W{0,2}(?:(?:\d{1,2}\s+)?thang\s+\d{1,2}\s+)?nam\s+(?:\d ?){3}\d\W{0,2}")


def _collect_subject(seg: Segments, start: int, limit: int, header_end: int) -> int:
    lines = seg.lines
    i = start
    seg.subject.append(lines[i])
    seg.zones[id(lines[i])] = "subject"
    i += 1
    while i < min(limit, len(lines)):
        line = lines[i]
        if line.blank:
            # a blank line ends the subject unless the next line continues it in lower case
            nxt = next((l for l in lines[i + 1:i + 3] if not l.blank), None)
            if nxt is None or not nxt.text[:1].islower() or _match(KINH_GUI, nxt.folded):
                break
            i += 1
            continue
        f = line.folded
        if _search(_KINH_GUI_INSIDE, f) or _is_noise_line(line.text):
            break
        if (_match(KINH_GUI, f) or _match(PREAMBLE_START, f) and line.text[:1].isupper()
                or type_title_of(line) or motto_in(line) or _search(_NUMBER_KEY, f) and i < header_end + 2
                and rx(r"/").search(f)):
            # the date line may sit between subject lines in a fused layout; skip it
            if _search(DATE_LINE, f) and not _match(KINH_GUI, f):
                i += 1
                continue
            break
        d = _search(DATE_LINE, f) or _search(DATE_BLANK, f)
        if d and not rx(r"\p{L}").search(line.text[:_place_start(line.text, f, d.start())]) \
                or _DATE_REST.fullmatch(f):
            i += 1            # the date line of the right column (or its wrapped rest '02 tháng
            continue          # 12 năm 2025'), between the subject's lines
        seg.subject.append(line)      # (a date fused on its right is cut off by the extractor)
        seg.zones[id(line)] = "subject"
        i += 1
    return i


def _collect_title(seg: Segments, start: int, limit: int) -> int:
    """Lines under the type name: the title, until a blank line before body text."""
    lines = seg.lines
    seg.zones[id(lines[start])] = "title"
    i = start + 1
    seen = heads = 0
    while i < min(len(lines), limit if limit > start else len(lines)):
        line = lines[i]
        if line.blank:
            if seen:
                nxt = next((l for l in lines[i + 1:i + 3] if not l.blank), None)
                if nxt is None or not (nxt.text[:1].islower() or nxt.text.lower().startswith(("và ", "về "))):
                    break
            i += 1
            continue
        f = line.folded
        # a title in capitals wrapped at a narrow width goes on in capitals ('… TRONG' /
        # 'THỰC HIỆN THỦ TỤC HÀNH'): an opener word there is no preamble
        caps_go_on = seen and _caps_title(seg) and is_upper_line(line.text, 0.9)
        if (_match(PREAMBLE_START, f) and seen and not caps_go_on or _match(KINH_GUI, f)
                or _match(ITEM, line.text) and seen
                or type_title_of(line) or len(line.text) > 200 or _is_noise_line(line.text)
                or seen and (_is_issuing_authority(seg, line, start) or _ends_caps_title(seg, line))):
            break
        if _search(DATE_LINE, f) and not seen:
            i += 1
            continue
        seg.title.append(line)
        seg.zones[id(line)] = "title"
        seen += 1
        # a line going on in lower case or with a number is the wrapped rest of the one
        # above ('… theo Quyết' / 'định số' / '595/QĐ …'): only the others count to the cap
        heads += not rx(r"^[\p{Ll}\d]").match(line.text)
        i += 1
        if heads >= (12 if _caps_title(seg) else 6):
            break
    return i


def _caps_title(seg: Segments) -> bool:
    """The title so far is set in capitals (its end shows where capitals stop)."""
    return bool(seg.title) and all(is_upper_line(l.text, 0.9) or l.text.isupper() for l in seg.title)


_AUTHORITY_TITLE = regex.compile(
    r"^\W{0,3}(?:pho\s+)?(?:chu\s*tich|bo\s*truong|thu\s*tuong|tong\s*cuc\s*truong|cuc\s*truong|"
    r"tong\s*giam\s*doc|giam\s*doc|chanh\s*an|vien\s*truong|truong\s*ban|chu\s*nhiem|ban\s*thuong\s*truc|"
    r"thuong\s*truc|ban\s*thuong\s*vu|ban\s*chap\s*hanh|doan\s*chu\s*tich|hoi\s*dong)\b", regex.I)


def _is_noise_line(text: str) -> bool:
    """OCR'd stamp remnants ('ẾN 6È... C ¬—', 'Ngày: Q [041 2022.'): few letters among the signs."""
    chars = rx(r"\s+").sub("", text)
    alnum = sum(c.isalnum() for c in chars)
    return bool(chars) and (alnum < 0.6 * len(chars) or len(text) < 40 and rx(r"[¬\[\]{}<>@#$^~`\\]").search(text)
                            or rx(r"^\W{0,2}ng\w{1,3}\s*:").match(fold(text)) is not None)


def _is_issuing_authority(seg: Segments, line: CleanLine, type_at: int) -> bool:
    """The upper-case line that closes a title: who decides ('CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH X',
    'BỘ TRƯỞNG BỘ Y TẾ', 'BAN THƯỜNG TRỰC ỦY BAN MTTQ …')."""
    text = line.text
    if not is_upper_line(text, 0.7) or len(text) > 120:
        return False
    title = [l.text for l in seg.title]
    if title and not all(is_upper_line(t, 0.9) or t.isupper() for t in title):
        return True           # a mixed-case title, then capitals: the authority line
    if _match(_AUTHORITY_TITLE, line.folded):
        return True
    issuer = [fold(p.text).strip() for p in seg.header if p.column == "left" and len(p.text) >= 6
              and not _match(_PLACE_UNIT_START, fold(p.text))]
    # the issuing body wrapped in its header cell ('CHÍNH' / 'PHỦ'): its pieces joined
    pieces = []
    for p in seg.header:
        if p is seg.number or _search(NUMBER, fold(p.text)):
            break
        if p.column == "left":
            pieces.append(fold(p.text).strip())
    whole = " ".join(pieces)
    if len(whole) >= 6 and not _match(_PLACE_UNIT_START, whole) and \
            rx(r"[^a-z0-9]+").sub(" ", line.folded.lower()).strip() == rx(r"[^a-z0-9]+").sub(" ", whole.lower()).strip():
        return True           # the whole body alone on its line, not a title going on with its name
    return any(line.folded.startswith(k) for k in issuer)


_PLACE_UNIT_START = regex.compile(r"^\W*(?:tinh|thanh\s*pho|tp\b|huyen|quan|thi\s*xa|thi\s*tran|xa|phuong)\b")


def _ends_caps_title(seg: Segments, line: CleanLine) -> bool:
    """A title in capitals ends where mixed-case text begins ('Ngày 20 tháng 11 …')."""
    title = [l.text for l in seg.title]
    return bool(title) and all(is_upper_line(t, 0.9) or t.isupper() for t in title) \
        and not is_upper_line(line.text, 0.7) and sum(c.isalpha() for c in line.text) > 3


def _find_kinh_gui(lines: list[CleanLine], content: list[int]) -> Optional[int]:
    """The line holding the Kính gửi keyword, among the document's first lines."""
    from .extract.recipients import find_kinh_gui   # the rules live with the extractor
    return find_kinh_gui(lines, content[:120])


def _collect_recipients(seg: Segments, start: int) -> int:
    """Mark the Kính gửi lines as the recipients zone; returns where the body begins."""
    from .extract.recipients import locate, scan
    lines = seg.lines
    first, offset = locate(lines, start) or (start, 0)
    end, _ = scan(lines, first, offset)
    seg.recipients_first_offset = offset
    seg.zones[id(lines[start])] = "recipients"
    for i in range(first, end):
        line = lines[i]
        if line.footnote is None and (line.text or i == first):
            seg.recipients.append(line)
            seg.zones[id(line)] = "recipients"
    return end


# --- foot: Nơi nhận and the signature block --------------------------------------------------

# list bullets, with OCR's readings of a dash ('.', '·', '»' before a space)
_BULLET = regex.compile(r"^[|¬]?\s*(?:[-+•–—~*](?:\s+|(?=\w))|[.·»]\s+)")
_FOOT_NOISE = regex.compile(
    r"\(\s*(?:da\s*)?ky\b[^()\n]{0,60}\)|\*?\s*\b(?:da\s*)?ky\s*ten\b[^()\n]{0,40}$|^\W*(?:da\s*)?ky\W*$|"
    r"\(\s*(?:chu\s*ky|dong\s*dau)[^()\n]{0,40}\)", regex.I)
# an authority prefix inside a fused line: upper case only, so 'Q.' or 'tl.' in text never cut
_AUTH_INSIDE = regex.compile(r"(?<![\p{L}\d])(?:TM|KT|TL|TUQ|TTL|Q)\s*[.,]\s*(?=\p{Lu}{2}|\s*$)")
_NOI_NHAN_SHORT = regex.compile(r"^\W{0,3}n\w{1,2}i\s*nh?\w{0,3}\s*\W{0,2}$")
_NOI_ALONE = regex.compile(r"^\W{0,3}n\w{1,2}i\W{0,2}$")
_ARCHIVE = regex.compile(r"^\W{0,3}(?:luu|(lu)\b|l\w{1,2}u\s*[:;.]?\s*(?:vt|van\s*thu)\b)", regex.I)


def is_archive_line(text: str) -> bool:
    """The 'Lưu: VT, …' line of Nơi nhận (OCR: 'Luu', 'Lu VT', 'Lưư'). A bare 'lu' before a
    lower-case word is the cut-off end of another word ('Chủ tịch' read 'lu tịch'), not 'Lưu':
    the archive's codes are capitals ('văn thư', 'hồ sơ' aside). fold keeps every character's
    place, so the match's offsets hold in `text`."""
    m = _match(_ARCHIVE, fold(text))
    if m is None:
        return False
    return not (m.group(1) and rx(r"\s+(?!v[ăa]n\b|h[ồôo]\b)\p{Ll}").match(text, m.end(1)))


def _is_noi_nhan(line: CleanLine, nxt: Optional[CleanLine] = None):
    """The Nơi nhận heading (OCR 'Noi nhận', 'Nei nhận', 'Noi ni'); returns where its rest starts."""
    m = _match(NOI_NHAN, line.folded)
    if m:
        rest = line.text[m.end():].lstrip()
        if not rest or not rest[0].isalpha() or rest[0].isupper() or _search(_AUTH_INSIDE, rest) \
                or is_upper_line(rest, 0.5):
            return m.end()
        return None
    # what is left of the heading ('Noi ni') is taken when an entry follows: a bullet, or
    # (its bullet lost too) a line closed by the entries' ';'
    if len(line.text) <= 12 and _match(_NOI_NHAN_SHORT, line.folded) \
            and nxt is not None and (_BULLET.match(nxt.text) or nxt.text.rstrip().endswith(";")):
        return len(line.text)
    return None


# 'Noi Như nhận: trên' / 'Noi ni Nhu trên': OCR wove the heading and the first entry, set close
# below it, into one line; the words between and after the heading's are the entry's
_WOVEN_HEADING = regex.compile(
    r"^\W{0,3}n[oe]i\s+(?:(?!nhan\b)(\S+(?:\s+\S+)?)\s+(?:nhan|ni)|ni)\b\s*[:;.,]?\s*(.*)$")


def _woven_heading(text: str) -> Optional[str]:
    """The first entry of a Nơi nhận heading woven with it by OCR, or None."""
    m = _match(_WOVEN_HEADING, fold(text).lower())
    if m is None:
        return None
    entry = (text[m.start(1):m.end(1)] + " " if m.group(1) else "") + text[m.start(2):m.end(2)]
    return entry.strip() if entry[:1].isupper() else None


def _find_noi_nhan(lines: list[CleanLine], content: list[int], after: Optional[int]) -> Optional[int]:
    """The first Nơi nhận heading after the recipients: forms appended after the signature
    carry their own, which are not the document's."""
    for k, i in enumerate(content):
        if after is not None and i <= after:
            continue
        nxt = lines[content[k + 1]] if k + 1 < len(content) else None
        at = _is_noi_nhan(lines[i], nxt)
        if at is not None:
            rest = lines[i].text[at:].strip()
            # 'Nơi nhận hồ sơ: Trung tâm …' inside a procedure is text; the heading stands
            # alone, beside the signature column, or over a list
            if not rest or _search(_AUTH_INSIDE, rest) or is_upper_line(rest, 0.6) or \
                    len(rest) <= 12 or nxt is not None and _BULLET.match(nxt.text):
                return i
        if len(lines[i].text) <= 60 and _woven_heading(lines[i].text) is not None:
            return i        # the heading woven with its first entry
        # 'Nai' / 'Noi': the heading's first word alone, right after the closing mark, before a list
        prev = lines[content[k - 1]] if k > 0 else None
        if prev is not None and CLOSING.search(prev.text) and nxt is not None and _BULLET.match(nxt.text) \
                and _match(_NOI_ALONE, lines[i].folded):
            return i
    return None


# an authority prefix whose dot OCR lost: capitals before an upper-case title ('KT CHỦ TỊCH')
_AUTH_NO_DOT = regex.compile(r"^\W{0,2}(?:TM|KT|TL|TUQ|TTL)\s+(?=\p{Lu}{2})")


def _authority_at(text: str):
    """An authority prefix opening the line, possibly behind a short OCR smudge ('oe KT. …')."""
    m = _match(AUTHORITY, text) or _match(_AUTH_NO_DOT, text)
    if m is None:
        m = _search(_AUTH_INSIDE, text)
        if m is None or m.start() > 5:
            return None
    rest = text[m.end():]
    if rest.strip() and not is_upper_line(rest[:40], 0.6):
        return None
    return m


def _position_at(text: str):
    """An upper-case position title opening `text`, after at most one short smudge token."""
    if not is_upper_line(text[:30], 0.7):
        return None
    hit = title_at_start(text)
    if hit:
        return hit
    # a smudge has a sign in it or is lower case ('BML.', '„1', 'au'); 'ĐÀO' opens a name
    smudge = rx(r"^(?=\S*[^\p{L}\s]|\p{Ll})\S{1,4}\s+").match(text)
    if smudge and is_upper_line(text[smudge.end():][:30], 0.8):
        hit = title_at_start(text[smudge.end():])
        if hit:
            return hit[0], hit[1] + smudge.end()
    return None


def sig_kind(text: str) -> Optional[str]:
    """What a piece of the signature column is: 'authority', 'position', 'name' or None."""
    t = text.strip()
    if not t:
        return None
    if _authority_at(t):
        return "authority"
    if _position_at(t):
        return "position"
    if _is_person_name(t):
        return "name"
    return None


def _find_signature_start(lines: list[CleanLine], body_start: int, noi_nhan: Optional[int]) -> Optional[int]:
    """The first line of the foot: the Nơi nhận heading or the signature block, whichever
    comes first after the body."""
    n = len(lines)
    stop = noi_nhan if noi_nhan is not None and noi_nhan >= body_start else n
    for i in range(body_start, stop):
        line = lines[i]
        if line.blank or line.footnote is not None:
            continue
        t = line.text
        if _authority_at(t):
            return i
        if len(t) < 60 and is_upper_line(t, 0.8) and title_at_start(t) and _signature_follows(lines, i):
            return i
    if stop < n:
        return noi_nhan
    # no anchor known: a short tail after the body's closing mark ('./.') is the foot
    closing = next((i for i in range(n - 1, body_start - 1, -1) if CLOSING.search(lines[i].text)), None)
    if closing is not None and sum(1 for l in lines[closing + 1:] if not l.blank) <= 12:
        return closing + 1 if closing + 1 < n else None
    return None


def _signature_follows(lines: list[CleanLine], i: int) -> bool:
    """A stand-alone position line opens the foot when a name, an authority or the Nơi nhận
    follows within a few lines, or the body's closing mark stands right before it."""
    before = next((l for l in reversed(lines[max(0, i - 3):i]) if not l.blank), None)
    if before is not None and CLOSING.search(before.text):
        return True
    seen = 0
    for line in lines[i + 1:]:
        if line.blank:
            continue
        seen += 1
        if seen > 4:
            break
        if _is_noi_nhan(line) is not None or _authority_at(line.text) or \
                looks_like_name(_strip_foot_noise(line.text)):
            return True
    return False


def _strip_foot_noise(text: str) -> str:
    """Signature-stamp noise ('(đã ký)', 'Ký tên, đóng dấu') out of a foot line."""
    folded = fold(text)
    spans = [m.span() for m in _FOOT_NOISE.finditer(folded)]
    for a, b in reversed(spans):
        text = text[:a] + " " + text[b:]
    # a bullet OCR read with a speck beside it ('~- Như trên;', '.~ Website TCT;') is a bullet;
    # a run of dashes ('——Mai Xuân Thanh') is not, it stays the stamp's stroke it is
    text = rx(r"^\s*(?:[~.·=]\s?[-–~]|[-–][~=])(?=\s+\S)").sub("-", text)
    text = rx(r"\s+").sub(" ", text).strip()
    # a speck of the stamp before the signer's name ('SE Mai Xuân Thanh', 'au Đỗ Thị Phương'):
    # one or two letters whose case breaks the name's; a title's initials ('TP Lê Văn An') and
    # a word ('bà Lê Thị Hoa') stay
    speck = rx(r"^(\p{L}{1,2}) (?=\p{Lu})").match(text)
    if speck:
        token, name = speck.group(1), text[speck.end():]
        words = name.split()
        title_case = all(w[:1].isupper() and w[1:].islower() for w in words)
        lower_speck = token.islower() and token.isascii()
        upper_speck = token.isupper() and len(token) == 2 and title_case and \
            fold(token) not in ("tp", "pp", "gd", "ct", "pt", "tt", "dc", "bt")
        if (2 if lower_speck else 3) <= len(words) <= 4 and (lower_speck or upper_speck) and looks_like_name(name):
            text = name
    return text


def _split_foot(text: str) -> tuple[str, str]:
    """Cut a fused foot line into its Nơi nhận part (left) and its signature part (right).

    The signature part starts at an authority prefix, an upper-case position title, or a
    person's name standing after an entry's ';' (or after the archive line's final '.')."""
    if sig_kind(text):
        return "", text.strip()
    archive_line = None      # computed once, not per word: long lines made this quadratic
    for m in rx(r"(?:^|(?<=[\s;:.,|]))\S").finditer(text):
        p = m.start()
        if p == 0:
            continue
        rest = text[p:]
        # ('Lưu: VT, KT.': a unit's initials in a list after a comma, not the 'KT.' prefix)
        if _match(_AUTH_INSIDE, rest) and not text[:p].rstrip().endswith(","):
            return text[:p].strip(), rest.strip()
        if rest[:1].isupper() and is_upper_line(rest[:25], 0.8):
            hit = title_at_start(rest)
            if hit and is_upper_line(rest[:hit[1]], 0.8):
                return text[:p].strip(), rest.strip()
        before = text[:p].rstrip()
        if before.endswith((".", ")")) and archive_line is None:
            archive_line = is_archive_line(text)
        if len(rest) <= 200 and (before.endswith(";") or (before.endswith((".", ")")) and archive_line)):
            name = rx(r"^[\W\d_]+|[\W\d_]+$").sub("", rest)
            if looks_like_name(name):
                return before, name
    return text.strip(), ""


def _looks_distribution(text: str) -> bool:
    """An entry whose bullet OCR lost: opens with a capital, has a lower-case word or ends
    with ';' ('Vụ CS; PC (TCD:', 'Như kính gửi;'); not a smudge like 'XY TH' or 'jgyy'."""
    t = text.strip()
    if not t[:1].isupper() or len(t) < 4:
        return False
    return bool(rx(r"\p{Ll}").search(t)) and len(t.split()) >= 2 or t.endswith(";")


def _is_person_name(text: str) -> bool:
    # edge smudges ('——Mai Xuân Thanh') go; digits stay and rule a name out, and so does a
    # list comma ('các PCN: Nguyễn Sỹ Hiệp,' / 'Nguyễn Duy Hưng,' is a wrapped entry)
    if text.rstrip().endswith((",", ";")):
        return False
    text = strip_name_prefix(rx(r"^[^\p{L}\d(]+").sub("", text))
    return looks_like_name(rx(r"^[^\p{L}\d(]+|[^\p{L}\d)]+$").sub("", text))


def smudge_after_semicolon(tail: str) -> bool:
    """What follows an entry's ';' is a smudge, not more of the entry ('2 ` .', 'hộ HY', 'KE.')."""
    if "(" in tail:
        return False
    letters = rx(r"\p{L}").findall(tail)
    if len(letters) <= 3:
        return True
    return len(letters) <= 5 and bool(rx(r"(?:^|\s)\p{Ll}").search(tail))


def _without_smudge(text: str) -> str:
    """A Nơi nhận line without the specks OCR read after its last ';' ('Thủ tướng Chính phủ; :')."""
    text = text.rstrip()
    tail = rx(r";\s*([^;]*)$").search(text)
    return text[:tail.start() + 1] if tail and tail.group(1).strip() and smudge_after_semicolon(tail.group(1)) else text


def _continues_entry(prev: str, text: str, closed: bool) -> bool:
    """Whether `text` is the wrapped rest of the distribution entry `prev`."""
    prev = prev.rstrip()
    # OCR'd specks of the signature column after an entry's ';' ('Như trên; 2 `,', 'Ban Bí thư
    # Trung ương Đảng; hộ HY') leave it closed; codes listed after a colon ('Các phòng: TTKT3; KK')
    # are no specks
    after = rx(r";\s*([^;]*)$").search(prev)
    if after and after.group(1).strip() and smudge_after_semicolon(after.group(1)) and not (
            _CODE_LIST.search(prev) and rx(r"[\p{Lu}\d][\p{Lu}\d./&-]{0,11}").fullmatch(after.group(1).strip())):
        prev = prev[:after.start() + 1]
    text = _without_smudge(text)        # the same specks after the line's own ';' ('CP; k')
    if is_archive_line(text):
        return False            # 'Lưu: VT' opens its own entry, bullet or not
    starts_low = text[:1].islower() or text[:1] in "(&"
    if closed:
        # the archive line wraps rarely and briefly; longer text after it is something else
        return len(text) < 40 and not prev.endswith(".") and (
            prev.endswith((",", "-")) or text[:1] == "(" or prev.count("(") > prev.count(")"))
    if prev.endswith((";", ".")):
        return False
    if prev.count("(") > prev.count(")") and text[:1].isupper() and ")" not in text \
            and text.rstrip().endswith(";"):
        # an entry closes its '(' before its ';': a capitalised line that ends an entry without
        # closing it is the next entry, its bullet and the ')' above lost ('PC (TCD:' / 'Website TCT;')
        return False
    if starts_low or prev.endswith((",", "-", "(", "&", ":")) or prev.count("(") > prev.count(")"):
        return True
    if _PURPOSE_END.search(fold(prev)) and text[:1].isupper():
        return False            # '… (để báo cáo)' closes its entry, ';' lost or not

    if text.rstrip().endswith(";") and len(text) < 60:
        return True
    # 'TGĐ Cổng' + 'TTĐT; các Vụ: …': a capitalised rest when it is more than a smudge
    return len(text.split()) >= 2 and (text.rstrip().endswith((";", ".")) or bool(rx(r"\p{Ll}{2}").search(text)))


# the purpose an entry ends with: '(để báo cáo)', '(b/c)', '(thực hiện)', '(phối hợp)'
_PURPOSE_END = regex.compile(r"\((?:\s*de\s|b/c|t/h|bao cao|thuc hien|phoi hop|biet|chi dao)[^()]{0,30}\)\W{0,2}$")


# an entry listing units by their codes after a colon, and a line of such codes alone
_CODE_LIST = regex.compile(r":\s*[\p{Lu}\d][\p{Lu}\d./&-]{0,11}\s*;\s*[\p{Lu}\d]")
_CODES = regex.compile(r"[\p{Lu}\d][\p{Lu}\d./&-]{0,11}(?:\s*[;,]\s*[\p{Lu}\d][\p{Lu}\d./&-]{0,11}){0,5}\s*[;.]?")


def _listed(text: str) -> bool:
    """A line that reads as a Nơi nhận entry: it opens with a bullet or closes with ';'."""
    return bool(_BULLET.match(text)) or text.rstrip(" _").endswith(";")


# with no heading to go by, only a clear archive line ('Lưu: VT', 'Lưu VT'; not 'Lưu ý')
_ARCHIVE_STRICT = regex.compile(r"^\W{0,3}l\w{1,2}u\s*(?::|\s+(?:vt|van\s*thu|ho\s*so|hs)\b)", regex.I)


def _headless_list_start(lines: list[CleanLine], body_start: int, sig_at: int) -> Optional[int]:
    """A Nơi nhận list that lost its heading and stands right above the signature block
    (a laid-out page reads the left column first): its last entry is the archive line
    ('- Lưu: VT, …'); it reaches up over entries and their wrapped lines to the body's
    closing mark, a long line, or a blank line under text that is no entry."""
    j = next((i for i in range(sig_at - 1, body_start - 1, -1) if lines[i].text), None)
    if j is None or not _match(_ARCHIVE_STRICT, fold(_BULLET.sub("", lines[j].text, count=1))):
        return None
    first = j
    for k in range(j - 1, max(body_start, j - 40) - 1, -1):
        t = lines[k].text.strip()
        if not t:
            above = next((lines[i].text for i in range(k - 1, body_start - 1, -1) if lines[i].text), "")
            if not _listed(above):
                break
            continue
        if CLOSING.search(t) or rx(r"\./\.").search(t) or len(t) > 100 or lines[k].footnote is not None:
            break
        first = k
    block = [lines[i].text for i in range(first, j + 1) if lines[i].text]
    if len(block) < 3 or sum(map(_listed, block)) < 0.5 * len(block):
        return None
    return first


def _body_width(lines: list[CleanLine]) -> Optional[float]:
    """The width of a full body line on a laid-out page (from the boxes), None for plain text."""
    widths = sorted(l.box.x1 - l.box.x0 for l in lines if l.box is not None and not l.blank)
    return widths[int(len(widths) * 0.9)] if len(widths) >= 10 else None


def _list_column_right(lines: list[CleanLine], idx: list[int], body_width: Optional[float]) -> Optional[float]:
    """On a laid-out page, where the Nơi nhận column's lines end: the right edge of the widest
    left-column line of the foot down to the archive line ('Lưu: VT'); lines reaching into the
    page's right half (fused with the signature column) are left out."""
    boxes = [lines[i].box for i in idx if lines[i].box is not None]
    if not body_width or not boxes:
        return None
    left_edge = min(b.x0 for b in boxes)
    half = left_edge + 0.55 * (max(l.box.x1 for l in lines if l.box is not None) - left_edge)
    ends = []
    for i in idx:
        line, box = lines[i], lines[i].box
        if motto_in(line) or type_title_of(line):
            break
        if box is not None and box.x0 <= left_edge + 0.1 * body_width and box.x1 <= half:
            ends.append(box.x1)
        if is_archive_line(_BULLET.sub("", line.text, count=1).strip()):
            break
    return max(ends) if len(ends) >= 3 else None


def _fits_above(above: CleanLine, line: CleanLine, text: str, column_right: Optional[float]) -> bool:
    """Whether the first word of `text` (on `line`) would have fitted at the end of `above`."""
    if column_right is None or above.box is None or line.box is None or not text.split():
        return False
    pitch = (line.box.x1 - line.box.x0) / max(1, len(line.text))
    first = len(text.split()[0]) + 1
    return above.box.x1 + (first + 1) * pitch < column_right


def _must_continue(prev: str, text: str) -> bool:
    """Signs that a line goes on the entry above whatever the room: a lower-case start, an
    open bracket, a comma or dash at the end of the line above."""
    prev = prev.rstrip()
    return (text[:1].islower() or text[:1] in "(&" or prev.endswith((",", "-", "(", "&"))
            or prev.count("(") > prev.count(")"))


def _collect_foot(seg: Segments, start: int, headless: bool = False) -> None:
    """Sort the foot's lines into distribution entries and signature parts.

    In text order the two columns come one after the other, interleaved line by line, or
    fused on one line ('Nơi nhận: KT. CỤC TRƯỞNG', '- Như trên; PHÓ CỤC TRƯỞNG'); each line
    is cut where a signature part begins. The foot ends after the signer's name, unless a
    Nơi nhận list is still open or follows right after it; what comes later (appendices,
    forms with their own signature labels) goes to `after_signature`.
    """
    lines = seg.lines
    idx = [i for i in range(start, len(lines)) if not lines[i].blank and lines[i].footnote is None]
    body_width = _body_width(lines)
    column_right = _list_column_right(lines, idx, body_width)
    dist_open, dist_closed, name_found = headless, False, False
    bulleted = False         # the last entry opened with a bullet
    dist_lengths: list[int] = []     # the list's line lengths so far: the column's width
    after_name = 0
    k = 0
    while k < len(idx):
        line = lines[idx[k]]
        k += 1
        text = _strip_foot_noise(line.text)
        if not text:
            continue
        nxt = lines[idx[k]] if k < len(idx) else None
        nn = _is_noi_nhan(line, nxt)
        woven = _woven_heading(line.text) if nn is None and not dist_open else None
        if woven is not None:
            nn = len(line.text)
        if motto_in(line) or type_title_of(line):
            # a new document (an attached form) begins: the foot is over
            seg.after_signature.extend(lines[i] for i in idx[k - 1:])
            return
        if name_found:
            after_name += 1
            open_list = dist_open and not dist_closed
            if not (open_list or (not dist_open and nn is not None and after_name <= 3)):
                seg.after_signature.extend(lines[i] for i in idx[k - 1:])
                return
        if nn is not None:
            dist_open = True
            seg.zones[id(line)] = "distribution"
            text = _strip_foot_noise(line.text[nn:] if woven is None else woven)
            if not text:
                continue
        bullet = _match(_BULLET, text)
        body = text[bullet.end():] if bullet else text
        left, right = _split_foot(body)
        if not left and not bullet and dist_open and not dist_closed and seg.distribution \
                and sig_kind(right) == "name" and _continues_entry(seg.distribution[-1][1], right, False):
            left, right = right, ""     # a name inside a wrapped entry ('các PCN:' / 'Nguyễn Văn A')
        if name_found and left and not bullet and not (dist_open and not dist_closed and seg.distribution
                                                       and _continues_entry(seg.distribution[-1][1], left, dist_closed)):
            seg.after_signature.extend(lines[i] for i in idx[k - 1:])
            return
        if body_width and dist_open and seg.distribution and not bullet and nn is None and not right \
                and line.box is not None and line.box.x1 - line.box.x0 >= 0.8 * body_width and len(text) >= 50:
            # a line as wide as the body's on a laid-out page is prose below the foot (an annex
            # whose heading OCR lost), not a Nơi nhận entry, whose column is half the page
            seg.after_signature.extend(lines[i] for i in idx[k - 1:])
            return
        if left and dist_open:
            dist_lengths.append(len(line.text))
        if left:
            prev = seg.distribution[-1][1] if seg.distribution else None
            joined = nxt is not None and idx[k] == idx[k - 1] + 1 and _name_split(left, nxt.text)
            is_name = _is_person_name(left) or joined
            cont = dist_open and prev is not None and _continues_entry(prev, left, dist_closed)
            # a line that starts right of the list's column is the signature's ('Hồ Đức Phớc'
            # below the titles), never part of an entry
            outside = column_right is not None and line.box is not None and line.box.x0 >= column_right
            cont = cont and not outside
            if cont and not bullet and k >= 2 and _fits_above(lines[idx[k - 2]], line, left, column_right) \
                    and not _must_continue(prev, left):
                # the line's first word had room at the end of the line above: the writer
                # broke the line, so an entry whose bullet and ';' OCR lost begins here
                cont = False
            if not cont and dist_open and not dist_closed and bulleted and not bullet and not is_name \
                    and not is_archive_line(left) \
                    and len(dist_lengths) >= 3 \
                    and len(lines[idx[k - 2]].text) + 1 + len(left.split()[0]) >= 0.9 * max(dist_lengths):
                # a bulleted list, and a line with no bullet whose first word would not have
                # fitted on the full line above: the rest of the entry above when that entry is
                # open ('… cơ quan thuộc' / 'CP;'), or when it reads on into the next line after
                # one of the entry's inner ';' ('VCCI, Hiệp hội …;' / 'Hiệp hội doanh nghiệp Hàn
                # Quốc, Hiệp hội' / 'doanh nghiệp Châu Âu;')
                closed_above = _without_smudge(prev).endswith((";", "."))
                cont = not closed_above or (
                    prev.rstrip().endswith(";") and not left.rstrip(" _").endswith((";", "."))
                    and nxt is not None and idx[k] == idx[k - 1] + 1
                    and bool(rx(r"^(?:\p{Ll}|\()").match(nxt.text.strip()))
                    and bool(rx(r"\p{Ll}{2,}\s+\p{L}").search(left))) or (
                    # 'Các phòng: TTKT3; KK; TTHT;' / 'HKDCN;': more of the units it lists
                    prev.rstrip().endswith(";") and bool(_CODE_LIST.search(prev))
                    and bool(_CODES.fullmatch(left.strip())))
            if bullet and dist_closed or not bullet and not cont and len(left) > 90:
                # a list or a paragraph after the archive line: the foot is over
                seg.after_signature.extend(lines[i] for i in idx[k - 1:])
                return
            if bullet:
                dist_open = bulleted = True
                seg.distribution.append((line, left))
                seg.zones[id(line)] = "distribution"
                dist_closed = dist_closed or is_archive_line(left)
            elif cont and not (is_name and (dist_closed or prev.rstrip().endswith((";", ".")))):
                seg.distribution[-1] = (seg.distribution[-1][0], prev + " " + left)
                seg.zones[id(line)] = "distribution"
            elif is_name and not name_found:
                name = left + " " + nxt.text.strip() if joined else left
                k += 1 if joined else 0
                seg.signature.append((line, rx(r"^[^\p{L}]+|[^\p{L}]+$").sub("", name)))
                seg.zones[id(line)] = "signature"
                if joined:      # the name's wrapped rest: its line is the signature's too
                    seg.signature.append((nxt, ""))
                    seg.zones[id(nxt)] = "signature"
                name_found = True
            elif dist_open and not dist_closed and not outside and _looks_distribution(left):
                bulleted = False
                seg.distribution.append((line, left))
                seg.zones[id(line)] = "distribution"
                dist_closed = is_archive_line(left)
            elif is_upper_line(left, 0.9) and not name_found and (seg.signature or not dist_open) and not right \
                    and len(left.split()) <= 6:
                # an upper-case line of the block the vocabulary does not know
                seg.signature.append((line, left))
                seg.zones[id(line)] = "signature"
        if right:
            kind = sig_kind(right)
            rest = None
            if kind == "name" and not name_found and nxt is not None and idx[k] == idx[k - 1] + 1 \
                    and _name_split(right, nxt.text):
                right, rest = right + " " + nxt.text.strip(), nxt
                k += 1
            seg.signature.append((line, right))
            seg.zones.setdefault(id(line), "signature")
            if rest is not None:        # the name's wrapped rest: its line is the signature's too
                seg.signature.append((rest, ""))
                seg.zones[id(rest)] = "signature"
            if kind == "name":
                name_found = True


def _name_split(first: str, second: str) -> bool:
    """A name broken over two lines ('Lê Tấn' / 'Cận', 'Phạm' / 'Mạnh Cường')."""
    a, b = first.strip().split(), second.strip().split()
    if not a or not 1 <= len(b) <= 2 or len(a) + len(b) > 4 or len(a) > 2:
        return False
    if not (all(rx(r"\p{Lu}\p{Ll}*").fullmatch(w) for w in a + b)
            or all(rx(r"\p{Lu}+").fullmatch(w) for w in a + b)):
        return False
    if not all(is_name_syllable(w) for w in b):
        return False
    return looks_like_name(" ".join(a + b))


def _collect_footnotes(seg: Segments) -> None:
    """Footnote lines, in order: those the normalizer marked as opening a footnote (its
    marker) or continuing one (marker '')."""
    for line in seg.lines:
        if line.footnote is not None:
            seg.footnotes.append(line)
            seg.zones[id(line)] = "footnotes"
