"""Pre-Unicode Vietnamese: TCVN3 (ABC) and VNI text, detected and converted to Unicode.

Old Word files and PDFs set in `.VnTime` (TCVN3) or `VNI-Times` fonts carry one-byte codes
that extract as Latin-1 characters: TCVN3 'Uû ban nh©n d©n' is 'Uỷ ban nhân dân', VNI
'UÛy ban nhaân daân' is 'UỶy ban nhân dân'. TCVN3 gives each toned vowel its own code;
VNI writes a base letter followed by a code for its marks. Tables below are written from the
published code charts of the two encodings.

`detect()` tries both conversions and keeps the one that turns the suspicious words into
well-formed Vietnamese syllables, so ordinary Latin-1 text (French accents, a © sign) is left
alone.
"""
from __future__ import annotations

import unicodedata
from typing import Optional

import regex

# --- TCVN3 (TCVN 5712:1993, VN3): one code per letter ------------------------------------
_TCVN3_ROWS = {
    # capitals without tone (the only capitals the encoding has; toned capitals are the
    # lower-case codes drawn by the upper-case '.VnTimeH' fonts)
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
}
# each vowel's five toned forms: grave, hook, tilde, acute, dot below
_TCVN3_TONES = [
    ("àảãáạ", (0xB5, 0xB6, 0xB7, 0xB8, 0xB9)),
    ("ằẳẵắặ", (0xBB, 0xBC, 0xBD, 0xBE, 0xC6)),
    ("ầẩẫấậ", (0xC7, 0xC8, 0xC9, 0xCA, 0xCB)),
    ("èẻẽéẹ", (0xCC, 0xCE, 0xCF, 0xD0, 0xD1)),
    ("ềểễếệ", (0xD2, 0xD3, 0xD4, 0xD5, 0xD6)),
    ("ìỉĩíị", (0xD7, 0xD8, 0xDC, 0xDD, 0xDE)),
    ("òỏõóọ", (0xDF, 0xE1, 0xE2, 0xE3, 0xE4)),
    ("ồổỗốộ", (0xE5, 0xE6, 0xE7, 0xE8, 0xE9)),
    ("ờởỡớợ", (0xEA, 0xEB, 0xEC, 0xED, 0xEE)),
    ("ùủũúụ", (0xEF, 0xF1, 0xF2, 0xF3, 0xF4)),
    ("ừửữứự", (0xF5, 0xF6, 0xF7, 0xF8, 0xF9)),
    ("ỳỷỹýỵ", (0xFA, 0xFB, 0xFC, 0xFD, 0xFE)),
]
TCVN3: dict[str, str] = {chr(code): letter for code, letter in _TCVN3_ROWS.items()}
for _letters, _codes in _TCVN3_TONES:
    for _letter, _code in zip(_letters, _codes):
        TCVN3[chr(_code)] = _letter
_TCVN3_TABLE = str.maketrans(TCVN3)

# --- VNI (VNI-Windows): base letter + a code for its marks ----------------------------------
_GRAVE, _ACUTE, _HOOK, _TILDE, _DOT = "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"
_CIRC, _BREVE = "\u0302", "\u0306"
_VNI_MARKS_LOWER = {
    "ø": _GRAVE, "ù": _ACUTE, "û": _HOOK, "õ": _TILDE, "ï": _DOT,
    "â": _CIRC, "à": _CIRC + _GRAVE, "á": _CIRC + _ACUTE, "å": _CIRC + _HOOK,
    "ã": _CIRC + _TILDE, "ä": _CIRC + _DOT,
    "ê": _BREVE, "è": _BREVE + _GRAVE, "é": _BREVE + _ACUTE, "ú": _BREVE + _HOOK,
    "ü": _BREVE + _TILDE, "ë": _BREVE + _DOT,
    "î": _DOT,          # the dot under y (ỵ)
}
VNI_MARKS: dict[str, str] = dict(_VNI_MARKS_LOWER)
VNI_MARKS.update({k.upper(): v for k, v in _VNI_MARKS_LOWER.items()})
# letters VNI codes on their own
VNI_SINGLE: dict[str, str] = {
    "ô": "ơ", "ö": "ư", "ñ": "đ", "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị",
    "Ô": "Ơ", "Ö": "Ư", "Ñ": "Đ", "Í": "Í", "Ì": "Ì", "Æ": "Ỉ", "Ó": "Ĩ", "Ò": "Ị",
}
_VNI_BASES = set("aeiouyAEIOUYơưƠƯ")

# --- detection ------------------------------------------------------------------------------
_LEGACY_CHAR = regex.compile(r"[\u00a1-\u00ff]")
_STRONG = regex.compile(r"[\u00a1-\u00bf\u00c4-\u00c7\u00cb\u00ce-\u00d1\u00d6-\u00d8\u00db\u00dc"
                        r"\u00de-\u00df\u00e4-\u00e7\u00eb\u00ee-\u00f1\u00f6-\u00f8\u00fb\u00fc\u00fe\u00ff]")
_UNICODE_VIET = regex.compile(r"[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1"
                              r"\u01af\u01b0\u1ea0-\u1ef9]")
_TOKEN = regex.compile(r"[\p{L}\u00a1-\u00ff]+")
_TONES = regex.compile(r"[\u0300\u0301\u0303\u0309\u0323]")
_SYLLABLE = regex.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?"
    r"(?:[aăâeêioôơuưy]{1,3})(?:ch|ng|nh|[cmnpt])?", regex.I)


def syllable_ok(token: str) -> bool:
    decomposed = unicodedata.normalize("NFD", token)
    if len(_TONES.findall(decomposed)) > 1:
        return False
    bare = unicodedata.normalize("NFC", _TONES.sub("", decomposed))
    return _SYLLABLE.fullmatch(bare) is not None


