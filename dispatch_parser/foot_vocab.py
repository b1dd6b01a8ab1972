"""Vocabulary of the signature block: position titles, body names, person-name syllables.

OCR loses diacritics and letters in the foot ('PHO CUC TRUONG', 'TONG CYC TRƯỞNG', 'Mai Son',
'ran Đình Liệu'). The identifying values (position, authority, name) carry their true form in
the record, so they are restored from these closed vocabularies, and only where the reading is
unambiguous. Everything is compared on folded text (vntext.fold: no diacritics, lower case).
"""
from __future__ import annotations

import functools
from typing import Optional

from itertools import islice

import regex

from .vntext import fold, rx

# Base titles of Decree 30 signers (sentence case as the record writes them). 'Phó X' is
# derived for each; the Bộ trưởng's deputy is the Thứ trưởng.
_BASE_TITLES = [
    "Chủ tịch", "Giám đốc", "Tổng Giám đốc", "Cục trưởng", "Tổng cục trưởng", "Chi cục trưởng",
    "Bộ trưởng", "Vụ trưởng", "Trưởng ban", "Trưởng tiểu ban", "Chánh Văn phòng", "Thủ tướng",
    "Chủ nhiệm", "Trưởng phòng", "Hiệu trưởng", "Viện trưởng", "Chánh án", "Tổng Thư ký",
    "Trưởng đoàn", "Bí thư", "Trưởng Thuế tỉnh", "Trưởng Thuế cơ sở", "Chánh Thanh tra",
    "Tổng Kiểm toán", "Thống đốc", "Tổng biên tập", "Chủ nhiệm Ủy ban",
    "Giám đốc Sở", "Chánh Văn phòng Bộ", "Trưởng khoa", "Thủ trưởng", "Kế toán trưởng",
    "Trưởng thôn", "Trưởng ban Dân vận", "Tổng Thanh tra", "Chủ tịch Hội đồng",
]
_EXTRA_TITLES = ["Thứ trưởng", "Thủ trưởng", "Thứ trưởng Thường trực", "Phó Chủ tịch Thường trực",
                 "Phó Chánh Văn phòng", "Phó Thống đốc", "Ủy viên", "Thư ký"]


def _all_titles() -> list[str]:
    out = []
    for t in _BASE_TITLES:
        out.append(t)
        if t != "Bộ trưởng":
            out.append("Phó " + t)
    out.extend(_EXTRA_TITLES)
    # longest first: 'Phó Tổng cục trưởng' before 'Tổng cục trưởng' before 'Cục trưởng'
    return sorted(set(out), key=lambda t: (-len(t), t))     # a fixed order: runs repeat


TITLES = _all_titles()
_TITLE_KEYS: dict[str, list[str]] = {}
for _t in TITLES:
    _TITLE_KEYS.setdefault(fold(_t).replace(" ", ""), []).append(_t)
# 'Thứ trưởng' and 'Thủ trưởng' fold alike: the document's spelling decides, and where OCR
# lost it the signer's title (Thứ trưởng) is the likelier reading
for _key, _titles in _TITLE_KEYS.items():
    _titles.sort(key=lambda t: fold(t).startswith("thu truong") and "Thủ" in t)

