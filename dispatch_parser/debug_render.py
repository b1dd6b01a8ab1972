"""Draw what was read where: zone boxes and field boxes over the pages of a PDF or a scan.

    dispatch-parser parse doc.pdf --debug-pdf out.pdf     (one PDF of annotated pages)
    dispatch-parser parse doc.pdf --debug-pdf out.png     (out-p1.png, out-p2.png, ...)

Every line the segmenter put in a zone gets a thin box in the zone's colour; every field
with provenance gets a thick box in its own colour, labelled with the field name. Pages are
rendered by pypdfium2 and drawn on with Pillow; boxes are in PDF points, scaled to pixels.
"""
from __future__ import annotations

from pathlib import Path
from typing import Union

from .layout import Layout
from .models import DispatchRecord

DPI = 100
ZONE_COLOURS = {
    "header": (0, 110, 255), "title": (140, 0, 200), "subject": (0, 160, 160),
    "recipients": (230, 120, 0), "body": (150, 150, 150), "distribution": (0, 150, 0),
    "signature": (220, 0, 120), "footnotes": (120, 90, 40),
}
FIELD_COLOURS = {
    "number": (230, 0, 0), "date": (255, 90, 0), "issuer": (0, 60, 200), "subject": (0, 140, 140),
    "document_type": (150, 0, 180), "signer": (200, 0, 100), "recipients": (200, 110, 0),
    "distribution": (0, 130, 0), "directives": (110, 110, 110), "footnotes": (120, 80, 30),
}


def zone_boxes(layout: Layout) -> list[tuple[int, str, tuple[float, float, float, float]]]:
    """(page, zone, box) of every line the segmenter placed in a zone."""
    from .normalize import normalize
    from .segment import segment

    lines = normalize(layout)
    seg = segment(lines)
    out = []
    for line in lines:
        zone = seg.zone_of(line)
        if zone and line.box is not None:
            b = line.box
            out.append((line.page, zone, (b.x0, b.top, b.x1, b.bottom)))
    return out


def field_boxes(record: DispatchRecord) -> list[tuple[int, str, tuple[float, float, float, float]]]:
    out = []
    for name, prov in (record.provenance or {}).items():
        if prov is None or prov.box is None or prov.page is None:
            continue
        for part in prov.boxes or [prov]:      # a field over a page break: one box a page
            b = part.box
            out.append((part.page, name, (b.x0, b.top, b.x1, b.bottom)))
    return out


def render_debug(pdf: Union[str, Path, bytes], layout: Layout, record: DispatchRecord,
                 out: Union[str, Path], dpi: int = DPI) -> list[Path]:
    """Draw zones and fields over each page of `pdf`; returns the files written."""
    import pypdfium2 as pdfium

    data = pdf if isinstance(pdf, bytes) else Path(pdf).read_bytes()
    doc = pdfium.PdfDocument(data)
    try:
        pictures = []
        for index in range(len(doc)):
            page = doc[index]
            pictures.append(page.render(scale=dpi / 72).to_pil().convert("RGB"))
            page.close()
    finally:
        doc.close()
    return _draw_pages(pictures, layout, record, out, dpi)


def render_debug_image(path: Union[str, Path], layout: Layout, record: DispatchRecord,
                       out: Union[str, Path], dpi: int = DPI) -> list[Path]:
    """The same over the frames of a scan or photo (PNG, JPEG, TIFF)."""
    from PIL import Image, ImageSequence

    from .read.image import frame_dpi

    pictures = []
    with Image.open(path) as image:
        for frame in ImageSequence.Iterator(image):
            if len(pictures) >= len(layout.pages):
                break
            factor = dpi / frame_dpi(frame)      # boxes are in points: 72 a physical inch
            size = (max(1, round(frame.width * factor)), max(1, round(frame.height * factor)))
            pictures.append(frame.convert("RGB").resize(size, Image.BILINEAR))
    return _draw_pages(pictures, layout, record, out, dpi)


def _draw_pages(pictures: list, layout: Layout, record: DispatchRecord, out: Union[str, Path],
                dpi: int) -> list[Path]:
    from PIL import ImageDraw

    zones = zone_boxes(layout)
    fields = field_boxes(record)
    scale = dpi / 72
    images = []
    for index, picture in enumerate(pictures):
        number = index + 1
        if index < len(layout.pages):
            picture = _upright(picture, layout.pages[index])
        draw = ImageDraw.Draw(picture)
        for p, zone, box in zones:
            if p == number:
                draw.rectangle(_px(box, scale, 1), outline=ZONE_COLOURS.get(zone, (0, 0, 0)), width=1)
        for p, name, box in fields:
            if p != number:
                continue
            colour = FIELD_COLOURS.get(name, (0, 0, 0))
            x0, y0, x1, y1 = _px(box, scale, 3)
            draw.rectangle((x0, y0, x1, y1), outline=colour, width=3)
            draw.text((x0 + 2, max(0, y0 - 12)), name, fill=colour)
        _legend(draw, picture.width)
        images.append(picture)
    return _save(images, Path(out))


def _upright(picture, page):
    """The page as its boxes see it: a scan levelled by the reader's skew angle, a page
    printed or scanned sideways turned upright (both with the reader's `expand` geometry)."""
    from PIL import Image

    if page.skew:
        picture = picture.rotate(page.skew, resample=Image.BILINEAR, expand=True,
                                 fillcolor="white")
    if page.turn:
        picture = picture.rotate(-page.turn, expand=True, fillcolor="white")
    return picture


def _px(box: tuple[float, float, float, float], scale: float, pad: float) -> tuple[float, ...]:
    x0, top, x1, bottom = box
    return (x0 * scale - pad, top * scale - pad, x1 * scale + pad, bottom * scale + pad)


def _legend(draw, width: int) -> None:
    x = 4
    for zone, colour in ZONE_COLOURS.items():
        draw.rectangle((x, 2, x + 8, 10), outline=colour, width=2)
        draw.text((x + 11, 0), zone, fill=colour)
        x += 12 + 7 * len(zone)
        if x > width - 60:
            break


def _save(images, out: Path) -> list[Path]:
    out.parent.mkdir(parents=True, exist_ok=True)
    if not images:
        return []
    if out.suffix.lower() == ".pdf":
        images[0].save(out, "PDF", save_all=True, append_images=images[1:], resolution=DPI)
        return [out]
    written = []
    for i, image in enumerate(images, 1):
        target = out.with_name(f"{out.stem}-p{i}.png")
        image.save(target, "PNG")
        written.append(target)
    return written


def debug_parse(path: Union[str, Path], out: Union[str, Path], *, strict: bool = False,
                **parse_options) -> tuple[DispatchRecord, list[Path]]:
    """Parse a PDF or an image and write the annotated pages; returns the record and the files
    (none for inputs without pages to draw on: text, DOCX, HTML)."""
    from .pipeline import parse_layout
    from .read import read

    layout = read(Path(path))
    record = parse_layout(layout, strict=strict, **parse_options)
    if layout.format == "pdf":
        return record, render_debug(Path(path), layout, record, out)
    if layout.format == "image":
        return record, render_debug_image(Path(path), layout, record, out)
    return record, []


def label(out: str, path: str, many: bool) -> str:
    """The debug output name for one of several inputs: OUT-stem.pdf / OUT-stem.png."""
    if not many:
        return out
    o = Path(out)
    return str(o.with_name(f"{o.stem}-{Path(path).stem}{o.suffix}"))


__all__ = ["render_debug", "render_debug_image", "debug_parse", "zone_boxes", "field_boxes", "label"]
