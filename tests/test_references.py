"""Citations and legal basis: how a cited document is read, and which citations are basis.

The examples are written for these tests (not copied from the corpus); each one pins a rule
of record.md's `ref` definition.
"""
from __future__ import annotations

import pytest

from dispatch_parser import parse
from dispatch_parser.extract.citations import clean_number, find_citations


def one(text: str):
    cites = [c for c in find_citations(text) if c.number]
    assert len(cites) == 1, cites
    return cites[0]


def test_full_citation_fields():
    c = one("Thực hiện Công văn số 77/STC-QLG ngày 5/2/2024 của Sở Tài chính về việc "
            "kê khai giá dịch vụ, Ủy ban nhân dân huyện đề nghị các xã thực hiện.")
    assert (c.doc_type, c.number, c.date) == ("Công văn", "77/STC-QLG", "2024-02-05")
    assert c.issuer == "Sở Tài chính"
    # 'về việc' is dropped; the comma that hands back to the citing sentence ends the subject
    assert c.subject == "kê khai giá dịch vụ"


def test_date_in_words_and_verb_kept_in_subject():
    c = one("Căn cứ Nghị định số 45/2021/NĐ-CP ngày 09 tháng 4 năm 2021 của Chính phủ "
            "quy định về phí bảo vệ môi trường;")
    assert c.date == "2021-04-09"
    assert c.subject == "quy định về phí bảo vệ môi trường"


def test_number_wrapped_and_ocr_slips():
    c = one("theo Thông tu sô 88/2019/TT- BTC ngày 1/3/2019 của Bộ Tài chính.")
    assert (c.doc_type, c.number) == ("Thông tư", "88/2019/TT-BTC")
    # the type tells what the symbol must be: 'QD' -> 'QĐ', 'T1' -> 'TT'
    assert clean_number("12/QD-UBND", "quyet dinh") == "12/QĐ-UBND"
    assert clean_number("5/2020/T1-BYT", "thong tu") == "5/2020/TT-BYT"


def test_party_document_with_spaced_number():
    c = one("Thực hiện Chỉ thị số số 09 - CT/TW ngày 20/1/2022 của Ban Bí thư về tăng cường "
            "công tác dân vận;")
    assert c.number == "09-CT/TW"
    assert c.issuer == "Ban Bí thư"


def test_law_name_is_its_subject():
    c = one("Căn cứ Luật Phí và lệ phí số 97/2015/QH13 ngày 25/11/2015;")
    assert (c.doc_type, c.subject) == ("Luật", "Phí và lệ phí")


def test_law_cited_by_name_without_number():
    cites = find_citations("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;")
    assert [(c.doc_type, c.number, c.subject) for c in cites] == \
        [("Luật", None, "Tổ chức chính quyền địa phương")]


def test_issuer_written_once_after_a_list_belongs_to_each():
    cites = find_citations("Căn cứ Thông tư số 10/2020/TT-BTC ngày 1/2/2020, Thông tư số "
                           "11/2021/TT-BTC ngày 3/4/2021 của Bộ Tài chính;")
    assert [c.issuer for c in cites] == ["Bộ Tài chính", "Bộ Tài chính"]


def test_quoting_verb_is_not_a_subject():
    c = one("Căn cứ Khoản 3 Điều 2 Thông tư số 20/2022/TT-BXD ngày 1/6/2022 quy định:")
    assert c.subject is None


def test_issuer_named_before_the_document():
    cites = find_citations("Căn cứ ý kiến của Bộ Y tế tại Văn bản số 300/BYT-KH ngày 2/3/2023.")
    assert cites[0].issuer == "Bộ Y tế"


LETTER = """\
CỤC THUẾ TỈNH AN GIANG          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
                                Độc lập - Tự do - Hạnh phúc
Số: 120/CTAGI-TTHT              An Giang, ngày 4 tháng 5 năm 2023
V/v chính sách thuế

Kính gửi: Công ty TNHH Minh Phát
MST: 1600000001
Cục Thuế tỉnh An Giang nhận được công văn số 15/2023/CV-MP ngày 20/4/2023 của
Công ty TNHH Minh Phát hỏi về hóa đơn điện tử. Về vấn đề này, Cục Thuế có ý kiến như sau:
- Căn cứ Nghị định số 123/2020/NĐ-CP ngày 19/10/2020 của Chính phủ quy định về hóa
đơn, chứng từ;
Căn cứ các quy định nêu trên, Công ty thực hiện theo Thông tư số 78/2021/TT-BTC
ngày 17/9/2021 của Bộ Tài chính.
Cục Thuế tỉnh An Giang trả lời để Công ty biết./.

Nơi nhận:
- Như trên;
- Lưu: VT, TTHT.
KT. CỤC TRƯỞNG
PHÓ CỤC TRƯỞNG
Trần Văn Bình
"""


@pytest.fixture(scope="module")
def letter():
    return parse(LETTER)


def test_references_every_cited_number_once(letter):
    numbers = [r.number for r in letter.references]
    assert numbers == ["15/2023/CV-MP", "123/2020/NĐ-CP", "78/2021/TT-BTC"]


def test_legal_basis_letter_answered_and_can_cu(letter):
    basis = {r.number: r for r in letter.legal_basis}
    # the letter being answered (opening clause) and the 'Căn cứ' clause are basis; the
    # conclusion after 'Căn cứ các quy định nêu trên,' is not
    assert set(basis) == {"15/2023/CV-MP", "123/2020/NĐ-CP"}
    answered = basis["15/2023/CV-MP"]
    assert answered.issuer == "Công ty TNHH Minh Phát"
    assert answered.subject == "hóa đơn điện tử"
    assert basis["123/2020/NĐ-CP"].subject == "quy định về hóa đơn, chứng từ"


def test_own_number_is_not_a_reference(letter):
    assert "120/CTAGI-TTHT" not in [r.number for r in letter.references]
