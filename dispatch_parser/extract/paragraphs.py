"""Body lines -> paragraphs: wrapped lines joined, a new paragraph at a list marker or where
the text shows one starts.

Blank lines alone do not end a paragraph: OCR and page breaks put them inside sentences.
A next line that starts in lower case (or with a digit or bracket) always continues. A line
that starts with a capital starts a new paragraph when the line before ended a sentence, or
when a blank line comes between and the line before was short (a heading, not a wrapped line).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

import regex

from ..normalize import CleanLine
from ..segment import ITEM
from ..vntext import rx
from .common import join_lines

_ENDS_SENTENCE = regex.compile(r"[.:;!?…]\s*[”\")]?\s*$")
# a line ending like this was cut by wrapping: the sentence goes on
_OPEN_END = regex.compile(
    r"(?:[,\-–(/]|\b(?:của|và|với|tại|theo|về|số|các|những|cho|được|trong|từ|đến|là|có|"
    r"hoặc|khi|để|do|bởi|này|ngày|tháng|năm|đối|thuộc|như|trên|dưới|giữa|sau|trước))\s*$",
    regex.I)
_ENDS_FULL_STOP = regex.compile(r"[\p{Ll})]\.\s*$")
# '… tổ chức thực hiện .' + 'Chiến lược …': a dot set apart from its word is OCR's speck, no full stop
_DETACHED_STOP = regex.compile(r"\w\s+\.\s*$")
_ITEM_INTRO = regex.compile(r":\s*$")
# '«' is OCR's reading of '“' as often as a guillemet: either way a quotation opens
_QUOTE_START = regex.compile(r"\s*[“\"«]")
_NAME_LIST = regex.compile(r"\p{Lu}\p{Ll}*(?:\s+\p{L}+){0,2},\s+\p{Lu}\p{Ll}*(?:\s+\p{L}+){0,2},")
_STARTS_CAPITAL = regex.compile(r"^\W{0,2}[\p{Lu}“\"‘«]")
_SHORT = 0.7      # a line under this share of the wrap width was not wrapped
_UNWRAPPED = 160  # characters: longer than a printed line, so a paragraph held on one line
# '(i)', '(ii)' … '(x)': roman sub-items, written like '(1)'
ROMAN_PAREN = regex.compile(r"^\((?P<rparen>i{1,3}|iv|vi{0,3}|ix|x)\)\s*")


# '_ Tiếp tục …' under an item that announces a list: OCR's reading of a '-' bullet
OCR_BULLET = regex.compile(r"^_\s+(?=\p{Lu})")
# '~-Tỷ lệ …' / '~- Khẩn trương …': a dash bullet with a speck OCR read beside it
SPECKED_DASH = regex.compile(r"^~\s?[-–]\s*(?=\p{Lu})")


def item_start(text: str):
    """The list marker a line opens with (segment.ITEM, a roman '(i)' or a specked dash), or None."""
    return ITEM.match(text) or ROMAN_PAREN.match(text) or SPECKED_DASH.match(text)


@dataclass
class Paragraph:
    lines: list[CleanLine] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    # (texts joined, their join): directives reads `text` ~3 times a paragraph
    _joined: Optional[tuple[tuple[str, ...], str]] = field(default=None, repr=False, compare=False)

    @property
    def text(self) -> str:
        key = tuple(self.texts)
        if self._joined is None or self._joined[0] != key:
            self._joined = (key, join_lines(key))
        return self._joined[1]


def wrap_width(lines: list[CleanLine]) -> int:
    """The width text was wrapped at: a high percentile of the line lengths."""
    lengths = sorted(len(l.text) for l in lines if l.text)
    if len(lengths) < 8:
        return 0        # too few lines to tell a wrapped line from a short one
    return lengths[int(0.8 * (len(lengths) - 1))]


def marker_only(text: str) -> bool:
    """'Điều 1.' or '2.' alone on its line: the item's text is on the next line."""
    m = ITEM.match(text)
    return m is not None and not text[m.end():].strip(" .:")


