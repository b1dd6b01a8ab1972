"""DOCX -> `Layout` with python-docx.

Paragraphs and tables are read in body order. A table row with two filled cells (the Decree
30 header: issuing body | motto, Số | place and date; the foot: Nơi nhận | signature) gives
the left cell's lines, then the right cell's, each marked with its column; other rows give
their cells in order. Soft line breaks split a paragraph into lines; one blank line follows
each paragraph, as in a text export. Text boxes are read where they stand. Footnotes
(word/footnotes.xml) go to the end as `<sup>N</sup> text` lines, which the normalizer reads
as footnotes. A DOCX has no fixed layout, so lines carry page numbers (from Word's own
page-break marks, where the file has them) but no boxes.
"""
from __future__ import annotations

import io
import zipfile
from typing import Iterator, Optional

from ..errors import CorruptFileError, EncryptedFileError, UnsupportedFormatError
from ..layout import Layout, Line, Page
from . import legacy

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
MAX_PARAGRAPHS = 200_000


def read(data: bytes, source: Optional[str] = None) -> Layout:
    body = _open(data, source)
    reader = _BodyReader()
    reader.block(body)
    lines = reader.lines
    for marker, note in _footnotes(data):
        lines.append(Line(text=f"<sup>{marker}</sup> {note}", page=reader.page))
        lines.append(Line(text="", page=reader.page))
    while lines and not lines[-1].text:
        lines.pop()
    warnings: list[str] = []
    kind = legacy.detect("\n".join(l.text for l in lines)) or reader.legacy_font
    if kind:
        for line in lines:
            line.text = legacy.convert(line.text, kind)
        warnings.append(f"text in a legacy {kind.upper()} font, converted to Unicode")
    pages: list[Page] = []
    for line in lines:
        if not pages or pages[-1].number != line.page:
            pages.append(Page(number=line.page))
        pages[-1].lines.append(line)
    if not pages:
        pages = [Page(number=1)]
    return Layout(pages=pages, source=source, format="docx", warnings=warnings)


def read_ole(data: bytes, source: Optional[str] = None) -> Layout:
    """An OLE (Compound File) container: a password-protected DOCX or an old binary .doc."""
    if "EncryptedPackage".encode("utf-16-le") in data or "EncryptionInfo".encode("utf-16-le") in data:
        raise EncryptedFileError("the Word file is password-protected; open it in Word with its "
                                 "password and save an unprotected .docx", source)
    raise UnsupportedFormatError("this is an old binary Word .doc; open it in Word or LibreOffice "
                                 "and save it as .docx (or PDF)", source)


def _open(data: bytes, source: Optional[str]):
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    if data.startswith(b"\xd0\xcf\x11\xe0"):
        # an OLE container: an encrypted DOCX, or an old binary .doc
        raise EncryptedFileError("the Word file is password-protected or in the old .doc format; "
                                 "open it in Word and save an unprotected .docx", source)
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise CorruptFileError(f"the Word file is damaged or truncated ({exc}); get a complete "
                               "copy or open and save it again in Word", source) from exc
    except Exception as exc:   # lxml errors on broken XML parts
        raise CorruptFileError(f"the Word file cannot be read ({type(exc).__name__}: {exc}); "
                               "open and save it again in Word", source) from exc
    return document.element.body


