"""The trích yếu: the V/v line of a công văn, or the title under a type name."""
from __future__ import annotations

import functools
from typing import Optional

import regex

from ..gazetteer import bodies, provinces
from ..segment import _DATE_REST, DATE_BLANK, DATE_LINE, Segments, _place_start
from ..vntext import _fix_known, fold, rx
from .common import join_lines, strip_edges

_LEADING = regex.compile(r"^(?:v\s*/\s*v|về\s+việc|ve\s+viec|về)\s*:?\s*", regex.I)


def extract_subject(seg: Segments) -> Optional[str]:
    if seg.subject:
        texts = [seg.subject[0].text[seg.subject_first_offset:]] + [l.text for l in seg.subject[1:]]
        # (a line that is only the date's wrapped rest, '02 tháng 12 năm 2025', is the right
        # column's, read in between)
        texts = [_drop_fused_date(t) for t in texts if not _DATE_REST.fullmatch(fold(t))]
    elif seg.title:
        texts = [_EDGE_SPECK.sub("", _STAMP_TOKEN.sub("", l.text)) for l in seg.title]
    else:
        return None
    subject = strip_edges(join_lines(texts), " \t;,:-–—•*_")
    if not seg.subject:
        subject = _LEADING.sub("", _caps_to_sentence(subject))
    subject = subject.rstrip(".") if subject.endswith(".") and not subject.endswith("..") else subject
    return subject or None


# what an incoming-mail stamp leaves before a title line: 'Nạy...22/V/L.. Quy định …'
_STAMP_TOKEN = regex.compile(r"^\S{0,12}(?:\.\.|…)\S{0,12}\s+(?=\p{Lu})")
# the stamp's edge read as a letter opening a title line that goes on in lower case
# ('l can Bộ, công chức, …'): no Vietnamese word is 'l' alone
_EDGE_SPECK = regex.compile(r"^[l|]\s+(?=\p{Ll})")


def _drop_fused_date(text: str) -> str:
    """'V/v thuế GTGT Hà Nội, ngày 08 tháng 12' (two columns fused): keep the subject part."""
    folded = fold(text)
    m = DATE_LINE.search(folded) or DATE_BLANK.search(folded)
    if m is None:
        return text
    return text[:_place_start(text, folded, m.start())].rstrip(" ,;_-–—")


@functools.lru_cache(maxsize=1)
def _name_patterns() -> tuple[regex.Pattern, dict[str, str], regex.Pattern, dict[str, str]]:
    """One alternation of the known bodies (three words or more: shorter ones such as 'Cục
    Thuế' or 'Công an' are common words too) and one of the provinces after their unit."""
    long_bodies = {b.lower(): b for b in bodies() if len(b.split()) >= 3}
    provs = {p.lower(): p for p in provinces()}
    body_re = regex.compile(r"\b(" + "|".join(regex.escape(k) for k in sorted(long_bodies, key=len, reverse=True))
                            + r")\b")
    prov_re = regex.compile(r"\b(tỉnh|thành phố|tp\.?)\s+(" + "|".join(
        regex.escape(k) for k in sorted(provs, key=len, reverse=True)) + r")\b")
    return body_re, long_bodies, prov_re, provs


def _caps_to_sentence(text: str) -> str:
    """A title set in capitals ('VỀ VIỆC CÔNG BỐ … CỦA SỞ TÀI CHÍNH TỈNH AN GIANG') in sentence
    case, known body and province names kept capitalised ('… của Sở Tài chính tỉnh An Giang')."""
    letters = [c for c in text if c.isalpha()]
    if not letters or sum(c.isupper() for c in letters) < 0.9 * len(letters):
        return text
    low = _fix_known(" ".join(_lower_word(w) for w in text.split()))
    body_re, long_bodies, prov_re, provs = _name_patterns()
    low = body_re.sub(lambda m: long_bodies[m.group(1)], low)
    low = prov_re.sub(lambda m: f"{m.group(1)} {provs[m.group(2)]}", low)
    return low[:1].upper() + low[1:]


def _lower_word(word: str) -> str:
    """Lower-case a word of a capitals title, but not codes ('32/CT-TTg'), acronyms without a
    vowel ('TNHH', 'GTGT') or Roman numerals ('XVI')."""
    if rx(r"[\d/]").search(word) or rx(r"\W*[IVXLC]{3,}\W*").fullmatch(word) \
            or rx(r"[FJWZ]").search(word):          # letters no Vietnamese word has: 'WTO'
        return word
    if not rx(r"[aeiouyàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]").search(word.lower()):
        return word
    return word.lower()
