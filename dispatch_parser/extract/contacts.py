"""Contact points: people, units, phones and e-mails given in the text.

The text is cut into blocks (a list item, or a sentence run), each block into owner
segments (a new segment starts at '; Unit …' or at '… hoặc đồng chí X'), and every phone or
e-mail found in a segment goes to the person or unit named at the segment's start.

Phones are found by shape, then kept only when `phonenumbers` accepts them as Vietnamese
numbers and the words before them say phone (or the number is a valid mobile with no other
label): tax codes, document numbers, dates and sums are never phones.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

import functools

import phonenumbers
import regex

from ..models import Contact
from ..normalize import CleanLine
from ..segment import ITEM, Segments
from ..vntext import fold, name_case, person_case, rx
from .common import provenance
from .paragraphs import hyphen_wrapped, wrap_width

TIMEOUT = 0.5

EMAIL = regex.compile(r"(?<![\w.+\-])[A-Za-z0-9][\w.+\-]{0,63}@[A-Za-z0-9\-]{1,63}(?:\.[A-Za-z0-9\-]{1,63}){1,4}")
# digit groups as phones are written: 024.3640.4421, (0229) 3889.237, 0277 3856113, +84 912 345 678
PHONE_SHAPE = regex.compile(
    r"(?<![\w/.,\-])(?:\(\+?84\)\s?|\+84[\s.]?)?(?:\(0\d{1,3}\)[\s.]?)?\d{2,11}(?:[ .\-]\d{2,8}){0,4}(?![\w/]|[.,\-]\d)")
# words (folded) that say the next number is a phone
PHONE_CUE = regex.compile(
    r"(?:dien\s*thoai|(?<![\w&])s?\.?d\.?t(?:dd)?\b|di\s*dong|hotline|duong\s*day\s*nong|(?<!\w)tel\b|"
    r"so\s*may|mobile|phone|lien\s*he|(?<!\w)goi\s*(?:so|dien|den)\b)")
# labels (folded) right before a number that is not a phone: tax codes, accounts, ids, faxes
NOT_PHONE = regex.compile(
    r"(?:\bmst|ma\s*so(?:\s*thue|\s*doanh\s*nghiep)?|tai\s*khoan|\bstk|\bcmnd|\bcccd|can\s*cuoc|"
    r"ho\s*chieu|so\s*hieu|ky\s*hieu|hoa\s*don|hop\s*dong|giay\s*phep|dkkd|\bfax|\bso|\bngay|\bnam|\bdieu|"
    r"\bkhoan|\bmau|\bma)"
    r"\s*(?:so)?\s*[:.]?\s*$")
LABEL_WINDOW = 100
MAX_BLOCK = 2000      # characters; paragraphs are shorter, run-on OCR text is cut at a line
# what begins a new clause: a phone's label must stand in the same clause
_CLAUSE_END = regex.compile(r"[;.!?]\s+(?=\S)|\.\s*$")

_PERSON_MARK = r"(?:(?<!\w)(?:[Ôô]ng|[Bb]à|[Đđ]ồng\s+chí|[Đđ]/[Cc]|[Đđ]\.\s?[Cc])\.?\s+)"
_NAME_WORD = r"\p{Lu}[\p{Ll}\p{Lu}]{0,8}"
_NAME = rf"(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,4}})"
PERSON = regex.compile(_PERSON_MARK + _NAME)
# family names: a capitalised run opening with one of these is a person's name
SURNAMES = (
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đào Đoàn Vương "
    "Trịnh Trương Lâm Phùng Mai Tô Tạ Cao Lương Đinh Quách Lưu Kiều Chu Nông Lại Tăng Triệu "
    "Khúc Mạc Doãn Hứa Tôn Thân Châu Đàm Lục Nghiêm Khổng Bạch Lò Lã Hà Thái Giang Quan Ninh"
).split()
# without Ông/Bà/đồng chí before it a name needs three words: two-word runs are mostly places
# (Hà Nội, Thái Bình, Ninh Bình); 'Hồ Chí Minh' is the city
SURNAME_NAME = regex.compile(
    rf"(?<![\w])(?!Hồ\s+Chí\s+Minh)(?P<name>(?:{'|'.join(SURNAMES)})(?:\s+\p{{Lu}}\p{{Ll}}{{0,7}}){{2,4}})(?!\w)")
# a position written before a name: 'chuyên viên Nguyễn Văn A', 'Phó Chánh Văn phòng Lê Thị B'
_POSITION = regex.compile(
    r"^(?i:(?:phó\s+)?(?:trưởng|chánh|giám\s+đốc|chủ\s+tịch|chuyên\s+viên|cán\s+bộ|kế\s+toán|thanh\s+tra\s+viên|"
    r"kiểm\s+soát\s+viên|công\s+chức|viên\s+chức|đội\s+trưởng|tổ\s+trưởng|thư\s+ký|văn\s+thư|bí\s+thư|"
    r"cục\s+trưởng|chi\s+cục\s+trưởng|vụ\s+trưởng|hiệu\s+trưởng|nhân\s+viên|phó))(?!\w)")
# words before a capitalised run that make it a place or a street, not a person
_PLACE_BEFORE = regex.compile(r"(?:đường|phố|số|quận|phường|xã|huyện|tỉnh|thành\s+phố|TP\.?|thị\s+xã|"
                              r"trường|công\s+ty|tập\s+đoàn)\s*$", regex.I)

# the words that lead into the named contact ('liên hệ với X', 'của X')
_LEAD_IN = regex.compile(
    r"(?:(?<!\w)(?:liên\s+(?:hệ|lạc)(?:\s+trực\s+tiếp)?(?:\s+với)?|của|với|về|qua|gồm|tới|đến|như\s+sau)"
    r"(?!\w)\s*:?|:)\s*", regex.I)
# unit words: a phrase opening with one is an organization
_UNIT = regex.compile(
    r"^(?:phòng|bộ\s+phận|văn\s+phòng|van\s+phòng|cục|chi\s+cục|tổng\s+cục|trung\s+tâm|sở|ban|đội|tổ|vụ|"
    r"viện|ủy\s+ban|ubnd|bộ|công\s+ty|ngân\s+hàng|bệnh\s+viện|trường|hội|đoàn|thuế|kho\s+bạc|"
    r"bảo\s+hiểm|đài|báo|tập\s+đoàn|liên\s+đoàn|chi\s+nhánh|hạt|trạm|ban\s+quản\s+lý)(?!\w)", regex.I)
# a contact label inside an owner's parenthesis: the parenthesis is an address card, not a unit
_ADDRESS_LABEL = regex.compile(r"^\s*(?:địa\s+chỉ|đ/c|d/c|đc|email|e-mail|sđt|đt|điện\s+thoại|mst|mã\s+số)", regex.I)
_CONTACT_LABEL = (r"(?i:e-?mail|thư\s+điện\s+tử|s?đt|s?dt|điện\s+thoại|fax|địa\s+chỉ|di\s+động|hotline|"
                  r"tel|website|đường\s+dây\s+nóng)")
_ABBREVIATION = r"(?<!\b(?:TP|Tp|tp|P|Q|TX|TT|TS|ThS|PGS|GS|Th|ĐT|St|Co|Ltd|v\.v|\p{Lu}))"
# owner segments: '…; Unit …' (not '; điện thoại …'), '… hoặc đồng chí X', '…, đồng chí X', a new sentence
_OWNER_SPLIT = regex.compile(
    rf";\s*(?=[-+•]?\s*\p{{Lu}})(?!\s*{_CONTACT_LABEL}\b)|\s+(?i:hoặc)\s+(?=(?i:với\s+)?{_PERSON_MARK}\p{{Lu}})|"
    rf",\s+(?={_PERSON_MARK}\p{{Lu}})|{_ABBREVIATION}\.\s+(?=\p{{Lu}})")
# 'liên hệ với Phòng X để …': a unit named to contact, with no number given
_CONTACT_UNIT = regex.compile(
    r"liên\s+hệ(?:\s+trực\s+tiếp)?\s+(?:với\s+)?(?P<unit>[^.;:]{3,160}?)"
    r"(?=\s+(?:để|dé|đề|de|(?:thông\s+)?qua)\s|\s*[.;:]|\s*$)", regex.I)


@dataclass
class _Block:
    zone: str = "body"
    text: str = ""
    spans: list[tuple[int, int, CleanLine]] = field(default_factory=list)   # (start, end, line)

    def add(self, line: CleanLine) -> None:
        if self.text:
            self.text += " "
        start = len(self.text)
        self.text += line.text
        self.spans.append((start, len(self.text), line))

    def lines(self, start: int, end: int) -> list[CleanLine]:
        return [l for s, e, l in self.spans if s < end and e > start] or [self.spans[0][2]]


@dataclass
class _Found:
    start: int
    end: int
    value: str
    kind: str          # "phone" or "email"


_ENDS_SENTENCE = regex.compile(r"[.:;!?…]\s*[”\")]?\s*$")
# 'điện thoại:' / '0913.292.535': a label's value wrapped onto the next line, same sentence
_NUMBER_START = regex.compile(r"[(+]?\d")
_SKIP_ZONES = ("header", "subject", "title", "recipients", "distribution")


def _blocks(seg: Segments) -> list[_Block]:
    """The text outside the header, cut at list items and sentence ends: wrapped lines joined."""
    blocks: list[_Block] = []
    prev = ""
    prev_zone = None
    width = wrap_width(seg.body)
    prev_blank = False
    for line in seg.lines:
        text = line.text
        if not text:
            prev_blank = True
            continue
        zone = seg.zone_of(line)
        if zone in _SKIP_ZONES:
            prev_zone = zone
            continue
        item = ITEM.match(text) is not None and not hyphen_wrapped(prev, text, prev_blank, width)
        prev_blank = False
        new = (not blocks or zone != prev_zone or line.footnote is not None or item
               or len(blocks[-1].text) > MAX_BLOCK      # a run-on table or OCR page: cut at a line
               or (_ENDS_SENTENCE.search(prev) is not None and not text[:1].islower()
                   and not (prev.rstrip().endswith(":") and _NUMBER_START.match(text))))
        if new:
            blocks.append(_Block(zone="footnotes" if line.footnote is not None else zone or "signature"))
        blocks[-1].add(line)
        prev, prev_zone = text, zone
    return blocks


@functools.lru_cache(maxsize=4096)     # _valid_parts and _phones ask about the same strings
def _phone_ok(number: str) -> tuple[bool, bool]:
    """(valid, mobile) for a written number, by the Vietnamese numbering plan."""
    # written Vietnamese numbers open with the trunk 0, the country code, or 1800/1900
    if not rx(r"\(?(?:0|\+?84|1[89]00)").match(number):
        return False, False
    try:
        parsed = phonenumbers.parse(number, "VN")
    except phonenumbers.NumberParseException:
        return False, False
    if not phonenumbers.is_valid_number(parsed):
        return False, False
    kind = phonenumbers.number_type(parsed)
    return True, kind in (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.TOLL_FREE,
                          phonenumbers.PhoneNumberType.SHARED_COST)


def _label_before(folded: str, start: int, last_phone_end: int) -> Optional[str]:
    """'cue', 'other' or None: the nearest label in the clause before a number."""
    window_start = max(0, start - LABEL_WINDOW)
    window = folded[window_start:start]
    ends = list(_CLAUSE_END.finditer(window))
    if ends:
        window = window[ends[-1].end():]
    # a number right after another phone ('024.3640.4421, 0869.100.317') shares its label
    if last_phone_end >= 0 and start - last_phone_end <= 12 and rx(r"[\s,/\-–]*(?:hoac|va)?[\s,/\-–]*").fullmatch(folded[last_phone_end:start]):
        return "cue"
    best = None
    if NOT_PHONE.search(window[-40:]) and not PHONE_CUE.search(window[-40:]):
        return "other"
    for m in PHONE_CUE.finditer(window):
        best = m
    return "cue" if best else None


def _phones(text: str) -> list[_Found]:
    folded = fold(text)
    found: list[_Found] = []
    last_end = -1
    try:
        shapes = list(PHONE_SHAPE.finditer(text, timeout=TIMEOUT))
    except TimeoutError:
        return []
    for m in shapes:
        for start, end in _valid_parts(text, m.start(), m.end()):
            raw = text[start:end]
            valid, mobile = _phone_ok(raw)
            digits = rx(r"\D").sub("", raw)
            label = _label_before(folded, start, last_end)
            if label == "other":
                continue
            immediate = rx(r"(?:dien\s*thoai|s?d\.?t(?:dd)?|di\s*dong|hotline|duong\s*day\s*nong|tel)"
                                     r"\s*[:.]?\s*$").search(folded[max(0, start - 25):start])
            old_style = immediate and rx(r"0\d{8,10}").fullmatch(digits)   # numbers before the 2017 plan
            if (valid and (label == "cue" or mobile)) or old_style:
                found.append(_Found(start, end, raw, "phone"))
                last_end = end
    return found


def _valid_parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A digit run may hold two numbers ('0243 640 4421 0912 345 678'): the longest valid
    prefixes, group by group."""
    raw = text[start:end]
    if _phone_ok(raw)[0] or not rx(r"[ .\-]").search(raw):
        return [(start, end)]
    groups = [(m.start() + start, m.end() + start) for m in rx(r"\(?\+?\d+\)?").finditer(raw)]
    out = []
    i = 0
    while i < len(groups):
        for j in range(len(groups), i, -1):
            if _phone_ok(text[groups[i][0]:groups[j - 1][1]])[0]:
                out.append((groups[i][0], groups[j - 1][1]))
                i = j
                break
        else:
            i += 1
    return out or [(start, end)]