def _suspects(text: str) -> list[str]:
    """Words with a Latin-1 code and a plain letter: 'nh©n', not a lone '©' or '½'."""
    return [t for t in _TOKEN.findall(text) if _LEGACY_CHAR.search(t) and _ASCII_LETTER.search(t)]


_ASCII_LETTER = regex.compile(r"[A-Za-z]")


def detect(text: str, min_words: int = 2) -> Optional[str]:
    """'tcvn3', 'vni' or None: which legacy encoding this text is in, if any."""
    sample = text[:20000]
    # Unicode Vietnamese uses Latin-1 letters too (à, é, ô …); only codes no Vietnamese
    # letter has (©, µ, ¸, ï, ö, ñ …) make a text suspect
    if len(_STRONG.findall(sample)) < 3:
        return None
    suspects = _suspects(sample)
    if len(suspects) < min_words:
        return None
    unicode_words = len(_UNICODE_VIET.findall(sample))
    if unicode_words > 3 * len(suspects):
        return None     # a Unicode text with a few Latin-1 signs in it
    scores = {}
    for kind in ("tcvn3", "vni"):
        scores[kind] = sum(syllable_ok(_convert_token(t, kind)) for t in suspects)
    as_is = sum(syllable_ok(t) for t in suspects)
    kind = max(scores, key=scores.__getitem__)
    best = scores[kind]
    if best >= min_words and best >= 0.5 * len(suspects) and best > 1.5 * as_is:
        return kind
    return None


def _convert_token(token: str, kind: str) -> str:
    if kind == "tcvn3":
        return token.translate(_TCVN3_TABLE)
    out: list[str] = []
    for ch in token:
        mark = VNI_MARKS.get(ch)
        if mark is not None and out and out[-1] in _VNI_BASES:
            out.append(mark)
        else:
            out.append(VNI_SINGLE.get(ch, ch))
    return unicodedata.normalize("NFC", "".join(out))


def convert(text: str, kind: str) -> str:
    """`text` from `kind` ('tcvn3' / 'vni') to NFC Unicode. Where the text already holds
    Unicode Vietnamese (a mixed document), only the words with legacy codes are converted."""
    if kind not in ("tcvn3", "vni"):
        raise ValueError(f"unknown legacy encoding {kind!r}")
    mixed = _UNICODE_VIET.search(text) is not None

    def one(m: regex.Match) -> str:
        token = m.group(0)
        if not _LEGACY_CHAR.search(token):
            return token
        converted = _convert_token(token, kind)
        if mixed and not syllable_ok(converted):
            return token
        return converted

    out = _TOKEN.sub(one, text)
    if kind == "vni":       # VNI has codes for capitals; TCVN3 borrows the small ones
        return out
    return "\n".join(fix_case(line) for line in out.split("\n"))


def fix_case(line: str) -> str:
    """Upper-case a converted line whose plain letters are all capitals: the '.VnTimeH'
    fonts draw lower-case codes as capitals ('CéNG HOµ' is 'CỘNG HOÀ')."""
    # letters of words, not of symbols ('12/UBND-VP' says nothing about the font)
    words = " ".join(t for t in line.split() if not regex.search(r"[\d/]", t))
    ascii_letters = [c for c in words if "A" <= c <= "Z" or "a" <= c <= "z"]
    if len(ascii_letters) >= 3 and sum(c.isupper() for c in ascii_letters) >= 0.85 * len(ascii_letters):
        return line.upper()
    # a capitalised word inside a mixed line: 'CéNG' (two plain capitals, no small letter)
    return _CAPS_WORD.sub(lambda m: m.group(0).upper(), line)


_CAPS_WORD = regex.compile(r"\b(?=(?:\p{Ll}*[A-Z]){2})(?![\p{L}]*[a-z])\p{L}+\b")


def convert_if_legacy(text: str) -> tuple[str, Optional[str]]:
    """(text converted to Unicode, the encoding found) or (text, None) when it is not legacy."""
    kind = detect(text)
    if kind is None:
        return text, None
    return convert(text, kind), kind


def encode_tcvn3(text: str) -> str:
    """Unicode -> TCVN3 as Latin-1 characters (for tests and fixtures): capitals with tones
    become the lower-case codes, as the '.VnTimeH' fonts write them."""
    reverse = {v: k for k, v in TCVN3.items()}
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in reverse:
            out.append(reverse[ch])
        elif ch.lower() in reverse and ch not in "ĂÂÊÔƠƯĐ":
            out.append(reverse[ch.lower()])
        else:
            out.append(ch)
    return "".join(out)


def encode_vni(text: str) -> str:
    """Unicode -> VNI as Latin-1 characters (for tests and fixtures)."""
    single = {v: k for k, v in VNI_SINGLE.items()}
    marks = {v: k for k, v in _VNI_MARKS_LOWER.items() if k != "î"}
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in single:
            out.append(single[ch])
            continue
        decomposed = unicodedata.normalize("NFD", ch)
        base, rest = decomposed[0], decomposed[1:]
        if not rest:
            out.append(ch)
            continue
        horn = "\u031b" in rest
        rest = rest.replace("\u031b", "")
        if horn:
            base = single.get(unicodedata.normalize("NFC", base + "\u031b"), base)
        # VNI orders a letter's marks: shape (circumflex, breve) before tone
        shape = "".join(c for c in rest if c in (_CIRC, _BREVE))
        tone = "".join(c for c in rest if c not in (_CIRC, _BREVE))
        if base in "yY" and tone == _DOT and not shape:
            code = "î"
        else:
            code = marks.get(shape + tone)
        if code is None:
            out.append(ch)
            continue
        out.append(base + (code.upper() if ch.isupper() else code))
    return "".join(out)
