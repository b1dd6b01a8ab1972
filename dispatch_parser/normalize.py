"""Normalize: layout lines -> clean lines (NFC, no markup, no page furniture).

Every clean line keeps the character span of the source line it came from, so extractors
can report provenance. Lines are not joined here: where a wrapped line ends is information
the segmenter needs (a new item starts at a marker, not at a blank line).
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Optional

import regex

from .layout import Layout
from .models import Box
from .vntext import fold

# Markup of Markdown and web scrapes
_SUP_FOOTNOTE = regex.compile(r"^\s*(?:\*\*|\*)?\s*<sup>\s*\(?\[?(\d{1,3}|\*+)\]?\)?\s*</sup>\s*")
_SUP_ANY = regex.compile(r"<sup>\s*(.{0,12}?)\s*</sup>")
_TAG = regex.compile(r"</?(?:b|i|u|em|strong|span|p|br|div|font|sub|a)(?:\s[^<>]{0,300})?/?>", regex.I)
_MD_LINK = regex.compile(r"\[([^\[\]]{0,300})\]\((?:mailto:)?([^()\s]{0,300})\)")
_ANGLE_URL = regex.compile(r"<((?:https?://|www\.|mailto:)[^<>\s]{1,300})>")
_EMPHASIS = regex.compile(r"\*{1,3}(?!\))|(?<!\()_{2,}")
_ESCAPE = regex.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")
_RULE = regex.compile(r"^\s*(?:[-=_*~.]\s*){3,}$")
_PIPES = regex.compile(r"^\s*\|+\s*|\s*\|+\s*$")
_INNER_PIPE = regex.compile(r"\s*\|\s*")
_HEADING = regex.compile(r"^\s*#{1,6}\s+")
_SPACES = regex.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u3000]+")
_INVISIBLE = regex.compile(r"[\u200c-\u200f\ufeff\u00ad]")

# Page furniture: page breaks, running page numbers, web watermarks, e-signature stamps
_PAGE_BREAK = regex.compile(r"^\s*-{2,}\s*(?:page\s*break|page\s*\d+|trang\s*\d+)\s*-{2,}\s*$", regex.I)
_PAGE_NUMBER = regex.compile(r"^\s*(?:-\s*)?(?:trang\s*)?\d{1,3}(?:\s*/\s*\d{1,3})?(?:\s*-)?\s*$", regex.I)
_WATERMARK = regex.compile(r"thu\s*vi[eê]n\s*ph[aá]p\s*lu[aậ]t|thuvienphapluat|lawsoft|\+84-28-3930", regex.I)
_STAMP_KEY = regex.compile(
    r"^\s*(?:ky\s*boi|nguoi\s*ky|thoi\s*gian\s*ky|ngay\s*ky|co\s*quan|email|dia\s*chi|to\s*chuc)\s*:",
    regex.I)
_STAMP_HARD = regex.compile(r"^\s*(?:ky\s*boi|nguoi\s*ky|thoi\s*gian\s*ky)\s*:", regex.I)


@dataclass(slots=True)
class CleanLine:
    """One normalized line; `start`/`end` are its source line's span in `Layout.text`."""

    text: str
    start: int
    end: int
    page: int = 1
    box: Optional[Box] = None
    footnote: Optional[str] = None     # the marker when the line opens a footnote; '' on its wrapped lines
    column: Optional[str] = None
    folded: str = field(default="", repr=False)

    def __post_init__(self) -> None:
        if not self.folded:
            self.folded = fold(self.text)

    @property
    def blank(self) -> bool:
        return not self.text


def clean_markup(text: str) -> str:
    """Remove Markdown/HTML markup from one line, keeping the words and addresses."""
    # each pattern needs a character most lines lack: a substring test skips its sub
    if not text.isascii():
        text = _INVISIBLE.sub("", text)
    if "](" in text:
        text = _MD_LINK.sub(lambda m: m.group(1) or m.group(2), text)
    if "<" in text:
        text = _ANGLE_URL.sub(lambda m: m.group(1).removeprefix("mailto:"), text)
        text = _SUP_ANY.sub("", text)
        text = _TAG.sub("", text)
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    if "#" in text:
        text = _HEADING.sub("", text)
    if "*" in text or "__" in text:
        text = _EMPHASIS.sub("", text)
    return text