def _wrap_forced(prev: str, text: str, width: int) -> bool:
    """Whether the next line's first word would not have fitted on the line before."""
    first = text.split(maxsplit=1)[0] if text.split() else ""
    return width > 0 and len(prev) + 1 + len(first) > width


def hyphen_wrapped(prev: str, text: str, gap: bool, width: int) -> bool:
    """'… Cổng thông tin điện tử' + '- Bộ Tài chính …': a name's hyphen at a line start, after a
    full-width line with no closing punctuation, is the wrap of one sentence, not a bullet."""
    return (not gap and width > 0 and len(prev) >= 0.9 * width and rx(r"\w\s*$").search(prev) is not None
            and rx(r"^-\s+\p{Lu}").match(text) is not None and ITEM.match(prev) is None
            and _CLAUSE_OPENER.match(text) is None)


# '- Căn cứ …', '- Thực hiện …': a clause opener after a dash is an item, wherever the line
# above ended
_CLAUSE_OPENER = regex.compile(r"^-\s+(?:Căn\s+cứ|Thực\s+hiện|Theo\s+(?:đề\s+nghị|quy\s+định)|Tại\s+(?:khoản|điểm|Điều))\b")


# '- chức năng, nhiệm vụ …' after '… của Chính phủ quy định': OCR put a dash before a wrapped line
_LOWER_AFTER_DASH = regex.compile(r"^[-–]\s+\p{Ll}")


def stray_dash(prev: str, text: str) -> bool:
    """A dash opening a line that goes on in lower case the sentence the line above left open
    (it ends on a word): OCR debris, not a bullet."""
    return _LOWER_AFTER_DASH.match(text) is not None and rx(r"\p{L}\s*$").search(prev) is not None


# 'b] Tổ chức …' / 'b} …': OCR's reading of 'b)'
OCR_LETTER = regex.compile(r"^(?P<letter>[a-zđ])\s?[\]}]\s+(?=\S)")


def letter_expected(label: str, before: list[str]) -> bool:
    """Whether a damaged letter marker goes on the sequence: 'a' after a line announcing a
    list (ends with ':'), or the letter after the latest lettered item in `before`."""
    if label == "a":
        return bool(before) and _ITEM_INTRO.search(before[-1]) is not None
    for text in reversed(before):
        m = ITEM.match(text) or OCR_LETTER.match(text)
        if m is not None and m.group("letter"):
            prev = m.group("letter")
            return prev in _LETTERS[:-1] and _LETTERS[_LETTERS.index(prev) + 1] == label
    return False


_LETTERS = "abcdđeghiklmnopqrstuvxy"

# 'đd) Thực hiện …': a letter marker OCR read with a second letter beside it
OCR_DOUBLED_LETTER = regex.compile(r"^(?P<first>[a-zđ])(?P<second>[a-zđ])\)\s+(?=\p{Lu})")


# '€) Nghiên cứu …': a letter marker OCR read as a symbol like it ('€' / '¢' for 'c' or 'e')
OCR_SYMBOL_LETTER = regex.compile(r"^(?P<symbol>[€¢])\)\s+(?=\p{Lu})")
_SYMBOL_LETTERS = {"€": "ce", "¢": "c"}


def symbol_letter(text: str, before: list[str]) -> Optional[str]:
    """The letter a symbol marker ('€)') stands for, where the lettered list in `before` expects it."""
    m = OCR_SYMBOL_LETTER.match(text)
    if m is None:
        return None
    return next((c for c in _SYMBOL_LETTERS[m.group("symbol")] if letter_expected(c, before)), None)


def doubled_letter(text: str, before: list[str]) -> Optional[str]:
    """The letter a doubled marker ('đd)') stands for: whichever of its two letters goes on the
    lettered list in `before` (never 'a', which needs no list before it)."""
    m = OCR_DOUBLED_LETTER.match(text)
    if m is None:
        return None
    return next((c for c in (m.group("second"), m.group("first")) if c != "a" and letter_expected(c, before)), None)

