"""Vietnamese text helpers: diacritic folding, tone placement, case, abbreviations.

`fold` keeps string length (one output character per input character), so a match found in
folded text has the same span in the original: extractors match keywords on the folded text
(robust to OCR-lost diacritics) and cut values from the original.
"""
from __future__ import annotations

import functools
import unicodedata

import regex

_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


@functools.lru_cache(maxsize=None)
def rx(pattern: str, flags: int = 0) -> regex.Pattern:
    """`pattern` compiled once. A module-level `regex.search(pattern, …)` re-derives its cache
    key (flag enums, locale) on every call, ~10 µs: most of the parse time on short texts."""
    return regex.compile(pattern, flags)


def _fold_char(c: str) -> str:
    if c in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", c)[0]
    return base.lower() if len(base.lower()) == 1 else c


# One translation table for every Latin letter with diacritics (and upper case): str.translate
# runs in C, which matters because every line of every document is folded.
_FOLD_TABLE = {cp: _fold_char(chr(cp)) for cp in range(0x41, 0x2000)
               if _fold_char(chr(cp)) != chr(cp) and len(_fold_char(chr(cp))) == 1}
# The same table as one string indexed by code point: translate() looks a str table up about
# twice as fast as a dict; code points past its end raise IndexError and stay as they are.
_FOLD_STR = "".join(_FOLD_TABLE.get(cp, chr(cp)) for cp in range(max(_FOLD_TABLE) + 1))


def fold(text: str) -> str:
    """Lower case without diacritics, same length: 'Kính gửi' -> 'kinh gui'."""
    if text.isascii():
        return text.lower()
    return text.translate(_FOLD_STR)


# Old-style tone placement (hoà, thuỷ, quý) -> the placement Decree 30 texts mostly use.
_OLD_TONE = regex.compile(r"(?i)(?<![qg])(o|u)([àáảãạ]|[ỳýỷỹỵ])(?=\b|[^\p{L}])")


def _new_tone(match: regex.Match) -> str:
    first, second = match.group(1), match.group(2)
    nfd = unicodedata.normalize("NFD", second)
    tone = "".join(ch for ch in nfd if ch in _TONE_MARKS)
    base = "".join(ch for ch in nfd if ch not in _TONE_MARKS)
    return unicodedata.normalize("NFC", first + tone) + base


def standard_tones(text: str) -> str:
    """'hoà' -> 'hòa', 'Thuỷ' -> 'Thủy' (tone on the main vowel, as underthesea does)."""
    return _OLD_TONE.sub(_new_tone, unicodedata.normalize("NFC", text))


ABBREVIATIONS = {
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "MTTQ": "Mặt trận Tổ quốc",
    "BHXH": "Bảo hiểm xã hội",
}
_ABBR = regex.compile(r"\b(" + "|".join(ABBREVIATIONS) + r")\b")


def expand_abbreviations(text: str) -> str:
    """'UBND TỈNH ĐỒNG THÁP' -> 'Ủy ban nhân dân TỈNH ĐỒNG THÁP' (case fixed separately)."""
    return _ABBR.sub(lambda m: ABBREVIATIONS[m.group(1)], text)


# Words that open a place name: what follows them is a proper noun in title case.
_PLACE_UNITS = ("tỉnh", "thành phố", "huyện", "quận", "thị xã", "thị trấn", "xã", "phường", "thôn", "xóm", "ấp")
_ASCII_UNITS = ("tinh", "huyen", "phuong")


_ROMAN = regex.compile(r"[ivx]{1,4}")


def title_word(word: str) -> str:
    return word[:1].upper() + word[1:].lower() if word else word


