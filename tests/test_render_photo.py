"""The phone-photo rendering of the fixture generator (fixtures/render_photo.py)."""
import io

from PIL import Image

from dispatch_parser.fixtures.render_photo import WIDTHS, photo_bytes, render_photo
from dispatch_parser.read.image import frame_dpi


def _page():
    page = Image.new("RGB", (2480, 3508), "white")     # A4 at 300 dpi
    page.paste((0, 0, 0), (300, 300, 2180, 340))       # one black bar of "text"
    return page


def test_photos_are_small_seeded_and_carry_no_dpi():
    first, again = render_photo([_page()], seed=3), render_photo([_page()], seed=3)
    assert first[0].tobytes() == again[0].tobytes()
    assert render_photo([_page()], seed=4)[0].size != first[0].size or \
        render_photo([_page()], seed=4)[0].tobytes() != first[0].tobytes()
    assert WIDTHS[0] <= first[0].width <= WIDTHS[1]
    frame = Image.open(io.BytesIO(photo_bytes(first)))
    # no scanner dpi: the reader sizes the page as A4-wide, ~100-135 dpi
    assert 90 <= frame_dpi(frame) <= 140


def test_photos_are_lit_unevenly():
    photo = render_photo([_page()], seed=5)[0].convert("L")
    w, h = photo.size
    corners = [photo.getpixel((x, y)) for x, y in ((40, 40), (w - 40, 40), (40, h - 40), (w - 40, h - 40))]
    assert max(corners) - min(corners) >= 25
