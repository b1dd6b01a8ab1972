"""Word-saved HTML (and plain HTML) -> `Layout`.

Word's "Web Page, Filtered" files declare their charset in a <meta> (windows-1252 with
Vietnamese as numeric character references, or utf-8). Paragraphs (<p>, headings, list
items, <br> breaks) become lines in document order, one blank line between paragraphs as in
a text export. A two-cell table row (issuing body | motto, Số | date, Nơi nhận | signature)
is emitted left cell first, then right cell, each line marked with its column. Footnotes
(Word's `mso-element:footnote` blocks) go to the end as `<sup>N</sup> text` lines, the form
the normalizer reads as a footnote; the inline reference marks are dropped.
"""
from __future__ import annotations

from typing import Optional

import regex

from ..errors import CorruptFileError
from ..layout import Layout, Line, Page
from . import legacy
from .text import decode_bytes

_CHARSET = regex.compile(rb"""<meta[^>]{0,300}?charset\s*=\s*["']?([A-Za-z0-9_\-]{2,40})""", regex.I)
_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "pre", "blockquote", "dt", "dd",
           "caption", "address"}
_CONTAINERS = {"div", "body", "section", "article", "main", "ul", "ol", "dl", "center", "form",
               "span", "font", "blockquote", "header", "footer", "tbody", "thead", "tfoot"}
_SKIP = {"script", "style", "head", "title", "xml", "template", "noscript", "object"}
_SPACE = regex.compile(r"[ \t\r\n\u00a0]+")
_FOOTNOTE_NUMBER = regex.compile(r"\d{1,3}|\*+")


def _decode(data: bytes, source: Optional[str]) -> str:
    m = _CHARSET.search(data[:8192])
    if m:
        name = m.group(1).decode("ascii").lower()
        try:
            return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            pass
    text, _ = decode_bytes(data, source)
    return text


def read(data: bytes, source: Optional[str] = None) -> Layout:
    import lxml.html
    from lxml import etree

    text = _decode(data, source)
    try:
        doc = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise CorruptFileError(f"the HTML cannot be parsed ({exc}); save the document again "
                               "from Word as 'Web Page' or as .docx", source) from exc
    body = doc.find("body")
    root = body if body is not None else doc
    out = _Collector()
    footnotes: list[tuple[str, str]] = []
    out.walk(root, footnotes)
    lines = out.lines
    for marker, note in footnotes:
        lines.append(Line(text=f"<sup>{marker}</sup> {note}"))
        lines.append(Line(text=""))
    while lines and not lines[-1].text:
        lines.pop()
    warnings: list[str] = []
    joined = "\n".join(l.text for l in lines)
    kind = legacy.detect(joined)
    if kind:
        for line in lines:
            line.text = legacy.convert(line.text, kind)
        warnings.append(f"text in a legacy {kind.upper()} font, converted to Unicode")
    return Layout(pages=[Page(number=1, lines=lines)], source=source, format="html", warnings=warnings)


def _is_footnote_ref(el) -> bool:
    href = el.get("href") or ""
    return el.tag == "a" and (href.startswith(("#_ftn", "#_edn")) and "ref" not in href)


def _is_footnote_back(el) -> bool:
    href = el.get("href") or ""
    return el.tag == "a" and href.startswith(("#_ftnref", "#_ednref"))


class _Collector:
    def __init__(self) -> None:
        self.lines: list[Line] = []

    def add(self, texts: list[str], column: Optional[str] = None) -> None:
        added = False
        for t in texts:
            t = _SPACE.sub(" ", t).strip()
            if t:
                self.lines.append(Line(text=t, column=column))
                added = True
        if added:
            self.lines.append(Line(text=""))

    def walk(self, el, footnotes: list[tuple[str, str]], column: Optional[str] = None) -> None:
        for child in el:
            tag = child.tag if isinstance(child.tag, str) else None
            if tag is None:
                continue
            tag = tag.lower().split(":")[-1]
            if tag in _SKIP:
                continue
            style = (child.get("style") or "").replace(" ", "").lower()
            if "mso-element:footnote-list" in style or "mso-element:endnote-list" in style:
                self._footnotes(child, footnotes)
                continue
            if "display:none" in style:
                continue
            if tag == "table":
                self._table(child, footnotes)
            elif tag in _BLOCKS:
                self.add(_block_texts(child), column)
            elif tag in _CONTAINERS or tag in ("td", "th", "tr"):
                self.walk(child, footnotes, column)
            elif tag == "br":
                continue
            else:
                texts = _block_texts(child)
                if any(t.strip() for t in texts):
                    self.add(texts, column)

    def _table(self, table, footnotes: list[tuple[str, str]]) -> None:
        for row in _rows(table):
            cells = [c for c in row if isinstance(c.tag, str) and c.tag.lower() in ("td", "th")]
            filled = [c for c in cells if _SPACE.sub("", c.text_content() or "")]
            if len(filled) == 2 and len(cells) <= 3:
                # a layout row of two columns: left cell, then right cell
                for cell, column in zip(filled, ("left", "right")):
                    self.walk(cell, footnotes, column)
            elif len(filled) == 1 and len(cells) == 2:
                self.walk(filled[0], footnotes, "left" if filled[0] is cells[0] else "right")
            else:
                for cell in filled:
                    self.walk(cell, footnotes)

    def _footnotes(self, block, footnotes: list[tuple[str, str]]) -> None:
        for note in block.iter():
            if not isinstance(note.tag, str):
                continue
            style = (note.get("style") or "").replace(" ", "").lower()
            if "mso-element:footnote" not in style and "mso-element:endnote" not in style:
                continue
            if "list" in style:
                continue
            marker = str(len(footnotes) + 1)
            for back in note.iter("a"):
                if _is_footnote_back(back):
                    m = _FOOTNOTE_NUMBER.search(back.text_content() or "")
                    if m:
                        marker = m.group(0)
                    break
            text = " ".join(_block_texts(note, skip_refs=True))
            text = _SPACE.sub(" ", text).strip()
            if text:
                footnotes.append((marker, text))


def _rows(table):
    for child in table:
        if not isinstance(child.tag, str):
            continue
        tag = child.tag.lower()
        if tag == "tr":
            yield child
        elif tag in ("tbody", "thead", "tfoot"):
            yield from _rows(child)


def _block_texts(el, skip_refs: bool = True) -> list[str]:
    """The text of a block, split at <br> (and nested blocks) into separate lines."""
    parts: list[str] = [""]

    def visit(node) -> None:
        if isinstance(node.tag, str):
            tag = node.tag.lower().split(":")[-1]
            if tag in _SKIP:
                if node.tail:
                    parts[-1] += node.tail
                return
            if tag == "br":
                parts.append("")
                if node.tail:
                    parts[-1] += node.tail
                return
            if skip_refs and (_is_footnote_ref(node) or _is_footnote_back(node)):
                if node.tail:
                    parts[-1] += node.tail
                return
            if tag in _BLOCKS or tag in ("div", "tr", "table"):
                if parts[-1].strip():
                    parts.append("")
            if node.text:
                parts[-1] += node.text
            for child in node:
                visit(child)
            if tag in _BLOCKS or tag in ("div", "tr") and parts[-1].strip():
                parts.append("")
        if node.tail:
            parts[-1] += node.tail

    if el.text:
        parts[-1] += el.text
    for child in el:
        visit(child)
    return [p for p in parts if p.strip()]
