"""Training lines for the zoner: fixture documents -> (line texts, labels), with OCR-like noise.

A `FixtureDoc` (synthetic, or a real text zoned by the rules in `fixtures.from_text`) already
knows each line's zone; it is laid out three ways readers produce it: column by column (text
files), the two header / foot columns interleaved line by line, or fused onto one line (OCR of
a scan, PDF text layers). Noise then swaps look-alike characters, drops diacritics and splits
or joins words the way Tesseract does on a 300 dpi scan.
"""
from __future__ import annotations

import random
import textwrap
import unicodedata
from typing import Iterable

import regex

from ..fixtures.document import FixtureDoc
from ..vntext import fold, rx

Example = tuple[list[str], list[str]]     # the non-blank lines of one document, their labels

_PREAMBLE = regex.compile(r"^\W{0,3}(?:can cu|thuc hien|trien khai|theo de nghi|xet de nghi|phuc dap|tra loi|"
                          r"tiep theo|nhan duoc|theo|de |ngay \d|nham)", regex.I)
_ITEM = regex.compile(r"^\W{0,2}(?:[IVX]{1,4}|\d{1,2}(?:\.\d{1,2})*|[a-zđ])\s*[.)]|^\W{0,2}dieu \d|^[-+•]")
_TYPE_WORDS = regex.compile(r"^(?:quyet dinh|ke hoach|thong bao|bao cao|to trinh|chi thi|nghi quyet|nghi dinh|"
                            r"thong tu|huong dan|chuong trinh|giay moi|cong dien|quy che|quy dinh|bien ban|"
                            r"phuong an|de an|cong van|thong tri|giay gioi thieu|hop dong|lenh|luat)\W*$")
_STAMP = regex.compile(r"^\W{0,2}(?:\(?da ky\)?|ky boi|nguoi ky|thoi gian ky|\(?ky,? ghi ro|\(?ky ten)", regex.I)
# a line opened by a footnote's marker as OCR reads it: a plain number, '(2)' or '*'
NUMBERED = regex.compile(r"^\s*(?:\(?\d{1,2}\)?|\*)\s")


def _body_labels(body: list[str]) -> list[tuple[str, str]]:
    out = []
    texts = [b for b in body if b.strip()]
    seen_item = False
    for k, text in enumerate(texts):
        f = fold(text).strip()
        if _ITEM.match(f):
            seen_item = True
        if k == len(texts) - 1 and rx(r"\./\.?\s*$").search(text):
            out.append((text, "closing"))
        elif not seen_item and _PREAMBLE.match(f):
            out.append((text, "preamble"))
        else:
            out.append((text, "body"))
    return out


def _signature_labels(sig: list[str]) -> list[tuple[str, str]]:
    lines = [s for s in sig if s.strip()]
    out = []
    for k, text in enumerate(lines):
        f = fold(text).strip()
        if _STAMP.match(f):
            out.append((text, "noise"))
        elif k == len(lines) - 1:
            out.append((text, "signer"))
        else:
            out.append((text, "authority"))
    return out


def zones(doc: FixtureDoc) -> dict[str, list[tuple[str, str]]]:
    """The labelled lines of each band of a fixture document."""
    title = []
    for k, text in enumerate(doc.title):
        is_type = k == 0 and _TYPE_WORDS.match(fold(text).strip()) is not None and text.upper() == text
        title.append((text, "type" if is_type else "subject"))
    after = []
    for text in doc.after:
        after.append((text, "footnote" if NUMBERED.match(text) else "noise"))
    # footnotes as OCR reads them: the superscript marker a plain number, the text wrapped
    for marker, text in doc.footnotes:
        after += [(t, "footnote") for t in textwrap.wrap(f"{marker} {text}", 95)]
    left = [(t, "issuer") for t in doc.issuer_lines]
    left2 = ([(doc.number_line, "number")] if doc.number_line else []) + [(t, "subject") for t in doc.subject_lines]
    right = [(t, "motto") for t in doc.motto]
    right2 = ([(doc.place_date, "date")] if doc.place_date else []) + [(t, "noise") for t in doc.right_extra]
    return dict(pre=[(t, "mark") for t in doc.pre if t.strip()], left=left, right=right, left2=left2,
                right2=right2, title=title, recipients=[(t, "recipients") for t in doc.recipients if t.strip()],
                body=_body_labels(doc.body), distribution=[(t, "distribution") for t in doc.distribution if t.strip()],
                signature=_signature_labels(doc.signature), after=after)


