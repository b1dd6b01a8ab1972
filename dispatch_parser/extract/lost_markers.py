"""Directive markers OCR damaged or dropped, taken only where the numbering expects an item.

A roman heading read 'HI.' or its dot lost ('II MỤC TIÊU'), a digit read for the first letter,
the dash lost between two 'Label: value' items, or a marker dropped altogether (told by the
room it left before the text, measured against the list's items that kept theirs): each is
judged from the open lists of the tree being built and the items around it.
"""
from __future__ import annotations

from typing import Optional

import regex

from ..segment import ITEM
from ..vntext import rx
from .directive_tree import (I_LOOK_ALIKES, INTRO_END, LOOK_ALIKE, RANK, TreeBuilder, is_leaf, kind_and_label,
                             next_letter, roman_value)
from .paragraphs import Paragraph, marker_gap


# where a quotation opens (the extractor skips quoted text; a lost marker's next item lies past it)
# a single ‘ at a line start is more often OCR debris than a quotation
QUOTE_OPEN = regex.compile(r"^\W{0,2}?[“\"«]")     # '«': OCR's '“', or a guillemet


# 'II MỤC TIÊU': a roman heading whose dot OCR lost (or read 'l.' / '|.' / '1.'; 'HI.' for 'III.')
_LOOSE_ROMAN = regex.compile(r"^(?P<roman>[IVXLHl|1]{1,5})\s*\.?\s+(?=\p{Lu})")


def _roman_reading(label: str) -> str:
    """The roman number OCR's marker stands for: two close strokes read as 'H' ('HI.' for
    'III.'), a stroke read as 'L' / 'l' / '|' / '1'."""
    return label.replace("H", "II").translate(I_LOOK_ALIKES)


def _mostly_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def opens_quote(paras: list[Paragraph], i: int) -> bool:
    return i < len(paras) and bool(QUOTE_OPEN.match(paras[i].text))


def _roman_follows(paras: list[Paragraph], i: int, value: int) -> bool:
    """Whether the next roman heading after paragraph i is the one numbered `value`."""
    for p in paras[i + 1:]:
        m = ITEM.match(p.text) or _LOOSE_ROMAN.match(p.text)
        if m is not None and m.group("roman"):
            label = _roman_reading(rx(r"(?<=I)L").sub("I", m.group("roman")))
            return roman_value(label) == value and _mostly_upper(p.text[m.end():])
    return False


def loose_roman(paras: list[Paragraph], i: int, tree: TreeBuilder, m) -> Optional[regex.Match]:
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


# 'Đơn vị chủ trì: Đồng chí …': a few words naming what the item gives, a colon, the value
_LABELLED = regex.compile(r"^\p{Lu}[^:.;,()]{2,40}:\s+\S")


def _dash_item(text: str) -> bool:
    m = ITEM.match(text)
    return m is not None and (m.group("bullet") or "") in "-–" and not m.group("roman") and \
        not m.group("num") and not m.group("dotted") and not m.group("paren") and \
        not m.group("letter") and not m.group("article")


def lost_dash(paras: list[Paragraph], i: int, tree: TreeBuilder) -> bool:
    """'- Thời gian: …' / 'Đơn vị chủ trì: …' / '- Kết quả: …': a paragraph between two dash
    items of one list, in their 'Label: value' shape, is an item whose dash OCR lost."""
    text = paras[i].text
    if not (tree.top_kind() == "bullet-" and 0 < i < len(paras) - 1 and _LABELLED.match(text)
            and INTRO_END.search(text) is None):
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
    return kind_and_label(m)[0] if m is not None else ""


def _marker_label(text: str) -> str:
    m = ITEM.match(text)
    return kind_and_label(m)[1] if m is not None else ""


def _label_after(kind: str, label: str) -> str:
    """The label after `label` in a lettered or numbered list ('c' after 'b', '4.2' after '4.1')."""
    if kind == "letter":
        return next_letter(label)
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
        if RANK.get(kind, 9) <= RANK.get(top_kind, 9):
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
    if opens_quote(paras, j):
        return next((k for k in range(j + 1, min(len(paras), j + 16)) if _dash_item(paras[k].text)), None)
    return None


def lost_marker(paras: list[Paragraph], i: int, tree: TreeBuilder, item_para: dict[int, int],
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
    elif first and not top.children and RANK.get(nxt_kind, 9) > RANK.get(top_kind, 9):
        kind, label, room, refs = nxt_kind, first, _room(nxt_kind), [nxt]
    elif not top.children and nxt_kind and RANK.get(nxt_kind, 9) > RANK.get(top_kind, 9) and \
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
                (_marker_label(paras[nxt].text), after) not in LOOK_ALIKE:
            return None     # the list goes on at the next paragraph: nothing is missing here
        if nxt_kind and nxt_kind != kind and RANK.get(nxt_kind, 9) > RANK.get(kind, 9):
            return None     # a sub-list follows: the paragraph introduces it
        refs = [item_para[id(top)]] if id(top) in item_para else []
        refs += [nxt] if nxt_kind == kind else []
    return _with_room(paras, i, refs, room, (kind, label))


def _dash_like_sibling(paras: list[Paragraph], i: int, tree: TreeBuilder,
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


def _title_like_parent(paras: list[Paragraph], i: int, tree: TreeBuilder, nxt_kind: str) -> bool:
    """Whether a paragraph that lost its marker inside a '+' list is the next item of the '-'
    list above instead: like that '-' item it is a title with no end mark that '+' items
    follow, while the open '+' items are finished sentences."""
    if len(tree.stack) < 2 or nxt_kind != tree.stack[-1][0] or is_leaf(tree.stack[-2][1]):
        return False
    parent_kind, parent = tree.stack[-2]
    if not parent_kind.startswith("bullet") or parent_kind == tree.stack[-1][0]:
        return False
    items = [n for n in parent.children if tree.kind_of.get(id(n)) == tree.stack[-1][0]]
    return bool(items) and all(is_leaf(n) for n in items) and \
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


def letter_opens(paras: list[Paragraph], i: int, tree: TreeBuilder) -> bool:
    """Whether paragraph i, marked with a digit and ')', is where a lettered list starts: the
    next paragraph is 'b)' and no lettered list is open, so the digit is OCR's 'a'."""
    nxt = i + 1 < len(paras) and ITEM.match(paras[i + 1].text)
    return bool(nxt) and nxt.group("letter") == "b" and "letter" not in {k for k, _ in tree.stack}
