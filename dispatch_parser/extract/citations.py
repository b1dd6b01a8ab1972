"""Find cited documents in running text: `Thông tư số 130/2016/TT-BTC ngày 12/8/2016 của Bộ
Tài chính hướng dẫn …`, `Luật Quản lý thuế số 38/2019/QH14`, `công văn số 151/CV …`.

Keywords are matched on folded text (same length as the original, so spans carry over) and
the values are cut from the original. A citation is read left to right: type, optional law
name, `số`, number, then date, `của` issuer and subject, each optional, in that order.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Optional

import regex

from ..vntext import fold, rx
from .common import iso_date

TIMEOUT = 1.0

# Type names a citation can open with (Decree 30 names and common extras), canonical spelling.
REF_TYPES = [
    "Văn bản hợp nhất", "Văn bản", "Công văn", "Quyết định", "Nghị định", "Thông tư liên tịch",
    "Thông tư", "Bộ luật", "Luật", "Pháp lệnh", "Nghị quyết liên tịch", "Nghị quyết", "Chỉ thị",
    "Kế hoạch", "Thông báo", "Thông cáo", "Hướng dẫn", "Báo cáo", "Tờ trình", "Công điện",
    "Chương trình", "Đề án", "Kết luận", "Quy định", "Quy chế", "Lệnh", "Giấy mời", "Hiến pháp",
    "Phiếu chuyển", "Phiếu trình", "Biên bản", "Công thư", "Điện", "Thông tri",
]
_CANON = {fold(t): t for t in REF_TYPES}
LAW_TYPES = {"luat", "bo luat", "phap lenh", "hien phap"}
# The abbreviation a type carries in its number's symbol ('QĐ' in 33/QĐ-TCT): used to undo
# OCR slips in that part of a number ('QD' -> 'QĐ', 'T1' -> 'TT', 'NO' -> 'NQ').
TYPE_SYMBOL = {
    "quyet dinh": "QĐ", "nghi dinh": "NĐ", "nghi quyet": "NQ", "thong tu": "TT",
    "thong tu lien tich": "TTLT", "chi thi": "CT", "ke hoach": "KH", "thong bao": "TB",
    "huong dan": "HD", "ket luan": "KL", "to trinh": "TTr", "bao cao": "BC", "cong dien": "CĐ",
    "nghi quyet lien tich": "NQLT",
}
# Body abbreviations whose Đ OCR often loses.
D_WORDS = {"LDTBXH": "LĐTBXH", "BLDTBXH": "BLĐTBXH", "KHDT": "KHĐT", "BKHDT": "BKHĐT",
           "HDND": "HĐND", "DU": "ĐU", "TLDLD": "TLĐLĐ", "DHQG": "ĐHQG"}

# words of a type may be split by an OCR'd quote mark ('Nghị “định số …')
_TYPE_ALT = "|".join(regex.escape(k).replace(r"\ ", r"\s+[“”\"'‘’]?") for k in
                     sorted(_CANON, key=len, reverse=True))
# type [law name] số NUMBER   (folded text)
_CITE_SO = regex.compile(
    rf"(?<![\p{{L}}])(?P<type>(?i:{_TYPE_ALT}))(?![\p{{L}}])"
    r"(?P<name>\s[^\n;:.]{1,160}?)??"
    r"\s*(?:(?i:s[o06]|se)\s*){1,2}[:.]?\s*(?=[A-Z]{0,4}/?\d)")
# type NUMBER without 'số' (only a full symbol number counts then)
_CITE_BARE = regex.compile(
    rf"(?<![\p{{L}}])(?P<type>(?i:{_TYPE_ALT}))\s+(?=\d{{1,5}}[A-Za-z]?\s?[/-])")
_NUMBER = regex.compile(
    r"(?:[A-Z]{1,4}/?)?\d[\dA-Za-z]{0,7}"
    r"(?:\s?[/-](?:\s?-)?\s?[\p{Lu}\d][\p{L}\d&.]*[\p{L}\d&]|\s?[/-](?:\s?-)?\s?[\p{Lu}\d])*")


@dataclass
class Citation:
    doc_type: str
    number: Optional[str]
    date: Optional[str]
    issuer: Optional[str]
    subject: Optional[str]
    start: int
    end: int            # end of the number (where the tail begins)
    tail_end: int       # end of everything read after it


def canon_type(folded: str) -> str:
    key = rx(r"\s+").sub(" ", folded)
    return _CANON.get(key, key.capitalize())


def clean_number(raw: str, type_key: str) -> str:
    """Spaces out, OCR slips in the symbol fixed where the type tells what it must be."""
    num = rx(r"([/-])[/-]+").sub(r"\1", rx(r"\s+").sub("", raw)).rstrip(".-/,")
    parts = rx(r"([/-])").split(num)
    want = TYPE_SYMBOL.get(type_key)
    symbol_seen = False
    out = []
    for i, p in enumerate(parts):
        if p in "/-" or not p:
            out.append(p)
            continue
        if i > 0 and rx(r"[0-9O]{4}").fullmatch(p) and p.startswith(("1", "2")):
            p = p.replace("O", "0")
        if rx(r"[OQ]H\d{1,2}").fullmatch(p):          # QH15 read as OH15
            p = "Q" + p[1:]
        # UBTVQHI0 -> UBTVQH10, UBTVOHI2 -> UBTVQH12 (O for Q where the term digits follow)
        qh = rx(r"([A-Z]*)(?:QH|OH(?=[\dIlO]*\d))([\dIlO]{2})").fullmatch(p)
        if qh:
            p = qh.group(1) + "QH" + qh.group(2).translate(str.maketrans("IlO", "110"))
        first_symbol = i > 0 and not p.isdigit() and not symbol_seen
        if first_symbol:
            symbol_seen = True
        if first_symbol and want and p != want and _near(p, want):
            p = want
        elif first_symbol and p in ("QD", "ND", "CD"):     # a type code whose Đ OCR lost
            p = p[0] + "Đ"
        elif i > 0 and p.upper() in D_WORDS and rx(r"[A-Z&]+").fullmatch(p):
            p = D_WORDS[p.upper()]
        out.append(p)
    return "".join(out)


def _near(token: str, want: str) -> bool:
    if fold(token) == fold(want):
        return True
    if len(token) != len(want) or len(want) < 2:
        return False
    diff = sum(a != b for a, b in zip(token.upper(), want.upper()))
    return diff == 1 and token[0].upper() == want[0].upper()


# --- the tail: date, issuer, subject ------------------------------------------------------
# Patterns below run on `fc`, the folded text with its case kept ('Bộ Tài' -> 'Bo Tai'), so
# they can ask for upper case; short stop words that folding would confuse with names
# ('tại' / 'Tài', 'thì' / 'thi hành') are matched on the original text instead.

# OCR noise tolerated: a stray sign before 'ngày' ('đề > ngày'), a clipped 'ngày' ('ày'), one
# junk token after it ('ngày A 15/01/2018'); a full dd/mm/yyyy right after the number needs none
_DATE_HERE = regex.compile(
    r"\s*[,(.-]?\s*(?:(?:đề|de|ban\s+hanh)\s+)?(?:[^\p{L}\d\s,;()]{1,2}\s*)?"
    r"(?:(?i:(?:ngay){e<=1}|g?ay)\s*:?\s*(?:[^\s\d/]{1,2}\s+)?"
    r"|(?=\d{1,2}\s*/\s*\d{1,2}\s*/\s*(?:19|20)\d{2}(?!\d)))"
    r"(?:(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>(?:19|20)\d{2}|\d{2}(?!\d))"
    r"|(?P<d2>\d{1,2})\s*(?i:thang|th)\s*,?\s*(?P<m2>\d{1,2})\s*,?\s*(?i:nam)\s*(?P<y2>(?:19|20)\d{2}))\)?")
# a date OCR has damaged beyond reading ('ngày 16 tháng J1 năm 2011'): passed over, so the
# issuer and subject after it are still read
_DAMAGED_DATE = regex.compile(
    r"\s*[,(]?\s*(?i:ngay)\s*(?:\S{1,3}\s*(?i:thang)\s*\S{1,3}\s*(?i:nam)\s*\S{2,4}"
    r"|[\dA-Za-z]{1,2}\s*/\s*[\dA-Za-z]{1,2}\s*/\s*[\dA-Za-z]{2,4})(?=[\s,;.)])\)?")
_ISSUER_OPEN = regex.compile(r"\s*,?\s*(?i:cua)\s+")
_TYPE_NEXT = rf"(?i:{_TYPE_ALT})(?![\p{{L}}])"
_ISSUER_STOP_FC = regex.compile(
    r"\s(?i:ve\s+viec|v/v|quy\s+dinh|huong\s+dan|ban\s+hanh|sua\s+doi|phe\s+duyet|cong\s+bo|"
    r"thanh\s+lap|bai\s+bo|thuc\s+hien|trien\s+khai|de\s+nghi|phan\s+anh|dieu\s+chinh|"
    r"chi\s+dao|yeu\s+cau|tra\s+loi|bao\s+cao|phan\s+bo|dinh\s+chinh|doi\s+voi|"
    r"tiep\s+tuc|to\s+chuc\s+thuc|xac\s+dinh|phan\s+dinh|kinh\s+gui)(?![\p{L}])"
    rf"|\s*[;:\[“\"]|\.(?:\s|$)|\s\((?!\p{{Lu}}{{2,8}}\))|\n|\./|\s(?:va|,|hoac)\s+(?:cac\s+)?{_TYPE_NEXT}")
_ISSUER_STOP_ORIG = regex.compile(
    r"\s(?:về|tại|theo|thì|là|được|cho|có|nêu|trong|kèm|hỏi|xin|giao|ngày|nhằm|để|với|từ|đã|"
    r"gửi|do|sau|trước|khi|nay|đang|vẫn|cũng|không|tới|đến|thuộc|vé|vẻ|vê|dé|đê|tai|như|gồm|chưa|"
    r"phê\s+chuẩn|vướng\s+mắc|qui\s+định|và\s+(?:ý\s+kiến|các|những))(?![\p{L}])")
_ISSUER_OF_NEXT = regex.compile(rf"\s+(?i:tai|theo)\s+[‘'“\"]?(?:cac\s+)?{_TYPE_NEXT}")
_NEXT_CITE = regex.compile(rf"\s*(?:,|va|và)?\s*(?:cac\s+)?{_TYPE_NEXT}")
# what opens a subject; the verbs stay in it, 'về (việc)' does not
_SUBJECT_ABOUT = regex.compile(r"\s*,?\s*(?i:ve\s+viec|v\s*/\s*v|ve)\s+")
# (OCR may put a stray dot between a verb's two words: 'triển. khai')
_SUBJECT_VERB = regex.compile(
    r"\s*,?\s*(?=(?i:quy\s+dinh|huong\s+dan|ban\s+hanh|sua\s+doi|phe\s+duyet|cong\s+bo|thanh\s+lap|"
    r"bai\s+bo|dieu\s+chinh|phan\s+bo|xac\s+dinh|phan\s+dinh|quy\s+che|phe\s+chuan|"
    r"trien\s+khai|tra\s+loi)(?![\p{L}]))".replace(r"\s+", r"\.?\s+"))
# 'Nghị quyết số 63/2022/QH15 ngày 16/6/2022 Kỳ họp thứ 3, Quốc hội khóa XV về …': a
# body named without 'của' before the subject
_SKIP_TO_ABOUT = regex.compile(
    rf"\s*,?\s*\p{{Lu}}(?:(?!(?i:{_TYPE_ALT})\s+s[o06]|\s(?i:cua)\s)[^;:()\n]){{0,80}}?\s(?i:ve\s+viec|ve)\s+")
_BETWEEN = regex.compile(r"\s*,?\s*(?i:giua)\s+(?=\p{Lu})")
_ASIDE = regex.compile(r"\s*\([^()\n]{1,200}\)")
# a dot followed by a lower-case 'về' (fc keeps case) ends no sentence
_STRAY_DOT = regex.compile(r"\.(?=\s+ve\s)")
_SHORT_ASIDE = regex.compile(r"\s*\([^()\n]{1,60}\)")
# a letter being answered: 'của Công ty X (sau đây gọi tắt là …) hỏi về …'
_QUESTION = regex.compile(
    # '… báo cáo vướng mắc và đề nghị hướng dẫn về …'
    r"\s*,?\s*(?:(?:bao\s+cao|phan\s+anh)\s+vuong\s+mac\s+va\s+)?"
    r"(?:(?:de\s+nghi\s+)?(?:huong\s+dan|hoi|phan\s+anh(?:\s+vuong\s+mac)?|giai\s+dap|"
    r"de\s+nghi|xin\s+y\s+kien|vuong\s+mac)\s+)(?i:ve\s+viec|ve|viec)?\s*")
_SUBJECT_STOP_FC = regex.compile(
    # (a dot OCR put after 'số' before its number ends no sentence: 'Nghị quyết sô. 01/2019/…')
    r";|(?<!(?<![\p{L}])(?i:s[o06]))\.(?=\s+[\p{Lu}\d“\"'‘(-]|\s*$|\s*\n)|\n|:"
    r"|,\s(?i:duoc\s+sua\s+doi)|\s\((?i:da\s+duoc|duoc|sau\s+day|goi|sau\s+khi|dia\s+chi|ke\s+ca|tru)"
    r"|,?\s(?i:da\s+duoc\s+sua|theo\s+do|nhu\s+sau|neu\s+tren|"
    r"co\s+hieu\s+luc|het\s+hieu\s+luc|da\s+duoc\s+(?:huong\s+dan|quy\s+dinh)|"
    # words that return to the citing sentence: '… theo yêu cầu của …', '… vẫn còn …'
    r"theo\s+yeu\s+cau|van\s+con|phu\s+hop\s+voi|trong\s+do)(?![\p{L}])"
    # '… lực lượng vũ trang, gồm: a) …': the citing sentence opens its own list
    r"|,?\s(?=(?i:bao\s+gom|gom)\s*:)"
    # '… nhiệm kỳ 2026 - 2031 và các quy định khác có liên quan': the citing sentence's addition
    r"|\s(?=(?i:va\s+cac\s+(?:quy\s+dinh|van\s+ban)\s+(?:khac|hien\s+hanh|co\s+lien\s+quan|"
    r"lien\s+quan|huong\s+dan|phap\s+luat))(?![\p{L}]))"
    r"|,\s(?=(?i:nham|de\s+nghi|yeu\s+cau|trong\s+do|theo\s+do|dong\s+thoi|tuy\s+nhien|"
    r"sau\s+khi|can\s+cu|ngoai\s+ra|chung\s+toi)(?![\p{L}]))")
_SUBJECT_STOP_ORIG = regex.compile(
    r"\s(?:thì|nhưng|nay|hoặc)(?![\p{L}])|,\s(?=(?:để|tại|trong|trình|thì)(?![\p{L}]))")
_MAIN_VERB = regex.compile(
    r"(?i:co\s+y\s+kien|de\s+nghi|yeu\s+cau|huong\s+dan|tra\s+loi|thong\s+bao|chi\s+dao|giao|"
    r"xin|kinh\s+de\s+nghi|bao\s+cao|ban\s+hanh|trien\s+khai|to\s+chuc|quyet\s+dinh|ra\s+soat|"
    r"phoi\s+hop|dong\s+y|chu\s+tri|da|co|tiep\s+tuc|thuc\s+hien|hoi)(?![\p{L}])")


def _keep_case_char(c: str) -> str:
    f = fold(c)
    return f.upper() if c.isupper() else f


# fold_keep_case per character, as a translate table over the folded range (as vntext.fold);
# past its end fold() changes nothing and no upper-case letter has another upper case
_KEEP_CASE = "".join(_keep_case_char(chr(cp)) if len(_keep_case_char(chr(cp))) == 1 else chr(cp)
                     for cp in range(0x2000))


def fold_keep_case(text: str) -> str:
    if text.isascii():
        return text
    if "ẞ" in text:        # the one letter whose upper case is two letters ('SS')
        return "".join(_keep_case_char(c) for c in text)
    return text.translate(_KEEP_CASE)


def _first(patterns, text: str, fc: str, pos: int, limit: int) -> int:
    best = limit
    for pattern, source in patterns:
        m = pattern.search(fc if source == "fc" else text, pos, best, timeout=TIMEOUT)
        if m:
            best = m.start()
    return best


def _edge(text: str) -> str:
    return text.strip(" \t\n,;:.-–—")


def _date_of(m: regex.Match) -> Optional[str]:
    if m.group("d"):
        year = int(m.group("y"))
        return iso_date(int(m.group("d")), int(m.group("m")), year + 2000 if year < 100 else year)
    return iso_date(int(m.group("d2")), int(m.group("m2")), int(m.group("y2")))


def read_tail(text: str, fc: str, pos: int, limit: int, type_key: str = "",
              article: str = ""):
    """(date, issuer, subject, end) read after a citation's number."""
    date = issuer = subject = None
    m = _DATE_HERE.match(fc, pos, limit)
    if m:
        date, pos = _date_of(m), m.end()
    else:
        m = _DAMAGED_DATE.match(fc, pos, limit)
        if m:
            pos = m.end()
    m = _ISSUER_OPEN.match(fc, pos, limit)
    if m is None and date:
        # 'ngày 11/10/2017 (gửi ngày 18/10/2017) của Công ty …': a bracket before the issuer
        aside = _SHORT_ASIDE.match(fc, pos, limit)
        m = _ISSUER_OPEN.match(fc, aside.end(), limit) if aside else None
    if m and not _NEXT_CITE.match(fc, m.end(), limit):
        start = m.end()
        end = _issuer_end(text, fc, start, min(limit, start + 250))
        issuer = _edge(text[start:end]) or None
        pos = end
        if _ISSUER_OF_NEXT.match(fc, end, limit):
            issuer = None       # 'của Bộ Y tế tại Văn bản số …' names the next document's issuer
        if date is None:
            m = _DATE_HERE.match(fc, pos, limit)
            if m:
                date, pos = _date_of(m), m.end()
    m = _STRAY_DOT.match(fc, pos, limit)
    if m:
        pos = m.end()       # 'của Chính phủ. về nhiệm vụ …': OCR's dot inside the citation
    m = _ASIDE.match(fc, pos, limit)
    after_aside = m.end() if m else pos
    start = None
    m = _SUBJECT_ABOUT.match(fc, pos, limit) or _SUBJECT_VERB.match(fc, pos, limit)
    if m:
        start = m.end()
    elif after_aside > pos:
        m = (_SUBJECT_ABOUT.match(fc, after_aside, limit) or _SUBJECT_VERB.match(fc, after_aside, limit)
             or _QUESTION.match(fc, after_aside, limit))
        start = m.end() if m else None
    else:
        m = _QUESTION.match(fc, pos, limit) or _SKIP_TO_ABOUT.match(fc, pos, limit)
        start = m.end() if m else None
        between = _BETWEEN.match(fc, pos, limit) if start is None else None
        if between:     # 'ngày … giữa Bộ A và Bộ B quy định …': joint issuers, then the title
            after = _issuer_end(text, fc, between.end(), min(limit, between.end() + 250))
            m = _SUBJECT_ABOUT.match(fc, after, limit) or _SUBJECT_VERB.match(fc, after, limit)
            start = m.end() if m else None
    if start is not None:
        end = _subject_end(text, fc, start, min(limit, start + 500), type_key)
        subject = _edge(text[start:end]) or None
        if subject and _QUOTE_INTRO.match(fc, end, limit):
            subject = _drop_quoting_verb(subject, bool(article))
        if subject and article == "direct" and _PROVISION_VERB.match(fold(subject)):
            subject = None   # 'Điều 14 Nghị định X … quy định miễn thuế …': the article's verb
        if subject:
            subject = _ASKED_ABOUT.sub("", subject, count=1) or None
        if subject and _REPLY_NO_TOPIC.match(fold(subject)):
            subject = None   # '… ngày … trả lời Công ty là …': the citing sentence's reply
        pos = end
    return date, issuer, subject, pos


