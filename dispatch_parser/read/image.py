"""Images (PNG, JPEG, TIFF with many pages, BMP, WEBP) -> OCR per frame -> `Layout`.

The resolution of a frame is its stored dpi when it is plausible for a page scan; phone
photos and screenshots carry none (or 72/96), so the page is assumed A4-wide. `ocr.py`
upscales small text itself, so a 70 dpi screenshot still reaches ~300 dpi line heights.
"""
from __future__ import annotations

import io
import warnings
from typing import Optional

from PIL import Image, ImageSequence, UnidentifiedImageError

from ..errors import CorruptFileError, InputTooLargeError
from ..layout import Layout, Page
from .ocr import ocr_page_image, tesseract_command

MAX_PIXELS = 120_000_000        # over this a file is refused (decompression-bomb guard)
MAX_SIDE = 5200                 # longer sides are scaled down: A3 at 300 dpi needs 4961
MAX_FRAMES = 200
A4_WIDTH_IN = 8.27


def frame_dpi(frame: Image.Image) -> int:
    """The dpi to read a frame at: stored when plausible, else from an A4-wide page."""
    stored = frame.info.get("dpi")
    if stored:
        try:
            x = float(stored[0])
        except (TypeError, ValueError, IndexError):
            x = 0.0
        # 72/96 dpi are screen defaults written by tools, not scanner settings
        if 150 <= x <= 1200 and round(x) not in (72, 96):
            return int(round(x))
    return max(36, int(round(min(frame.width, frame.height * 0.7) / A4_WIDTH_IN)))


def _bounded(frame: Image.Image, dpi: int) -> tuple[Image.Image, int]:
    side = max(frame.size)
    if side <= MAX_SIDE:
        return frame, dpi
    factor = MAX_SIDE / side
    small = frame.resize((max(1, int(frame.width * factor)), max(1, int(frame.height * factor))),
                         Image.LANCZOS)
    return small, max(36, int(dpi * factor))


def open_image(data: bytes, source: Optional[str]) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
    except (UnidentifiedImageError, Image.DecompressionBombError,
            Image.DecompressionBombWarning) as exc:
        if isinstance(exc, (Image.DecompressionBombError, Image.DecompressionBombWarning)):
            raise InputTooLargeError(f"the image is too large to read safely ({exc}); scale it "
                                     "down to 300 dpi", source)
        raise CorruptFileError("not a readable image (damaged, or not the format its name says); "
                               "re-save or re-scan it", source)
    except OSError as exc:
        raise CorruptFileError(f"the image cannot be opened ({exc}); re-save or re-scan it", source)
    if image.width * image.height > MAX_PIXELS:
        raise InputTooLargeError(f"{image.width}x{image.height} pixels is over the limit of "
                                 f"{MAX_PIXELS}; scale it down to 300 dpi", source)
    return image


def read(data: bytes, source: Optional[str]) -> Layout:
    image = open_image(data, source)
    tesseract_command()           # fail early, with the fix, when OCR is not installed
    pages: list[Page] = []
    warns: list[str] = []
    try:
        for index, frame in enumerate(ImageSequence.Iterator(image)):
            if index >= MAX_FRAMES:
                warns.append(f"only the first {MAX_FRAMES} frames were read")
                break
            frame.load()
            dpi = frame_dpi(frame)
            page_image, page_dpi = _bounded(frame.copy(), dpi)
            page = ocr_page_image(page_image, index + 1, page_dpi)
            page.width, page.height = frame.width * 72.0 / dpi, frame.height * 72.0 / dpi
            pages.append(page)
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        # truncated data shows up only when the pixels are decoded
        raise CorruptFileError(f"the image is damaged or truncated ({exc}); re-save or re-scan "
                               "it", source)
    if not any(p.lines for p in pages):
        warns.append("OCR found no text in the image: is it a document page?")
    layout = Layout(pages=pages or [Page(number=1, ocr=True)], source=source, format="image")
    layout.warnings.extend(warns)
    return layout
