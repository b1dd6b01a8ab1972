"""The numbered body as a tree: Điều N. / I. / 1. / 1.1. / a) / - / +.

Paragraphs (wrapped lines joined) that open with a marker are items; the nesting comes from
the marker kinds (directive_tree.py). A marker OCR damaged ('HI.', 'lê', '~-') or dropped
(told by the room it left on the page) is taken only where the numbering expects an item
(lost_markers.py and the OCR marker patterns of paragraphs.py).
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
from .directive_tree import INTRO_END, RANK, TreeBuilder, kind_and_label, next_letter
from .lost_markers import QUOTE_OPEN, letter_opens, loose_roman, lost_dash, lost_marker, opens_quote
from .paragraphs import (OCR_BULLET, OCR_DOUBLED_LETTER, OCR_LETTER, OCR_NUMBER, OCR_ONE, OCR_SYMBOL_LETTER,
                         ROMAN_PAREN, SPECKED_DASH, Paragraph, doubled_letter, letter_expected, number_expected,
                         paragraphs, symbol_letter)


# the body's closing mark, maybe with a little OCR debris after it
_CLOSING = regex.compile(r"(?P<mark>\.\s*/\s*\.?)\W{0,3}(?:\w{1,2}\W{0,2})?$")

_WIRES_TO = regex.compile(r"\bdien\s*:\s*$")
# '- Như trên;' (OCR: '- Như Noi trên; nhận: …'): the Nơi nhận list's first entry, its heading lost
_AS_ABOVE = regex.compile(r"^[-–~.]{1,2}\s*nhu\s+(?:\S+\s+)?tren\s*[;:.]")     # (not 'Như trên, …': a sentence)

# '. Để thúc đẩy …': OCR kept only the dot of a number marker
_LOST_NUMBER = regex.compile(r"^\.\s+(?=\p{Lu})")


def _quote_balance(text: str) -> int:
    """Curly quotes opened minus closed; a straight quote at either end counts too."""
    n = text.count("“") + text.count("«") - text.count("”") - text.count("»")
    if text.lstrip().startswith("\""):
        n += 1
    if text.rstrip().endswith("\""):
        n -= 1
    return n


_DIGIT_LOOK_ALIKE = {("8", "đ"), ("6", "b"), ("0", "o"), ("1", "i"), ("1", "l"), ("9", "g")}


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
        return kind in open_kinds and (opens_quote(paras, i + 1) or
                                       cites and INTRO_END.search(text) is not None)
    return _CONCLUDES.match(rx(r"^\W+").sub("", fold(text))) is not None


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


def extract_directives(seg: Segments) -> list[Directive]:
    paras = paragraphs(seg.body)
    tree = TreeBuilder()
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
        kind, label = kind_and_label(m) if m else ("", "")
        if m is None:
            m = ROMAN_PAREN.match(text)       # '(i)', '(ii)': label 'i', 'ii' as '(1)' gives '1'
            if m is not None:
                kind, label = "rparen", m.group("rparen")
            elif SPECKED_DASH.match(text) is not None:
                m, kind, label = SPECKED_DASH.match(text), "bullet-", "-"
            elif i > 0 and INTRO_END.search(paras[i - 1].text):
                m = OCR_BULLET.match(text)    # '_ ' opening the list an item announced
                if m is not None:
                    kind, label = "bullet-", "-"
        if quote_depth == 0 and (m is None or kind == "num0"):
            loose = loose_roman(paras, i, tree, m)
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
        if m is None and quote_depth == 0 and not plain_since_item and lost_dash(paras, i, tree):
            m, kind, label = _AT_START.match(text), "bullet-", "-"
        after_intro = plain_since_item and i > 0 and INTRO_END.search(paras[i - 1].text) is not None
        if m is None and quote_depth == 0 and (not plain_since_item or after_intro):
            lost = lost_marker(paras, i, tree, item_para, after_intro)
            if lost is not None:
                m, (kind, label) = _AT_START.match(text), lost
        if quote_depth > 0:
            unclosed_end = quote_unclosed and m is not None and (not quote_kinds or kind in quote_kinds)
            if not unclosed_end and not _ends_quote_early(paras, i, m, kind, quote_kinds):
                quote_depth = max(0, quote_depth + _quote_balance(text))
                continue
            quote_depth = 0
        if QUOTE_OPEN.match(text):
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
        cites = _CITES.match(fold(item_text)) is not None and INTRO_END.search(item_text) is not None
        if citing is not None:
            # inside a cited provision: only the letter's own list (or its next citation) counts
            if kind in citing or cites:
                citing = None
            elif citing_rank is None or RANK.get(kind, 9) <= citing_rank:
                continue    # a plain paragraph named the provision, or a kind above the citing item's
        if _quote_balance(text) < 0 and text.rstrip().endswith(("”", "\"")):
            continue    # the end of a quote whose opening mark OCR lost
        if kind == "roman" and label in ("I", "V", "X") and tree.top_kind() == "letter":
            kind, label = "letter", label.lower()
        if kind == "num0" and m.group(0).rstrip().endswith(")") and tree.top_kind() == "letter":
            # OCR reads the letter after 'd)' as '8)': a lettered list goes on
            expected = next_letter(tree.stack[-1][1].label)
            if expected and (label, expected) in _DIGIT_LOOK_ALIKE:
                kind, label = "letter", expected
        if kind == "num0" and m.group(0).rstrip().endswith(")") and letter_opens(paras, i, tree):
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
            citing, citing_rank = {k for k, _ in tree.stack}, RANK.get(kind, 9)
        if closing:
            break
    return tree.roots
