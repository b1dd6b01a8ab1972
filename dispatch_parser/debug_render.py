"""Draw what was read where: zone boxes and field boxes over the pages of a PDF.

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
    from PIL import ImageDraw

    data = pdf if isinstance(pdf, bytes) else Path(pdf).read_bytes()
    zones = zone_boxes(layout)
    fields = field_boxes(record)
    scale = dpi / 72
    images = []
    doc = pdfium.PdfDocument(data)
    try:
        for index in range(len(doc)):
            number = index + 1
            page = doc[index]
            # boxes of a page printed sideways are in its upright frame: draw on it upright
            turn = layout.pages[index].turn if index < len(layout.pages) else 0
            image = page.render(scale=scale, rotation=turn).to_pil().convert("RGB")
            page.close()
            draw = ImageDraw.Draw(image)
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
            _legend(draw, image.width)
            images.append(image)
    finally:
        doc.close()
    return _save(images, Path(out))


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
    """Parse a PDF and write the annotated pages; returns the record and the files."""
    from .pipeline import parse_layout
    from .read import read

    layout = read(Path(path))
    record = parse_layout(layout, strict=strict, **parse_options)
    if layout.format != "pdf":
        return record, []
    return record, render_debug(Path(path), layout, record, out)


def label(out: str, path: str, many: bool) -> str:
    """The debug output name for one of several inputs: OUT-stem.pdf / OUT-stem.png."""
    if not many:
        return out
    o = Path(out)
    return str(o.with_name(f"{o.stem}-{Path(path).stem}{o.suffix}"))


__all__ = ["render_debug", "debug_parse", "zone_boxes", "field_boxes", "label"]