# Body names that stand after a title or an authority prefix ('VỤ TRƯỞNG VỤ CHÍNH SÁCH',
# 'KT. TỔNG CỤC TRƯỞNG TỔNG CỤC HẢI QUAN'): used to put back lost diacritics.
BODIES = [
    "Tổng cục Thuế", "Tổng cục Hải quan", "Cục Thuế", "Cục Hải quan", "Chi cục Thuế",
    "Chi cục Hải quan", "Bộ Tài chính", "Vụ Chính sách", "Vụ Pháp chế", "Ủy ban nhân dân",
    "Hội đồng nhân dân", "Chính phủ", "Bảo hiểm xã hội Việt Nam", "Bảo hiểm xã hội",
    "Ban Thường trực", "Ban Thường vụ", "Đoàn Chủ tịch", "Tiểu ban", "Văn phòng", "Thuế tỉnh",
    "Ban Chấp hành", "Đảng ủy", "Mặt trận Tổ quốc Việt Nam", "Ủy ban Mặt trận Tổ quốc",
    "Quản lý thuế", "Thanh tra", "Kiểm tra", "Hải quan", "Thuế", "Việt Nam", "Thường trực",
    "tỉnh", "thành phố", "huyện", "xã", "phường", "và", "Thu nhập cá nhân", "Giám sát quản lý",
    "Doanh nghiệp lớn", "Hợp tác quốc tế", "Chính sách", "Nghiệp vụ", "Pháp chế",
    # ministries and provincial departments ('GIAM DOC SO TAI CHINH')
    "Tài chính", "Tư pháp", "Nội vụ", "Y tế", "Xây dựng", "Giáo dục và Đào tạo", "Công an",
    "Quốc phòng", "Thông tin và Truyền thông", "Kế hoạch và Đầu tư", "Công Thương",
    "Lao động - Thương binh và Xã hội", "Nông nghiệp và Phát triển nông thôn",
    "Nông nghiệp và Môi trường", "Tài nguyên và Môi trường", "Giao thông vận tải",
    "Văn hóa, Thể thao và Du lịch", "Khoa học và Công nghệ", "Ngoại giao", "Dân tộc và Tôn giáo",
    "Kho bạc Nhà nước", "Ngân hàng Nhà nước", "Kiểm toán Nhà nước", "Thanh tra Chính phủ",
    # organ words that open a body's name in a title ('BO TRUONG BO Y TE')
    "Bộ", "Sở", "Cục", "Vụ", "Ban", "Phòng", "Chi cục", "Tổng cục", "Ủy ban", "Trung tâm", "Viện",
    "Học viện", "Hội đồng", "Tỉnh ủy", "Thành ủy", "Huyện ủy", "Đoàn",
]
_BODY_KEYS = sorted(((fold(b), b) for b in BODIES), key=lambda kv: -len(kv[0]))

# Person-name syllables, by the place they take in a name. A folded OCR reading is restored
# only when exactly one entry folds to it (and the reading itself is no entry).
SURNAMES = (
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Lưu Đào Đoàn Vương "
    "Trịnh Đinh Mai Trương Lâm Phùng Tạ Tô Hà Cao Quách Lương Thái Châu Hứa Tăng Kiều Lại Mạc "
    "Triệu Từ Văn Khúc Chu Giang Lục Đàm Thân Nghiêm La Tống Tổng Lan Hầu Doãn Khổng Âu Bế "
    "Nông Lò Hoàng Diệp Viên Quan Ninh Lã Ông Thạch Kha Đồng Bạch Cù Ứng Trang Đường Công "
    "Phí Văn Tôn Lữ Yên Khương Vi Sầm Hoa Đới Thiều Giáp Lò Quàng Hà"
).split()
GIVEN = (
    "An Anh Ánh Bá Bách Bảo Bình Bích Cảnh Cận Chi Chiến Chính Chung Công Cường Cương Dân Diệp "
    "Dung Dũng Duy Duyên Dương Đam Đạo Đạt Đăng Điệp Định Đình Đoan Đông Đức Giang Giao Hà Hạnh "
    "Hải Hân Hằng Hậu Hiền Hiến Hiệp Hiếu Hòa Hoài Hoan Hoàn Hoàng Hồng Huân Huấn Huệ Hùng Hưng "
    "Hương Hường Hữu Huy Huyền Khang Khanh Khánh Khoa Khôi Khương Kiên Kim Lan Lâm Lân Lệ Liên "
    "Liệu Linh Loan Lộc Lợi Long Luân Lực Lương Ly Mạnh Mai Minh My Mỹ Nam Nga Ngân Nghĩa "
    "Ngọc Nguyên Nguyệt Nhân Nhàn Nhật Nhung Như Ninh Oanh Phát Phong Phú Phúc Phụng Phước "
    "Phương Phượng Quang Quân Quế Quốc Quý Quyên Quyết Quỳnh Sang Sáu Sinh Sơn Sỹ Sĩ Tài Tâm "
    "Tân Tấn Thạch Thái Thắm Thắng Thanh Thành Thảo Thắm Thế Thi Thị Thiện Thịnh Thọ Thoa Thông "
    "Thu Thuận Thủy Thúy Thư Thương Tiến Tiệp Tín Toàn Toản Tốt Trà Trang Trí Triều Trinh Trọng "
    "Trung Trường Tú Tuấn Tùng Tuyết Tư Uyên Vân Văn Viên Việt Vinh Vĩnh Võ Vũ Vy Xuân Yến "
    "Bằng Hạ Hoa Huyên Khải Khiêm Kỳ Lễ Lĩnh Lụa Luyến Nhạn Nhi Phấn Sương Tạo Tráng "
    "Tường Tỵ Ước Hào Hiển Hoạt Khoát Lai Lập Mừng Nhâm Niên Phi Tiên Tính Trực Tuyến Cầm"
).split()