def _issuer_end(text: str, fc: str, start: int, limit: int) -> int:
    pos = start
    while pos < limit:
        stop = _first([(_ISSUER_STOP_FC, "fc"), (_ISSUER_STOP_ORIG, "orig")], text, fc, pos, limit)
        close = fc.find(")", pos, stop)
        if close >= 0:
            # '(BHXH)' inside the name stays; a ')' closing the citing sentence's bracket ends it
            if fc.count("(", start, close) <= fc.count(")", start, close):
                stop = close
        comma = fc.find(",", pos, stop)
        if comma < 0:
            return stop
        # 'của Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ': a comma followed by a capitalised
        # title continues the issuer; anything else (date, citation, lower case) ends it
        nxt = rx(r",\s*(\S)").match(text[comma:comma + 5])
        if nxt and nxt.group(1).isupper() and _NEXT_CITE.match(fc, comma, limit) is None \
                and not _main_clause_at(fc, comma, text, True):
            pos = comma + 1
            continue
        return comma
    return limit


# ', <a capitalised phrase of up to 12 words, dashes included ('Bộ Lao động — Thương binh và
# Xã hội')> <verb>': the verb may be any of the words after the first
_MAIN_CLAUSE_HEAD = regex.compile(r",\s+[\p{Lu}\d][\p{L}\d.\-–—]*(?=\s)")
_MAIN_CLAUSE_WORDS = regex.compile(r"(?:\s+[\p{L}\d.\-–—]+){1,11}")
_VERB_AFTER_SPACE = regex.compile(r"\s(?P<verb>" + _MAIN_VERB.pattern + ")")
_SHORT_VERBS = {"da": "đã", "co": "có", "giao": "giao", "xin": "xin", "hoi": "hỏi"}


