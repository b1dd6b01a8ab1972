"""The numbered body as a tree: Điều N. / I. / 1. / 1.1. / a) / - / +.

Paragraphs (wrapped lines joined) that open with a marker are items; the nesting comes from
the marker kinds: a kind already open on the stack closes everything below it (a sibling),
a new kind nests under the open item. A marker OCR damaged ('HI.', 'lê', '~-') or dropped
(told by the room it left on the page) is taken only where the numbering expects an item.
Plain paragraphs are skipped, as is quoted legal text (“Điều 2. …” … ”) that a letter cites,
and everything from the closing mark (./.) or the Nơi nhận list on.
"""
from __future__ import annotations

from typing import Optional

import regex

from ..models import Directive
from ..segment import ITEM, NOI_NHAN, Segments
from .common import provenance, strip_edges
from ..vntext import fold, rx
from .paragraphs import (OCR_BULLET, OCR_DOUBLED_LETTER, OCR_LETTER, OCR_NUMBER, OCR_ONE, OCR_SYMBOL_LETTER,
                         ROMAN_PAREN, SPECKED_DASH, Paragraph, doubled_letter, letter_expected, marker_gap,
                         number_expected, paragraphs, symbol_letter)

# a single ‘ at a line start is more often OCR debris than a quotation
_QUOTE_OPEN = regex.compile(r"^\W{0,2}?[“\"«]")     # '«': OCR's '“', or a guillemet
# the body's closing mark, maybe with a little OCR debris after it
_CLOSING = regex.compile(r"(?P<mark>\.\s*/\s*\.?)\W{0,3}(?:\w{1,2}\W{0,2})?$")
_INTRO_END = regex.compile(r":\s*$")

_WIRES_TO = regex.compile(r"\bdien\s*:\s*$")
# '- Như trên;' (OCR: '- Như Noi trên; nhận: …'): the Nơi nhận list's first entry, its heading lost
_AS_ABOVE = regex.compile(r"^[-–~.]{1,2}\s*nhu\s+(?:\S+\s+)?tren\s*[;:.]")     # (not 'Như trên, …': a sentence)

# '. Để thúc đẩy …': OCR kept only the dot of a number marker
_LOST_NUMBER = regex.compile(r"^\.\s+(?=\p{Lu})")

# the usual rank of each marker kind, most major first
_RANK = {"article": 0, "roman": 1, "num0": 2, "num1": 3, "num2": 4, "num3": 5, "paren": 5.5, "letter": 6, "rparen": 6.5,
         "bullet-": 7, "bullet+": 8}


def _kind(m: regex.Match) -> tuple[str, str]:
    """(kind, label) of an item marker; dotted numbers are a kind per depth."""
    if m.group("roman"):
        # OCR reads the last I of 'III.' as L
        return "roman", rx(r"(?<=I)L").sub("I", m.group("roman"))
    if m.group("num") or m.group("dotted"):
        num = m.group("num") or m.group("dotted")
        return f"num{num.count('.')}", num
    if m.group("paren"):
        return "paren", m.group("paren")
    if m.group("letter"):
        return "letter", m.group("letter").replace("©", "c")
    if m.group("article"):
        label = rx(r"\s+").sub(" ", m.group("article"))
        return "article", "Điều " + label.split()[-1]
    bullet = m.group("bullet") or "-"
    bullet = "-" if bullet in "-–—~•*" else bullet
    return "bullet" + bullet, bullet


def _quote_balance(text: str) -> int:
    """Curly quotes opened minus closed; a straight quote at either end counts too."""
    n = text.count("“") + text.count("«") - text.count("”") - text.count("»")
    if text.lstrip().startswith("\""):
        n += 1
    if text.rstrip().endswith("\""):
        n -= 1
    return n


def _is_leaf(node: Directive) -> bool:
    """A finished sentence (ends with . or ;) announces no sub-items."""
    return bool(rx(r"[.;]\s*[”\")]?\s*$").search(node.text))


