"""Cited documents: every reference in the text, and which of them are the legal basis.

The text view is every line below the header (subject, title, recipients, body, footnotes,
appendices), wrapped lines joined, with a line break kept where a new clause or item starts.
Citations are read by `citations.find_citations`; a document cited twice is kept once, with
the fields of all its mentions merged.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Optional

import regex

from ..gazetteer import restore_body
from ..models import Reference
from ..normalize import CleanLine
from ..segment import ITEM, Segments
from ..vntext import fold, rx
from .citations import (Citation, _NUMBER, clean_number, find_answered_letters, find_citations,
                        fold_keep_case)
from .common import provenance
from .paragraphs import closes_bracket

# Clauses that make what they cite the legal basis wherever they stand
_BASIS_ANYWHERE = regex.compile(
    r"(?:can\s+cu(?!\s+phap\s+ly)|xet\s+de\s+nghi|xet\s+to\s+trinh|theo\s+de\s+nghi\s+cua)(?![\p{L}])")
_BACK_REFERENCE = regex.compile(
    r"can\s+cu\s+(?:vao\s+)?[^,.;:\n]{0,60}?(?:neu\s+tren|noi\s+tren|tren|nay|do)\s*[,;.]")
_CLAUSE_END = regex.compile(r"\n|:\s*(?=[“\"\n])|\.(?=\s+[\p{Lu}\d“\"-]|\s*$)")
_SENTENCE_END = regex.compile(r"\.(?=\s+[\p{Lu}“\"'])|:\s*(?=\n|$)|\n(?=\s*(?:[-+•]|\d{1,2}[.)]|[a-zđ]\)))")
# a line opening with a capitalised opener starts a clause even after an unpunctuated line
_OPENER_LINE = regex.compile(
    r"\W{0,3}(?:Can\s+cu|Thuc\s+hien|Trien\s+khai|Theo\s+de\s+nghi|Phuc\s+dap|Tra\s+loi|"
    r"Tiep\s+theo|Xet\s+de\s+nghi|Xet\s+to\s+trinh|Tren\s+co\s+so|Ngay\s+\d{1,2}(?:/|\s+thang))(?![\p{L}])")
# header-like lines of a recipient block that never continue on the next line
_ONE_LINE_ITEM = regex.compile(r"^\W{0,3}(?:mst|ma\s+so\s+thue|so\s+dien\s+thoai|dien\s+thoai|email)\b")
_ENDS = regex.compile(r"[.;:!?]\s*[”\")]?\s*$")
_ADDRESS = regex.compile(r"^\W{0,3}(?:dia\s+chi|d/c|mst|ma\s+so\s+thue|dt|dien\s+thoai|email|pic)\b")


@dataclass
class View:
    text: str
    folded: str
    starts: list[int]              # offset of each line in text
    lines: list[CleanLine]
    body_at: Optional[int]         # offset where the body begins
    recipients_at: Optional[int] = None


def document_view(seg: Segments) -> View:
    # the signature and distribution zones stay in: on long documents with forms appended
    # the segmenter can put whole annexes there, and they hold no citation otherwise
    skip = {id(p.line) for p in seg.header} | {id(l) for l in seg.lines if seg.zone_of(l) == "header"}
    # (the body may open with blank lines: its first line is its first text)
    body_first = next((l for l in seg.body if l.text.strip()), None)
    recip_first = seg.recipients[0] if seg.recipients else None
    text, starts, lines = "", [], []
    body_at = recipients_at = None
    prev = ""
    for line in seg.lines:
        t = line.text.strip().replace("⁄", "/")     # OCR's fraction slash in numbers
        if not t or id(line) in skip:
            continue
        if not text:
            sep = ""
        elif rx(r"[\p{Lu}\d]\s?-$").search(text[-4:]) and rx(r"[\p{Lu}\d]").match(t):
            sep = ""          # 'TT-' + 'BTC': a symbol wrapped at its hyphen
            text = text.rstrip()
        elif text.endswith("/") and rx(r"[\p{Lu}\d]").match(t):
            sep = ""
        elif rx(r"\d\s*$").search(prev) and rx(r"^[-–]\s*\d").match(t) or closes_bracket(prev, t):
            sep = " "         # 'nhiệm kỳ 2026' + '- 2031; Kế hoạch …': a range cut at its dash
        elif ITEM.match(t) or (_ENDS.search(prev) and (t[:1].isupper() or t[:1] in "“\"")) or \
                (prev[:1] == "(" and prev[-1:] == ")") or \
                (line is body_first) or _ADDRESS.match(fold(t.lstrip("(*"))) or \
                _OPENER_LINE.match(fold_keep_case(t)) or _ONE_LINE_ITEM.match(fold(prev)):
            sep = "\n"
        else:
            sep = " "
        text += sep
        if line is body_first:
            body_at = len(text)
        if line is recip_first:
            recipients_at = len(text)
        starts.append(len(text))
        lines.append(line)
        text += t
        prev = t
    return View(text, fold(text), starts, lines, body_at, recipients_at)


def own_number(seg: Segments) -> Optional[str]:
    if seg.number is None:
        return None
    m = rx(r"\d").search(seg.number.text)
    if not m:
        return None
    nm = _NUMBER.match(seg.number.text, m.start())
    return _key(clean_number(nm.group(0), "")) if nm else None


def _key(number: Optional[str]) -> str:
    return fold(rx(r"\s+").sub("", number or ""))


def _basis_spans(view: View) -> list[tuple[int, int]]:
    f = view.folded
    spans = []
    for m in _BASIS_ANYWHERE.finditer(f):
        if not _at_clause_start(f, m.start(), view.text):
            continue
        back = _BACK_REFERENCE.match(f, m.start())
        if back:      # 'Căn cứ các quy định nêu trên, …': what follows is the conclusion
            continue
        end = _CLAUSE_END.search(view.text, m.end())
        spans.append((m.start(), end.start() if end else len(f)))
    spans.extend(_opening_span(view))
    return spans


def _at_clause_start(f: str, pos: int, text: str = "") -> bool:
    if text[pos:pos + 1].isupper():
        return True       # a capitalised 'Căn cứ' opens a clause wherever it stands
    before = f[max(0, pos - 12):pos]
    return bool(rx(r"(?:^|\n|;|\.\s|:)\s*(?:[-+•*]\s*|\(?[a-z\d]{1,2}[.)]\s*)?$").search(before)) \
        or pos == 0


_OPENS = regex.compile(
    r"\W{0,3}(?:thuc\s+hien|trien\s+khai|theo|phuc\s+dap|tra\s+loi|tiep\s+theo|ve|can\s+cu|xet|"
    r"nhan\s+duoc|thi\s+hanh|tiep\s+nhan|de\s+nghi|tren\s+co\s+so)(?![\p{L}])")
_RECEIVED = regex.compile(
    r"(?<![\p{L}])(?:nhan\s+duoc|co\s+nhan|da\s+nhan|tiep\s+nhan|"
    r"nhan(?=\s+(?:cong\s+van|van\s+ban|don|thu|to\s+trinh)(?![\p{L}])))(?![\p{L}])")
_ITEM_START = regex.compile(r"\W{0,2}(?:[IVX]{1,4}|\d{1,2}|[a-zđ])[.)]\s")


def _opening_span(view: View) -> list[tuple[int, int]]:
    """The letter's opening clause: the first sentence of the body, when it opens with
    Thực hiện / Trả lời / … or names the letter it answers ('Cục Thuế nhận được công văn …').
    Address and tax-code lines the recipients block left before it are passed over."""
    f = view.folded
    pos = view.body_at if view.body_at is not None else view.recipients_at
    if pos is None:
        m = rx(r"kinh\s+gui[^\n]*\n").search(f)
        pos = m.end() if m else 0      # no recipients: a plan or decision opens after its title
    for _ in range(6):
        line_end = f.find("\n", pos)
        line_end = len(f) if line_end < 0 else line_end
        head = f[pos:min(line_end, pos + 160)]
        if _OPENS.match(head) or _RECEIVED.search(head):
            end_m = _SENTENCE_END.search(view.text, pos)
            return [(pos, end_m.start() if end_m else len(f))]
        para = view.text[pos:line_end]
        letters = [c for c in para if c.isalpha()]
        if letters and sum(c.isupper() for c in letters) > 0.6 * len(letters):
            pos = line_end + 1      # the title of a plan or decision
            continue
        if _ITEM_START.match(view.text, pos) or line_end - pos > 200 or line_end >= len(f):
            return []        # the body proper has begun without an opening clause
        pos = line_end + 1
    return []


def _to_reference(c: Citation, view: View) -> Reference:
    # the line holding the citation's number
    i = max(0, bisect.bisect_right(view.starts, max(c.start, c.end - 1)) - 1)
    lines = view.lines[i:i + 1]
    # a known body OCR slipped on ('Chính phi', 'Bộ Tai chính') is the body (a list of joint
    # issuers is left as written: the restorer reads word by word and drops its commas; an
    # upper-case reading stays as read, for _merge to replace it)
    issuer = c.issuer
    if issuer and "," not in issuer and not _shouted(issuer):
        issuer = restore_body(issuer)
    return Reference(doc_type=c.doc_type, number=c.number, date=c.date, issuer=issuer,
                     subject=c.subject, provenance=provenance(lines, "body"))


def _merge(into: Reference, other: Reference) -> None:
    if into.number and other.number and other.number.count("Đ") > into.number.count("Đ") and \
            fold(other.number) == fold(into.number):
        into.number = other.number          # the reading that kept its Đ
    elif into.number and other.number and into.number != other.number and \
            into.number.lower() == other.number.lower() and into.number.isupper() and \
            not other.number.isupper():
        into.number = other.number          # 'TTG' of an upper-case title: running text's 'TTg'
    for name in ("date", "issuer", "subject", "doc_type"):
        if getattr(into, name) in (None, "") and getattr(other, name):
            setattr(into, name, getattr(other, name))
    for name in ("issuer", "subject"):
        mine, theirs = getattr(into, name), getattr(other, name)
        if mine and theirs and _shouted(mine) and not _shouted(theirs):
            setattr(into, name, theirs)   # a reading from an upper-case title (often unaccented
                                          # or cut oddly) yields to one from running text


def _shouted(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and sum(c.isupper() for c in letters) > 0.8 * len(letters)


def _is_cut(short: str, full: str) -> bool:
    return full.startswith(short) and full[len(short):len(short) + 1] in ("-", "/")


def _one_slip(a: str, b: str) -> bool:
    """Same running number, symbols of one length differing in one letter."""
    seq = a.split("/")[0]
    if len(a) != len(b) or b.split("/")[0] != seq:
        return False
    diff = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
    return len(diff) == 1 and diff[0] > len(seq) and (a[diff[0]].isalpha() or b[diff[0]].isalpha())


# Issuing-body codes common in symbols: a tie between two readings goes to the known one.
KNOWN_CODES = {"btc", "byt", "bca", "bqp", "bnv", "btp", "bxd", "bct", "btnmt", "bkhdt", "bldtbxh",
               "bgtvt", "bgddt", "bnnptnt", "tct", "vpcp", "ttg", "cp", "qh", "ubnd", "hdnd", "nhnn"}


def _better(o: str, k: str, mentions: dict[str, int], order: list[str]) -> bool:
    """Whether reading o beats reading k: more mentions, then known codes, then first seen."""
    if mentions[o] != mentions[k]:
        return mentions[o] > mentions[k]
    codes = lambda n: sum(t in KNOWN_CODES for t in rx(r"[/-]").split(n))
    if codes(o) != codes(k):
        return codes(o) > codes(k)
    return order.index(o) < order.index(k)


def extract_references(seg: Segments) -> tuple[list[Reference], list[Reference]]:
    """(legal_basis, references)."""
    view = document_view(seg)
    if not view.text:
        return [], []
    own = own_number(seg)
    try:
        cites = find_citations(view.text)
        spans = _basis_spans(view)
        # the letter being answered may carry a number without '/' ('công văn số 27072022')
        taken = [(c.start, max(c.end, c.tail_end)) for c in cites]
        for a, b in _opening_span(view):
            cites.extend(find_answered_letters(view.text, a, b, taken))
        cites.sort(key=lambda c: c.start)
    except TimeoutError:      # a pathological text: no references rather than no record
        return [], []
    refs: dict[str, Reference] = {}
    order: list[str] = []
    basis_keys: list[str] = []
    mentions: dict[str, int] = {}
    for c in cites:
        key = _key(c.number) if c.number else "law:" + fold(c.subject or "") + (c.date or "")
        if c.number and own and key == own:
            continue
        ref = _to_reference(c, view)
        mentions[key] = mentions.get(key, 0) + 1
        if key in refs:
            _merge(refs[key], ref)
        else:
            refs[key] = ref
            order.append(key)
        if any(a <= c.start < b for a, b in spans) and key not in basis_keys:
            basis_keys.append(key)
    for k in list(order):
        if k.startswith("law:") or k not in refs:
            continue
        # a number cut by a line break ('65/2013/NĐ-' + 'ngày') is the start of a full one;
        # one OCR slip in the symbol ('TT-BIC' beside 'TT-BTC') is the better-attested number
        into = next((o for o in order if o != k and o in refs and not o.startswith("law:") and
                     (_is_cut(k, o) or (_one_slip(k, o) and _better(o, k, mentions, order)))), None)
        if into:
            _merge(refs[into], refs.pop(k))
            order.remove(k)
            if k in basis_keys and into not in basis_keys:
                basis_keys.append(into)
    references = [refs[k] for k in order]
    basis = [refs[k].model_copy() for k in order if k in basis_keys]
    return basis, references
