"""OCR of one page image with Tesseract 5 (Vietnamese) -> a `layout.Page`.

Steps: grey image in which coloured ink (red stamps, blue signatures) fades, uneven lighting
divided out -> skew estimated on a small copy and corrected (at scan resolution, strongly
coloured pixels turned to paper) -> small text upscaled to ~300 dpi line heights ->
`tesseract` (TSV: words with boxes; wide rows of ink it skipped read again as blocks; a page
read upside down or sideways turned by OSD) -> words grouped into rows -> rows of a two-column zone
(issuing body | motto, Số | date, Nơi nhận | signature) split at their widest middle gap and
emitted column by column, the order the segmenter expects of text input.

Tesseract runs as a direct subprocess fed an uncompressed PGM on stdin: measured against
the raw CLI this adds the least (no PNG encode, no wrapper); `OMP_THREAD_LIMIT=1` makes
Tesseract 5 ~10x faster on small machines (its OpenMP threads spin against each other).
"""
from __future__ import annotations

import functools
import os
import shutil
import subprocess
from dataclasses import dataclass
from statistics import median
from typing import Optional

import numpy as np
import regex
from PIL import Image, ImageChops, ImageFilter, ImageOps

from ..errors import CorruptFileError, OCRUnavailableError
from ..layout import Line, Page, Word
from ..models import Box
from ..vntext import fold

LANG = os.environ.get("DISPATCH_PARSER_OCR_LANG", "vie")
TESSDATA_DIRS = ("/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata",
                 "/usr/share/tessdata", "/usr/local/share/tessdata")
INSTALL_HINT = "install it with `apt-get install tesseract-ocr tesseract-ocr-vie` (Debian/Ubuntu)"
OCR_TIMEOUT = 120           # seconds per page: a stuck Tesseract must not hang parse()
TARGET_LINE_PX = 34         # ink height of a text line to upscale small text to (on a real scan with
                            # ground truth 34 read better than 28 and 44, and is faster than 44)
MAX_UPSCALE = 4.0
MAX_SKEW = 8.0              # degrees searched by the deskew step


@dataclass
class OCRWord:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    conf: float
    key: tuple          # Tesseract's (block, paragraph, line)


# --- Tesseract availability -------------------------------------------------------------
@functools.lru_cache(maxsize=1)
def tesseract_command() -> str:
    """The tesseract binary, checked once; raises OCRUnavailableError naming the fix."""
    exe = shutil.which("tesseract")
    if exe is None:
        raise OCRUnavailableError(f"this input needs OCR but the `tesseract` program is not on "
                                  f"PATH; {INSTALL_HINT}")
    langs = _languages(exe)
    if LANG not in langs:
        where = _tessdata_dir() or TESSDATA_DIRS[0]
        raise OCRUnavailableError(f"Tesseract has no Vietnamese model ({where}/{LANG}.traineddata "
                                  f"is missing); {INSTALL_HINT}")
    return exe


def _languages(exe: str) -> set[str]:
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30,
                             env=_env()).stdout
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise OCRUnavailableError(f"`tesseract --list-langs` failed ({exc}); {INSTALL_HINT}")
    return {l.strip() for l in out.splitlines()[1:] if l.strip()}


def _tessdata_dir() -> Optional[str]:
    prefix = os.environ.get("TESSDATA_PREFIX")
    for d in ((prefix,) if prefix else ()) + TESSDATA_DIRS:
        if d and os.path.isdir(d):
            return d
    return None


def _env() -> dict:
    env = dict(os.environ)
    env["OMP_THREAD_LIMIT"] = "1"
    return env


def ocr_available() -> bool:
    try:
        tesseract_command()
        return True
    except OCRUnavailableError:
        return False


# --- image preparation ------------------------------------------------------------------
def to_grey(image: Image.Image) -> Image.Image:
    """Grey image in which only dark (black) ink stays dark.

    The brightest channel of each pixel is kept: black type is dark in all three channels,
    while a red stamp or a blue signature is bright in one of them, so it fades instead of
    turning into garbage words over the signer's typed name (black type under a stamp stays
    dark). PIL's C operations keep this ~10x faster than numpy on a 300 dpi page.
    """
    if image.mode == "P" and "transparency" not in image.info:
        image = image.convert("RGB")            # no alpha to flatten: the cheap way
    if image.mode in ("RGBA", "LA", "P", "PA"):
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = Image.alpha_composite(background, rgba)
    if image.mode in ("1", "I", "I;16", "F"):
        image = image.convert("L")
    if image.mode == "L":
        return image
    r, g, b = image.convert("RGB").split()
    return ImageChops.lighter(ImageChops.lighter(r, g), b)