_DOC_VERBS = {"huong dan", "ban hanh", "quyet dinh", "thuc hien", "to chuc", "trien khai"}


def _main_clause_at(fc: str, comma: int, text: str = "", in_issuer: bool = False) -> bool:
    """', Cục Thuế TP Hà Nội có ý kiến …': the comma hands back to the citing sentence."""
    head = _MAIN_CLAUSE_HEAD.match(fc, comma)
    if head is None:
        return False
    words = _MAIN_CLAUSE_WORDS.match(fc, head.end())
    if words is None:
        return False
    for m in _VERB_AFTER_SPACE.finditer(fc, head.end(), min(len(fc), words.end() + 20),
                                        timeout=TIMEOUT):
        if m.start() >= words.end():
            break
        verb = rx(r"\s+").sub(" ", m.group("verb").lower())
        if in_issuer and verb in _DOC_VERBS:
            return False      # 'của Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ hướng dẫn …'
        if verb in _SHORT_VERBS and text and \
                text[m.start("verb"):m.end("verb")].lower() != _SHORT_VERBS[verb]:
            continue          # folding makes 'có' of 'cổ', 'cơ', 'hỏi' of 'hội': as written only
        return True
    return False


_LIST_NEXT = regex.compile(rf",\s*{_TYPE_NEXT}\s+(?:s[o06]\s*)?\d")
# '… về đào tạo và Nghị quyết số 138/2018/NQ-HĐND …': a second document of another kind
_AND_NEXT = regex.compile(rf"\s(?:va|và)\s+{_TYPE_NEXT}\s+(?i:s[o06]\s*)?\d")
# a document named inside a subject ('hướng dẫn thi hành Luật Thuế X và Nghị định số …'):
# a capitalised type word, with or without a number
_CITES_ANY_INSIDE = regex.compile(rf"(?<![\p{{L}}])(?=\p{{Lu}})(?i:{_TYPE_ALT})(?![\p{{L}}])")
_CITES_INSIDE = regex.compile(rf"(?<![\p{{L}}])(?i:{_TYPE_ALT})\s+(?i:s[o06])(?![\p{{L}}])")


