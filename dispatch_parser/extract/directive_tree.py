"""Directive items nested by their markers: the kind and label an item marker gives, the
usual rank of each kind, and the builder that opens, nests and closes the lists (a kind already
open closes everything below it, a new kind nests under the open item), mending a number OCR
misread against its siblings ('II.' after 'II.' is 'III.').
"""
from __future__ import annotations

import regex

from ..models import Directive
from ..vntext import rx


# an item or paragraph that announces a list
INTRO_END = regex.compile(r":\s*$")

# the usual rank of each marker kind, most major first
RANK = {"article": 0, "roman": 1, "num0": 2, "num1": 3, "num2": 4, "num3": 5, "paren": 5.5, "letter": 6, "rparen": 6.5,
        "bullet-": 7, "bullet+": 8}


def kind_and_label(m: regex.Match) -> tuple[str, str]:
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


def is_leaf(node: Directive) -> bool:
    """A finished sentence (ends with . or ;) announces no sub-items."""
    return bool(rx(r"[.;]\s*[”\")]?\s*$").search(node.text))


_LETTERS = "abcdđeghiklmnopqrstuvxy"      # the Vietnamese order of lettered points
LOOK_ALIKE = {("đ", "d"), ("d", "đ"), ("e", "c"), ("c", "e")}


_ROMAN_DIGITS = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
# OCR's readings of the stroke I in a roman marker: 'L.' / 'l.' / '|.' / '1.' for 'I.'
I_LOOK_ALIKES = str.maketrans("Ll|1", "IIII")


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


def next_letter(label: str) -> str:
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
        if kind == "roman" and node.label.translate(I_LOOK_ALIKES) == "I":
            node.label = "I"     # 'L. MỤC ĐÍCH': a first heading is I, never fifty
        return
    prev = siblings[-1].label
    if kind == "roman" and roman_value(prev):
        # 'II.' after 'II.' is OCR's 'III.'; a list of headings does not count backwards
        expected = to_roman(roman_value(prev) + 1)
        if node.label.translate(I_LOOK_ALIKES) == expected or roman_value(node.label) <= roman_value(prev):
            node.label = expected
    elif kind in ("num0", "paren") and prev.isdigit() and node.label.isdigit() and int(node.label) <= int(prev):
        node.label = str(int(prev) + 1)
    elif kind == "num0" and prev.isdigit() and len(node.label) == 1 and node.label.isdigit() and \
            int(node.label) > int(prev) + 1 and next_number() in (None, int(prev) + 2):
        # '4.' then '9.' last in its list, or before '6.': a digit misread, not items skipped
        node.label = str(int(prev) + 1)
    elif kind == "letter" and prev in _LETTERS and prev != _LETTERS[-1]:
        expected = _LETTERS[_LETTERS.index(prev) + 1]
        if (node.label, expected) in LOOK_ALIKE:
            node.label = expected


def _restarts_under(node: Directive, top: tuple[str, Directive]) -> bool:
    """A list starting again at 1 / a right after an item that announces it (ends with ':')."""
    return node.label in ("1", "a") and top[1].text.rstrip().endswith(":") and not top[1].children


class TreeBuilder:
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
            rank = RANK.get(kind, 9)
            while self.stack and RANK.get(self.stack[-1][0], 9) > rank and is_leaf(self.stack[-1][1]):
                self.stack.pop()
            # after a finished item, a kind an open item already holds as children goes on that list
            if self.stack and is_leaf(self.stack[-1][1]):
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
        while self.stack and is_leaf(self.stack[-1][1]):
            self.stack.pop()

    def expected_roman(self) -> str:
        """The roman heading that would come next: after the open one, or 'I' when none is open."""
        for kind, node in reversed(self.stack):
            if kind == "roman":
                return to_roman(roman_value(node.label) + 1) if roman_value(node.label) else ""
        return "I"

    def top_kind(self) -> str:
        return self.stack[-1][0] if self.stack else ""
