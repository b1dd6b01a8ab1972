"""The trích yếu: the V/v line of a công văn, or the title under a type name."""
from __future__ import annotations

from typing import Optional

import regex

from ..gazetteer import bodies, provinces
from ..segment import DATE_BLANK, DATE_LINE, Segments, _place_start
from ..vntext import _fix_known, fold
from .common import join_lines, strip_edges

_LEADING = regex.compile(r"^(?:v\s*/\s*v|về\s+việc|ve\s+viec|về)\s*:?\s*", regex.I)


def extract_subject(seg: Segments) -> Optional[str]:
    if seg.subject:
        texts = [seg.subject[0].text[seg.subject_first_offset:]] + [l.text for l in seg.subject[1:]]
        texts = [_drop_fused_date(t) for t in texts]
    elif seg.title:
        texts = [_STAMP_TOKEN.sub("", l.text) for l in seg.title]
    else:
        return None
    subject = strip_edges(join_lines(texts), " \t;,:-–—•*_")
    if not seg.subject:
        subject = _LEADING.sub("", _caps_to_sentence(subject))
    subject = subject.rstrip(".") if subject.endswith(".") and not subject.endswith("..") else subject
    return subject or None


# what an incoming-mail stamp leaves before a title line: 'Nạy...22/V/L.. Quy định …'
_STAMP_TOKEN = regex.compile(r"^\S{0,12}(?:\.\.|…)\S{0,12}\s+(?=\p{Lu})")


def _drop_fused_date(text: str) -> str:
    """'V/v thuế GTGT Hà Nội, ngày 08 tháng 12' (two columns fused): keep the subject part."""
    folded = fold(text)
    m = DATE_LINE.search(folded) or DATE_BLANK.search(folded)
    if m is None:
        return text
    return text[:_place_start(text, folded, m.start())].rstrip(" ,;_-–—")


def _caps_to_sentence(text: str) -> str:
    """A title set in capitals ('VỀ VIỆC CÔNG BỐ … CỦA SỞ TÀI CHÍNH TỈNH AN GIANG') in sentence
    case, known body and province names kept capitalised ('… của Sở Tài chính tỉnh An Giang')."""
    letters = [c for c in text if c.isalpha()]
    if not letters or sum(c.isupper() for c in letters) < 0.9 * len(letters):
        return text
    low = _fix_known(" ".join(_lower_word(w) for w in text.split()))
    for name in bodies():
        if len(name.split()) >= 3:        # shorter ones ('Cục Thuế', 'Công an') are common words too
            low = regex.sub(r"\b" + regex.escape(name.lower()) + r"\b", name, low)
    for name in provinces():
        low = regex.sub(r"\b(tỉnh|thành phố|tp\.?)\s+" + regex.escape(name.lower()) + r"\b",
                        lambda m: f"{m.group(1)} {name}", low)
    return low[:1].upper() + low[1:]


def _lower_word(word: str) -> str:
    """Lower-case a word of a capitals title, but not codes ('32/CT-TTg'), acronyms without a
    vowel ('TNHH', 'GTGT') or Roman numerals ('XVI')."""
    if regex.search(r"[\d/]", word) or regex.fullmatch(r"\W*[IVXLC]{3,}\W*", word) \
            or regex.search(r"[FJWZ]", word):          # letters no Vietnamese word has: 'WTO'
        return word
    if not regex.search(r"[aeiouyàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]",
                        word.lower()):
        return word
    return word.lower()