@functools.lru_cache(maxsize=64)
def _same_type_next(type_key: str) -> regex.Pattern:
    same = regex.escape(type_key).replace(r"\ ", r"\s+")
    return regex.compile(rf"\s(?:va|và|,|hoac)\s+(?i:{same})\s+(?i:s[o06]\s*)?\d")


_PROVISION_VERB = regex.compile(
    r"(?:quy\s+dinh|huong\s+dan)(?!\s+(?:chi|ve|thi\s+hanh|thuc\s+hien)\s)")
# a reply is a title only with what it answers about: 'trả lời BHXH Việt Nam về vướng mắc …'
_REPLY_NO_TOPIC = regex.compile(r"tra\s+loi(?!.*\sve\s)")
_ASKED_ABOUT = regex.compile(r"^(?:hướng\s+dẫn|đề\s+nghị|giải\s+đáp|trả\s+lời)\s+về\s+việc\s+")
# an article, clause or point: 'Điều 5', 'khoản 2', 'điểm a' (only a point is lettered, so
# 'một số điều của Thông tư …' and 'điều kiện' name none)
_ARTICLE_REF = r"(?:(?i:dieu|khoan|chuong|muc)\s+[\dIVX][\w.]*|(?i:diem)\s+[\dIVXa-z][\w.]*)"
_ARTICLE = regex.compile(r"(?<![\p{L}])" + _ARTICLE_REF)
_ARTICLE_DIRECT = regex.compile(
    _ARTICLE_REF + r"(?:\s*,?\s*(?:va\s+)?" + _ARTICLE_REF + r")*\s*(?:(?i:cua)\s+)?$")