# '1,Căn cứ …': OCR's reading of '1. Căn cứ'
OCR_NUMBER = regex.compile(r"^(?P<num>\d{1,2})\s?,\s*(?=\p{Lu})")
# 'lê Ban Thường trực …' / '|. Ban …': OCR's reading of '1.' (the stroke as 'l' or '|', the dot a mark)
OCR_ONE = regex.compile(r"^[l|]\S?\s+(?=\p{Lu})")


def number_expected(num: str, before: list[str]) -> bool:
    """Whether a number marker read with a comma goes on the sequence: '1' after a line
    announcing a list (ends with ':') or after an upper-case heading ('III. NỘI DUNG …'), or
    the number after the latest 'N.' item in `before`."""
    if num == "1":
        return bool(before) and (_ITEM_INTRO.search(before[-1]) is not None or _upper_heading(before[-1]))
    for text in reversed(before):
        m = ITEM.match(text) or OCR_NUMBER.match(text)
        if m is not None and m.group("num"):
            return m.group("num").isdigit() and int(m.group("num")) + 1 == int(num)
    return False


def _upper_heading(text: str) -> bool:
    """'II. NỘI DUNG GIÁM SÁT': a roman or article marker and an upper-case title."""
    m = ITEM.match(text)
    return m is not None and bool(m.group("roman") or m.group("article")) and _mostly_upper(text[m.end():])


def closes_bracket(prev: str, text: str) -> bool:
    """'… (Đề án' + '06) đã được …': the ')' closes a bracket the line above opened; no item."""
    return prev.count("(") > prev.count(")") and rx(r"^\w{1,3}\)").match(text) is not None


def starts_new(prev: str, text: str, gap: bool, width: int, gapped: bool = False,
               forced: Optional[bool] = None) -> bool:
    """Whether `text` (after line `prev`, a blank line between if `gap`) opens a paragraph.
    `forced` says, from the page's geometry, whether the next word could not have fitted on
    the line before; without boxes it is guessed from the lines' lengths."""
    if item_start(text) is not None:
        if rx(r"\W{0,2}(?:Điều|Dieu)\W{0,2}").fullmatch(prev):
            return False    # 'Điều' + '2. Quy định …': the article marker was cut after its word
        if rx(r"\d\s*$").search(prev) and rx(r"^[-–]\s*\d").match(text):
            return False    # '13.92' + '- 15.84 W': a range cut at its dash
        if closes_bracket(prev, text):
            return False
        if stray_dash(prev, text):
            return False
        return not hyphen_wrapped(prev, text, gap, width)
    if marker_only(prev):
        return False
    if _ITEM_INTRO.search(prev) and _NAME_LIST.match(text) and item_start(prev) is not None:
        return False    # 'Điều 5. Bộ trưởng các Bộ:' + 'Xây dựng, Ngoại giao, …': the names it
                        # announces, not a sentence of their own
    if gap and _ENDS_FULL_STOP.search(prev):
        return True     # page furniture or OCR debris after a finished paragraph
    if gap and len(prev) > _UNWRAPPED and _STARTS_CAPITAL.match(text):
        return True     # a line no page could hold was never wrapped: the paragraph ended there
    if _ITEM_INTRO.search(prev) and OCR_BULLET.match(text):
        return True
    if not _STARTS_CAPITAL.match(text):
        return False
    if _ITEM_INTRO.search(prev) and _QUOTE_START.match(text):
        return True     # '… cụ thể:' + '“1. …': the quotation it introduces is its own text
    if _ENDS_SENTENCE.search(prev) and (gap or _DETACHED_STOP.search(prev) is None):
        # a sentence ending where the line had to wrap anyway says nothing about paragraphs
        return gap or not (_wrap_forced(prev, text, width) if forced is None else forced)
    if _OPEN_END.search(prev):
        return False
    if _is_heading(prev, text, width, gapped):
        return True
    if _article_cut_early(prev) or _fragment_goes_on(prev, text):
        return False
    return gap and len(prev) < _SHORT * width