def colour_wash(image: Image.Image, grey: Image.Image) -> Image.Image:
    """`grey` with the pixels that are strongly coloured in `image` turned to paper.

    A faint stamp ring left by `to_grey` still makes Tesseract's layout analysis drop the
    text lines it touches. Only used at scan resolution: on low-resolution colour images the
    anti-aliased glyph edges are coloured too, and washing them cost digits and diacritics
    (measured on the real scans).
    """
    if image.mode not in ("RGB", "RGBA", "P", "PA", "CMYK", "YCbCr"):
        return grey
    r, g, b = image.convert("RGB").split()
    darkest = ImageChops.darker(ImageChops.darker(r, g), b)
    colourful = ImageChops.subtract(grey, darkest).point(lambda v: 255 if v > 60 else 0)
    light = grey.point(lambda v: 255 if v >= 140 else 0)
    paper = int(_levels(grey)[1])      # paper, not white: a white ring on grey paper is an edge
    return Image.composite(Image.new("L", grey.size, paper), grey, ImageChops.multiply(colourful, light))


def flatten_lighting(grey: Image.Image, spread: int = 25) -> Image.Image:
    """Divide out uneven lighting (phone photos: shadows, a bright corner).

    The paper's brightness is estimated on an 8x smaller copy (max filter over the text,
    then blurred); when it varies by more than `spread` grey levels the page is divided by
    it. Evenly lit scans are left alone (flattening them cost a little accuracy).
    """
    small = grey.resize((max(1, grey.width // 8), max(1, grey.height // 8)), Image.BILINEAR)
    background = small.filter(ImageFilter.MaxFilter(5)).filter(ImageFilter.GaussianBlur(4))
    levels = np.asarray(background)
    if levels.size < 16 or np.percentile(levels, 95) - np.percentile(levels, 5) <= spread:
        return grey
    full = np.maximum(np.asarray(background.resize(grey.size, Image.BILINEAR), dtype=np.float32), 1.0)
    flat = np.asarray(grey, dtype=np.float32) / full * 245.0
    return Image.fromarray(np.clip(flat, 0, 255).astype(np.uint8), "L")


def _levels(grey: Image.Image) -> tuple[float, float]:
    """(ink, paper) grey levels: the 1st and 90th percentiles of the histogram."""
    hist = grey.histogram()[:256]
    total = sum(hist) or 1
    ink = paper = None
    seen = 0
    for level, count in enumerate(hist):
        seen += count
        if ink is None and seen >= 0.01 * total:
            ink = level
        if seen >= 0.90 * total:
            paper = level
            break
    return float(ink or 0), float(paper if paper is not None else 255)


def _ink_threshold(grey: Image.Image) -> Optional[float]:
    """Grey level halfway between ink and paper; None for a blank or uniform image."""
    ink, paper = _levels(grey)
    if paper - ink < 40:
        return None
    return (paper + ink) / 2


def estimate_skew(grey: Image.Image) -> tuple[float, float]:
    """(angle in degrees to rotate by, median text-line height in pixels of `grey`).

    Projects the ink of a small copy onto the vertical axis at candidate angles; rows of text
    give the sharpest profile (largest sum of squares) when they lie level.
    """
    scale = min(1.0, 900 / max(grey.size))
    small = grey.resize((max(1, int(grey.width * scale)), max(1, int(grey.height * scale))),
                        Image.BILINEAR) if scale < 1 else grey
    threshold = _ink_threshold(small)
    if threshold is None:
        return 0.0, 0.0
    mask = np.asarray(small) < threshold
    ys, xs = np.nonzero(mask)
    if len(ys) < 50:
        return 0.0, 0.0
    if len(ys) > 150_000:
        pick = np.random.default_rng(0).choice(len(ys), 150_000, replace=False)
        ys, xs = ys[pick], xs[pick]
    ys = ys.astype(np.float64)
    xs = xs.astype(np.float64) - small.width / 2

    def sharpness(deg: float) -> float:
        t = np.radians(deg)
        proj = np.round(ys * np.cos(t) + xs * np.sin(t)).astype(np.int64)
        proj -= proj.min()
        counts = np.bincount(proj)
        return float(np.dot(counts, counts))

    coarse = np.arange(-MAX_SKEW, MAX_SKEW + 0.01, 0.5)
    best = max(coarse, key=sharpness)
    fine = np.arange(best - 0.5, best + 0.51, 0.1)
    best = float(max(fine, key=sharpness))
    # line height from the level profile: runs of rows that carry ink
    t = np.radians(best)
    proj = np.round(ys * np.cos(t) + xs * np.sin(t)).astype(np.int64)
    proj -= proj.min()
    counts = np.bincount(proj)
    inked = counts > max(2, 0.02 * small.width)
    runs, run = [], 0
    for v in inked:
        if v:
            run += 1
        elif run:
            runs.append(run)
            run = 0
    runs = [r for r in runs if r >= 2]
    height = float(median(runs)) / scale if len(runs) >= 3 else 0.0
    return best, height


def despeckle(grey: Image.Image, max_pixels: int = 6) -> Image.Image:
    """Isolated dark specks (scanner dust, toner dots) painted over with paper.

    Tesseract's page layout analysis turns specks near text into image regions and loses the
    words beside them; a dark pixel with at most `max_pixels` dark pixels in its 5x5 window is
    no part of a glyph at 300 dpi (an i-dot or a period has ~25).
    """
    threshold = _ink_threshold(grey)
    if threshold is None:
        return grey
    dark = grey.point(lambda v: 255 if v < threshold else 0)
    density = dark.filter(ImageFilter.BoxBlur(2))          # mean of the 5x5 window
    limit = int(255 * max_pixels / 25)
    specks = ImageChops.multiply(dark, density.point(lambda v: 255 if v <= limit else 0))
    paper = int(_levels(grey)[1])
    return Image.composite(Image.new("L", grey.size, paper), grey, specks)


def prepare(image: Image.Image) -> tuple[Image.Image, float, float]:
    """(grey, deskewed, upscaled image; the scale applied; the skew angle corrected)."""
    grey = flatten_lighting(to_grey(image))
    angle, line_px = estimate_skew(grey)
    if line_px >= TARGET_LINE_PX * 0.7:
        grey = colour_wash(image, grey)
    if abs(angle) >= 0.2:
        # rotating by +angle turns the text rows level (PIL rotates counter-clockwise)
        grey = grey.rotate(-angle, resample=Image.BILINEAR, expand=True, fillcolor=255)
    scale = 1.0
    if 0 < line_px < TARGET_LINE_PX * 0.7:
        scale = min(MAX_UPSCALE, TARGET_LINE_PX / line_px)
        grey = grey.resize((int(grey.width * scale), int(grey.height * scale)), Image.LANCZOS)
    return despeckle(grey), scale, angle


# --- running Tesseract -----------------------------------------------------------------
def run_tesseract(grey: Image.Image, dpi: int, psm: int = 3, extra: tuple = ()) -> str:
    """Tesseract's output for a grey image passed as PGM on stdin."""
    exe = tesseract_command()
    header = f"P5\n{grey.width} {grey.height}\n255\n".encode()
    data = header + grey.tobytes()
    cmd = [exe, "stdin", "stdout", "-l", LANG, "--psm", str(psm), "--dpi", str(max(70, int(dpi))),
           *extra]
    try:
        proc = subprocess.run(cmd, input=data, capture_output=True, timeout=OCR_TIMEOUT, env=_env())
    except subprocess.TimeoutExpired:
        raise CorruptFileError(f"Tesseract took over {OCR_TIMEOUT} s on one page; "
                               "check the image (is it a document page?)")
    except OSError as exc:
        raise OCRUnavailableError(f"cannot run tesseract ({exc}); {INSTALL_HINT}")
    if proc.returncode != 0:
        raise CorruptFileError(f"Tesseract could not read the page image: "
                               f"{proc.stderr.decode(errors='replace').strip()[:200]}")
    return proc.stdout.decode("utf-8", errors="replace")


def parse_tsv(tsv: str) -> list[OCRWord]:
    words = []
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5":
            continue
        text = cols[11].strip()
        if not text:
            continue
        try:
            left, top, width, height = (int(c) for c in cols[6:10])
            conf = float(cols[10])
        except ValueError:
            continue
        words.append(OCRWord(text, left, top, left + width, top + height, conf,
                             (int(cols[2]), int(cols[3]), int(cols[4]))))
    return words


def detect_rotation(grey: Image.Image, dpi: int) -> int:
    """Degrees (0, 90, 180, 270) the page must be turned clockwise, from Tesseract's OSD."""
    try:
        out = run_tesseract(grey, dpi, psm=0)
    except CorruptFileError:       # OSD gives up on pages with too little text
        return 0
    m = regex.search(r"Rotate:\s*(\d+)", out)
    conf = regex.search(r"Orientation confidence:\s*([\d.]+)", out)
    if m and conf and float(conf.group(1)) >= 1.0:
        return int(m.group(1)) % 360
    return 0


def _quality(words: list[OCRWord]) -> float:
    """Confident letters read: what a better orientation improves."""
    return sum(len(w.text) for w in words if w.conf >= 60 and regex.search(r"\p{L}{2}", w.text))


def read_words(grey: Image.Image, dpi: int) -> list[OCRWord]:
    """Tesseract's words of `grey`, read with a margin of paper around it.

    Text touching the image edge loses its outer glyphs ('năm 2011' at a photo's right edge
    read as 'năm 201'); the margin costs little. Boxes are in `grey`'s pixels.
    """
    pad = max(8, min(40, int(0.01 * max(grey.size))))
    padded = ImageOps.expand(grey, pad, fill=int(_levels(grey)[1]))
    words = parse_tsv(run_tesseract(padded, dpi, extra=("tsv",)))
    for w in words:
        w.x0, w.x1, w.top, w.bottom = w.x0 - pad, w.x1 - pad, w.top - pad, w.bottom - pad
    return words


@dataclass
class PageRead:
    """Tesseract's words of a page image and the frame their boxes are in."""

    words: list[OCRWord]
    image: Image.Image       # the prepared image the boxes refer to
    scale: float             # its enlargement over the input image
    skew: float = 0.0        # counter-clockwise degrees the input was rotated by to level rows
    turn: int = 0            # then clockwise degrees that made the text upright


_LETTER = regex.compile(r"\p{L}")
SKIPPED_BINS = 48            # columns of the ink map for finding text rows Tesseract skipped
MAX_SKIPPED_BANDS = 6       # bounded extra work per page


def skipped_bands(grey: Image.Image, words: list[OCRWord]) -> list[tuple[int, int]]:
    """(top, bottom) pixel bands holding wide rows of ink that no word covers.

    Tesseract's page layout analysis now and then takes a whole paragraph for a picture
    (handwriting in the margin beside it, a stamp across it) and returns no words for it.
    A body text row inks most of the page's width; a signature, a stamp or a rule does not
    (or is too thin), so only wide uncovered rows at least half a text line tall count.
    """
    threshold = _ink_threshold(grey)
    if threshold is None or not words:
        return []
    ink = np.asarray(grey) < threshold
    h, w = ink.shape
    bins = SKIPPED_BINS
    width = w // bins
    if width < 4 or h < 50:
        return []
    inked = ink[:, :width * bins].reshape(h, bins, width).any(axis=2)
    inked[:, :2] = inked[:, -2:] = False            # scanner edges, margin notes
    covered = np.zeros_like(inked)
    heights = []
    for word in words:
        if not _LETTER.search(word.text):
            continue
        heights.append(word.bottom - word.top)
        b0, b1 = max(0, int(word.x0) // width - 1), min(bins, int(word.x1) // width + 2)
        covered[max(0, int(word.top)):max(0, int(word.bottom)) + 1, b0:b1] = True
    if not heights:
        return []
    line = float(median(heights))
    open_rows = (inked & ~covered).sum(axis=1) >= 0.4 * bins
    bands: list[tuple[int, int]] = []
    y = 0
    while y < h:
        if not open_rows[y]:
            y += 1
            continue
        start = end = y
        gap = 0
        while y < h and gap <= line * 0.6:       # the white between two lines keeps a band whole
            if open_rows[y]:
                end, gap = y, 0
            else:
                gap += 1
            y += 1
        if end - start >= line * 0.5:
            bands.append((start, end + 1))
    return bands[:MAX_SKIPPED_BANDS]


def read_skipped(grey: Image.Image, dpi: int, words: list[OCRWord]) -> list[OCRWord]:
    """Words of the bands Tesseract's layout analysis skipped, read as one block each."""
    found: list[OCRWord] = []
    for index, (top, bottom) in enumerate(skipped_bands(grey, words)):
        pad = max(6, (bottom - top) * 2 // 3)        # the band is the rows of body ink: take
                                                     # the tone marks above and tails below
        y0, y1 = max(0, top - pad), min(grey.height, bottom + pad)
        band = grey.crop((0, y0, grey.width, y1))
        for word in parse_tsv(run_tesseract(band, dpi, psm=6, extra=("tsv",))):
            word.top, word.bottom = word.top + y0, word.bottom + y0
            word.key = (10_000 + index,) + word.key[1:]     # its own block, apart from the page's
            found.append(word)
    return found


def ocr_words(image: Image.Image, dpi: int) -> PageRead:
    """Words of a page image, with boxes in the prepared (levelled, enlarged) image's pixels."""
    grey, scale, angle = prepare(image)
    skew = -angle if abs(angle) >= 0.2 else 0.0
    words = read_words(grey, int(dpi * scale))
    words += read_skipped(grey, int(dpi * scale), words)
    n_letters = sum(len(w.text) for w in words)
    confident = _quality(words)
    # a page read upside down or sideways gives few confident words: ask OSD, then retry
    if n_letters >= 20 and confident < 0.5 * n_letters or 0 < n_letters < 20 and grey.width > 400:
        turn = detect_rotation(grey, int(dpi * scale))
        if turn:
            turned = grey.rotate(-turn, expand=True, fillcolor=255)
            again = read_words(turned, int(dpi * scale))
            if _quality(again) > confident:
                return PageRead(again, turned, scale, skew, turn)
    return PageRead(words, grey, scale, skew)


# --- words -> lines ------------------------------------------------------------------------
_NOISE = regex.compile(r"^[\W_]{1,3}$")
_FOREIGN = regex.compile(r"[\\<>⁄{}^¬¤ÑñßŒœæÆ¢£¥©®ïëöüäšžçåøÿÏËÖÜÄŠŽÇÅØ]")
_FILLER = regex.compile(r"^[_|‘’'`~]+$")      # rules under header lines, scanner edges


def _keep(word: OCRWord, typical_h: float) -> bool:
    """Drop specks, stamp and signature scribbles: low-confidence non-words, giant glyphs."""
    if word.conf < 0:
        return False
    h = word.bottom - word.top
    if typical_h and (h > 3.5 * typical_h or word.conf < 50 and h > 1.6 * typical_h):
        return False        # giant glyphs: signature strokes, stamp rims, photo edges
    if typical_h and regex.search(r"[\p{L}\d]", word.text) and (
            h < 0.3 * typical_h or word.conf < 50 and h < 0.45 * typical_h):
        return False        # letters far smaller than the page's type: specks, stamp text
    if word.conf < 70 and _FOREIGN.search(word.text):
        return False        # characters Vietnamese administrative text never uses
    if _NOISE.match(word.text) and word.conf < 50 and word.text not in ("-", "+", "/", "./."):
        return False
    if _FILLER.match(word.text):
        return False
    if word.conf < 25 and not regex.search(r"[\p{L}\d]", word.text):
        return False
    return True


def _rows(words: list[OCRWord]) -> list[list[OCRWord]]:
    """Words grouped into visual rows: Tesseract lines merged when they overlap vertically."""
    lines: dict[tuple, list[OCRWord]] = {}
    for w in words:
        lines.setdefault(w.key, []).append(w)
    groups = sorted(lines.values(), key=lambda ws: (median(w.top for w in ws), min(w.x0 for w in ws)))
    rows: list[list[OCRWord]] = []
    row_boxes: list[tuple[float, float]] = []
    for ws in groups:
        top = median(w.top for w in ws)
        bottom = median(w.bottom for w in ws)
        placed = False
        for i in range(len(rows) - 1, max(-1, len(rows) - 4), -1):
            rt, rb = row_boxes[i]
            overlap = min(rb, bottom) - max(rt, top)
            if overlap > 0.5 * min(rb - rt, bottom - top):
                rows[i].extend(ws)
                row_boxes[i] = (min(rt, top), max(rb, bottom))
                placed = True
                break
        if not placed:
            rows.append(list(ws))
            row_boxes.append((top, bottom))
    for row in rows:
        row.sort(key=lambda w: w.x0)
    rows.sort(key=lambda r: median(w.top for w in r))
    return rows


_DASH = regex.compile(r"^[-–—_~.=]+$")


def _drop_stray_dashes(row: list[OCRWord], typical_h: float) -> list[OCRWord]:
    """A dash standing alone between two columns (a rule under the header, read as text)
    would hide the column gap; dashes inside a line ('Độc lập - Tự do') stay."""
    keep = []
    for k, w in enumerate(row):
        if _DASH.match(w.text) and 0 < k < len(row) - 1:
            if w.x0 - row[k - 1].x1 > typical_h and row[k + 1].x0 - w.x1 > 0.6 * typical_h:
                continue
        keep.append(w)
    return keep


def split_row(row: list[OCRWord], page_width: float, typical_h: float) -> Optional[int]:
    """Index of the first right-column word when the row holds two columns, else None.

    Two columns are cut at the widest gap between word boxes that lies in the middle band of
    the page; a gap that wide elsewhere is a blank left for a number or a day, not a column.
    """
    gaps = [row[i].x0 - row[i - 1].x1 for i in range(1, len(row))]
    if not gaps:
        return None
    usual = median(sorted(gaps)[:-1]) if len(gaps) > 1 else 0.0
    # a column gap stands out of the row: several times its word gaps, over a word's height
    best, best_gap = None, max(1.2 * typical_h, 3.0 * usual, 0.025 * page_width)
    for i in range(1, len(row)):
        gap = gaps[i - 1]
        mid = (row[i].x0 + row[i - 1].x1) / 2
        if gap >= best_gap and 0.2 * page_width <= mid <= 0.72 * page_width \
                and row[i - 1].x1 < 0.66 * page_width and row[i].x0 > 0.3 * page_width:
            best, best_gap = i, gap
    if best is None:
        best = _motto_cut(row, page_width, typical_h)
    return best


_MOTTO_OPEN = regex.compile(r"^(?:(?:cong\s*hoa){e<=1}\s+(?:xa){e<=1}|(?:doc\s*lap){e<=1}\s*[-–—])", regex.I)


def _motto_cut(row: list[OCRWord], page_width: float, typical_h: float) -> Optional[int]:
    """The motto opening mid-row ('UBND THÀNH PHỐ ĐÀ NẴNG CỘNG HOÀ XÃ HỘI …') starts the
    right column even when the gap before it is narrow."""
    for i in range(1, len(row) - 1):
        if row[i].x0 - row[i - 1].x1 < 0.5 * typical_h or not 0.3 * page_width <= row[i].x0 <= 0.7 * page_width:
            continue
        # the motto is in capitals; 'nước Cộng hòa xã hội …' inside a body line is not
        if _MOTTO_OPEN.match(fold(_text(row[i:i + 3]))) and (row[i].text.isupper() or
                                                              fold(row[i].text).lower() == "doc"):
            return i
    return None


_SO_BLANK = regex.compile(r"^(S[ốoóồổ6ô]\s*[:;.]?\s*)[|lI1\\!]?(?=[\p{Lu}Đ][\p{Lu}Đ\d&]*(?:\s?[-–]\s?[\p{Lu}Đ\p{L}\d&]+)+\b)")


def fix_blank_number(text: str) -> str:
    """'Số: UBND-VX' (Tesseract dropped the slash of a blank number) -> 'Số: /UBND-VX'."""
    if "/" in text[:30]:
        return text
    return _SO_BLANK.sub(lambda m: m.group(1).rstrip() + " /", text, count=1)


_VV_GARBLED = regex.compile(r"^(\W{0,2})([Vv][/|\\lI1iíìịvV⁄%]{1,2}[vV])(?=\s+\p{Ll})")


def fix_vv(text: str) -> str:
    """'Vvív thông báo …' (the V/v of a subject line garbled) -> 'V/v thông báo …'."""
    m = _VV_GARBLED.match(text)
    if m is None or m.group(2) in ("V/v", "v/v", "V/V"):
        return text
    return m.group(1) + "V/v" + text[m.end():]


_NOI_NHAN_GARBLED = regex.compile(r"^(\W{0,2})(\S{1,5})(\s+nh[aâậấầẩẫ]n\s*[:;])")
_NEAR_NOI = regex.compile(r"(?:noi){e<=2}")


def fix_noi_nhan(text: str) -> str:
    """'/ớơi nhận:' (the Nơi of a distribution heading garbled) -> 'Nơi nhận:'."""
    m = _NOI_NHAN_GARBLED.match(text)
    if m is None:
        return text
    word = fold(m.group(2)).lower()
    if word in ("noi", "nguoi") or not _NEAR_NOI.fullmatch(word):
        return text
    return "Nơi" + m.group(3) + text[m.end():]


_SPLIT_YEAR = regex.compile(r"(?<=\bn[aă]m\s{0,2})([12][0-9OoIl]{2}) ([0-9OoIl])\b")


def fix_split_year(text: str) -> str:
    """'năm 201 l' (a space read inside the year) -> 'năm 201l'; the date reader turns the
    look-alike letters into digits."""
    return _SPLIT_YEAR.sub(r"\1\2", text)


# two letters, a number, or a date or amount ('31/12/2024.', '1.500.000'): scribbles are neither
_CONFIDENT_TEXT = regex.compile(r"\p{L}\p{L}|^\d+[.)]?$|^\d{1,4}(?:[/.,:-]\d{1,4})+[.;,)]?$")
# a signing authority's prefix alone on its row ('KT.' over 'TRƯỞNG THUẾ TỈNH'), read unsure
_LONE_AUTHORITY = regex.compile(r"^(?:KT|TM|TL|TUQ)\.$")


def _stamp_scribble(words: list[OCRWord]) -> bool:
    """A short line of which no word was read with confidence: stamp text, a signature's
    strokes ('pàomJ J4.', '2 NỀN,'). A true line has at least one confident word."""
    if len(words) > 4:
        return False
    return not any(w.conf >= 60 and _CONFIDENT_TEXT.search(w.text) for w in words)


# an item's marker alone on its row: 'III.', '1.', '1,' (OCR's '1.'), 'a)', 'đ)'
_LONE_MARKER = regex.compile(r"^(?:[IVXLivxl]{1,5}|[HJ]I{1,2}|\d{1,3}|[a-zđ])[.,)]$")


def _lone_marker(words: list[OCRWord], text_left: Optional[float], typical_h: float) -> bool:
    """A row of one marker-shaped word standing at the body's left edge (a heading's 'III.'
    or '1.' set on a line of its own). Tesseract reads such a lone token with low confidence,
    but stamp and signature scribbles do not stand at the body text's left margin."""
    if len(words) != 1 or text_left is None or not _LONE_MARKER.match(words[0].text):
        return False
    word = words[0]
    height = word.bottom - word.top
    return (0.6 * typical_h <= height <= 1.6 * typical_h
            and text_left - typical_h <= word.x0 <= text_left + 4 * typical_h)


_ENDS_CLAUSE = regex.compile(r"[.:;!?)]\W{0,2}$")


def _item_may_start(previous: str) -> bool:
    """Whether an item may open after the line above: a finished sentence or clause, or a
    heading in capitals (a lone '2,' after '… theo quy định tại Điểm a, Khoản' is the wrap's)."""
    letters = [c for c in previous if c.isalpha()]
    return (not previous or _ENDS_CLAUSE.search(previous) is not None
            or len(letters) >= 3 and sum(c.isupper() for c in letters) >= 0.8 * len(letters))


def _text_left(rows: list[list[OCRWord]]) -> Optional[float]:
    """The body's left margin: where most rows of five words or more start."""
    starts = sorted(row[0].x0 for row in rows if len(row) >= 5)
    return median(starts) if len(starts) >= 3 else None


def _column(words: list[OCRWord], page_width: float) -> Optional[str]:
    x0, x1 = words[0].x0, max(w.x1 for w in words)
    if x0 > 0.45 * page_width:
        return "right"
    if (x0 + x1) / 2 < 0.33 * page_width and x1 < 0.55 * page_width:
        return "left"
    return None


_NUMBER_START = regex.compile(r"^\W{0,2}s[oốồổ6ô]\s*[:;]", regex.I)


def words_to_lines(words: list[OCRWord], page_number: int, width_px: float, to_pt: float) -> list[Line]:
    """Rows of words -> `Line`s in reading order, two-column zones column by column."""
    if not words:
        return []
    typical_h = median(w.bottom - w.top for w in words)
    words = [w for w in words if _keep(w, typical_h)]
    if not words:
        return []
    rows = [_drop_stray_dashes(r, typical_h) for r in _rows(words)]
    text_left = _text_left(rows)
    # each row -> (left words, right words, column of a one-part row)
    cuts = [split_row(row, width_px, typical_h) for row in rows]
    for k, cut in enumerate(cuts):
        if cut is not None and not _zone_cue(rows[k], cut) and _inside_paragraph(rows, cuts, k, typical_h):
            cuts[k] = None
    _aligned_cuts(rows, cuts, width_px, typical_h)
    parts: list[tuple[list[OCRWord], list[OCRWord], Optional[str]]] = []
    for row, cut in zip(rows, cuts):
        if cut is not None:
            parts.append((row[:cut], row[cut:], "split"))
        else:
            parts.append((row, [], _column(row, width_px)))
    ordered: list[tuple[list[OCRWord], Optional[str]]] = []
    blank: tuple[list[OCRWord], Optional[str]] = ([], "blank")
    last_bottom: Optional[float] = None
    i = 0
    while i < len(parts):
        top = min(w.top for w in rows[i])
        # a gap of a blank line or more is a paragraph break, as in text input
        if last_bottom is not None and top - last_bottom > 0.9 * typical_h:
            ordered.append(blank)
        tail = (parts[i][2] == "left" and i > 0 and parts[i - 1][2] is None
                and _tight_below(rows[i - 1], rows[i], typical_h, 0.7))
        if parts[i][2] is None or tail or not _region_has_split(parts, i):
            ordered.append((parts[i][0], None))
            last_bottom = max(w.bottom for w in rows[i])
            i += 1
            continue
        j = i
        last_right = i
        while j < len(parts) and parts[j][2] is not None:
            if j > i and _opens_recipients(rows[j]):
                break      # 'Kính gửi:' starts the body even right under the header
            if parts[j][2] in ("split", "right"):
                last_right = j
            elif j > last_right and not _tight_below(rows[j - 1], rows[j], typical_h):
                break      # a loose left-only row after the zone ('Kính gửi:') starts the body
            j += 1
        end = j
        # Decree 30's header is a 2x2 table: the 'Số' row opens its second band
        bands, start = [], i
        for k in range(i + 1, end):
            if parts[k][2] == "split" and _NUMBER_START.match(_text(parts[k][0])):
                bands.append((start, k))
                start = k
        bands.append((start, end))
        for b0, b1 in bands:
            if ordered and ordered[-1] is not blank:
                ordered.append(blank)
            for k in range(b0, b1):
                left = parts[k][0] if parts[k][2] in ("split", "left") else []
                if left:
                    ordered.append((left, "left"))
            ordered.append(blank)
            for k in range(b0, b1):
                right = parts[k][1] if parts[k][2] == "split" else (parts[k][0] if parts[k][2] == "right" else [])
                if right:
                    ordered.append((right, "right"))
        last_bottom = max(w.bottom for k in range(i, end) for w in rows[k])
        i = end
    lines = []
    previous = ""           # the last line's text: a lone marker must follow a finished clause
    for ws, column in ordered:
        if not ws:
            if lines and lines[-1].text:
                lines.append(Line(text="", page=page_number))
            continue
        lone_marker = _lone_marker(ws, text_left, typical_h) and _item_may_start(previous)
        lone_authority = len(ws) == 1 and _LONE_AUTHORITY.match(ws[0].text) is not None
        if _stamp_scribble(ws) and not lone_marker and not lone_authority:
            continue
        text = " ".join(w.text for w in ws)
        if lone_marker and text.endswith(","):
            text = text[:-1] + "."      # a comma after a lone number is its dot misread
        if column != "right":
            text = fix_vv(fix_blank_number(text))
        if column == "left":
            text = fix_noi_nhan(text)
        text = fix_split_year(text)
        box = Box(x0=min(w.x0 for w in ws) * to_pt, top=min(w.top for w in ws) * to_pt,
                  x1=max(w.x1 for w in ws) * to_pt, bottom=max(w.bottom for w in ws) * to_pt)
        previous = text
        lines.append(Line(text=text, page=page_number, box=box, column=column,
                          words=[Word(w.text, Box(x0=w.x0 * to_pt, top=w.top * to_pt,
                                                  x1=w.x1 * to_pt, bottom=w.bottom * to_pt))
                                 for w in ws]))
    return lines


_KINH_GUI = regex.compile(r"(?:kinh\s*gui){e<=1}", regex.I)


def _opens_recipients(row: list[OCRWord]) -> bool:
    # specks and margin notes may stand before it ('— ẹ Kính gửi:')
    return bool(_KINH_GUI.search(fold(_text(row[:4])), timeout=0.2))


def _aligned_cuts(rows, cuts, page_width: float, typical_h: float) -> None:
    """Cut header rows where a column of text starts at one x in three or more rows in a row
    (a note typed beside the V/v lines, read into them because the gap is narrow).

    Only rows above 'Kính gửi' (or the top third of the page) are looked at: body text is
    one column, and its justified words line up by chance.
    """
    end = len(rows)
    for k, row in enumerate(rows):
        if _opens_recipients(row):
            end = k
            break
    if end == len(rows):
        top = min(w.top for r in rows for w in r)
        limit = top + 0.33 * (max(w.bottom for r in rows for w in r) - top)
        end = sum(1 for r in rows if min(w.top for w in r) < limit)
    tolerance = 0.2 * typical_h

    def start_near(row, x) -> Optional[int]:
        for i, w in enumerate(row):
            if abs(w.x0 - x) <= tolerance and (i == 0 or w.x0 - row[i - 1].x1 >= 0.3 * typical_h):
                return i
        return None

    for k in range(end):
        if cuts[k] is not None:
            continue
        for i in range(1, len(rows[k])):
            x = rows[k][i].x0
            if not 0.3 * page_width <= x <= 0.7 * page_width or x - rows[k][i - 1].x1 < 0.3 * typical_h:
                continue
            run = [k]
            for j in range(k + 1, min(end, k + 8)):
                if start_near(rows[j], x) is None or not _tight_below(rows[j - 1], rows[j], typical_h, 1.0):
                    break
                run.append(j)
            # words of centred title lines line up by chance too: a real column's rows mostly
            # start at it, or leave a wide gap before it
            clear = sum(1 for j in run if _clear_start(rows[j], start_near(rows[j], x), typical_h))
            if len(run) >= 3 and clear >= 2:
                for j in run:
                    at = start_near(rows[j], x)
                    if cuts[j] is None and at is not None:
                        cuts[j] = at        # 0: the row lies wholly in the right column
                break


def _clear_start(row: list[OCRWord], at: int, typical_h: float) -> bool:
    return at == 0 or row[at].x0 - row[at - 1].x1 >= 1.5 * typical_h


def _zone_cue(row: list[OCRWord], cut: int) -> bool:
    """The two sides read as Decree 30 columns: motto or date line on the right, 'Số:' or
    'Nơi nhận' on the left. Such a row is split even between unsplit neighbours."""
    from ..segment import DATE_LINE, MOTTO, NOI_NHAN

    left, right = fold(_text(row[:cut])), fold(_text(row[cut:]))
    try:
        return bool(MOTTO.search(right, timeout=0.2) or DATE_LINE.search(right, timeout=0.2)
                    or NOI_NHAN.match(left, timeout=0.2) or _NUMBER_START.match(left))
    except TimeoutError:
        return False


def _inside_paragraph(rows, cuts, k: int, typical_h: float) -> bool:
    """A gap in a line of a paragraph (a word OCR lost) is no column gap: the row right above
    or below, at wrapped-line spacing and not split itself, has a word across the gap."""
    row, cut = rows[k], cuts[k]
    mid = (row[cut - 1].x1 + row[cut].x0) / 2
    for j in (k - 1, k + 1):
        if not 0 <= j < len(rows) or cuts[j] is not None:
            continue
        upper, lower = (rows[j], row) if j < k else (row, rows[j])
        if not _tight_below(upper, lower, typical_h, 0.7):
            continue
        if any(w.x0 <= mid <= w.x1 for w in rows[j]):
            return True
    return False


def _text(words: list[OCRWord]) -> str:
    return " ".join(w.text for w in words)


def _region_has_split(parts, i: int) -> bool:
    for k in range(i, len(parts)):
        if parts[k][2] is None:
            return False
        if parts[k][2] == "split":
            return True
    return False


def _tight_below(upper: list[OCRWord], lower: list[OCRWord], typical_h: float,
                 ratio: float = 0.9) -> bool:
    """Whether `lower` follows `upper` at wrapped-line spacing (no blank line between)."""
    gap = median(w.top for w in lower) - median(w.bottom for w in upper)
    return gap < ratio * typical_h


# --- the entry point ----------------------------------------------------------------------
def ocr_page_image(image: Image.Image, page_number: int, dpi: int) -> Page:
    """OCR one page image; boxes in PDF points (top-left origin) at the given `dpi`."""
    dpi = dpi or 300
    read = ocr_words(image, dpi)
    to_pt = 72.0 / (dpi * read.scale)
    lines = words_to_lines(read.words, page_number, read.image.width, to_pt)
    return Page(number=page_number, width=image.width * 72.0 / dpi,
                height=image.height * 72.0 / dpi, lines=lines, ocr=True,
                turn=read.turn, skew=read.skew)