def _article_context(fc: str, start: int) -> str:
    """'direct' when the citation names an article of the document ('Điều 14 Nghị định …'),
    'clause' when its clause cites an article earlier, else ''."""
    if _ARTICLE_DIRECT.search(fc[max(0, start - 60):start]):
        return "direct"
    clause = max(fc.rfind("\n", 0, start), fc.rfind(";", 0, start), fc.rfind(". ", 0, start))
    return "clause" if _ARTICLE.search(fc, clause + 1, start) else ""


_QUOTE_INTRO = regex.compile(r"\s*,?\s*(?:(?i:nhu\s+sau)\s*[:.]|:)")


_HEREINAFTER = regex.compile(r"(?i:sau\s+day|goi\s+(?:tat|chung|la)|viet\s+tat)(?![\p{L}])")


def _type_of(cited: str) -> str:
    """The type key of a '<type> số' match: 'Nghị quyết số' -> 'nghi quyet'."""
    return rx(r"\s+").sub(" ", rx(r"\s+s[o06]$").sub("", cited.lower()))


def _subject_end(text: str, fc: str, start: int, limit: int, type_key: str = "") -> int:
    pos = start
    while True:
        end = _first([(_SUBJECT_STOP_FC, "fc"), (_SUBJECT_STOP_ORIG, "orig")], text, fc, pos, limit)
        # '… Thông tư số B của Bộ Tài chính (đã được sửa đổi …)': a bracket after a document the
        # subject itself cites qualifies that document and stays in the subject
        # ('(sau đây gọi tắt là …)' names a document for the citing text: it ends the subject)
        if fc[end:end + 2] == " (" and _CITES_INSIDE.search(fc, start, end) and \
                not _HEREINAFTER.match(fc, end + 2):
            close = fc.find(")", end, limit)
            if close > 0:
                pos = close + 1
                continue
        break
    nested = _CITES_INSIDE.search(fc, start, end)
    if type_key:
        # 'Quyết định A … và Quyết định số B …': a second document of the same kind
        m = _same_type_next(type_key).search(fc, start, end)
        # a document the subject cites may head a list the next one continues, but only a list
        # of its own kind ('… triển khai Nghị quyết số A … và Quyết định số B …' starts B)
        inside = nested if nested and nested.start() < (m.start() if m else 0) else None
        if m and not (inside and _type_of(inside.group(0)) == type_key):
            end = m.start()
    for m in rx(r",").finditer(fc[start:end]):
        if _main_clause_at(fc, start + m.start(), text):
            end = start + m.start()
            break
    # a list of citations: 'Thông tư A ngày …, Thông tư số B …' ends the first at the comma,
    # unless the list belongs to a document the subject itself cites
    m = _LIST_NEXT.search(fc, start, end)
    if m and not (nested and nested.start() < m.start()):
        end = m.start()
    m = _AND_NEXT.search(fc, start, end)
    if m:
        inside = _CITES_ANY_INSIDE.search(fc, start, m.start())
        if inside is None:
            end = m.start()
    return end