def _emails(text: str) -> list[_Found]:
    return [_Found(m.start(), m.end(), m.group(0).rstrip(".-").lower(), "email")
            for m in EMAIL.finditer(text)]


def _segments(text: str) -> list[tuple[int, int]]:
    """Owner segments of a block, as spans; splits inside parentheses are ignored."""
    cuts = [0]
    for m in _OWNER_SPLIT.finditer(text):
        before = text[:m.start()]
        if before.count("(") > before.count(")"):
            continue
        cuts.append(m.end())
    cuts.append(len(text))
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]


def _clean(text: str) -> str:
    text = rx(r"\s+").sub(" ", text).strip(" \t;,.:-–—•*_+")
    text = rx(r"\s*\(\s*$").sub("", text).strip(" \t;,.:-–—")
    if text.count("(") > text.count(")"):
        text += ")"
    return text


def _owner_phrase(seg_text: str, first: int) -> str:
    """The words naming the owner of the first number/e-mail at `first` in a segment."""
    head = seg_text[:first]
    paren_inside = ""
    # an address card '(Địa chỉ: …; Email: …; SĐT: …)' describes the name before it; OCR often
    # breaks its brackets, so it is cut whether it was closed or not
    card = None
    for m in rx(r"\((?=\s*(?i:địa\s+chỉ|đ/c|d/c|đc|email|e-mail|sđt|đt|điện\s+thoại|mst|mã\s+số))").finditer(head):
        card = m
    if card is not None:
        head = head[:card.start()]
    open_at = head.rfind("(")
    if open_at >= 0 and head.count("(") > head.count(")"):
        paren_inside, head = head[open_at + 1:], head[:open_at]
        if rx(r"\s*(?i:qua|theo|tại|số|bằng)\b").match(paren_inside):   # '(qua địa chỉ thư điện tử …)'
            paren_inside = ""
    # '…, địa chỉ: số 1 đường Trần Phú, điện thoại: …': the address belongs to the name before it
    head = rx(r"[,;\-–]?\s*(?i:địa\s*chỉ|đ/c|d/c|trụ\s*sở)\s*:.*$").sub("", head)
    fhead = fold(head)
    cue = next((m for m in PHONE_CUE.finditer(fhead) if not m.group(0).startswith("lien")), None)
    # drop the label words that introduce the number ('…, số điện thoại trực đường dây nóng …')
    if cue is not None and not paren_inside:
        cut = cue.start()
        so = rx(r"(?:,\s*)?(?:so\s+)?$").search(fhead[:cut])
        head = head[:so.start() if so else cut]
    # the owner follows the last lead-in ('liên hệ với', 'của', ':')
    lead = None
    for m in _LEAD_IN.finditer(head):
        if head[m.end():].strip():
            lead = m
    if lead is not None:
        head = head[lead.end():]
    head = rx(r"^\s*(?:[-+•*]|\d{1,2}[.)]|[a-zđ]\))\s*").sub("", head)
    if paren_inside:
        inner = _cut_label(paren_inside)
        if not _clean(head):
            # '(Chi tiết liên hệ: Ông A - Phó Trưởng phòng, SĐT: …)': the owner is inside
            lead = None
            for m in _LEAD_IN.finditer(inner):
                if inner[m.end():].strip():
                    lead = m
            head = inner[lead.end():] if lead is not None else inner
        elif inner:
            head = f"{_clean(head)} ({inner})"
    return _clean(head)