class _BodyReader:
    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.page = 1
        self.count = 0
        self.legacy_font: Optional[str] = None
        self.last_centred = False
        self.last_column: Optional[str] = None
        self.last_after = 0

    def block(self, parent, column: Optional[str] = None) -> None:
        for child in parent.iterchildren():
            tag = child.tag
            if tag == W + "p":
                self.paragraph(child, column)
            elif tag == W + "tbl":
                self.table(child)
            elif tag in (W + "sdt", W + "customXml", W + "sdtContent"):
                self.block(child if tag != W + "sdt" else _first(child, W + "sdtContent") or child, column)

    def paragraph(self, p, column: Optional[str]) -> None:
        self.count += 1
        if self.count > MAX_PARAGRAPHS:
            return
        texts = [""]
        boxes = []
        for el in _runs_content(p):
            tag = el.tag
            if tag == W + "t":
                texts[-1] += el.text or ""
            elif tag == W + "tab":
                texts[-1] += " "
            elif tag in (W + "br", W + "cr"):
                if el.get(W + "type") == "page":
                    self.page += 1
                texts.append("")
            elif tag == W + "lastRenderedPageBreak":
                self.page += 1
            elif tag == W + "txbxContent":
                if not _in_fallback(el):
                    boxes.append(el)
            elif tag == W + "rFonts" and self.legacy_font is None:
                self.legacy_font = _legacy_font(el.get(W + "ascii") or el.get(W + "hAnsi") or "")
        texts = [" ".join(t.split()) for t in texts]
        texts = [t for t in texts if t]
        centred = _centred(p)
        if not texts:
            if not boxes:
                self.blank()        # an empty paragraph: the author's own blank line
        else:
            # paragraphs are set apart by a blank line, as in a text export, except the lines
            # of one table cell (one column) and runs of centred paragraphs (a title, the
            # signature block), which are one block split over several paragraphs
            before, after = _spacing(p)
            spaced = before >= 120 or self.last_after >= 120      # 6 pt or more between them
            if self.lines and self.lines[-1].text and (spaced or not (column and column == self.last_column)
                                                       and not (centred and self.last_centred)):
                self.blank()
            self.last_after = after
            for text in texts:
                self.lines.append(Line(text=text, page=self.page, column=column))
        self.last_centred = centred and bool(texts)
        self.last_column = column
        for box in boxes:
            self.block(box, column)

    def blank(self) -> None:
        if self.lines and self.lines[-1].text:
            self.lines.append(Line(text="", page=self.page))

    def table(self, tbl) -> None:
        for tr in tbl.iterchildren(W + "tr"):
            cells = [tc for tc in tr.iterchildren(W + "tc")]
            filled = [tc for tc in cells if _has_text(tc)]
            if len(filled) == 2 and len(cells) <= 3:
                for tc, column in zip(filled, ("left", "right")):
                    self.block(tc, column)
            elif len(filled) == 1 and len(cells) == 2:
                # one cell of a two-column layout row: its side is its position
                self.block(filled[0], "left" if filled[0] is cells[0] else "right")
            else:
                for tc in filled:
                    self.block(tc)


def _runs_content(el):
    """The paragraph's elements in order, not descending into text boxes (read apart)."""
    for child in el.iterchildren():
        if not isinstance(child.tag, str):
            continue
        yield child
        if child.tag != W + "txbxContent":
            yield from _runs_content(child)


def _centred(p) -> bool:
    ppr = _first(p, W + "pPr")
    jc = _first(ppr, W + "jc") if ppr is not None else None
    return jc is not None and jc.get(W + "val") in ("center", "centre")


def _spacing(p) -> tuple[int, int]:
    """Space before and after a paragraph, in twentieths of a point (0 when unset)."""
    ppr = _first(p, W + "pPr")
    sp = _first(ppr, W + "spacing") if ppr is not None else None
    if sp is None:
        return 0, 0

    def value(name: str) -> int:
        v = sp.get(W + name) or "0"
        return int(v) if v.isdigit() else 0

    return value("before"), value("after")


def _first(el, tag):
    for child in el.iterchildren(tag):
        return child
    return None


def _in_fallback(el) -> bool:
    parent = el.getparent()
    while parent is not None:
        if parent.tag == MC + "Fallback":
            return True
        parent = parent.getparent()
    return False


def _has_text(el) -> bool:
    return any((t.text or "").strip() for t in el.iter(W + "t"))


def _legacy_font(name: str) -> Optional[str]:
    if name.startswith(".Vn"):
        return "tcvn3"
    if name.upper().startswith("VNI-") or name.upper().startswith("VNI "):
        return "vni"
    return None


def _footnotes(data: bytes) -> Iterator[tuple[str, str]]:
    """(marker, text) of each real footnote in word/footnotes.xml, in order."""
    from lxml import etree

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            if "word/footnotes.xml" not in z.namelist():
                return
            xml = z.read("word/footnotes.xml")
    except (zipfile.BadZipFile, KeyError):
        return
    root = etree.fromstring(xml, parser=etree.XMLParser(resolve_entities=False, huge_tree=False))
    number = 0
    for note in root.iterchildren(W + "footnote"):
        if note.get(W + "type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        text = " ".join("".join(t.text or "" for t in p.iter(W + "t")) for p in note.iter(W + "p"))
        text = " ".join(text.split())
        if text:
            number += 1
            yield str(number), text