def _drop_quoting_verb(subject: str, article: bool) -> Optional[str]:
    """'Điều 8 Thông tư X quy định thời điểm xác định thuế:' - the verb before the colon is the
    citing sentence's ('X stipulates:'), not part of the cited document's title. Where the
    clause cites an article, the last such verb goes with what follows; otherwise only a verb
    right before the colon does."""
    f = fold(subject)
    m = None
    for m in rx(r"(?:^|\s)(?:quy\s+dinh|huong\s+dan)(?![\p{L}])").finditer(f):
        pass
    if m is None:
        return subject
    if not article and len(f[m.end():].split()) > 2:
        return subject
    return _edge(subject[:m.start()]) or None


def find_citations(text: str) -> list[Citation]:
    """Every numbered citation (and every law cited by name with a date) in text."""
    fc = fold_keep_case(text)
    out: list[Citation] = []
    taken: list[tuple[int, int]] = []
    hits = [m for m in _CITE_SO.finditer(fc, overlapped=True, timeout=TIMEOUT)]
    hits += [m for m in _CITE_BARE.finditer(fc, overlapped=True, timeout=TIMEOUT)]
    hits.sort(key=lambda h: (h.start(), -h.end()))
    for m in hits:
        if any(a <= m.start() < b for a, b in taken):
            continue
        type_key = rx(r"[\s“”\"'‘’]+").sub(" ", m.group("type").lower())
        name = m.groupdict().get("name")
        if name and not (type_key in LAW_TYPES and _is_law_name(text, m)):
            if type_key in LAW_TYPES | {"huong dan", "quy dinh"} or \
                    not _QUALIFIER.fullmatch(m.group("name")):
                continue        # only a law carries its name before 'số'
            name = None         # 'Thông báo kết luận số', 'Báo cáo thẩm tra số': the type stands
        number, num_end = _read_number(text, m.end(), type_key)
        if number is None:
            continue
        if m.re is _CITE_BARE and not rx(r"/.*\p{L}|\p{L}.*[/-]").search(number):
            continue
        cite_start = m.start()
        while number is not None:
            limit = min(len(text), num_end + 900)
            date, issuer, subject, end = read_tail(text, fc, num_end, limit, type_key,
                                                   _article_context(fc, cite_start))
            if name:
                subject = _edge(text[m.start("name"):m.end("name")]) or subject
                name = None
            if issuer is None:
                issuer = _issuer_before(text, fc, cite_start)
            if date is None:
                date = _date_before(fc, cite_start, text)
            out.append(Citation(canon_type(type_key), number, date, issuer, subject, cite_start,
                                num_end, end))
            taken.append((cite_start, num_end))
            # '… 41/2018/QĐ-TTg ngày 25/9/2018 và 15/QĐ-TTg ngày 30/3/2021 …'
            cont = _CONTINUED.match(fc, end) if subject is None else None
            number = None
            if cont:
                number, num_end = _read_number(text, cont.end(), type_key)
                if number is not None and not rx(r"/.*\p{L}").search(number):
                    number = None
                cite_start = cont.end()
    out.extend(_typeless(text, fc, taken))
    out.sort(key=lambda c: c.start)
    _share_list_tails(out, fc)
    out.extend(_named_laws(text, fc, taken))
    out.sort(key=lambda c: c.start)
    return out


# 'hướng dẫn về thuế số 12/2015/NĐ-CP ngày …': OCR lost the type word, the symbol still names it
_TYPELESS = regex.compile(
    r"(?<![\p{L}])s[o06]\s+(?=\d{1,4}/(?:19|20)\d{2}/(?P<code>NĐ|ND|TT|QĐ|QD|NQ)-\p{Lu})")
_CODE_TYPES = {"NĐ": "nghi dinh", "ND": "nghi dinh", "TT": "thong tu", "QĐ": "quyet dinh",
               "QD": "quyet dinh", "NQ": "nghi quyet"}


def _typeless(text: str, fc: str, taken: list[tuple[int, int]]) -> list[Citation]:
    out = []
    for m in _TYPELESS.finditer(fc, timeout=TIMEOUT):
        if any(a <= m.start() < b for a, b in taken):
            continue
        type_key = _CODE_TYPES[m.group("code")]
        number, num_end = _read_number(text, m.end(), type_key)
        if number is None:
            continue
        date, issuer, subject, end = read_tail(text, fc, num_end, min(len(text), num_end + 900),
                                               type_key)
        out.append(Citation(canon_type(type_key), number, date, issuer, subject, m.start(),
                            num_end, end))
        taken.append((m.start(), num_end))
    return out


_CONTINUED = regex.compile(r"\s*(?:,|va|và)\s*(?i:s[o06]\s*)?(?=\d{1,5}[A-Za-z]?/)")
_SYMBOL_COMMAS = regex.compile(r"(?:,[\p{Lu}\d]{1,8}){1,4}(?=\s+(?i:ngày|ngay)\s*\d)")
_SLASHLESS = regex.compile(r"(\d{1,6})(QĐ|NĐ|NQ|TT|CT|KH|TB|HD|KL|TTr|BC|CV)(?=[-/])")


