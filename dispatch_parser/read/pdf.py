"""PDF -> `Layout`: the text layer where it is usable, OCR (page by page) where it is not.

Words and boxes come from pypdfium2's character boxes, read through its raw API for the
first and last character of each word (pdfium marks word ends): about 3.5 ms a page, where
pdfplumber's `extract_words` takes 35-80 ms, and about 0.28x the rate of pdfium's own text
extraction (benchmarks/bench_pdf.py).

"Usable" text layer: at least a few visible characters (else, if the page has an image, it
is a scan), few unreadable codes (private-use glyphs, U+FFFD: a font without a Unicode map),
not a scan with a stamp's worth of text, and Vietnamese that keeps its diacritics (an old OCR
layer 'CONG HOA XA HQI' is re-read by our OCR when that reads better). Pages without one go
to `read.ocr.ocr_page_image` at 300 dpi. TCVN3 / VNI text is converted (`read.legacy`).

Lines are rebuilt from positions, not from the text order of the file, in the page's upright
frame (the page turned back by its /Rotate and by the direction its characters are drawn in;
boxes stay in that frame unless `displayed_boxes`): words are grouped into rows by vertical
overlap, and a row is cut at its widest horizontal gap when that gap is wide and the two
sides sit in the left and right halves of the page. Runs of such rows
that make up the two-column header (issuing body | motto, number | place and date) or foot
(Nơi nhận | signature) are emitted left column first, then right column, each line with
`Line.column` set, which is the order the segmenter expects of text input; a foot band spans
the signature block and the Nơi nhận list beside it, without what a paragraph gap parts from
the list (the body above, an attached form below). A vertical gap wider than the page's usual
line spacing becomes a blank line (a paragraph break). A footnote (a small raised number, a
note in type smaller than the document's body) becomes one '<sup>N</sup> text' line wherever
it stands, joined with its part carried to the next page.
"""
from __future__ import annotations

import ctypes
import math
import os
import re
from dataclasses import dataclass, field
from statistics import median
from typing import Optional

import regex

from ..errors import (CorruptFileError, EncryptedFileError, InputTooLargeError,
                      OCRUnavailableError)
from ..layout import Layout, Line, Page, Word
from ..models import Box
from ..vntext import fold
from . import legacy

MAX_PAGES = int(os.environ.get("DISPATCH_PARSER_MAX_PAGES", "500"))
OCR_DPI = 300
MIN_TEXT_CHARS = 25          # fewer visible characters than this on a page: no text layer
MAX_BAD_RATIO = 0.15         # more unreadable characters than this: a garbage text layer

# pdfium reports a hyphen that ends a line as U+FFFE: it stays with its word, as the '-' it is
# ('12/2015/NĐ-' / 'CP'), so the normalizer joins the parts as it does for text input
# (the standard `re`: this plain class matches the same characters, twice as fast)
_WORD_RUN = re.compile(r"[^\s\x00-\x1f\u200b\ufffe\uffff]+\ufffe?")
_KINH_GUI = regex.compile(r"^\W{0,3}(?:kinh\s*gui){e<=1}", regex.I)
_FOOT_CUE = regex.compile(r"^\W{0,3}(?:(?:noi\s*nhan){e<=1}|(?:tm|kt|tl|tuq|q)\s*\.)", regex.I)