def name_case(text: str) -> str:
    """An upper-case body or person name in normal Vietnamese case.

    'ỦY BAN NHÂN DÂN TỈNH LAI CHÂU' -> 'Ủy ban nhân dân tỉnh Lai Châu';
    'SỞ THÔNG TIN VÀ TRUYỀN THÔNG' -> 'Sở Thông tin và Truyền thông'. Mixed-case input is
    returned as it is: the document's own case is the best evidence.
    """
    letters = [c for c in text if c.isalpha()]
    if not letters or sum(c.isupper() for c in letters) < 0.7 * len(letters):
        return text
    words = text.lower().split()
    out: list[str] = []
    place = False
    component_start = True
    for i, w in enumerate(words):
        bare = w.strip("(),.;:-")
        two = " ".join(words[i:i + 2]) if i + 1 < len(words) else ""   # last word: no pair
        if i == 0:
            out.append(title_word(w))
        elif _ROMAN.fullmatch(bare) and words[i - 1].strip("(),.;:-") in ("vực", "khóa", "khoá", "thứ"):
            out.append(w.upper())          # 'Chi cục Thuế khu vực I', 'khóa XV'

        elif place:
            out.append(title_word(w))
        elif component_start and bare not in ("và", "các", "của") and bare not in _PLACE_UNITS \
                and two not in _PLACE_UNITS:
            out.append(title_word(w))
        else:
            out.append(w)
        if bare == "xã" and fold(two).startswith("xa hoi"):
            pass                      # 'Bảo hiểm xã hội', 'Lao động - Thương binh và Xã hội'
        elif bare in _PLACE_UNITS or two in _PLACE_UNITS or (bare.isascii() and bare in _ASCII_UNITS):
            # OCR may drop the unit's diacritics ('CỤC THUẾ TINH BAC NINH')
            place = (bare in _PLACE_UNITS or bare in _ASCII_UNITS) and two not in _PLACE_UNITS or place
            if two in _PLACE_UNITS:
                # 'thành phố X', 'thị xã X': the next word is part of the unit, then the place
                out.append(words[i + 1])
                words[i + 1] = ""
                place = True
        component_start = bare in ("và", "-", "–") or w.endswith(("-", ","))
        # 'Bộ Tài chính', 'Sở Y tế', 'Tổng cục Thuế', 'Cục Hải quan': the word after the
        # organ word opens its proper name
        if bare in ("bộ", "sở", "cục", "vụ", "ban", "tiểu", "ủy", "đội", "trung", "chi") and i + 1 < len(words):
            nxt = words[i + 1].strip("(),.;:-")
            if nxt not in ("ban", "cục", "tâm", "nhân", "trưởng", "phó", "các", "và", "thường", "chính") \
                    and not (bare == "chi" and nxt in ("cục", "bộ", "hội", "đoàn", "nhánh")):
                component_start = True
        if bare == "việt":
            component_start = True
    result = " ".join(w for w in out if w != "")
    return _fix_known(result)


_KNOWN = {fold(k): k for k in [
    "Ủy ban nhân dân", "Hội đồng nhân dân", "Việt Nam", "Chính phủ", "Thủ tướng Chính phủ",
    "Văn phòng Chính phủ", "Tổng cục Thuế", "Tổng cục Hải quan", "Cục Thuế", "Cục Hải quan",
    "Bộ Tài chính", "Bảo hiểm xã hội Việt Nam", "Tổng Liên đoàn Lao động Việt Nam",
    "Mặt trận Tổ quốc Việt Nam", "Ban Thường trực", "Đoàn Chủ tịch", "Quốc hội",
    "Bộ Thông tin và Truyền thông", "Sở Thông tin và Truyền thông", "Bộ Lao động - Thương binh và Xã hội",
    "Bộ Y tế", "Bộ Xây dựng", "Bộ Công an", "Bộ Quốc phòng", "Bộ Nội vụ", "Bộ Tư pháp",
    "Bộ Công Thương", "Bộ Giáo dục và Đào tạo", "Bộ Kế hoạch và Đầu tư", "Ngân hàng Nhà nước Việt Nam",
    "Chi cục Thuế", "Chi cục Hải quan", "Bảo hiểm xã hội",
]}
_KNOWN_RE = regex.compile(r"\b(" + "|".join(regex.escape(k) for k in sorted(_KNOWN, key=len, reverse=True)) + r")\b")


def _fix_known(text: str) -> str:
    """Put the official case on known body names inside a name."""
    folded = fold(text)
    parts, last = [], 0
    for m in _KNOWN_RE.finditer(folded):
        parts.append(text[last:m.start()])
        original = text[m.start():m.end()]
        canonical = _KNOWN[m.group(1)]
        # keep the document's letters (OCR may differ), take only the case pattern
        parts.append("".join(o.upper() if c.isupper() else o.lower() for o, c in zip(original, canonical))
                     if len(original) == len(canonical) else canonical)
        last = m.end()
    parts.append(text[last:])
    out = "".join(parts)
    return out[:1].upper() + out[1:]


_AUTHORITY_PREFIX = regex.compile(r"^((?:TM|KT|TL|TUQ|Q|TTL|TQ)\.\s*)")


def sentence_case(text: str) -> str:
    """'PHÓ CHỦ TỊCH' -> 'Phó Chủ tịch'; 'KT. CHỦ TỊCH' -> 'KT. Chủ tịch' (prefix kept)."""
    letters = [c for c in text if c.isalpha()]
    if not letters or sum(c.isupper() for c in letters) < 0.7 * len(letters):
        return text
    m = _AUTHORITY_PREFIX.match(text)
    prefix = ""
    if m:
        prefix, text = m.group(1).upper(), text[m.end():]
    return prefix + name_case(text)


def person_case(text: str) -> str:
    """'NGUYỄN VĂN A' -> 'Nguyễn Văn A'; mixed case kept."""
    letters = [c for c in text if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) >= 0.7 * len(letters):
        return " ".join(title_word(w) for w in text.split())
    return text
