"""Header and foot rules mended after reading the parser's records of unseen documents."""
from __future__ import annotations

from dispatch_parser import parse
from dispatch_parser.extract.distribution import clean_entry

HEAD = """BỘ TÀI CHÍNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỔNG CỤC HẢI QUAN Độc lập - Tự do - Hạnh phúc
Số: 123/TCHQ-GSQL Hà Nội, ngày 5 tháng 3 năm 2021
V/v thủ tục hải quan

Kính gửi: Công ty TNHH Minh Phát.

Tổng cục Hải quan trả lời để Công ty biết và thực hiện./.
"""


def _parse(text: str):
    return parse(text.encode("utf-8"))


def test_garbled_signature_title_after_an_entrys_semicolon_is_not_the_entrys():
    # the title of the signature column ('CỤC TRƯỞNG') OCR'd beyond recognition onto the
    # list's first line, behind a dash
    rec = _parse(HEAD + "\nNơi nhận: TL. TỔNG CỤC TRƯỞNG\n- Như trên; - CỤTRUƠIG\n"
                        "- Lưu: VT, GSQL (03).\n\nTrần Văn Bình\n")
    assert rec.distribution == ["Như trên", "Lưu: VT, GSQL (03)"]


def test_a_second_entry_or_unit_code_after_a_semicolon_is_kept():
    assert clean_entry("- Các Bộ: TC; GD&ĐT;", beside_signature=True) == "Các Bộ: TC; GD&ĐT"
    assert clean_entry("- Vụ PC; - VPCP", beside_signature=True) == "Vụ PC; - VPCP"
    # far down the list no signature column stands beside it
    assert clean_entry("- Vụ PC; - TỔNGHỢP") == "Vụ PC; - TỔNGHỢP"