def _read_number(text: str, pos: int, type_key: str) -> tuple[Optional[str], int]:
    nm = _NUMBER.match(text, pos)
    if nm and rx(r"[/-]").search(nm.group(0)):
        more = _SYMBOL_COMMAS.match(text, nm.end())
        if more:              # '287/CT-HCQT,TV,AC ngày …': units listed in the symbol
            return clean_number(nm.group(0) + more.group(0), type_key), more.end()
        return clean_number(nm.group(0), type_key), nm.end()
    sm = _SLASHLESS.match(text, pos)          # '1404QĐ-TCT': the slash lost in OCR
    if sm:
        nm = _NUMBER.match(text[:sm.end(1)] + "/" + text[sm.end(1):], pos)
        if nm:
            return clean_number(nm.group(0), type_key), nm.end() - 1
    return None, pos


_TAI_BEFORE = regex.compile(r"\s+(?:tại|tai)\s*[‘'“\"]?\s*$")
_ORG_START = regex.compile(r"(?:^|[,;(\n]|(?<![\p{L}])(?:của|cua))\s*(?=\p{Lu})")


def _issuer_before(text: str, fc: str, start: int) -> Optional[str]:
    """'Bộ Y tế tại Văn bản số …', 'của Giám đốc Sở Tài chính tại Tờ trình số …'."""
    window = text[max(0, start - 120):start]
    tm = _TAI_BEFORE.search(window)
    if not tm:
        return None
    head = window[:tm.start()]
    starts = [m.end() for m in _ORG_START.finditer(head)]
    for at in reversed(starts):               # the nearest start gives the shortest name
        org = head[at:]
        if not org or len(org) > 90:
            break
        if len(org.split()) < 2:
            continue
        forg = fold_keep_case(org)
        if _ISSUER_STOP_ORIG.search(" " + org) or _ISSUER_STOP_FC.search(" " + forg) or \
                _CITES_INSIDE.search(forg):
            continue
        return _edge(org) or None
    return None


_DATE_BEFORE = regex.compile(
    r"(?:^|[\n.;]\s*)(?i:ngay)\s*(?:(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})\s*/\s*(?P<y>(?:19|20)\d{2})"
    r"|(?P<d2>\d{1,2})\s*(?i:thang)\s*(?P<m2>\d{1,2})\s*(?i:nam)\s*(?P<y2>(?:19|20)\d{2}))"
    r"[^\n.;]{0,100}$")


def _date_before(fc: str, start: int, text: str = "") -> Optional[str]:
    """'Ngày 23/9/2015 Tổng cục Thuế đã có công văn số 3929/TCT-TNCN …'."""
    begin = max(0, start - 160)
    m = _DATE_BEFORE.search(fc[begin:start])
    if m and _RECEIVED_BETWEEN.search(text, begin + m.start(), start):
        return None       # 'Ngày 2/6/2020, Cục Thuế nhận công văn số …': the day it came in
    return _date_of(m) if m else None


_RECEIVED_BETWEEN = regex.compile(r"(?<![\p{L}])(?i:nhận)(?![\p{L}])")


def _share_list_tails(cites: list[Citation], fc: str) -> None:
    """'Thông tư A ngày …, Thông tư B ngày … của Bộ Tài chính': the issuer (and, when the
    first says nothing itself, the subject) written once after a list belongs to each."""
    for i in range(len(cites) - 2, -1, -1):
        a, b = cites[i], cites[i + 1]
        gap = fc[a.tail_end:b.start]
        if not rx(r"\s*(?:,|va|và|;)?\s*(?:cac\s+)?", regex.I).fullmatch(gap):
            continue
        if a.tail_end < a.end or fc[a.end:b.start].count("(") != fc[a.end:b.start].count(")"):
            continue
        if a.issuer is None and a.subject is None:
            a.issuer = b.issuer
            if b.doc_type == a.doc_type and not rx(r"\s*;").match(gap) and \
                    not (b.subject and a.number and a.number.split("/")[0] in b.subject):
                a.subject = b.subject
        elif a.subject is None and b.subject and b.issuer and b.doc_type == a.doc_type and \
                _AND_GAP.fullmatch(gap) and not _SUBJECT_VERB.match(fold(b.subject)):
            # 'công văn A của X và công văn B của Y về Z': both letters are about Z (a title
            # led by a verb, 'quy định về …', names the last document only)
            a.subject = b.subject


_AND_GAP = regex.compile(r"\s*(?:va|và)\s*(?:cac\s+)?")


# one or two lower-case words that qualify the type, no preposition among them
_QUALIFIER = regex.compile(r"(?:\s+(?!(?:về|của|tại|theo|với|cho|và|đã|được|này|đó)\b)\p{Ll}+){1,2}")


def _is_law_name(text: str, m: regex.Match) -> bool:
    name = text[m.start("name"):m.end("name")].strip()
    if not name or len(name) > 160 or not text[m.start("type")].isupper():
        return False
    f = fold(name)
    if _NOT_IN_LAW_NAME.search(fold_keep_case(name)) or rx(r"[,;]\s*(?:bo\s+)?luat\s").search(f):
        return False          # another document, a date, or a list: the name starts later
    if rx(r"(?<![\p{L}])(?:dieu|khoan)(?![\p{L}])").search(f) and not f.startswith("sua doi"):
        return False          # 'Luật X, Điều 2 Nghị định …' (an amending law may name an article)
    return not rx(r"\d{1,2}/\d{1,2}/\d{4}").search(name)


# another document's type (capitalised, or right before 'số': 'Luật Ban hành văn bản quy phạm
# pháp luật' is one name, 'Luật X và Nghị định số', '… tại công văn số' are two documents),
# a date or a new clause
_OTHER_TYPES = "|".join(regex.escape(k).replace(r"\ ", r"\s+") for k in _CANON if k not in LAW_TYPES)
_NOT_IN_LAW_NAME = regex.compile(
    rf"(?<![\p{{L}}])(?:(?=\p{{Lu}})(?i:{_OTHER_TYPES})|(?i:{_OTHER_TYPES})\s*$|(?i:ngay|can\s+cu))"
    r"(?![\p{L}])")


