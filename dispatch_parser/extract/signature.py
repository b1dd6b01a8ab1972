"""The signature block: authority lines (TM./KT./TL./TUQ./Q.), position, name.

The segmenter hands over the signature column's pieces in reading order. Each is read as an
authority line, a position or a name; the position and the titles in authority lines are put
in their vocabulary form (OCR drops diacritics: 'PHO CUC TRUONG' is 'Phó Cục trưởng'), and the
name gets its lost diacritics back where the name-syllable vocabulary is unambiguous.
"""
from __future__ import annotations

import difflib
from typing import Optional

import regex

from ..foot_vocab import SURNAMES, deputy_of, restore_bodies, restore_name, strip_name_prefix, title_at_start
from ..models import Signer
from ..read.legacy import syllable_ok
from ..segment import Segments, _authority_at, _position_at, is_upper_line, sig_kind
from ..vntext import fold, rx, sentence_case

_EDGE_JUNK = regex.compile(r"^[\W\d_]+|[\W\d_]+$")
# surnames are a closed set: a first word that is none of them but one with its tone misread
# ('Hỗ' for 'Hồ') is an OCR slip when the letters fit only one
_SURNAMES_BY_FOLD: dict[str, set[str]] = {}
for _s in SURNAMES:
    _SURNAMES_BY_FOLD.setdefault(fold(_s), set()).add(_s)


def extract_signer(seg: Segments) -> Optional[Signer]:
    parts = [t.strip(" |*_") for _line, t in seg.signature]
    parts = [t for t in parts if t]
    if not parts:
        return None
    authority: list[tuple[str, str]] = []       # (prefix, text after it)
    position: Optional[str] = None
    name: Optional[str] = None
    unknown: list[str] = []
    i = 0
    while i < len(parts):
        t = parts[i]
        kind = sig_kind(t)
        if kind == "authority" and name is None and position is not None and not authority:
            # a title above an authority line is the end of a first authority whose prefix OCR
            # lost ('CỤC TRƯỞNG' of 'TL. CỤC TRƯỞNG', then 'KT. …'): the position comes below
            position = None
        if kind == "authority" and name is None and position is None:
            m = _authority_at(t)
            prefix = rx(r"[^A-Z]").sub("", m.group().upper())
            rest = t[m.end():].strip()
            # an authority line wrapped over lines: 'KT.' / 'TRƯỞNG THUẾ TỈNH',
            # 'TM. ỦY BAN NHÂN' / 'DÂN', 'KT. BỘ TRƯỞNG,' / 'CHỦ NHIỆM'
            while i + 1 < len(parts) and sig_kind(parts[i + 1]) != "authority" and (
                    not rest or rest.endswith(",") or
                    sig_kind(parts[i + 1]) is None and is_upper_line(parts[i + 1], 0.8)
                    and len(parts[i + 1].split()) <= 3
                    # under 'KT.' a 'PHÓ …' line is the deputy's title, cut by OCR ('PHÓ CHỦ')
                    and not (prefix == "KT" and rest and fold(parts[i + 1]).startswith("pho "))):
                rest = (rest + " " + parts[i + 1]).strip()
                i += 1
            if not _garbled(rest):
                authority.append((prefix, _title_text(rest)))
        elif kind == "position" and name is None and position is None:
            hit = _position_at(t)
            position = _title_text(t[_smudge_end(t, hit):]) if hit else _title_text(t)
        elif kind == "name" and name is None:
            name = _surname_tone(restore_name(_EDGE_JUNK.sub("", strip_name_prefix(_EDGE_JUNK.sub("", t)))))
        elif kind is None and name is None and _plain_upper(t):
            unknown.append(t)
        i += 1
    if position is None and unknown and not any(p == "KT" for p, _ in authority):
        # a title the vocabulary does not know: the clean upper-case line above the name
        position = _title_text(unknown[-1])
    position = _deputy_position(position, authority)
    authority = _head_from_deputy(authority, position)
    if not (authority or position or name):
        return None
    return Signer(name=name, position=position,
                  authority=[f"{p}. {text}".strip() for p, text in authority])


def _garbled(text: str) -> bool:
    """Letters of the stamp, not a title: no title opens the line and a word with diacritics
    is no Vietnamese syllable ('KT. ỞỚN AN': two tone marks on one syllable)."""
    if title_at_start(text):
        return False
    words = (w.replace("Đ", "D").replace("đ", "d") for w in rx(r"\p{L}+").findall(text))
    return any(not w.isascii() and not syllable_ok(w) for w in words)    # 'HĐND' has none