def _columns(a: list, b: list, how: str) -> list[tuple[str, str]]:
    if how == "stack":
        return a + b
    out = []
    for k in range(max(len(a), len(b))):
        x = a[k] if k < len(a) else None
        y = b[k] if k < len(b) else None
        if how == "fuse" and x and y:
            out.append((x[0] + "   " + y[0], x[1]))      # a fused line is named by its left part
        else:
            out += [p for p in (x, y) if p]
    return out


def layout(doc: FixtureDoc, how: str = "stack") -> Example:
    """The document's lines in reading order; how = stack | interleave | fuse (header and foot)."""
    z = zones(doc)
    lines = z["pre"] + _columns(z["left"], z["right"], how) + _columns(z["left2"], z["right2"], how)
    lines += z["title"] + z["recipients"] + z["body"]
    # the foot's columns are interleaved, never fused: the signer's name stands alone below
    # its blank signing space on every scan seen
    lines += _columns(z["distribution"], z["signature"], "interleave" if how == "fuse" else how) + z["after"]
    lines = [(t, l) for t, l in lines if t.strip()]
    return [t for t, _ in lines], [l for _, l in lines]


# look-alikes Tesseract swaps on Vietnamese scans
_CONFUSIONS = {"o": "0ô", "0": "o", "l": "1I|", "1": "lI", "i": "l1í", "I": "l1", "S": "$5", "5": "S",
               "ư": "u", "ơ": "o", "ă": "a", "â": "a", "ê": "e", "ô": "o", "đ": "d", "Đ": "D",
               "n": "m", "m": "rn", "h": "b", "c": "e", "e": "c", "u": "v", ":": ";", ".": ",", "-": "—_"}


def strip_marks(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word)
                   if unicodedata.category(c) != "Mn").replace("đ", "d").replace("Đ", "D")


def add_noise(text: str, rng: random.Random, level: float) -> str:
    """OCR-like damage of one line; level 0..1 scales how much."""
    words = text.split(" ")
    out = []
    for w in words:
        if rng.random() < 0.35 * level:
            w = strip_marks(w) if rng.random() < 0.6 else unicodedata.normalize("NFC", "".join(
                c for c in unicodedata.normalize("NFD", w) if rng.random() > 0.5 or unicodedata.category(c) != "Mn"))
        chars = []
        for c in w:
            r = rng.random()
            if r < 0.05 * level and c in _CONFUSIONS:
                chars.append(rng.choice(_CONFUSIONS[c]))
            elif r < 0.06 * level:
                continue
            else:
                chars.append(c)
        out.append("".join(chars))
    sep = [" "] * (len(out) - 1)
    for k in range(len(sep)):
        if rng.random() < 0.04 * level:
            sep[k] = ""
    text = out[0] + "".join(s + w for s, w in zip(sep, out[1:])) if out else text
    if rng.random() < 0.05 * level:
        text = rng.choice(["_ ", "~ ", "' ", "| "]) + text
    return text


def variants(doc: FixtureDoc, rng: random.Random, noisy: int = 2) -> Iterable[Example]:
    """A clean reading order plus `noisy` damaged ones with random column handling."""
    yield layout(doc, "stack")
    for _ in range(noisy):
        texts, labels = layout(doc, rng.choice(["stack", "interleave", "fuse"]))
        level = rng.choice([0.3, 0.6, 1.0])
        texts = [add_noise(t, rng, level) for t in texts]
        if rng.random() < 0.3:          # debris lines of a scan (stamp ink, rules, page numbers)
            for _ in range(rng.randint(1, 3)):
                k = rng.randrange(len(texts) + 1)
                texts.insert(k, rng.choice(["~", "| ' .", "_—", "- 2 -", "ee", "Ầ", ";", "a"]))
                labels.insert(k, "noise")
        yield texts, labels