def _by_fold(words: list[str]) -> dict[str, set[str]]:
    table: dict[str, set[str]] = {}
    for w in words:
        table.setdefault(fold(w), set()).add(w)
    return table


_SURNAME_BY_FOLD = _by_fold(SURNAMES)            # the first word of a name
_GIVEN_BY_FOLD = _by_fold(GIVEN + SURNAMES)      # a middle word (surnames serve as middle names)
_GIVEN_ONLY_BY_FOLD = _by_fold(GIVEN)            # the last word
_ALL_SYLLABLES = set(SURNAMES) | set(GIVEN)

# OCR readings of Vietnamese letters seen in scanned letters: 'ư' read as 'ir', a final 'c'
# read as 'e' ('Đức' -> 'Dire').
_OCR_SWAPS = [("ir", "u"), ("e$", "c"), ("ii", "u"), ("rn", "m")]
_SWAP_SETS = [[s for j, s in enumerate(_OCR_SWAPS) if mask >> j & 1] for mask in range(1, 1 << len(_OCR_SWAPS))]

_VI_LETTERS = regex.compile(r"^[a-zA-Zàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữự"
                            r"ỳýỷỹỵđÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ]+$")


def _allowed_errors(n: int) -> int:
    return 0 if n < 7 else 1 if n < 12 else 2


@functools.lru_cache(maxsize=4096)
def _title_for_key(key: str) -> Optional[tuple[str, ...]]:
    if key in _TITLE_KEYS:
        return tuple(_TITLE_KEYS[key])
    e = _allowed_errors(len(key))
    if not e:
        return None
    best, best_cost = None, 99
    for k, title in _TITLE_KEYS.items():
        if abs(len(k) - len(key)) > e:
            continue
        m = regex.fullmatch(r"(?:%s){e<=%d}" % (regex.escape(k), e), key, regex.BESTMATCH)
        if m:
            cost = sum(m.fuzzy_counts)
            if cost < best_cost:
                best, best_cost = tuple(title), cost
    return best


# digits OCR reads for letters inside upper-case words ('GIAM D6C', 'CH1 CỤC')
_OCR_DIGITS = str.maketrans({"0": "o", "6": "o", "1": "i"})


def title_at_start(text: str) -> Optional[tuple[str, int]]:
    """The position title that opens `text` ('PHÓ cụ c TRƯỞNG VỤ X' -> 'Phó Cục trưởng') and
    the offset in `text` where the words after it start; None when no title opens it."""
    # only the first six words count; islice keeps a call O(1) on a long line (was quadratic in _split_foot)
    words = list(islice(rx(r"[^\s,;:]+").finditer(text), 6))
    for k in range(len(words), 0, -1):
        key = "".join(fold(w.group()) for w in words[:k]).translate(_OCR_DIGITS)
        key = rx(r"[^a-z]").sub("", key)
        if not key or len(key) > 30:
            continue
        titles = _title_for_key(key)
        if titles:
            # among titles that fold alike, the one the document spells ('THỦ' vs 'THỨ')
            written = "".join(w.group().lower() for w in words[:k])
            title = next((t for t in titles if t.lower().replace(" ", "") == written), titles[0])
            return title, words[k - 1].end()
    return None