def _surname_tone(name: str) -> str:
    words = name.split()
    if len(words) < 2 or words[0] in SURNAMES:
        return name
    forms = _SURNAMES_BY_FOLD.get(fold(words[0]), set())
    return " ".join([next(iter(forms))] + words[1:]) if len(forms) == 1 else name


def _smudge_end(text: str, hit: tuple[str, int]) -> int:
    """Where the title starts: after an OCR smudge token ('BML. TRƯỞNG BAN')."""
    if title_at_start(text):
        return 0
    m = rx(r"^(?=\S*[^\p{L}\s]|\p{Ll})\S{1,4}\s+").match(text)
    return m.end() if m else 0


def _title_text(text: str) -> str:
    """A title with what follows it ('VU TRUONG VỤ CHÍNH SÁCH' -> 'Vụ trưởng Vụ Chính sách')."""
    text = text.strip(" ,;:.-|")
    # lower-case OCR smudges after an upper-case title ('TONG GIAM BOC wh')
    words = text.split()
    while len(words) > 1 and is_upper_line(" ".join(words[:-1]), 0.8) and not is_upper_line(words[-1], 0.5):
        words.pop()
    text = " ".join(words)
    hit = title_at_start(text)
    if hit is None:
        return _cased(text)
    title, end = hit
    sep = ", " if text[end:].lstrip().startswith(",") else " "     # 'Bộ trưởng, Chủ nhiệm'
    tail = text[end:].strip(" ,;:.-")
    if tail and not is_upper_line(tail, 0.6):
        tail = ""
    tail = _cased(tail) if tail else ""
    if tail:
        tail = tail[:1].upper() + tail[1:]
    return (title + sep + tail).strip()


def _cased(text: str) -> str:
    """Sentence case, bodies' diacritics restored; acronyms stay as written ('Thực hiện chính
    sách BHXH', 'Vụ QLT DNNVV và HKD,CN'): an upper-case word that is no Vietnamese syllable."""
    out = sentence_case(restore_bodies(text))
    acronyms = {w.lower(): w for w in rx(r"\p{L}+").findall(text)
                if len(w) >= 2 and w.isupper() and not syllable_ok(w.replace("Đ", "D"))}
    if not acronyms:
        return out
    return rx(r"\p{L}+").sub(lambda m: acronyms.get(m.group().lower(), m.group()), out)


def _deputy_position(position: Optional[str], authority: list[tuple[str, str]]) -> Optional[str]:
    """Who signs 'KT. X' is X's deputy: a position read as X itself (OCR lost 'PHÓ') or not
    read at all is that deputy's title."""
    kt = [text for prefix, text in authority if prefix == "KT"]
    if not kt:
        return position
    hit = title_at_start(kt[-1])
    if hit is None:
        return position
    head = hit[0]
    expected = deputy_of(head)
    if position is None:
        return expected
    pos_hit = title_at_start(position)
    if pos_hit and fold(pos_hit[0]) == fold(head):
        tail = position[pos_hit[1]:].strip()
        return (expected + " " + tail).strip()
    return position


def _head_from_deputy(authority: list[tuple[str, str]], position: Optional[str]) -> list[tuple[str, str]]:
    """A 'KT.' line OCR cut short ('KT. CỤC TRÌ') under a deputy's title ('Phó Cục trưởng')
    names that deputy's head."""
    if not position:
        return authority
    head = "Bộ trưởng" if fold(position).startswith("thu truong") else \
        position[4:] if fold(position).startswith("pho ") else None
    if head is None:
        return authority
    out = []
    for prefix, text in authority:
        if prefix == "KT" and text and title_at_start(text) is None and \
                difflib.SequenceMatcher(None, fold(text), fold(head)).ratio() >= 0.6:
            text = head[:1].upper() + head[1:]
        out.append((prefix, text))
    return out


def _plain_upper(text: str) -> bool:
    """An upper-case line of real words ('TỔNG BIÊN TẬP'), not an OCR smudge ('kÀTHANH H ---')."""
    words = text.split()
    return 1 <= len(words) <= 6 and is_upper_line(text, 0.95) and \
        all(rx(r"\p{Lu}{2,}").fullmatch(w) for w in words)