def squash(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def normalize(layout: Layout) -> list[CleanLine]:
    """The layout's lines, cleaned; blank lines kept (as empty text), furniture dropped."""
    markdown = layout.format in ("markdown", "html")
    out: list[CleanLine] = []
    raw_lines = list(layout.lines())
    stamp_zone = _stamp_lines(raw_lines)
    breaks: set[int] = set()        # indexes into `out` that a page break stands before
    for i, line in enumerate(raw_lines):
        src = unicodedata.normalize("NFC", line.text)
        end = line.start + len(line.text)
        if _PAGE_BREAK.match(src):
            breaks.add(len(out))
        if i in stamp_zone or _PAGE_BREAK.match(src) or _RULE.match(src) or _WATERMARK.search(src):
            continue
        marker = None
        m = _SUP_FOOTNOTE.match(src)
        if m:
            marker, src = m.group(1), src[m.end():]
        text = clean_markup(src) if (markdown or "<" in src or "**" in src or "](" in src) else src
        if "|" in text:
            text = _PIPES.sub("", text)
            text = _INNER_PIPE.sub("  ", text) if text.strip() else text
        text = squash(text)
        if text and _PAGE_NUMBER.match(text) and _isolated(raw_lines, i):
            continue
        out.append(CleanLine(text, line.start, end, line.page, line.box, marker, line.column))
    _mark_footnotes(out, breaks)
    return out


def _isolated(lines, i: int) -> bool:
    """A bare number is a running page number when blank lines or page edges surround it."""
    before = next((l.text.strip() for l in reversed(lines[max(0, i - 2):i]) if l.text.strip()), "")
    after = next((l.text.strip() for l in lines[i + 1:i + 3] if l.text.strip()), "")
    return (i == 0 or not lines[i - 1].text.strip() or _PAGE_BREAK.match(before or "")
            or i + 1 >= len(lines) or not lines[i + 1].text.strip() or _PAGE_BREAK.match(after or ""))


def _stamp_lines(lines) -> set[int]:
    """Indexes of e-signature stamp lines ('Ký bởi: …', 'Thời gian ký: …' and their block)."""
    found: set[int] = set()
    for i, line in enumerate(lines):
        if _STAMP_HARD.match(fold(line.text)):
            found.add(i)
            # the stamp's other key lines stand right around it
            for j in range(max(0, i - 4), min(len(lines), i + 5)):
                if _STAMP_KEY.match(fold(lines[j].text)):
                    found.add(j)
    return found


# Footnotes in plain and OCR'd text: '[1] Text' (or Markdown '[^1]: Text') anywhere (no leading zero: '[03] Địa chỉ' is a
# form field), and at a page's foot, after a blank line, a bare number or an OCR'd superscript
# ('1 Số liệu …', '! Luật BHXH …') opening a sentence.
_BRACKET_NOTE = regex.compile(r"^\[\^?([1-9]\d{0,2})\]:?\s+(?=\p{Lu})")     # also Markdown '[^1]: …'
_PAGE_NOTE = regex.compile(r"^([1-9]\d?|[!¹²³])\s+(?=\p{Lu}\p{Ll}*\s+\S+\s+\S+)")
_NOTE_LINES = 6          # a page-foot footnote block is a few lines at most


def _mark_footnotes(out: list[CleanLine], breaks: set[int]) -> None:
    """Mark footnote lines: the opener gets its marker, its wrapped lines ''."""
    for k, line in enumerate(out):
        if line.footnote and line.text:
            _mark_rest(out, k + 1, len(out))        # a <sup> footnote's wrapped lines
        elif line.footnote is None and line.text:
            m = _BRACKET_NOTE.match(line.text)
            if m:
                line.footnote, line.text = m.group(1), line.text[m.end():]
                line.folded = fold(line.text)
                _mark_rest(out, k + 1, len(out))
    page_ends = sorted(breaks | {len(out)} | {k for k in range(1, len(out)) if out[k].page != out[k - 1].page})
    for end in page_ends:
        content = [k for k in range(max(0, end - 3 * _NOTE_LINES), end) if out[k].text]
        window = content[-_NOTE_LINES:]
        for k in window:
            if out[k].footnote is not None:
                break
            m = _PAGE_NOTE.match(out[k].text)
            if m and k > 0 and out[k - 1].blank:
                for j in (x for x in window if x >= k):
                    mm = _PAGE_NOTE.match(out[j].text)
                    if mm:
                        out[j].footnote, out[j].text = mm.group(1), out[j].text[mm.end():]
                        out[j].folded = fold(out[j].text)
                    elif out[j].footnote is None:
                        out[j].footnote = ""
                break


def _mark_rest(out: list[CleanLine], start: int, stop: int) -> None:
    """A bracket footnote's wrapped lines: the non-blank lines right after it."""
    for j in range(start, min(stop, start + _NOTE_LINES)):
        if not out[j].text or _BRACKET_NOTE.match(out[j].text) or out[j].footnote is not None:
            return
        out[j].footnote = ""