_NAMED_LAW = regex.compile(
    r"(?<![\p{L}])(?P<type>(?i:bo\s+luat|luat|phap\s+lenh))\s(?P<name>[^\n;:.()]{2,160}?)"
    r"(?:\s*,)?\s+(?:(?i:ngay)\s*(?P<d>\d{1,2})\s*(?i:thang|/)\s*(?P<m>\d{1,2})\s*(?i:nam|/)\s*"
    r"(?P<y>(?:19|20)\d{2})|(?i:nam)\s+(?P<y2>(?:19|20)\d{2}))")


def _named_laws(text: str, fc: str, taken: list[tuple[int, int]]) -> list[Citation]:
    """`Luật Quản lý thuế ngày 13 tháng 6 năm 2019`: a law without a number."""
    out = []
    for m in _NAMED_LAW.finditer(fc, timeout=TIMEOUT):
        if any(a <= m.start() < b for a, b in taken) or not text[m.start()].isupper():
            continue
        name = _edge(text[m.start("name"):m.end("name")])
        if not name or rx(r"(?i)\bs[o06]\s*\d").search(fold(name)):
            continue
        if rx(r"(?i)(?<![\p{L}])thang\s+\d{1,2}$").search(fold(name)) and \
                not rx(r"(?i)\bngay\s+[\d\s]{1,6}thang\s+\d{1,2}$").search(fold(name)):
            # '… trình Chính phủ trong tháng 10 năm 2022': a deadline, not a law's year; but
            # '… ngày 1 9 tháng 6 năm 2015' (the day split by OCR) is the law's own date
            continue
        date = iso_date(int(m.group("d")), int(m.group("m")), int(m.group("y"))) if m.group("d") else None
        type_word, start = m.group("type"), m.start()
        # 'Luật sửa đổi, bổ sung một số điều của Luật A, Luật B, …, Luật K ngày …': a name too
        # long for the pattern, first matched from its last laws; it starts at 'Luật sửa đổi'
        head = _AMENDING_LAW_HEAD.search(fc, max(0, start - 320), start, timeout=TIMEOUT)
        if head and text[head.start()].isupper() and \
                not _DATED_BETWEEN.search(fc, head.start(), start) and \
                not any(a <= head.start() < b for a, b in taken):
            type_word, start = head.group("type"), head.start()
            name = _edge(text[head.end("type"):m.end("name")])
        if rx(r"\d/(?:19|20)\d\d").search(name):
            continue          # a law's name holds no document number: another citation's words
        type_key = rx(r"\s+").sub(" ", type_word.lower())
        # 'Luật A và Luật sửa đổi … Luật A ngày …': two laws; the date is the second's
        split = None if fold(name).startswith("sua doi") else _AND_LAW.search(name)
        if split:
            out.append(Citation(canon_type(type_key), None, None, None,
                                _edge(name[:split.start()]), start, start, start))
            name = _edge(name[split.end():])
            type_key = rx(r"\s+").sub(" ", fold(split.group("type")).lower())
        out.append(Citation(canon_type(type_key), None, date, None, name, start, m.end(), m.end()))
    return out


_AMENDING_LAW_HEAD = regex.compile(
    r"(?<![\p{L}])(?P<type>(?:Bo\s+)?Luat)\s+(?=sua\s+doi)[^\n;:.()]{0,300}$")
# a date or a number between them: the amending law ended before this one
_DATED_BETWEEN = regex.compile(r"(?i:ngay|nam|s[o06])\s*\d")
_AND_LAW = regex.compile(r"\s(?:và|va)\s+(?P<type>(?:Bộ\s+)?Luật)\s+(?=\p{Ll})")


# In the clause that names the letter being answered, any '<noun phrase> số <token>' is a
# cited document, even with a number that has no '/': 'công văn số 27072022', 'đơn phản ánh
# kiến nghị số PAKN.17616', 'Đơn đề nghị xác định mã số số 01/CV'. The head noun is its type.
_LOOSE_CITE = regex.compile(
    rf"(?<![\p{{L}}])(?P<type>(?i:{_TYPE_ALT}|don|phieu|ho\s+so))(?![\p{{L}}])"
    r"(?:\s+\p{Ll}+){0,8}?\s+(?i:s[o06])\s*[:.]?\s*"
    r"(?P<num>(?=[\p{L}\d./-]*\d)[\p{L}\d][\p{L}\d./-]{0,30}[\p{L}\d])(?![\p{L}\d])")
_LOOSE_TYPES = {"don": "Đơn", "phieu": "Phiếu", "ho so": "Hồ sơ"}


def find_answered_letters(text: str, start: int, end: int,
                          taken: list[tuple[int, int]]) -> list[Citation]:
    """Citations in text[start:end] (an opening clause) that `find_citations` cannot see."""
    fc = fold_keep_case(text)
    out = []
    for m in _LOOSE_CITE.finditer(fc, start, end, timeout=TIMEOUT):
        if any(a <= m.start("num") < b for a, b in taken):
            continue
        key = rx(r"[\s“”\"'‘’]+").sub(" ", m.group("type").lower())
        if key in ("quy dinh", "huong dan") and text[m.start()].islower():
            continue          # 'quy định tại mẫu số 04': a verb, not a document
        doc_type = _LOOSE_TYPES.get(key) or canon_type(key)
        number = text[m.start("num"):m.end("num")]
        date, issuer, subject, tail = read_tail(text, fc, m.end(), min(len(text), m.end() + 900),
                                                key)
        out.append(Citation(doc_type, number, date, issuer, subject, m.start(), m.end(), tail))
    return out