def restore_bodies(text: str) -> str:
    """Put diacritics back on known body names where OCR lost them ('TONG CỤC HAI QUAN')."""
    folded = fold(text)
    i = 0
    result = ""
    while i < len(text):
        hit = None
        if i == 0 or not text[i - 1].isalnum():
            for key, body in _BODY_KEYS:
                if folded.startswith(key, i) and (i + len(key) == len(text) or not text[i + len(key)].isalnum()):
                    hit = (key, body)
                    break
        if hit:
            key, body = hit
            original = text[i:i + len(key)]
            if original != body and fold(original) == key:
                # keep the document's case, take the body's letters
                result += "".join(b.upper() if o.isupper() else b.lower() for o, b in zip(original, body))
            else:
                result += original
            i += len(key)
        else:
            result += text[i]
            i += 1
    return result


def deputy_of(title: str) -> str:
    """The deputy who signs 'KT.' for a head: Bộ trưởng -> Thứ trưởng, X -> Phó X."""
    t = title.strip()
    if fold(t).startswith("bo truong"):
        return "Thứ trưởng"
    return "Phó " + t[:1].upper() + t[1:]


# --- person names ---------------------------------------------------------------------------

def _word_ok(word: str) -> bool:
    return bool(_VI_LETTERS.match(word)) and 1 <= len(word) <= 7


def looks_like_name(text: str) -> bool:
    """'Vũ Đình Chiến', 'NGUYỄN VĂN A', 'Mai Son', 'ran Đình Liệu' (a lost first letter)."""
    words = text.split()
    if not 2 <= len(words) <= 5:
        return False
    if not all(_word_ok(w) or _restorable(w) for w in words):
        return False
    if title_at_start(text):
        return False
    folded = fold(text)
    if rx(r"\b(?:uy ban|ban|bo|cuc|so|vu|phong|tinh|thanh pho|huyen|xa|nhan dan|"
                    r"truong|chinh phu|van phong|cong hoa|viet nam|doc lap|noi nhan|nhu tren|"
                    r"trung tam|cong ty|tong|thu truong|chu tich|giam doc)\b").search(folded):
        # body words; a name may still hold 'Việt' or 'Văn', not these
        surname_like = fold(words[0]) in _SURNAME_BY_FOLD
        if not surname_like or rx(r"\b(?:uy ban|nhan dan|cong hoa|doc lap|noi nhan|"
                                            r"nhu tren|cong ty|chinh phu|van phong)\b").search(folded):
            return False
    # a name opens with a surname (a closed set), possibly OCR-damaged
    first_key = fold(words[0])
    if first_key not in _SURNAME_BY_FOLD and _restore_word(words[0], _SURNAME_BY_FOLD) == words[0] \
            and not (words[0].islower() and _lost_initial(words[0])):
        return False
    upper = text.isupper()
    if upper:
        return True
    rest_title = all(w[:1].isupper() and (w[1:].islower() or len(w) == 1) for w in words[1:])
    first = words[0]
    if first[:1].isupper() and (first[1:].islower() or len(first) == 1) and rest_title:
        return True
    # OCR lost the first letter of the surname: 'ran Đình Liệu'
    return first.islower() and rest_title and _lost_initial(first) is not None


def _restorable(word: str) -> bool:
    return 1 <= len(word) <= 8 and bool(rx(r"\p{L}+").fullmatch(word))


def _lost_initial(word: str) -> Optional[str]:
    """The surname whose first letter OCR lost ('ran' -> 'Trần', 'ê' -> 'Lê'): among several,
    the most frequent (SURNAMES lists the common ones first) when it is one of the common ones."""
    hits = sorted({s for key, forms in _SURNAME_BY_FOLD.items() for s in forms
                   if len(key) == len(word) + 1 and key.endswith(fold(word))}, key=SURNAMES.index)
    if len(hits) == 1 or hits and SURNAMES.index(hits[0]) < 20 <= SURNAMES.index(hits[1]):
        return hits[0]
    return None