_LETTERS = "abcdđeghiklmnopqrstuvxy"      # the Vietnamese order of lettered points
_LOOK_ALIKE = {("đ", "d"), ("d", "đ"), ("e", "c"), ("c", "e")}


_DIGIT_LOOK_ALIKE = {("8", "đ"), ("6", "b"), ("0", "o"), ("1", "i"), ("1", "l"), ("9", "g")}


_ROMAN_DIGITS = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
# OCR's readings of the stroke I in a roman marker: 'L.' / 'l.' / '|.' / '1.' for 'I.'
_I_LOOK_ALIKES = str.maketrans("Ll|1", "IIII")
# 'II MỤC TIÊU': a roman heading whose dot OCR lost (or read 'l.' / '|.' / '1.'; 'HI.' for 'III.')
_LOOSE_ROMAN = regex.compile(r"^(?P<roman>[IVXLHl|1]{1,5})\s*\.?\s+(?=\p{Lu})")


def _roman_reading(label: str) -> str:
    """The roman number OCR's marker stands for: two close strokes read as 'H' ('HI.' for
    'III.'), a stroke read as 'L' / 'l' / '|' / '1'."""
    return label.replace("H", "II").translate(_I_LOOK_ALIKES)


def roman_value(label: str) -> int:
    """1 for 'I', 4 for 'IV'; 0 when the label is no roman number."""
    if not label or any(c not in _ROMAN_DIGITS for c in label):
        return 0
    total = 0
    for i, c in enumerate(label):
        v = _ROMAN_DIGITS[c]
        total += -v if i + 1 < len(label) and _ROMAN_DIGITS[label[i + 1]] > v else v
    return total


def to_roman(n: int) -> str:
    out = ""
    for v, r in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out, n = out + r, n - v
    return out


def _mostly_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _next_letter(label: str) -> str:
    if label in _LETTERS and label != _LETTERS[-1]:
        return _LETTERS[_LETTERS.index(label) + 1]
    return ""


def _repair_number(kind: str, node: Directive, siblings: list[Directive], next_number=lambda: None) -> None:
    """A list does not count backwards: '1.' after '6.' in the same list is OCR's '7.', and
    'đ)' right after 'c)' is OCR's 'd)'."""
    if node.label.startswith("§"):     # OCR's 8, or the next number when the list shows it
        prev = siblings[-1].label if siblings else "7"
        node.label = str(int(prev) + 1) if prev.isdigit() else "8"
    if not siblings:
        if kind == "roman" and node.label.translate(_I_LOOK_ALIKES) == "I":
            node.label = "I"     # 'L. MỤC ĐÍCH': a first heading is I, never fifty
        return
    prev = siblings[-1].label
    if kind == "roman" and roman_value(prev):
        # 'II.' after 'II.' is OCR's 'III.'; a list of headings does not count backwards
        expected = to_roman(roman_value(prev) + 1)
        if node.label.translate(_I_LOOK_ALIKES) == expected or roman_value(node.label) <= roman_value(prev):
            node.label = expected
    elif kind in ("num0", "paren") and prev.isdigit() and node.label.isdigit() and int(node.label) <= int(prev):
        node.label = str(int(prev) + 1)
    elif kind == "num0" and prev.isdigit() and len(node.label) == 1 and node.label.isdigit() and \
            int(node.label) > int(prev) + 1 and next_number() in (None, int(prev) + 2):
        # '4.' then '9.' last in its list, or before '6.': a digit misread, not items skipped
        node.label = str(int(prev) + 1)
    elif kind == "letter" and prev in _LETTERS and prev != _LETTERS[-1]:
        expected = _LETTERS[_LETTERS.index(prev) + 1]
        if (node.label, expected) in _LOOK_ALIKE:
            node.label = expected


def _restarts_under(node: Directive, top: tuple[str, Directive]) -> bool:
    """A list starting again at 1 / a right after an item that announces it (ends with ':')."""
    return node.label in ("1", "a") and top[1].text.rstrip().endswith(":") and not top[1].children


