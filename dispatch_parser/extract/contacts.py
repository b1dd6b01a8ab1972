"""Contact points: people, units, phones and e-mails given in the text."""
from __future__ import annotations

from typing import Optional

import regex

from ..models import Contact
from ..segment import Segments
from .common import provenance, strip_edges
from .paragraphs import paragraphs

PHONE = regex.compile(
    r"(?<![\d/])(?:\(\+?84\)\s*|\+84\s*|\(0\d{2,3}\)\s*)?0?\d{2,4}(?:[ .\-]?\d{2,4}){2,3}(?![\d/])")
EMAIL = regex.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
PERSON = regex.compile(
    r"(?:(?<=\s)|^)(?:Ông|Bà|ông|bà|đồng chí|Đồng chí|đ/c|Đ/c)\s+(?P<name>\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*){1,4})")
_PHONE_CUE = regex.compile(r"(?:điện\s*thoại|đt|số\s*điện\s*thoại|di\s*động|hotline|đường\s*dây\s*nóng|fax|sđt|tel)", regex.I)


def _phones(text: str) -> list[str]:
    out = []
    for m in PHONE.finditer(text):
        digits = regex.sub(r"\D", "", m.group(0))
        if 9 <= len(digits) <= 12 and (digits.startswith("0") or digits.startswith("84")):
            out.append(m.group(0).strip())
    return out


def extract_contacts(seg: Segments) -> list[Contact]:
    contacts: list[Contact] = []
    for p in paragraphs(seg.body + seg.footnotes):
        text = p.text
        phones = _phones(text)
        emails = [e.lower().rstrip(".") for e in EMAIL.findall(text)]
        if not phones and not emails:
            continue
        for chunk in _owner_chunks(text):
            c_phones = _phones(chunk)
            c_emails = [e.lower().rstrip(".") for e in EMAIL.findall(chunk)]
            if not c_phones and not c_emails:
                continue
            person = PERSON.search(chunk)
            name = person.group("name") if person else None
            title = None
            org = _organization(chunk, person)
            if person:
                after = chunk[person.end():]
                t = regex.match(r"\s*[-–,]\s*([^;:]+?)(?:;|,?\s*(?:điện\s*thoại|đt|số)|$)", after)
                title = strip_edges(t.group(1)) if t else None
            contacts.append(Contact(name=name, title=title, organization=org,
                                    phones=c_phones, emails=c_emails,
                                    provenance=provenance(p.lines, "body")))
    return contacts


def _owner_chunks(text: str) -> list[str]:
    """Split a sentence where a new owner's phone starts ('… hoặc đồng chí X, điện thoại …')."""
    parts = regex.split(r"\s+hoặc\s+(?=(?:đồng chí|Ông|Bà|ông|bà)\s)|;\s+(?=\p{Lu})", text)
    return [p for p in parts if p.strip()]


def _organization(chunk: str, person) -> Optional[str]:
    head = chunk[:person.start()] if person else chunk
    cue = _PHONE_CUE.search(head)
    if cue:
        head = head[:cue.start()]
    head = regex.sub(r"^\s*[-+•]\s*", "", head)
    head = regex.sub(r"^.*?(?:liên\s+hệ(?:\s+với)?|qua)\s*:?\s*", "", head) if regex.search(r"liên\s+hệ", head) else head
    head = strip_edges(head, " \t;,.:-–—•*_(")
    if not head or len(head) > 150:
        return None
    return head