def _restore_word(word: str, table: dict[str, set[str]]) -> str:
    if word in _ALL_SYLLABLES:
        return word
    key = fold(word)
    forms = table.get(key, set())
    if len(forms) == 1 and (word.isascii() or not _VI_LETTERS.match(word)):
        form = next(iter(forms))
        # an ASCII reading that is itself a name ('Thanh', 'Huy') stays as written
        if word.isascii() and form == word:
            return word
        return form
    if not forms:
        found = set()
        for swaps in _SWAP_SETS:
            repaired = key
            for a, b in swaps:
                repaired = regex.sub(a, b, repaired)
            if repaired != key:
                found |= table.get(repaired, set())
        if len(found) == 1:
            return found.pop()
    return word


# Where a diacritic-free reading folds to several name syllables, the one Vietnamese names use
# far more often in that place of the name (surname / middle / given) is taken.
_PREFERRED = {
    "first": {"doan": "Đoàn", "dang": "Đặng", "tran": "Trần", "pham": "Phạm", "ho": "Hồ",
              "do": "Đỗ", "dao": "Đào", "hoang": "Hoàng", "ngo": "Ngô", "nguyen": "Nguyễn",
              "le": "Lê", "vu": "Vũ", "duong": "Dương", "dinh": "Đinh", "bui": "Bùi"},
    "middle": {"van": "Văn", "thi": "Thị", "duc": "Đức", "dinh": "Đình", "huu": "Hữu",
               "ba": "Bá", "cong": "Công", "hong": "Hồng", "manh": "Mạnh", "ngoc": "Ngọc",
               "quoc": "Quốc", "trong": "Trọng", "xuan": "Xuân", "tan": "Tấn", "tien": "Tiến",
               "thanh": "Thanh", "minh": "Minh", "quang": "Quang", "hai": "Hải", "viet": "Việt"},
    "last": {"cuong": "Cường", "huong": "Hương", "van": "Vân", "hung": "Hùng", "tra": "Trà",
             "loi": "Lợi", "toan": "Toàn", "son": "Sơn", "dung": "Dũng", "tuan": "Tuấn",
             "thuy": "Thủy", "hai": "Hải", "duc": "Đức", "phuong": "Phương", "thang": "Thắng",
             "quan": "Quân", "hien": "Hiền", "tan": "Tân", "lan": "Lan", "hoa": "Hòa"},
}


def restore_name(text: str) -> str:
    """A signer's name in normal case with OCR-lost diacritics put back where unambiguous."""
    words = text.split()
    if text.isupper():
        words = [w[:1] + w[1:].lower() for w in words]
    out = []
    for i, w in enumerate(words):
        if i == 0 and w.islower():
            lost = _lost_initial(w)
            if lost:
                out.append(lost)
                continue
        table = _SURNAME_BY_FOLD if i == 0 else _GIVEN_ONLY_BY_FOLD if i == len(words) - 1 else _GIVEN_BY_FOLD
        place = "first" if i == 0 else "last" if i == len(words) - 1 else "middle"
        if w.isascii() and fold(w) in _PREFERRED[place]:
            out.append(_PREFERRED[place][fold(w)])
            continue
        out.append(_restore_word(w, table))
    return " ".join(out)


def is_name_syllable(word: str) -> bool:
    """Whether a word reads as a Vietnamese name syllable (diacritics aside)."""
    return fold(word) in _GIVEN_BY_FOLD


# A rank or degree written before a signer's name ('Trung tá Ngô Văn Công', 'PGS.TS. Lê Văn A')
# is no part of the name.
NAME_PREFIX = regex.compile(
    r"^(?:(?:Đại|Thượng|Trung|Thiếu)\s+(?:tá|úy|uý|tướng)|Đại\s+tướng|"
    r"(?:PGS|GS|TS|ThS|BS|KS|CKII|CKI|NGƯT|NGND)\.?(?:\s*[,.]?\s*(?:TS|BS|ThS|CKII|CKI|DS)\.?)*)\s+(?=\p{Lu})")


def strip_name_prefix(text: str) -> str:
    return NAME_PREFIX.sub("", text.strip(), count=1)