class _TreeBuilder:
    def __init__(self) -> None:
        self.roots: list[Directive] = []
        self.stack: list[tuple[str, Directive]] = []
        self.child_kinds: dict[int, set[str]] = {}     # id(node) -> kinds of its children
        self.kind_of: dict[int, str] = {}

    def add(self, kind: str, node: Directive, next_number=lambda: None) -> None:
        kinds = [k for k, _ in self.stack]
        if kind in kinds and self.stack and _restarts_under(node, self.stack[-1]):
            pass    # '- Cách thức sử dụng:' then '1. …': a new list under the item, not a sibling
        elif kind in kinds:
            del self.stack[len(kinds) - 1 - kinds[::-1].index(kind):]
        else:
            # a more major marker after a finished minor item: the minor list is over
            rank = _RANK.get(kind, 9)
            while self.stack and _RANK.get(self.stack[-1][0], 9) > rank and _is_leaf(self.stack[-1][1]):
                self.stack.pop()
            # after a finished item, a kind an open item already holds as children goes on that list
            if self.stack and _is_leaf(self.stack[-1][1]):
                for depth in range(len(self.stack) - 2, -1, -1):
                    if kind in self.child_kinds.get(id(self.stack[depth][1]), ()):
                        del self.stack[depth + 1:]
                        break
        siblings = self.stack[-1][1].children if self.stack else self.roots
        _repair_number(kind, node, [n for n in siblings if self.kind_of.get(id(n)) == kind], next_number)
        if self.stack:
            parent = self.stack[-1][1]
            parent.children.append(node)
            self.child_kinds.setdefault(id(parent), set()).add(kind)
        else:
            self.roots.append(node)
        self.kind_of[id(node)] = kind
        self.stack.append((kind, node))

    def close_finished(self) -> None:
        """After a plain paragraph, finished items take no more children."""
        while self.stack and _is_leaf(self.stack[-1][1]):
            self.stack.pop()

    def expected_roman(self) -> str:
        """The roman heading that would come next: after the open one, or 'I' when none is open."""
        for kind, node in reversed(self.stack):
            if kind == "roman":
                return to_roman(roman_value(node.label) + 1) if roman_value(node.label) else ""
        return "I"

    def top_kind(self) -> str:
        return self.stack[-1][0] if self.stack else ""


def _opens_quote(paras: list[Paragraph], i: int) -> bool:
    return i < len(paras) and bool(_QUOTE_OPEN.match(paras[i].text))


# 'Tại Điều 4 … quy định:' / 'Căn cứ Thông tư … hướng dẫn:': the letter citing the next text
_CITES = regex.compile(r"^(?:tai|can\s*cu|theo)\b", regex.I)
# 'Căn cứ các quy định nêu trên, …': the letter's own conclusion after the citations
_CONCLUDES = regex.compile(r"^(?:can\s*cu|theo|tu)\s.{0,40}?\b(?:neu\s*tren|tren\b|noi\s*tren)", regex.I)


# 'Khoản 3 Điều 10 Thông tư số 156/2013/TT-BTC … quy định …': a provision named, its text follows
_NAMES_PROVISION = regex.compile(
    r"^\W{0,3}(?:khoan|diem|dieu|tiet|muc)\s+[\w.]{1,6}\b.{0,60}?\b(?:thong\s*tu|nghi\s*dinh|luat|quyet\s*dinh|nghi\s*quyet)\b",
    regex.I)


def _ends_quote_early(paras: list[Paragraph], i: int, m, kind: str, open_kinds: set[str]) -> bool:
    """A quote whose closing mark OCR lost ends where the letter speaks again: an item of the
    letter's own list that cites the next text, or the conclusion drawn from the citations."""
    text = paras[i].text
    if m is not None:
        cites = _CITES.match(fold(text[m.end():])) is not None
        return kind in open_kinds and (_opens_quote(paras, i + 1) or
                                       cites and _INTRO_END.search(text) is not None)
    return _CONCLUDES.match(rx(r"^\W+").sub("", fold(text))) is not None