@dataclass(slots=True)
class _Word:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def center(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(slots=True)
class _Segment:
    """A run of words of one row on one side of a column gap."""

    words: list[_Word]
    x0: float = 0.0
    top: float = 0.0
    x1: float = 0.0
    bottom: float = 0.0
    column: Optional[str] = None

    def __post_init__(self) -> None:
        words = self.words
        # words are sorted left to right: the first starts the segment; the last usually ends it
        first = words[0]
        x1, top, bottom = words[-1].x1, first.top, first.bottom
        for w in words:
            if w.top < top:
                top = w.top
            if w.bottom > bottom:
                bottom = w.bottom
            if w.x1 > x1:
                x1 = w.x1
        self.x0, self.x1, self.top, self.bottom = first.x0, x1, top, bottom

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


@dataclass(slots=True)
class _Row:
    words: list[_Word]
    segments: list[_Segment] = field(default_factory=list)
    top: float = 0.0
    bottom: float = 0.0

    @property
    def split(self) -> bool:
        return len(self.segments) == 2

    @property
    def divider(self) -> float:
        return (self.segments[0].x1 + self.segments[1].x0) / 2


# --- opening -----------------------------------------------------------------------------
def _open(data: bytes, source: Optional[str]):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message:
            raise EncryptedFileError(
                "the PDF is password-protected; open it with its password and save an "
                "unprotected copy (e.g. `qpdf --decrypt --password=PW in.pdf out.pdf`)", source) from exc
        raise CorruptFileError(
            f"the PDF is damaged or truncated and cannot be opened ({exc}); get a complete copy "
            "or repair it (e.g. `qpdf in.pdf out.pdf`)", source) from exc


def read(data: bytes, source: Optional[str] = None, *, max_pages: Optional[int] = None,
         ocr: bool = True, displayed_boxes: bool = False) -> Layout:
    """Read a PDF; pages without a usable text layer are rendered and OCR'd.

    A page whose text is displayed turned (/Rotate on an upright page, or text drawn
    sideways) is read in its upright frame, and by default its boxes and size are given in
    that frame, with a warning: the parser's geometry (type size, place on the page) then
    means the same as on an upright page. `displayed_boxes=True` gives them on the page as a
    viewer displays it instead, for drawing on a rendering of the page."""
    limit = MAX_PAGES if max_pages is None else max_pages
    pdf = _open(data, source)
    try:
        count = len(pdf)
        if count == 0:
            raise CorruptFileError("the PDF has no pages; get a complete copy of the file", source)
        if count > limit:
            raise InputTooLargeError(
                f"{count} pages is over the limit of {limit}; split the PDF into single documents "
                "or raise the limit (max_pages=, or DISPATCH_PARSER_MAX_PAGES)", source)
        pages: list[Page] = []
        warnings: list[str] = []
        flow = _Flow()
        for index in range(count):
            # a note carried over goes on at the top of the next page read from its text layer
            flow.carry, flow.note_h = flow.note_h, None
            pages.append(_read_page(pdf, index, source, warnings, ocr, displayed_boxes, flow))
    finally:
        pdf.close()
    layout = Layout(pages=pages, source=source, format="pdf", warnings=warnings)
    return layout


def _read_page(pdf, index: int, source: Optional[str], warnings: list[str], ocr: bool,
               displayed_boxes: bool = False, flow: Optional["_Flow"] = None) -> Page:
    import pypdfium2 as pdfium

    number = index + 1
    try:
        page = pdf[index]
    except Exception as exc:   # pdfium raises its own error for a page it cannot parse
        raise CorruptFileError(f"page {number} cannot be read ({exc}); the file is damaged, "
                               "get a complete copy or repair it (e.g. `qpdf in.pdf out.pdf`)",
                               source) from exc
    try:
        width, height = page.get_size()
        try:
            words, frame = _page_words(page)
        except pdfium.PdfiumError as exc:     # a page whose text pdfium cannot load
            raise CorruptFileError(f"the text of page {number} cannot be read ({exc}); the file is "
                                   "damaged, get a complete copy or repair it (e.g. `qpdf in.pdf "
                                   "out.pdf`)", source) from exc
        text = " ".join([w.text for w in words])
        visible = len(text) - len(words) + 1 if words else 0     # the words' characters
        kind = legacy.detect(text) if words else None
        if kind:
            words = [_Word(legacy.convert(w.text, kind), w.x0, w.top, w.x1, w.bottom) for w in words]
            warnings.append(f"page {number}: text in a legacy {kind.upper()} font, converted to Unicode")
            text = " ".join(w.text for w in words)
        garbage = visible > 0 and _bad_ratio(text) > MAX_BAD_RATIO
        if garbage:
            usable = False      # glyphs drawn by a font without a Unicode map: OCR reads them
        elif visible < MIN_TEXT_CHARS:
            usable = not _has_image(page)   # a short page of text, or a scan
        else:
            # a scan carrying a few words of text (an e-signature stamp, a running header)
            usable = visible >= 200 or not _mostly_image(page, width, height)
        if not usable and visible == 0 and not _has_image(page):
            return Page(number=number, width=width, height=height, lines=[])
        if not usable:
            if not ocr:
                return Page(number=number, width=width, height=height, lines=[])
            return _ocr_page(page, number, source, warnings)
        lines = lines_from_words(words, number, frame.width, frame.height, flow)
        if frame.turns and displayed_boxes:
            _to_display(lines, frame)
        elif frame.turns:
            width, height = frame.width, frame.height
            turned = {1: "a quarter turn counter-clockwise", 2: "upside down",
                      3: "a quarter turn clockwise"}[frame.turns]
            warnings.append(f"page {number}: the text is displayed {turned}; read upright, its "
                            "boxes are given on the page turned upright")
        layer = Page(number=number, width=width, height=height, lines=lines,
                     turn=90 * frame.turns if frame.turns and not displayed_boxes else 0)
        if ocr and poor_vietnamese(text):
            # an OCR layer someone else made, diacritics lost ('CONG HOA XA HQI'): our own
            # OCR of the page image is read instead when it comes out better
            try:
                redone = _ocr_page(page, number, source, [])
            except OCRUnavailableError:
                warnings.append(f"page {number}: the text layer reads poorly and OCR is not available")
                return layer
            if _quality(" ".join(l.text for l in redone.lines)) > _quality(text):
                warnings.append(f"page {number}: poor text layer (an old OCR), read by OCR instead")
                return redone
        return layer
    finally:
        page.close()


def _ocr_page(page, number: int, source: Optional[str], warnings: list[str]) -> Page:
    """The page rendered at OCR_DPI and OCR'd; ocr_page_image sizes it from the render."""
    try:
        from .ocr import ocr_page_image
    except ImportError as exc:
        raise OCRUnavailableError(
            f"page {number} is a scan (no usable text layer) and OCR is not available ({exc}); "
            "install Tesseract with `apt-get install tesseract-ocr tesseract-ocr-vie`", source) from exc
    bitmap = page.render(scale=OCR_DPI / 72, grayscale=True)
    image = bitmap.to_pil()
    try:
        result = ocr_page_image(image, number, OCR_DPI)
    except OCRUnavailableError as exc:
        raise OCRUnavailableError(f"page {number} is a scan and needs OCR: {exc}", source) from exc
    finally:
        bitmap.close()
    warnings.append(f"page {number}: no usable text layer, read by OCR")
    result.number = number
    result.ocr = True
    for line in result.lines:
        line.page = number
    return result


# --- characters -> words ------------------------------------------------------------------
def _untyped(func):
    """`func` without its argument types: ctypes then converts nothing on a call, which
    makes a character-box call 2-3x cheaper (two calls a word, ~700 a page)."""
    try:
        # the same function-pointer class keeps the library's calling convention
        bare = type(func)(ctypes.cast(func, ctypes.c_void_p).value)
        bare.restype = func.restype
        return bare
    except (TypeError, ValueError, AttributeError):     # an unusual build: the typed one
        return func


_LOOSE_BOX = None
_QUARTER = math.pi / 2


@dataclass(slots=True)
class _Frame:
    """Where words are laid out: the page turned so that its text reads left to right, top
    to bottom (origin top-left, in points), whatever the page's /Rotate and the direction
    the text is drawn in.

    `quarter`: how far the text is turned in the file's own coordinates (quarter turns
    counter-clockwise, from the characters' angles); `turns`: how far the upright frame is
    from the page as displayed (after /Rotate), 0 for an ordinary page."""

    quarter: int
    turns: int
    left: float
    bottom: float
    right: float
    top: float

    @property
    def width(self) -> float:
        return self.right - self.left if self.quarter % 2 == 0 else self.top - self.bottom

    @property
    def height(self) -> float:
        return self.top - self.bottom if self.quarter % 2 == 0 else self.right - self.left

    @classmethod
    def of(cls, page, raw_textpage, count: int) -> "_Frame":
        left, bottom, right, top = page.get_bbox()
        quarter = _text_quarter(raw_textpage, count)
        rotation = (page.get_rotation() // 90) % 4     # /Rotate: clockwise as displayed
        return cls(quarter, (quarter - rotation) % 4, left, bottom, right, top)

    def convert(self, l: float, t: float, r: float, b: float) -> tuple[float, float, float, float]:
        """A character box in file coordinates (left, top, right, bottom; y up) ->
        (x0, top, x1, bottom) in the upright frame."""
        q = self.quarter
        if q == 0:
            return l - self.left, self.top - t, r - self.left, self.top - b
        if q == 1:      # text reading upwards
            return b - self.bottom, l - self.left, t - self.bottom, r - self.left
        if q == 2:      # upside down
            return self.right - r, b - self.bottom, self.right - l, t - self.bottom
        return self.top - t, self.right - r, self.top - b, self.right - l   # reading downwards


def _text_quarter(raw, count: int) -> int:
    """The direction most of the page's text is drawn in, in quarter turns counter-clockwise:
    the characters' angles at a few places spread over the page (most pages: all 0)."""
    import pypdfium2.raw as pdfium_c

    votes = [0, 0, 0, 0]
    for i in range(0, max(count, 0), max(1, count // 24)):
        if pdfium_c.FPDFText_GetUnicode(raw, i) <= 32:     # spaces, generated breaks
            continue
        angle = pdfium_c.FPDFText_GetCharAngle(raw, i)     # radians, clockwise
        if angle >= 0:
            votes[-round(angle / _QUARTER) % 4] += 1
    return max(range(4), key=votes.__getitem__) if any(votes) else 0


def _to_display(lines: list[Line], frame: _Frame) -> None:
    """Boxes of lines built in the upright frame -> boxes on the page as displayed, where the
    text runs sideways or upside down (the frame turned `frame.turns` quarters back)."""
    fw, fh, turns = frame.width, frame.height, frame.turns

    def turn(box: Optional[Box]) -> Optional[Box]:
        if box is None:
            return None
        x0, top, x1, bottom = box.x0, box.top, box.x1, box.bottom
        if turns == 1:      # the text reads upwards on the displayed page
            return _box(top, fw - x1, bottom, fw - x0)
        if turns == 2:
            return _box(fw - x1, fh - bottom, fw - x0, fh - top)
        return _box(fh - bottom, x0, fh - top, x1)      # reads downwards

    for line in lines:
        line.box = turn(line.box)
        for word in line.words:
            word.box = turn(word.box)


def _page_words(page) -> tuple[list[_Word], _Frame]:
    """The page's words with boxes in its upright frame (points, top-left origin), in the
    file's text order, and that frame."""
    import pypdfium2.raw as pdfium_c

    global _LOOSE_BOX
    if _LOOSE_BOX is None:
        _LOOSE_BOX = _untyped(pdfium_c.FPDFText_GetLooseCharBox)
    textpage = page.get_textpage()
    try:
        raw = textpage.raw
        count = pdfium_c.FPDFText_CountChars(raw)
        frame = _Frame.of(page, raw, count)
        if count <= 0:
            return [], frame
        text = textpage.get_text_range(0, count)
        if len(text) != count:      # characters outside the BMP: read them one by one
            text = "".join(chr(pdfium_c.FPDFText_GetUnicode(raw, i) or 32) for i in range(count))
        if frame.quarter == 0:
            return _upright_words(raw, text, frame.left, frame.top, frame), frame
        return _turned_words(raw, text, frame), frame
    finally:
        textpage.close()


# pdfium marks word and line ends with (generated) spaces and line breaks, so the box of a
# word is that of its first and last characters; a word whose two ends disagree (two lines,
# or a gap no space marks) is taken apart character by character. The two functions below
# do the same, one for text drawn upright (nearly every page: written out for speed), one
# for text drawn turned.
def _upright_words(raw, text: str, left: float, top_y: float, frame: _Frame) -> list[_Word]:
    import pypdfium2.raw as pdfium_c

    rect = pdfium_c.FS_RECTF()
    ref = ctypes.byref(rect)
    box = memoryview(rect).cast("B").cast("f")      # left, top, right, bottom
    get_box = _LOOSE_BOX
    words: list[_Word] = []
    append = words.append
    for m in _WORD_RUN.finditer(text):
        i, end = m.span()
        j = end - 1
        if not get_box(raw, i, ref):
            continue
        x0, t, x1, b = box
        x0, x1, top, bottom = x0 - left, x1 - left, top_y - t, top_y - b
        if j != i:
            if not get_box(raw, j, ref):
                continue
            _, t, x1, b = box
            x1, t, b = x1 - left, top_y - t, top_y - b
            h = bottom - top
            if abs(t - top) > 0.5 * h or x1 < x0 or x1 - x0 > (j - i + 1) * 1.3 * h:
                _split_chars(raw, rect, text[i:end], i, frame, append)
                continue
            if t < top:
                top = t
            if b > bottom:
                bottom = b
        if bottom > top:
            word = text[i:end]
            if word[-1] == "\ufffe":   # the run's only place for one
                word = word[:-1] + "-"
            append(_Word(word, x0, top, x1, bottom))
    return words


def _turned_words(raw, text: str, frame: _Frame) -> list[_Word]:
    import pypdfium2.raw as pdfium_c

    rect = pdfium_c.FS_RECTF()
    ref = ctypes.byref(rect)
    box = memoryview(rect).cast("B").cast("f")
    get_box, convert = _LOOSE_BOX, frame.convert
    words: list[_Word] = []
    for m in _WORD_RUN.finditer(text):
        i, end = m.span()
        j = end - 1
        if not get_box(raw, i, ref):
            continue
        x0, top, x1, bottom = convert(*box)
        if j != i:
            if not get_box(raw, j, ref):
                continue
            _, t, x1, b = convert(*box)
            h = bottom - top
            if abs(t - top) > 0.5 * h or x1 < x0 or x1 - x0 > (j - i + 1) * 1.3 * h:
                _split_chars(raw, rect, text[i:end], i, frame, words.append)
                continue
            top, bottom = min(top, t), max(bottom, b)
        if bottom > top:
            word = text[i:end]
            if word[-1] == "\ufffe":
                word = word[:-1] + "-"
            words.append(_Word(word, x0, top, x1, bottom))
    return words


def _split_chars(raw, rect, text: str, start: int, frame: _Frame, emit) -> None:
    """Words of one run of characters, cut where the characters' boxes jump. A run drawn in
    another direction than the page's text (a note up the margin, a turned stamp) is left
    out: in the page's frame it would come apart into a letter a line."""
    import pypdfium2.raw as pdfium_c

    angle = pdfium_c.FPDFText_GetCharAngle(raw, start)
    if angle >= 0 and -round(angle / _QUARTER) % 4 != frame.quarter:
        return
    ref = ctypes.byref(rect)
    get_box, convert = _LOOSE_BOX, frame.convert
    found: list[_Word] = []
    cur: list[str] = []
    x0 = top = x1 = bottom = 0.0
    for k, ch in enumerate(text):
        if not get_box(raw, start + k, ref):
            continue
        cx0, ctop, cx1, cbottom = convert(rect.left, rect.top, rect.right, rect.bottom)
        if cur:
            h = bottom - top
            if abs((ctop + cbottom) - (top + bottom)) > h or cx0 < x0 - 1 or cx0 - x1 > 0.3 * h:
                found.append(_Word("".join(cur), x0, top, x1, bottom))
                cur = []
        if not cur:
            x0, top, x1, bottom = cx0, ctop, cx1, cbottom
        else:
            x1, top, bottom = max(x1, cx1), min(top, ctop), max(bottom, cbottom)
        cur.append(ch)
    if cur:
        found.append(_Word("".join(cur), x0, top, x1, bottom))
    for w in found:
        if w.bottom > w.top:
            w.text = w.text.replace("\ufffe", "-")
            emit(w)


_BAD = regex.compile(r"[^\p{Latin}\p{N}\p{P}\p{S}\p{M}\s]|\ufffd")


def _bad_ratio(text: str) -> float:
    """Share of characters no Vietnamese text layer has: replacement marks, private-use
    glyph codes, control characters, other scripts (a font without a Unicode map)."""
    visible = len(text) - text.count(" ") - text.count("\n")
    if visible <= 0:
        return 1.0
    return len(_BAD.findall(text)) / visible


_TOKEN = regex.compile(r"\p{L}{2,}")


def _text_stats(text: str) -> tuple[int, float, float, int]:
    """(words, share with a non-ASCII letter, share of lower-case words that are well-formed
    Vietnamese syllables, lower-case words)."""
    tokens = _TOKEN.findall(text)
    if not tokens:
        return 0, 0.0, 0.0, 0
    marked = sum(1 for t in tokens if not t.isascii()) / len(tokens)
    lower = [t for t in tokens if t.islower()]
    wellformed = sum(map(legacy.syllable_ok, lower)) / len(lower) if lower else 0.0
    return len(tokens), marked, wellformed, len(lower)


def poor_vietnamese(text: str) -> bool:
    """A text layer of Vietnamese that lost its diacritics or reads as broken syllables:
    Vietnamese has a tone or vowel mark on most words (0.7-0.9 of them on real pages, all
    syllables well-formed); an old OCR layer has 0.0-0.35, a quarter of syllables broken."""
    tokens = _TOKEN.findall(text)
    if len(tokens) < 30:
        return False
    if sum(1 for t in tokens if not t.isascii()) >= 0.5 * len(tokens):
        return False        # the common case, decided without the syllable check
    words, marked, wellformed, lower = _text_stats(text)
    return marked < 0.3 or (lower >= 20 and wellformed < 0.9)


def _quality(text: str) -> float:
    words, marked, wellformed, _ = _text_stats(text)
    return 0.0 if words == 0 else marked + wellformed


def _image_boxes(page):
    import pypdfium2.raw as pdfium_c

    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=2):
        try:
            yield obj.get_bounds()
        except Exception:   # an image without bounds is no scan
            continue


def _has_image(page) -> bool:
    return next(iter(_image_boxes(page)), None) is not None


def _mostly_image(page, width: float, height: float) -> bool:
    area = max(width * height, 1.0)
    for left, bottom, right, top in _image_boxes(page):
        if (right - left) * (top - bottom) >= 0.5 * area:
            return True
    return False


# --- words -> rows -> lines ----------------------------------------------------------------
def _rows(words: list[_Word]) -> list[_Row]:
    """Words grouped into rows by vertical overlap, top to bottom, each sorted left to right."""
    rows: list[_Row] = []
    words = sorted(words, key=_BY_CENTRE)
    if not words:
        return rows
    first = words[0]
    row = _Row([first], top=first.top, bottom=first.bottom)
    rows.append(row)
    row_words, row_top, row_bottom = row.words, first.top, first.bottom
    # (comparisons, not min()/max(): this loop runs once a word)
    for w in words[1:]:
        top, bottom = w.top, w.bottom
        h = bottom - top
        if row_bottom - row_top < h:
            h = row_bottom - row_top
        overlap = (bottom if bottom < row_bottom else row_bottom) - (top if top > row_top else row_top)
        if overlap >= 0.5 * h:
            row_words.append(w)
            if top < row_top:
                row.top = row_top = top
            if bottom > row_bottom:
                row.bottom = row_bottom = bottom
            continue
        row = _Row([w], top=top, bottom=bottom)
        rows.append(row)
        row_words, row_top, row_bottom = row.words, top, bottom
    by_x = _BY_X0
    for r in rows:
        if len(r.words) > 1:
            r.words.sort(key=by_x)
    return rows


def _BY_CENTRE(w: _Word) -> tuple[float, float]:
    return (w.top + w.bottom, w.x0)


def _BY_X0(w: _Word) -> float:
    return w.x0


def _split_row(row: _Row, width: float) -> None:
    """Cut a row in two at its widest gap when that gap parts a left and a right column."""
    words = row.words
    row.segments = [_Segment(words)]
    if len(words) < 2:
        return
    gaps = [b.x0 - a.x1 for a, b in zip(words, words[1:])]
    widest = max(gaps)
    h = row.bottom - row.top
    if widest < max(0.9 * h, 9.0):
        return
    k = gaps.index(widest)
    # a column gap is several times the row's usual word gap
    if widest < (4 * median(gaps) if len(gaps) > 2 else 1.2 * h):
        return
    left, right = _Segment(words[:k + 1]), _Segment(words[k + 1:])
    # the two sides must stand in the two halves: a wide gap inside one column (a blank
    # number 'Số:      /UBND', a blank date 'ngày     tháng') is no column gap
    if left.x0 < 0.35 * width and left.x1 < 0.7 * width and right.x0 > 0.3 * width \
            and right.x1 > 0.6 * width:
        left.column, right.column = "left", "right"
        row.segments = [left, right]


def _side(seg: _Segment, spans: dict[str, list[_Segment]]) -> Optional[str]:
    """Which column a one-piece row stands in: left if it ends before the right column
    begins, right if it begins after the left column ends, None if it crosses the gap."""
    right_starts = min(s.x0 for s in spans["right"])
    left_ends = max(s.x1 for s in spans["left"])
    left = seg.x1 <= right_starts - 4
    right = seg.x0 >= left_ends + 4
    if left and right:     # a short piece in the gap: the nearer column
        centre = (seg.x0 + seg.x1) / 2
        return "left" if centre - left_ends < right_starts - centre else "right"
    return "left" if left else "right" if right else None


def _bands(rows: list[_Row], page_number: int, height: float, width: float) -> list[tuple[int, int]]:
    """(first, last) of each run of rows laid out in two columns, to be read column by column.

    A band starts at a row cut in two and takes in the rows around it that stand in one of
    its columns. Only the header band (top of page 1) and foot bands (a Nơi nhận or an
    authority line TM./KT./TL. in them) are kept: a table row with a wide gap elsewhere is
    read row by row. Every segment of a kept band has its `column` set."""
    out: list[tuple[int, int]] = []
    heights = [r.bottom - r.top for r in rows]
    h = median(heights) if heights else 12.0
    i = 0
    while i < len(rows):
        row = rows[i]
        if not row.split:
            i += 1
            continue
        header = page_number == 1 and row.top < 0.45 * height
        spans = {"left": [row.segments[0]], "right": [row.segments[1]]}

        def fits(seg: _Segment, side: str) -> bool:
            """In the header a one-column row must stand within the span its column's lines
            already cover ('Kính gửi' or a recipients line further out is no header line)."""
            if _KINH_GUI.match(fold(seg.text)):
                return False
            if not header:
                return True
            x0 = min(s.x0 for s in spans[side]) - 12
            x1 = max(s.x1 for s in spans[side]) + 12
            if x0 <= seg.x0 and seg.x1 <= x1:
                return True
            # a wrapped V/v line wider than the issuer's lines, centred under them
            centre = (seg.x0 + seg.x1) / 2
            return side == "left" and x0 <= centre <= x1 and seg.x1 <= 0.6 * width

        singles: list[tuple[_Segment, str]] = []
        # backwards: one-column rows just above (the third line of a long issuer name)
        first = i
        while first > 0 and not (out and first - 1 <= out[-1][1]):
            prev = rows[first - 1]
            side = None if prev.split else _side(prev.segments[0], spans)
            if side is None or not fits(prev.segments[0], side):
                break
            if not header and rows[first].top - prev.bottom > 1.6 * h:
                break
            spans[side].append(prev.segments[0])
            singles.append((prev.segments[0], side))
            first -= 1
        last = i
        j = i + 1
        while j < len(rows):
            nxt = rows[j]
            gap = nxt.top - rows[last].bottom
            if nxt.split:
                # the same two columns: its left part ends before the band's right column
                # starts, its right part starts after the band's left column ends
                left, right = nxt.segments
                if (left.x1 >= min(s.x0 for s in spans["right"]) or right.x0 <= max(s.x1 for s in spans["left"])
                        or (not header and gap > 3 * h)):
                    break
                spans["left"].append(nxt.segments[0])
                spans["right"].append(nxt.segments[1])
                last = j
                j += 1
                continue
            seg = nxt.segments[0]
            side = _side(seg, spans)
            if side is None or not fits(seg, side):
                break
            close = gap <= (2.5 if header else 1.6) * h
            if not close and side == "right":
                # the signer's name stands under the signature block, after the space for the
                # hand signature: it belongs if it is centred under the right column
                close = _under_right(seg, spans) and gap <= 9 * h
            elif not close and not header:
                # a gap in the Nơi nhận list ends no band while the signature block goes on
                # beside and below it: the band ends with the right column's block
                close = _right_goes_on(rows, j, spans, h)
            if not close:
                break
            spans[side].append(seg)
            singles.append((seg, side))
            last = j
            j += 1
        if not header:
            right = {id(seg) for seg, side in singles if side == "right"}
            first, last = _trim_left_runs(rows, first, last, h, right)
            kept = {id(seg) for r in rows[first:last + 1] for seg in r.segments}
            singles = [(seg, side) for seg, side in singles if id(seg) in kept]
        band = rows[first:last + 1]
        cue = any(_FOOT_CUE.match(fold(s.text)) for r in band for s in r.segments) or (
            # a distribution list beside an upper-case position (BỘ TRƯỞNG, GIÁM ĐỐC …)
            any(r.split and _BULLET.match(r.segments[0].text) for r in band)
            and any(r.split and _upper(r.segments[1].text) for r in band))
        if header or cue:
            out.append((first, last))
            for seg, side in singles:
                seg.column = side
        i = last + 1
    return out


def _under_right(seg: _Segment, spans: dict[str, list[_Segment]]) -> bool:
    """`seg` stands centred under the band's right column (a signer's name)."""
    r0 = min(s.x0 for s in spans["right"])
    r1 = max(s.x1 for s in spans["right"])
    return abs((seg.x0 + seg.x1) / 2 - (r0 + r1) / 2) <= 0.25 * (r1 - r0) + 10


def _right_goes_on(rows: list[_Row], j: int, spans: dict[str, list[_Segment]], h: float) -> bool:
    """Whether, below row `j` and past left-column rows only, a line stands centred under the
    band's right column within a hand signature's space of its last line."""
    right_bottom = max(s.bottom for s in spans["right"])
    for k in range(j + 1, min(len(rows), j + 16)):
        row = rows[k]
        seg = row.segments[-1]
        side = "right" if row.split else _side(seg, spans)
        if side == "left":
            continue
        return side == "right" and _under_right(seg, spans) and row.top - right_bottom <= 9 * h
    return False


def _trim_left_runs(rows: list[_Row], first: int, last: int, h: float,
                    right: set[int]) -> tuple[int, int]:
    """(first, last) of a foot band cut to its two-column part and the left column's own run.

    Above the right column's first line and below its last, the band holds only left-column
    rows; they belong while the left column keeps its line spacing. A paragraph gap there
    parts the Nơi nhận list from what is not in it: the body's last lines above, an attached
    form or an appendix title below. Taken into the left column, those would be read before
    the signature block that stands level with the list. (`right`: ids of the band's
    one-column rows' segments that stand in the right column.)"""
    two = [k for k in range(first, last + 1) if rows[k].split or id(rows[k].segments[0]) in right]
    top, bottom = two[0], two[-1]
    # the usual gap between the band's rows where both columns run
    gaps = [b.top - a.bottom for a, b in zip(rows[top:bottom], rows[top + 1:bottom + 1])]
    limit = (max(median(gaps), 0.0) if gaps else 0.0) + 0.45 * h
    # gaps in the left column: from its own line nearest above (below), not from a line of
    # the signature block that ends lower (starts higher)
    left = [k for k in range(first, last + 1) if rows[k].split or id(rows[k].segments[0]) not in right]
    for a, b in zip(left, left[1:]):
        if b > bottom and rows[b].top - rows[a].bottom > limit:
            last = a if a > bottom else bottom
            break
    for a, b in zip(reversed(left[:-1]), reversed(left[1:])):
        if a < top and rows[b].top - rows[a].bottom > limit:
            first = b if b < top else top
            break
    return first, last


_BULLET = regex.compile(r"^\s*[-~+•–*]")


def _upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and sum(c.isupper() for c in letters) >= 0.9 * len(letters)


def lines_from_words(words: list[_Word], page_number: int, width: float, height: float,
                     flow: Optional["_Flow"] = None) -> list[Line]:
    """Rows of words -> the page's lines in reading order, blank lines at paragraph gaps.

    `flow`: what the document's pages read before tell this one (the body's type size, a
    footnote going on from the page before); without it the page is read on its own."""
    rows = _rows(words)
    if not rows:
        return []
    for row in rows:
        _split_row(row, width)
    bands = _bands(rows, page_number, height, width)
    # each output item: segments read in order, and whether it is one column of a band
    items: list[tuple[list[_Segment], bool]] = []
    band_at = dict(bands)
    i = 0
    while i < len(rows):
        if i in band_at:
            last = band_at[i]
            left: list[_Segment] = []
            right: list[_Segment] = []
            for row in rows[i:last + 1]:
                for seg in row.segments:
                    (right if seg.column == "right" else left).append(seg)
            if left:
                items.append((left, True))
            if right:
                items.append((right, True))
            i = last + 1
            continue
        items.append((list(rows[i].segments), False))
        i += 1
    pitch = _usual_gap(rows)
    h = median(r.bottom - r.top for r in rows)
    lines: list[Line] = []
    prev: Optional[_Segment] = None
    for segments, column in items:
        for seg in segments:
            if prev is not None and lines:
                gap = seg.top - prev.bottom
                new_item = column and seg is segments[0]
                same_row = abs(seg.top - prev.top) < 0.5 * h and seg.x0 > prev.x1
                # no blank inside a band's column: the signature's space for the hand-written
                # signature is no paragraph break between the position and the name
                inside = column and seg is not segments[0]
                if not same_row and (new_item or not inside and (gap > pitch + 0.45 * h or gap < -2 * h)):
                    lines.append(Line(text="", page=page_number))
            lines.append(_line(seg, page_number))
            prev = seg
    if flow is None:
        return _page_footnotes(lines, h)
    flow.sizes.append(h)
    return _page_footnotes(lines, median(flow.sizes), flow)


# --- footnotes at the page's foot -----------------------------------------------------------
@dataclass(slots=True)
class _Flow:
    """What is carried from page to page while a document is read.

    `sizes`: each text page's usual line height; their median is the body's type size, which
    a footnote's smaller type is told by (a page of notes carried over, or of notes under a
    long foot, is mostly small type itself). `note_h`: the type height of the footnote that
    ends the page just read (None if none does); `carry`: the same for the page before."""

    sizes: list[float] = field(default_factory=list)
    note_h: Optional[float] = None
    carry: Optional[float] = None


_NOTE_MARK = regex.compile(r"^(?:[1-9]\d{0,2}|\*{1,3})$")


def _word_heights(words) -> list[float]:
    return [w.box.bottom - w.box.top for w in words]


def _note_opener(line: Line, above: list[float], body: float) -> Optional[str]:
    """The marker when `line` opens a footnote: a number in type clearly smaller than the
    note's own, which is itself smaller than the text (the larger of the body's size and the
    usual height of the page's lines above, `above`). Wherever it stands on the page: notes
    follow the text, and a long foot or a page break can put them high on a page."""
    words = line.words
    if len(words) < 4 or line.box is None or not _NOTE_MARK.match(words[0].text):
        return None
    mark_h = words[0].box.bottom - words[0].box.top
    note_h = median(_word_heights(words[1:]))
    if mark_h >= 0.85 * note_h or words[0].box.top > words[1].box.top + 0.3 * note_h:
        return None
    h = max(median(above), body) if above else body
    return words[0].text if note_h < 0.95 * h else None


def _page_footnotes(lines: list[Line], body: float, flow: Optional[_Flow] = None) -> list[Line]:
    """A footnote becomes one '<sup>N</sup> text' line, the form the normalizer reads as a
    footnote (as the DOCX reader writes them): its wrapped lines, in the same small type
    right below, are joined to it. `body`: the body text's line height. A note that runs
    over from the page before (`flow.carry`) goes on in the first lines, in its type: they
    become one line, which the normalizer reads as the note's wrapped text."""
    carried = None
    if flow is not None and flow.carry and flow.carry < 0.95 * body:
        lines, carried = _carried_note(lines, flow.carry, body)
    out = _notes(lines, body)
    if flow is not None:
        # the page ends in a note (or in the carried part of one), a page number aside: it
        # may go on overleaf
        last = next((l for l in reversed(out) if l.text and not l.text.isdigit()), None)
        if last is not None and (last is carried or last.text.startswith("<sup>")):
            words = last.words if last is carried else last.words[1:]
            flow.note_h = median(_word_heights(words))
    return out


def _carried_note(lines: list[Line], note_h: float, body: float) -> tuple[list[Line], Optional[Line]]:
    """The page's first lines in the type of the note that ended the page before, joined
    into one line (and that line), or the lines unchanged (and None)."""
    # a running page number may stand above the carried lines
    start = 1 if lines and lines[0].text.isdigit() else 0
    words, bottom, j = _note_run(lines, start, note_h, body)
    if not words:
        return lines, None
    carried = _joined(lines[start], words, " ".join(w.text for w in words), bottom)
    return lines[:start] + [carried] + lines[j:], carried


def _notes(lines: list[Line], body: float) -> list[Line]:
    """Each footnote on the page (its opener and wrapped lines) as one '<sup>N</sup>' line."""
    above: list[float] = []
    for k, line in enumerate(lines):
        if line.box is not None and _note_opener(line, above, body) is not None:
            break
        if line.box is not None:
            above.append(line.box.bottom - line.box.top)
    else:
        return lines
    h = max(median(above), body) if above else body   # the text above the first note
    out: list[Line] = lines[:k]
    i = k
    while i < len(lines):
        line = lines[i]
        marker = _note_opener(line, [], h)
        if marker is None:
            out.append(line)
            i += 1
            continue
        note_h = median(_word_heights(line.words[1:]))
        more, bottom, i = _note_run(lines, i + 1, note_h, h, line.box.bottom, line.box.x0)
        words = list(line.words) + more
        text = f"<sup>{marker}</sup> " + " ".join(w.text for w in words[1:])
        out.append(_joined(line, words, text, bottom))
    return out


def _note_run(lines: list[Line], j: int, note_h: float, body: float, bottom: Optional[float] = None,
              x0: Optional[float] = None) -> tuple[list[Word], Optional[float], int]:
    """(words, bottom, index after) of the lines from `j` on that go on a note in type
    `note_h`: the same type, no wider gap than a line's below `bottom` (the note's last
    line), not left of `x0` (its opener's start), up to the next note's opener."""
    words: list[Word] = []
    while j < len(lines):
        line = lines[j]
        if not line.words or line.box is None or _note_opener(line, [], body) is not None:
            break
        if abs(median(_word_heights(line.words)) - note_h) > 0.15 * note_h \
                or (bottom is not None and line.box.top - bottom > 0.8 * note_h) \
                or (x0 is not None and line.box.x0 < x0 - 2):
            break
        words.extend(line.words)
        bottom = line.box.bottom
        j += 1
    return words, bottom, j


def _joined(first: Line, words: list[Word], text: str, bottom: float) -> Line:
    """One line of `words` (from `first` on, down to `bottom`) reading `text`."""
    box = _box(min(w.box.x0 for w in words), first.box.top, max(w.box.x1 for w in words), bottom)
    return Line(text=text, page=first.page, words=words, column=first.column, box=box)


def _usual_gap(rows: list[_Row]) -> float:
    gaps = [b.top - a.bottom for a, b in zip(rows, rows[1:]) if b.top - a.bottom > -1]
    return median(gaps) if gaps else 0.0


_FIELDS = frozenset({"x0", "top", "x1", "bottom"})


def _setter(name: str):
    """The slot setter `object.__setattr__(box, name, v)` finds on Box, looked up once:
    calling it directly costs half as much (the reader sets four a box, ~400 boxes a page)."""
    for klass in Box.__mro__:
        descriptor = klass.__dict__.get(name)
        if descriptor is not None and hasattr(descriptor, "__set__"):
            return descriptor.__set__
    return lambda obj, value: object.__setattr__(obj, name, value)


_SET_DICT, _SET_FIELDS, _SET_EXTRA, _SET_PRIVATE = (
    _setter(n) for n in ("__dict__", "__pydantic_fields_set__", "__pydantic_extra__", "__pydantic_private__"))


def _box(x0: float, top: float, x1: float, bottom: float) -> Box:
    """A `Box` without validation: the reader makes thousands a page, all plain floats, and
    pydantic's own `model_construct` costs more than the rest of the reader. The same four
    slots `model_construct` fills."""
    box = object.__new__(Box)
    _SET_DICT(box, {"x0": x0, "top": top, "x1": x1, "bottom": bottom})
    _SET_FIELDS(box, _FIELDS)
    _SET_EXTRA(box, None)
    _SET_PRIVATE(box, None)
    return box


def _line(seg: _Segment, page_number: int) -> Line:
    # `_box` written out: this runs once a word
    new, cls, fields = object.__new__, Box, _FIELDS
    set_dict, set_fields, set_extra, set_private = _SET_DICT, _SET_FIELDS, _SET_EXTRA, _SET_PRIVATE
    words = []
    for w in seg.words:
        box = new(cls)
        set_dict(box, {"x0": w.x0, "top": w.top, "x1": w.x1, "bottom": w.bottom})
        set_fields(box, fields)
        set_extra(box, None)
        set_private(box, None)
        words.append(Word(w.text, box))
    return Line(text=seg.text, page=page_number, words=words, column=seg.column,
                box=_box(seg.x0, seg.top, seg.x1, seg.bottom))