# 'Bộ; Cục trưởng …': no sentence opens with a word and a comma or semicolon
_CLAUSE_TAIL_START = regex.compile(r"^\p{Lu}\p{Ll}*[,;]\s")
# 'Chương trình.': a few words and a full stop, the tail of a sentence, not a paragraph
_SHORT_TAIL = regex.compile(r"^\p{Lu}\p{Ll}*(?:\s+\p{Ll}+){0,2}\s*[.;]$")


def _fragment_goes_on(prev: str, text: str) -> bool:
    """'- Báo cáo tình hình thực hiện' + blank + 'Chương trình.': OCR set the end of a
    sentence apart; it goes on the line above, which is no heading (a bullet or plain text)."""
    m = ITEM.match(prev)
    if m is not None and not m.group("bullet") or _mostly_upper(prev):
        return False
    return _CLAUSE_TAIL_START.match(text) is not None or _SHORT_TAIL.match(text) is not None


def _article_cut_early(prev: str) -> bool:
    """'Điều 3. Giao' + 'Sở Dân tộc … có trách nhiệm:': one word after an article marker is
    the first word of its sentence (OCR broke the line after it), not a heading."""
    m = ITEM.match(prev)
    rest = prev[m.end():].split() if m is not None and m.group("article") else []
    return len(rest) == 1 and rx(r"\p{L}+").fullmatch(rest[0]) is not None and not rest[0].isupper()


def _is_heading(prev: str, text: str, width: int, gapped: bool) -> bool:
    """'II. MỤC TIÊU' on its own line, or 'Điều 2. Hiệu lực thi hành' where paragraphs are set
    apart by blank lines (elsewhere a short line may just be an early break): a heading."""
    m = ITEM.match(prev)
    if m is None:
        return False
    if gapped and m.group("article") and len(prev) < _SHORT * width and len(prev[m.end():].split()) >= 2:
        return True     # (one word after 'Điều 3.' is the first word of its text, cut early)
    return _mostly_upper(prev[m.end():]) and not _mostly_upper(text)


def blank_separated(lines: list[CleanLine]) -> bool:
    """Whether this text sets its items apart with blank lines (OCR page text does)."""
    before = [lines[i - 1].text == "" for i in range(1, len(lines))
              if lines[i].text and ITEM.match(lines[i].text)]
    return len(before) >= 2 and sum(before) >= 0.6 * len(before)


def _mostly_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _after_lone_heading(para: Paragraph, text: str, gap: bool) -> bool:
    """'4.' / 'Công tác truyền thông' / blank / 'Truyền thông trên …': a marker alone on its
    line, one heading line under it, then a blank line: the heading is the item's whole text."""
    return gap and len(para.texts) == 2 and marker_only(para.texts[0]) and \
        not _ENDS_SENTENCE.search(para.texts[1]) and not _OPEN_END.search(para.texts[1]) and \
        _STARTS_CAPITAL.match(text) is not None and _CLAUSE_TAIL_START.match(text) is None


def right_edge(lines: list[CleanLine]) -> Optional[float]:
    """Where the text column ends on laid-out pages: the right end most full lines reach."""
    ends = sorted(l.box.x1 for l in lines if l.text and l.box is not None)
    if len(ends) < 8:
        return None
    return ends[int(0.9 * (len(ends) - 1))]


def _first_line_indent(paras: list[Paragraph], i: int) -> Optional[tuple[float, float, float]]:
    """How far paragraph i's first line starts right of the wrapped lines beside it (its own
    second line, the last wrapped line of the paragraph above or the next's, on the same page), the first
    line's character width, and where those wrapped lines start; None without boxes."""
    first = paras[i].lines[0]
    if first.box is None or not first.text:
        return None
    if len(paras[i].lines) >= 2:
        candidates = [paras[i].lines[1]]
    else:
        # a one-line paragraph: the wrapped line above it, else (one-line paragraphs above, or
        # a page break between) the next paragraph's
        candidates = [q.lines[k] for q, k in ((paras[i - 1] if i > 0 else None, -1),
                                              (paras[i + 1] if i + 1 < len(paras) else None, 1))
                      if q is not None and len(q.lines) >= 2]
    beside = next((b for b in candidates if b.box is not None and b.page == first.page), None)
    if beside is None:
        return None
    return first.box.x0 - beside.box.x0, (first.box.x1 - first.box.x0) / len(first.text), beside.box.x0