def _roman_follows(paras: list[Paragraph], i: int, value: int) -> bool:
    """Whether the next roman heading after paragraph i is the one numbered `value`."""
    for p in paras[i + 1:]:
        m = ITEM.match(p.text) or _LOOSE_ROMAN.match(p.text)
        if m is not None and m.group("roman"):
            label = _roman_reading(rx(r"(?<=I)L").sub("I", m.group("roman")))
            return roman_value(label) == value and _mostly_upper(p.text[m.end():])
    return False


def _loose_roman(paras: list[Paragraph], i: int, tree: _TreeBuilder, m) -> Optional[regex.Match]:
    """An upper-case heading whose roman marker OCR damaged, taken only where the roman
    sequence expects it: 'II MỤC TIÊU' after I (the dot lost), 'l. MỤC ĐÍCH' / '1. MỤC ĐÍCH'
    as the first heading when 'II.' follows, '11. NỘI DUNG' after I."""
    text = paras[i].text
    loose = _LOOSE_ROMAN.match(text)
    expected = tree.expected_roman()
    if loose is None or not expected or not _mostly_upper(text[loose.end():]):
        return None
    label = loose.group("roman")
    if _roman_reading(label) != expected:
        return None
    if m is not None and label.isdigit():
        # a numbered list going on ('10.' then '11.') keeps its number
        nums = [n.label for k, n in tree.stack if k == "num0"]
        if nums and nums[-1].isdigit() and int(nums[-1]) + 1 == int(label):
            return None
    if expected == "I" or any(c in "l|1H" for c in label):
        # no roman list yet, or a digit or letter for strokes: the next heading must go on the sequence
        return loose if _roman_follows(paras, i, roman_value(expected) + 1) else None
    return loose


def _next_number(paras: list[Paragraph], i: int) -> Optional[int]:
    """The number of the next 'N.' item after paragraph i, before a roman heading or article."""
    for p in paras[i + 1:]:
        m = ITEM.match(p.text)
        if m is None:
            continue
        if m.group("roman") or m.group("article"):
            return None
        if m.group("num") and m.group("num").isdigit():
            return int(m.group("num"))
    return None


_AT_START = regex.compile(r"^")
# 'Đơn vị chủ trì: Đồng chí …': a few words naming what the item gives, a colon, the value
_LABELLED = regex.compile(r"^\p{Lu}[^:.;,()]{2,40}:\s+\S")


def _dash_item(text: str) -> bool:
    m = ITEM.match(text)
    return m is not None and (m.group("bullet") or "") in "-–" and not m.group("roman") and \
        not m.group("num") and not m.group("dotted") and not m.group("paren") and \
        not m.group("letter") and not m.group("article")


def _lost_dash(paras: list[Paragraph], i: int, tree: _TreeBuilder) -> bool:
    """'- Thời gian: …' / 'Đơn vị chủ trì: …' / '- Kết quả: …': a paragraph between two dash
    items of one list, in their 'Label: value' shape, is an item whose dash OCR lost."""
    text = paras[i].text
    if not (tree.top_kind() == "bullet-" and 0 < i < len(paras) - 1 and _LABELLED.match(text)
            and _INTRO_END.search(text) is None):
        return False
    # both neighbours are dash items of the same 'Label: …' shape
    return all(_dash_item(q.text) and _LABELLED.match(q.text[ITEM.match(q.text).end():])
               for q in (paras[i - 1], paras[i + 1]))


# the room a marker OCR dropped leaves before the text, in characters: '- ' / '+ ', 'c) ' / '10. '
_BULLET_GAP = (0.8, 2.8)
_SEQUENCE_GAP = (1.5, 5.0)
_TEXT_START = regex.compile(r"^[\p{Lu}\d]")


def _marker_kind(text: str) -> str:
    m = ITEM.match(text)
    return _kind(m)[0] if m is not None else ""