def _cut_label(text: str) -> str:
    """The words before the first phone/e-mail label: '… - ĐT', 'đồng chí A, số điện thoại'."""
    f = fold(text)
    m = rx(r"[\s\-–,;(]*(?:so\s+)?(?:dien\s*thoai|(?<!\w)s?d\.?t(?:dd)?\b|di\s*dong|hotline|(?<!\w)tel\b|"
                     r"e-?mail|thu\s*dien\s*tu|duong\s*day\s*nong)").search(f)
    return _clean(text[:m.start()] if m else text)


def _person(phrase: str):
    """(name, title, unit before the name) when the phrase names a person."""
    m = PERSON.search(phrase)
    if m is None:
        for cand in SURNAME_NAME.finditer(phrase):
            if not _PLACE_BEFORE.search(phrase[:cand.start()]):
                m = cand
                break
    if m is None:
        return None
    name = person_case(m.group("name"))
    rest = phrase[m.end():]
    if rest.count(")") > rest.count("("):       # the name stood inside the unit's parenthesis
        rest = rx(r"\)\s*$").sub("", rest)
    rest = _clean(rest)
    title = rest if rest and len(rest) <= 200 and not _ADDRESS_LABEL.match(rest) else None
    before = _clean(phrase[:m.start()])
    unit = before if before and _UNIT.match(before) else None
    if title is None and before and not unit and _POSITION.match(before) and len(before) <= 120:
        title = before
    return name, title, unit