def marker_gap(paras: list[Paragraph], i: int, ref: int) -> Optional[float]:
    """How much further right paragraph i's first line starts than item paragraph `ref`'s
    first line (its marker), in characters: a marker OCR dropped leaves its width. Each is
    measured from the wrapped lines beside it, so a photo's tilt and a first-line indent
    cancel out; None when the lines carry no boxes."""
    a, b = _first_line_indent(paras, i), _first_line_indent(paras, ref)
    if a is None or b is None or a[1] <= 0:
        return None
    if b[0] < -0.5 * a[1] and abs(a[2] - b[2]) > 0.5 * a[1]:
        # the list hangs its wrapped lines under the item's text: a paragraph whose lines do not
        # hang there is plain text starting at the margin, not an item that lost its marker
        return None
    return (a[0] - b[0]) / a[1]


def geo_forced(prev: CleanLine, line: CleanLine, edge: Optional[float]) -> Optional[bool]:
    """Whether the first word of `line` could not have fitted at the end of `prev`, measured
    on the page: prev's right end plus the word at prev's mean character width passes the
    column's edge. None when the lines carry no boxes (text input) or sit on two pages."""
    if edge is None or prev.box is None or line.box is None or prev.page != line.page or not prev.text:
        return None
    first = line.text.split(maxsplit=1)[0] if line.text.split() else ""
    char_w = (prev.box.x1 - prev.box.x0) / len(prev.text)
    return prev.box.x1 + char_w * (1 + len(first)) > edge + 0.5 * char_w


def title_ended(prev: Optional[CleanLine], line: CleanLine, forced: Optional[bool]) -> bool:
    """'3. Các doanh nghiệp …, Internet' + blank + 'Tăng cường …', the next line starting a
    dash's room right of the item and its first word fitting after it: the numbered or lettered
    item's title ended there, and the paragraph below is its first item, its dash lost."""
    m = ITEM.match(prev.text) if prev is not None and forced is False else None
    if m is None or not (m.group("num") or m.group("dotted") or m.group("letter") or m.group("paren")) or \
            _ENDS_SENTENCE.search(prev.text) or _OPEN_END.search(prev.text) or not _STARTS_CAPITAL.match(line.text):
        return False
    char_w = (prev.box.x1 - prev.box.x0) / len(prev.text)
    return line.box.x0 - prev.box.x0 >= 0.8 * char_w


def paragraphs(lines: list[CleanLine]) -> list[Paragraph]:
    out: list[Paragraph] = []
    width = wrap_width(lines)
    edge = right_edge(lines)
    gapped = blank_separated(lines)
    prev_text = ""
    prev_line: Optional[CleanLine] = None
    gap = False
    for line in lines:
        text = line.text
        if not text:
            gap = True
            continue
        forced = geo_forced(prev_line, line, edge) if prev_line is not None else None
        letter = OCR_LETTER.match(text)
        number = OCR_NUMBER.match(text)
        if not out or starts_new(prev_text, text, gap, width, gapped, forced) or \
                _after_lone_heading(out[-1], text, gap) or \
                letter is not None and letter_expected(letter.group("letter"), [q.text for q in out]) or \
                number is not None and number_expected(number.group("num"), [q.text for q in out]) or \
                OCR_ONE.match(text) is not None and _ITEM_INTRO.search(prev_text) is not None or \
                gap and title_ended(prev_line, line, forced) or \
                doubled_letter(text, [q.text for q in out]) is not None or \
                symbol_letter(text, [q.text for q in out]) is not None:
            out.append(Paragraph())
        elif stray_dash(prev_text, text):
            text = text.lstrip("-– ")
        out[-1].lines.append(line)
        out[-1].texts.append(text)
        prev_text, prev_line = text, line
        gap = False
    return out