def _marker_label(text: str) -> str:
    m = ITEM.match(text)
    return _kind(m)[1] if m is not None else ""


def _label_after(kind: str, label: str) -> str:
    """The label after `label` in a lettered or numbered list ('c' after 'b', '4.2' after '4.1')."""
    if kind == "letter":
        return _next_letter(label)
    if kind.startswith("num") and not label.startswith("§"):
        head, _, last = label.rpartition(".")
        if last.isdigit():
            return f"{head}.{int(last) + 1}" if head else str(int(last) + 1)
    return ""


def _first_before(kind: str, label: str) -> str:
    """The label of a list's first item when its next item is (kind, label): any bullet comes
    first, 'a' before 'b', '1' before '2', '4.1' before '4.2'; '' for a later item."""
    if kind.startswith("bullet"):
        return kind[len("bullet"):]
    if kind == "letter" and label == "b":
        return "a"
    head, _, last = label.rpartition(".")
    if kind.startswith("num") and last == "2":
        return f"{head}.1" if head else "1"
    return ""


def _room(kind: str) -> tuple[float, float]:
    return _BULLET_GAP if kind.startswith("bullet") else _SEQUENCE_GAP


def _same_start(paras: list[Paragraph], j: int, i: int) -> bool:
    """Whether paragraph j's first line starts as far right of its wrapped lines as i's does."""
    gap = marker_gap(paras, j, i)
    return gap is not None and abs(gap) < 0.5


def _later_dash(paras: list[Paragraph], i: int, top_kind: str) -> Optional[int]:
    """The first dash item after paragraph i inside the open item (before the next item of
    its kind or a more major one), when a non-bullet sub-list comes first ('2.1. …' then
    '(1) …' … then '- …')."""
    for k in range(i + 1, min(len(paras), i + 20)):
        kind = _marker_kind(paras[k].text)
        if not kind:
            continue
        if _RANK.get(kind, 9) <= _RANK.get(top_kind, 9):
            return None
        if _dash_item(paras[k].text):
            return k
    return None


def _next_item(paras: list[Paragraph], i: int) -> Optional[int]:
    """The paragraph of the letter's next own item after paragraph i: the next paragraph, or
    after a quotation that opens there, the first dash item."""
    j = i + 1
    # a run of paragraphs starting where this one does lost their markers alike: skip them
    while j < min(len(paras) - 1, i + 6) and ITEM.match(paras[j].text) is None and \
            _TEXT_START.match(paras[j].text) and _same_start(paras, j, i):
        j += 1
    if j >= len(paras):
        return None
    if ITEM.match(paras[j].text) is not None:
        return j
    if _opens_quote(paras, j):
        return next((k for k in range(j + 1, min(len(paras), j + 16)) if _dash_item(paras[k].text)), None)
    return None