def extract_contacts(seg: Segments) -> list[Contact]:
    contacts: list[Contact] = []
    heading_unit: Optional[str] = None
    for block in _blocks(seg):
        text = block.text[:4 * MAX_BLOCK]     # one huge line stays bounded too
        found = sorted(_phones(text) + _emails(text), key=lambda f: f.start)
        if not found:
            unit = _heading_unit(text)
            if unit is not None:
                heading_unit = unit
            _add_unit_only(contacts, block, text)
            continue
        prev_unit: Optional[str] = None
        for a, b in _segments(text):
            items = [f for f in found if a <= f.start < b]
            seg_text = text[a:b]
            phrase = _owner_phrase(seg_text, items[0].start - a) if items else _clean(seg_text)
            person = _person(phrase) if phrase else None
            if not items:
                if phrase and _UNIT.match(phrase) and len(phrase) <= 150:
                    prev_unit = phrase
                continue
            if person:
                name, title, unit = person
                org = unit or prev_unit or heading_unit
            else:
                name, title = None, None
                org = name_case(phrase) if phrase and len(phrase) <= 200 else None
                prev_unit = org
            _merge(contacts, Contact(
                name=name, title=title, organization=org,
                phones=[f.value for f in items if f.kind == "phone"],
                emails=[f.value for f in items if f.kind == "email"],
                provenance=provenance(block.lines(a + items[0].start, a + items[-1].end), block.zone)))
        _add_unit_only(contacts, block, text)
    return contacts


def _heading_unit(text: str) -> Optional[str]:
    """'a) Đội Ứng cứu sự cố … tỉnh Lai Châu:' heads a list of that unit's people."""
    if not text.rstrip().endswith(":") or len(text) > 150:
        return None
    phrase = _clean(rx(r"^\s*(?:[-+•*]|\d{1,2}[.)]|[a-zđ]\))\s*").sub("", text))
    return phrase if _UNIT.match(phrase) else None


def _add_unit_only(contacts: list[Contact], block: _Block, text: str) -> None:
    """'… liên hệ với Phòng Kiểm tra thuế số 2 để được hướng dẫn': a contact unit, no number."""
    for m in _CONTACT_UNIT.finditer(text):
        # '… liên hệ với Cục X qua các đầu mối sau:' introduces a list of contacts, not one
        if rx(r"[^.;]{0,80}:\s*$").match(text[m.end():]):
            continue
        unit = _clean(rx(r"\s+[—–-]\s+\d.*$").sub("", m.group("unit")))
        if not unit or not _UNIT.match(unit) or rx(r"\d{4,}|@").search(unit):
            continue
        key = fold(unit)
        if any(c.organization and (fold(c.organization).startswith(key) or key.startswith(fold(c.organization)))
               for c in contacts):
            continue
        contacts.append(Contact(organization=unit, provenance=provenance(
            block.lines(m.start("unit"), m.end("unit")), block.zone)))


def _merge(contacts: list[Contact], new: Contact) -> None:
    """One contact per person or unit: a repeated mention adds its numbers to the first."""
    for c in contacts:
        same = (new.name and c.name == new.name) or (
            not new.name and not c.name and new.organization and c.organization == new.organization)
        if same:
            c.phones.extend(p for p in new.phones if p not in c.phones)
            c.emails.extend(e for e in new.emails if e not in c.emails)
            return
    contacts.append(new)