def _lost_marker(paras: list[Paragraph], i: int, tree: _TreeBuilder, item_para: dict[int, int],
                 after_intro: bool = False) -> Optional[tuple[str, str]]:
    """(kind, label) of a paragraph whose marker OCR dropped, right after an item or after a
    plain paragraph announcing a list (`after_intro`): its first line starts right of where
    the list's items start by about a marker's width, and the list expects an item there: a
    bullet list going on, the first dash under an item or an announcement that dash items
    follow, or the letter / number after the open one (before the one after it, or where the
    list ends)."""
    if not _TEXT_START.match(paras[i].text):
        return None
    nxt = _next_item(paras, i)
    nxt_kind = _marker_kind(paras[nxt].text) if nxt is not None else ""
    first = _first_before(nxt_kind, _marker_label(paras[nxt].text)) if nxt is not None else ""
    if after_intro or not tree.stack:
        if not (after_intro and first) or \
                not nxt_kind.startswith("bullet") and nxt_kind in {k for k, _ in tree.stack}:
            return None     # (a numbered list already open goes on: it does not start here)
        return _with_room(paras, i, [nxt], _room(nxt_kind), (nxt_kind, first))
    top_kind, top = tree.stack[-1]
    if top_kind.startswith("bullet"):
        kind, label, room = top_kind, top.label, _BULLET_GAP
        if _title_like_parent(paras, i, tree, nxt_kind):
            kind, label = tree.stack[-2][0], tree.stack[-2][1].label
        # the list's items that kept their marker, nearest first
        refs = [k for k in range(i - 1, max(-1, i - 12), -1) if _marker_kind(paras[k].text) == kind][:2]
        refs += [nxt] if nxt_kind == kind else []
    elif first and not top.children and _RANK.get(nxt_kind, 9) > _RANK.get(top_kind, 9):
        kind, label, room, refs = nxt_kind, first, _room(nxt_kind), [nxt]
    elif not top.children and nxt_kind and _RANK.get(nxt_kind, 9) > _RANK.get(top_kind, 9) and \
            not nxt_kind.startswith("bullet") and _later_dash(paras, i, top_kind) is not None:
        # a numbered sub-list comes first, the item's dash list after it: the first dash was lost
        kind, label, room, refs = "bullet-", "-", _BULLET_GAP, [_later_dash(paras, i, top_kind)]
    else:
        alike = _dash_like_sibling(paras, i, tree, item_para)
        if alike is not None:
            return alike
        kind, label, room = top_kind, _label_after(top_kind, top.label), _SEQUENCE_GAP
        if not label:
            return None
        after = _label_after(kind, label)
        if nxt_kind == kind and _marker_label(paras[nxt].text) != after and \
                (_marker_label(paras[nxt].text), after) not in _LOOK_ALIKE:
            return None     # the list goes on at the next paragraph: nothing is missing here
        if nxt_kind and nxt_kind != kind and _RANK.get(nxt_kind, 9) > _RANK.get(kind, 9):
            return None     # a sub-list follows: the paragraph introduces it
        refs = [item_para[id(top)]] if id(top) in item_para else []
        refs += [nxt] if nxt_kind == kind else []
    return _with_room(paras, i, refs, room, (kind, label))


def _dash_like_sibling(paras: list[Paragraph], i: int, tree: _TreeBuilder,
                       item_para: dict[int, int]) -> Optional[tuple[str, str]]:
    """('bullet-', '-') when the open item has no children yet, the item before it in its list
    holds dash items, and paragraph i starts a dash's room right of the last of them: sibling
    items list alike ('2.1. Đợt 1' / '- …' then '2.2. Đợt 2' / its first dash lost)."""
    top_kind, top = tree.stack[-1]
    if top.children:
        return None
    siblings = tree.stack[-2][1].children if len(tree.stack) >= 2 else tree.roots
    before = [n for n in siblings if tree.kind_of.get(id(n)) == top_kind and n is not top]
    if not before or "bullet-" not in tree.child_kinds.get(id(before[-1]), ()):
        return None
    dashes = [item_para[id(c)] for c in before[-1].children
              if tree.kind_of.get(id(c)) == "bullet-" and id(c) in item_para]
    return _with_room(paras, i, dashes[::-1][:2], _BULLET_GAP, ("bullet-", "-"))


def _title_like_parent(paras: list[Paragraph], i: int, tree: _TreeBuilder, nxt_kind: str) -> bool:
    """Whether a paragraph that lost its marker inside a '+' list is the next item of the '-'
    list above instead: like that '-' item it is a title with no end mark that '+' items
    follow, while the open '+' items are finished sentences."""
    if len(tree.stack) < 2 or nxt_kind != tree.stack[-1][0] or _is_leaf(tree.stack[-2][1]):
        return False
    parent_kind, parent = tree.stack[-2]
    if not parent_kind.startswith("bullet") or parent_kind == tree.stack[-1][0]:
        return False
    items = [n for n in parent.children if tree.kind_of.get(id(n)) == tree.stack[-1][0]]
    return bool(items) and all(_is_leaf(n) for n in items) and \
        not rx(r"[.;:,]\s*[”\")]?\s*$").search(paras[i].text)


def _with_room(paras: list[Paragraph], i: int, refs: list[int], room: tuple[float, float],
               item: tuple[str, str]) -> Optional[tuple[str, str]]:
    """`item` when paragraph i starts a marker's room right of the first reference item that
    kept its marker (and can be measured)."""
    for ref in refs:
        if ITEM.match(paras[ref].text) is None:
            continue    # an item whose own marker was lost shows no marker's place
        gap = marker_gap(paras, i, ref)
        if gap is not None:
            return item if room[0] <= gap <= room[1] else None
    return None


def _letter_opens(paras: list[Paragraph], i: int, tree: _TreeBuilder) -> bool:
    """Whether paragraph i, marked with a digit and ')', is where a lettered list starts: the
    next paragraph is 'b)' and no lettered list is open, so the digit is OCR's 'a'."""
    nxt = i + 1 < len(paras) and ITEM.match(paras[i + 1].text)
    return bool(nxt) and nxt.group("letter") == "b" and "letter" not in {k for k, _ in tree.stack}


def extract_directives(seg: Segments) -> list[Directive]:
    paras = paragraphs(seg.body)
    tree = _TreeBuilder()
    quote_depth = 0
    quote_kinds: set[str] = set()    # the letter's own marker kinds open when a quote began
    quote_unclosed = False
    plain_since_item = False
    addressing = False
    citing: Optional[set[str]] = None    # marker kinds open when the letter began citing
    citing_rank: Optional[float] = None  # the rank of the item that cites, if an item does
    item_para: dict[int, int] = {}       # id(directive) -> its paragraph
    for i, p in enumerate(paras):
        closing_line = next((k for k, t in enumerate(p.texts) if _CLOSING.search(t)), None)
        if closing_line is not None and closing_line + 1 < len(p.texts):
            # the closing mark ends the body even when the signature's first line was joined on
            p = Paragraph(p.lines[:closing_line + 1], p.texts[:closing_line + 1])
        text = p.text
        if NOI_NHAN.match(p.lines[0].folded) or _AS_ABOVE.match(p.lines[0].folded):
            break
        m = ITEM.match(text)
        kind, label = _kind(m) if m else ("", "")
        if m is None:
            m = ROMAN_PAREN.match(text)       # '(i)', '(ii)': label 'i', 'ii' as '(1)' gives '1'
            if m is not None:
                kind, label = "rparen", m.group("rparen")
            elif SPECKED_DASH.match(text) is not None:
                m, kind, label = SPECKED_DASH.match(text), "bullet-", "-"
            elif i > 0 and _INTRO_END.search(paras[i - 1].text):
                m = OCR_BULLET.match(text)    # '_ ' opening the list an item announced
                if m is not None:
                    kind, label = "bullet-", "-"
        if quote_depth == 0 and (m is None or kind == "num0"):
            loose = _loose_roman(paras, i, tree, m)
            if loose is not None:
                m, kind, label = loose, "roman", tree.expected_roman()
        if m is None and doubled_letter(text, [q.text for q in paras[:i]]) is not None:
            m, kind, label = OCR_DOUBLED_LETTER.match(text), "letter", doubled_letter(text, [q.text for q in paras[:i]])
        if m is None and symbol_letter(text, [q.text for q in paras[:i]]) is not None:
            m, kind, label = OCR_SYMBOL_LETTER.match(text), "letter", symbol_letter(text, [q.text for q in paras[:i]])
        if m is None:
            m = OCR_LETTER.match(text)      # 'b]' / 'b}' where 'b)' comes next in the list
            if m is not None and letter_expected(m.group("letter"), [q.text for q in paras[:i]]):
                kind, label = "letter", m.group("letter")
            else:
                m = OCR_NUMBER.match(text)  # '1,Căn cứ' where '1.' comes next
                if m is not None and number_expected(m.group("num"), [q.text for q in paras[:i]]):
                    kind, label = "num0", m.group("num")
                else:
                    m = OCR_ONE.match(text)  # 'lê Ban …' opening a list that '2.' goes on
                    if m is not None and number_expected("1", [q.text for q in paras[:i]]) and \
                            _next_number(paras, i) == 2:
                        kind, label = "num0", "1"
                    else:
                        m = None
        if m is None and quote_depth == 0 and "num0" in {k for k, _ in tree.stack}:
            m = _LOST_NUMBER.match(text)
            if m is not None:
                kind, label = "num0", "§"     # numbered after its sibling by _repair_number
        if m is None and quote_depth == 0 and not plain_since_item and _lost_dash(paras, i, tree):
            m, kind, label = _AT_START.match(text), "bullet-", "-"
        after_intro = plain_since_item and i > 0 and _INTRO_END.search(paras[i - 1].text) is not None
        if m is None and quote_depth == 0 and (not plain_since_item or after_intro):
            lost = _lost_marker(paras, i, tree, item_para, after_intro)
            if lost is not None:
                m, (kind, label) = _AT_START.match(text), lost
        if quote_depth > 0:
            unclosed_end = quote_unclosed and m is not None and (not quote_kinds or kind in quote_kinds)
            if not unclosed_end and not _ends_quote_early(paras, i, m, kind, quote_kinds):
                quote_depth = max(0, quote_depth + _quote_balance(text))
                continue
            quote_depth = 0
        if _QUOTE_OPEN.match(text):
            quote_depth = max(0, _quote_balance(text))
            # a quote never closed ends at the letter's next own item at the latest
            quote_unclosed = not any(_quote_balance(q.text) < 0 for q in paras[i + 1:])
            quote_kinds = {k for k, _ in tree.stack}
            continue
        if m is None:
            if closing_line is not None:
                break
            plain_since_item = True
            # 'THỦ TƯỚNG CHÍNH PHỦ điện:': a Công điện's addressees follow, not directives
            addressing = len(text) < 80 and _WIRES_TO.search(fold(text)) is not None
            if _NAMES_PROVISION.match(fold(text)):
                citing, citing_rank = {k for k, _ in tree.stack}, None
            continue
        if addressing and kind.startswith("bullet"):
            continue
        addressing = False
        item_text = strip_edges(text[m.end():], " \t")
        cites = _CITES.match(fold(item_text)) is not None and _INTRO_END.search(item_text) is not None
        if citing is not None:
            # inside a cited provision: only the letter's own list (or its next citation) counts
            if kind in citing or cites:
                citing = None
            elif citing_rank is None or _RANK.get(kind, 9) <= citing_rank:
                continue    # a plain paragraph named the provision, or a kind above the citing item's
        if _quote_balance(text) < 0 and text.rstrip().endswith(("”", "\"")):
            continue    # the end of a quote whose opening mark OCR lost
        if kind == "roman" and label in ("I", "V", "X") and tree.top_kind() == "letter":
            kind, label = "letter", label.lower()
        if kind == "num0" and m.group(0).rstrip().endswith(")") and tree.top_kind() == "letter":
            # OCR reads the letter after 'd)' as '8)': a lettered list goes on
            expected = _next_letter(tree.stack[-1][1].label)
            if expected and (label, expected) in _DIGIT_LOOK_ALIKE:
                kind, label = "letter", expected
        if kind == "num0" and m.group(0).rstrip().endswith(")") and _letter_opens(paras, i, tree):
            kind, label = "letter", "a"     # '8) Củng cố …' then 'b) …': OCR's reading of 'a)'
        closing = _CLOSING.search(item_text)
        if closing:
            item_text = item_text[:closing.end("mark")]
        if plain_since_item:
            tree.close_finished()
        node = Directive(label=label, text=item_text, provenance=provenance(p.lines, "body"))
        tree.add(kind, node, lambda: _next_number(paras, i))
        item_para[id(node)] = i
        plain_since_item = False
        if cites:
            citing, citing_rank = {k for k, _ in tree.stack}, _RANK.get(kind, 9)
        if closing:
            break
    return tree.roots
