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


FOOT = """\
Nơi nhận:
- Như trên;
- Lưu: VT, TTHT.
KT. CỤC TRƯỞNG
PHÓ CỤC TRƯỞNG
Trần Văn Bình
"""

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

""" + FOOT


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


def test_type_qualified_by_a_word_keeps_its_type():
    c = one("theo Thông báo kết luận số 12/TB-VPCP ngày 1/2/2024 của Văn phòng Chính phủ;")
    assert (c.doc_type, c.number) == ("Thông báo", "12/TB-VPCP")


def test_list_of_numbers_after_one_type():
    cites = find_citations("Quyết định số 7/2019/QĐ-TTg ngày 2/3/2019 và 8/QĐ-TTg ngày 4/5/2020 "
                           "của Thủ tướng Chính phủ quy định về tổ chức bộ máy.")
    assert [c.number for c in cites] == ["7/2019/QĐ-TTg", "8/QĐ-TTg"]
    assert cites[0].issuer == cites[1].issuer == "Thủ tướng Chính phủ"


PLAN = """\
ỦY BAN NHÂN DÂN               CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
HUYỆN LẠC SƠN                 Độc lập - Tự do - Hạnh phúc
Số: 44/KH-UBND                Lạc Sơn, ngày 2 tháng 6 năm 2024
KẾ HOẠCH
Triển khai công tác chuyển đổi số năm 2024
Thực hiện Kế hoạch số 90/KH-UBND ngày 10/4/2024 của Ủy ban nhân dân tỉnh về chuyển đổi
số năm 2024, Ủy ban nhân dân huyện ban hành kế hoạch như sau:
I. MỤC ĐÍCH, YÊU CẦU
1. Thực hiện theo Thông tư số 12/2023/TT-BTTTT ngày 1/9/2023 của Bộ Thông tin và
Truyền thông và Thông tư số 12/2023/TT-BTTTI.
2. Báo cáo kết quả về Ủy ban nhân dân huyện trước ngày 30/11/2024.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Lê Văn Nam
"""


def test_plan_opening_clause_and_ocr_variant_merged():
    record = parse(PLAN)
    assert [r.number for r in record.legal_basis] == ["90/KH-UBND"]
    assert record.legal_basis[0].subject == "chuyển đổi số năm 2024"
    # the OCR variant of a number cited twice collapses into the better-attested reading
    assert [r.number for r in record.references] == ["90/KH-UBND", "12/2023/TT-BTTTT"]


@pytest.mark.parametrize("text, subject", [
    # a capitalised body with a dash before its verb hands back to the citing sentence
    ("Trả lời công văn số 15/ABC-XY ngày 2/3/2020 của Công ty Alpha về việc hoàn thuế nhập "
     "khẩu, Bộ Lao động — Thương binh và Xã hội có ý kiến như sau:", "hoàn thuế nhập khẩu"),
    # 'phù hợp với', 'theo yêu cầu', 'vẫn còn', 'trong đó' return to the citing sentence
    ("sửa Quyết định số 12/QĐ-UBND ngày 1/2/2021 của UBND tỉnh quy định về giá đất phù hợp "
     "với các quy định mới.", "quy định về giá đất"),
    ("sửa Nghị định số 7/2019/NĐ-CP ngày 1/2/2019 của Chính phủ quy định về phí theo yêu cầu "
     "của lãnh đạo Bộ.", "quy định về phí"),
    # 'và <another type> số …' starts another document
    ("theo Thông tư số 10/2024/TT-BTC ngày 1/2/2024 của Bộ Tài chính hướng dẫn chi hội nghị "
     "và Nghị quyết số 5/2023/NQ-HĐND ngày 3/4/2023 của HĐND tỉnh.", "hướng dẫn chi hội nghị"),
    # a title led by a verb other than quy định / hướng dẫn
    ("Căn cứ Nghị quyết số 9/2010/QH12 ngày 1/1/2010 của Quốc hội phê chuẩn Hiệp định "
     "thương mại;", "phê chuẩn Hiệp định thương mại"),
    # no 'của': the asking body, then 'hỏi về việc' as one unit; ', Vấn đề đơn vị hỏi,' ends it
    ("Cục Thuế nhận được văn bản số 03/ABC ngày 5/5/2020 Công ty Beta hỏi về việc khấu trừ "
     "thuế, Vấn đề đơn vị hỏi, Cục Thuế có ý kiến như sau:", "khấu trừ thuế"),
])
def test_subject_boundaries(text, subject):
    assert [c for c in find_citations(text) if c.number][0].subject == subject


def test_and_joined_title_kept_when_it_names_a_document():
    # the title itself names a law, so 'và Nghị định số …' belongs to it
    c = find_citations("Căn cứ Thông tư số 20/2014/TT-BTC ngày 1/1/2014 của Bộ Tài chính hướng "
                       "dẫn thi hành Luật Thuế X và Nghị định số 9/2013/NĐ-CP ngày 2/2/2013;")[0]
    assert c.subject.endswith("Nghị định số 9/2013/NĐ-CP ngày 2/2/2013")


def test_law_name_may_hold_a_lower_case_type_word():
    c = one("Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 80/2015/QH13;")
    assert (c.doc_type, c.subject) == ("Luật", "Ban hành văn bản quy phạm pháp luật")
    # a lower-case type right before 'số' is another document, not part of a law's name
    cites = find_citations("sửa Luật quản lý thuế theo chỉ đạo tại công văn số 64/VP-KT ngày 1/2/2022.")
    assert [c.doc_type for c in cites if c.number] == ["Công văn"]


@pytest.mark.parametrize("text, number, date, issuer", [
    # a stray sign before 'ngày', a clipped 'ngày', a junk token after it
    ("công văn số 12/ABC đề > ngày 3/4/2019 của Công ty Gamma hỏi về thuế.", "12/ABC",
     "2019-04-03", "Công ty Gamma"),
    ("Thông tư số 7/2015/TT-BTC ày 10/10/2015 của Bộ Tài chính hướng dẫn thuế;", "7/2015/TT-BTC",
     "2015-10-10", "Bộ Tài chính"),
    ("Nghị định số 8/2017/NĐ-CP ngày A 15/01/2017 của Chính phủ quy định:", "8/2017/NĐ-CP",
     "2017-01-15", "Chính phủ"),
    # a bare date right after the number
    ("thực hiện Nghị quyết số 02/2020/NQ-CP 01/01/2020 của Chính phủ;", "02/2020/NQ-CP",
     "2020-01-01", "Chính phủ"),
    # a date damaged beyond reading is passed over, the issuer after it is still read
    ("Thông tư số 5/2012/TT-BTC ngày 16 tháng J1 năm 2012 của Bộ Tài chính hướng dẫn phí;",
     "5/2012/TT-BTC", None, "Bộ Tài chính"),
    # a quote mark inside the type name; units listed with commas in the symbol
    ("Điều 1 Nghị “định số 9/2018/NĐ-CP ngày 2/4/2018 của Chính phủ;", "9/2018/NĐ-CP",
     "2018-04-02", "Chính phủ"),
    ("nhận được công văn số 31/CT-VP,TV ngày 5/1/2019 của Cục Thuế tỉnh B báo cáo.",
     "31/CT-VP,TV", "2019-01-05", "Cục Thuế tỉnh B"),
])
def test_ocr_noise_inside_a_citation(text, number, date, issuer):
    c = [c for c in find_citations(text) if c.number][0]
    assert (c.number, c.date, c.issuer) == (number, date, issuer)


def test_o_read_for_q_in_a_standing_committee_symbol():
    assert clean_number("12/2009/NQ-UBTVOHI2", "nghi quyet") == "12/2009/NQ-UBTVQH12"


def test_a_tail_after_an_and_joined_list_belongs_to_each():
    cites = find_citations("Trả lời công văn số 11/KT ngày 2/9/2017 và công văn số 12/KT ngày "
                           "3/10/2017 (gửi ngày 5/10/2017) của Công ty Delta hỏi về hóa đơn, Cục "
                           "Thuế có ý kiến như sau:")
    assert [(c.issuer, c.subject) for c in cites] == [("Công ty Delta", "hóa đơn")] * 2
    cites = find_citations("nhận được công văn số 1/AB-C ngày 1/2/2025 của Thuế tỉnh A và công văn "
                           "số 2/DE-F ngày 3/2/2025 của Thuế tỉnh B về hoàn thuế. Về vấn đề này")
    assert [(c.issuer, c.subject) for c in cites] == [("Thuế tỉnh A", "hoàn thuế"),
                                                      ("Thuế tỉnh B", "hoàn thuế")]


REPLY = """BỘ TÀI CHÍNH
CỤC THUẾ TỈNH X                 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
                                Độc lập - Tự do - Hạnh phúc
Số: 77/CTX-TTHT                 Tỉnh X, ngày 4 tháng 5 năm 2023
V/v chính sách thuế

Kính gửi: Công ty TNHH Hòa Bình
(Lô số C5, KCN Đông Nam, tỉnh X)
Ngày 20/4/2023, Cục Thuế tỉnh X nhận công văn số 05042023 ngày 18/4/2023 và đơn kiến nghị
số PA.2023.991 của Công ty TNHH Hòa Bình về hoàn thuế. Về vấn đề này, Cục Thuế có ý kiến như sau:
- Căn cứ Nghị định số 123/2020/NĐ-CP ngày 19/10/2020 của Chính phủ quy định về hóa đơn;
Cục Thuế tỉnh X trả lời để Công ty biết./.

""" + FOOT


def test_answered_letters_without_a_slash_are_legal_basis():
    record = parse(REPLY)
    basis = {r.number: r for r in record.legal_basis}
    # numbers without '/' count in the opening clause, a bracketed address line before it
    # does not hide it, and the 'nhận' date is when the letter came in, not its date
    assert set(basis) == {"05042023", "PA.2023.991", "123/2020/NĐ-CP"}
    assert (basis["05042023"].doc_type, basis["05042023"].date) == ("Công văn", "2023-04-18")
    assert (basis["PA.2023.991"].doc_type, basis["PA.2023.991"].issuer) == \
        ("Đơn", "Công ty TNHH Hòa Bình")
    assert basis["PA.2023.991"].subject == "hoàn thuế"


def test_the_day_a_letter_came_in_is_not_its_date():
    c = one("Ngày 02/6/2020, Cục Thuế tỉnh Y nhận công văn số 12/2020/AB-CV của Công ty Z.")
    assert c.date is None
    c = one("Ngày 28/10/2025, Chủ tịch Ủy ban nhân dân tỉnh đã ban hành Công văn số 3/UBND-VX.")
    assert c.date == "2025-10-28"


def test_a_reply_is_a_title_only_with_its_topic():
    c = one("Căn cứ Công văn số 8/BYT-BH ngày 3/1/2020 của Bộ Y tế trả lời Bảo hiểm xã hội Việt "
            "Nam về vướng mắc đóng bảo hiểm, BHXH tỉnh hướng dẫn như sau:")
    assert c.subject == "trả lời Bảo hiểm xã hội Việt Nam về vướng mắc đóng bảo hiểm"
    c = one("Cục Thuế đã có công văn số 9/CT-TT ngày 2/10/2020 trả lời Công ty là đúng.")
    assert c.subject is None


def test_an_upper_case_title_yields_to_running_text():
    record = parse(LETTER.replace(
        "V/v chính sách thuế",
        "V/v THỰC HIỆN THÔNG TƯ SỐ 78/2021/TT-BTC NGÀY 17/9/2021 CUA BO TAI CHINH DE THUC HIEN"))
    ref = next(r for r in record.references if r.number == "78/2021/TT-BTC")
    # OCR's 'dé' (để) ends the issuer too
    assert ref.issuer == "Bộ Tài chính"
    assert find_citations("Thông tư số 5/2013/TT-BTC ngày 1/1/2013 của Bộ Tài chính dé thực hiện "
                          "cam kết.")[0].issuer == "Bộ Tài chính"


def test_a_reported_problem_and_request_are_not_the_subject():
    c = one("nhận được công văn số 4/CT-VP ngày 2/1/2019 của Cục Thuế tỉnh B báo cáo vướng mắc và "
            "đề nghị hướng dẫn về thời điểm lập hóa đơn. Về vấn đề này")
    assert (c.issuer, c.subject) == ("Cục Thuế tỉnh B", "thời điểm lập hóa đơn")


def test_a_stray_dot_before_a_lower_case_ve_stays_inside_the_citation():
    c = one("thực hiện Nghị quyết số 3/2019/NQ-CP ngày 1/1/2019 của Chính phủ. về nhiệm vụ năm 2019;")
    assert (c.issuer, c.subject) == ("Chính phủ", "nhiệm vụ năm 2019")
    c = one("theo Nghị quyết số 3/2019/NQ-CP ngày 1/1/2019 của Chính phủ. Về vấn đề này, Bộ có ý kiến.")
    assert c.subject is None


def test_a_known_body_ocr_slipped_on_is_restored_in_a_reference():
    record = parse(LETTER.replace("ngày 19/10/2020 của Chính phủ", "ngày 19/10/2020 của Chính phi"))
    ref = next(r for r in record.references if r.number == "123/2020/NĐ-CP")
    assert ref.issuer == "Chính phủ"


def test_a_number_whose_type_word_ocr_lost_is_typed_by_its_symbol():
    cites = [c for c in find_citations("Căn cứ hướng dẫn về thuế số 7/2016/NĐ-CP ngày 2 tháng 3 năm "
                                       "2016 của Chính phủ;") if c.number]
    assert [(c.doc_type, c.number, c.date, c.issuer) for c in cites] == \
        [("Nghị định", "7/2016/NĐ-CP", "2016-03-02", "Chính phủ")]
    # a typed citation is read once, not again as a typeless one
    assert len(find_citations("Căn cứ Thông tư số 8/2016/TT-BTC ngày 1/1/2016;")) == 1


def test_a_list_the_citing_sentence_opens_ends_the_subject():
    # ', gồm:' / 'bao gồm:' introduce the citing sentence's own list, not the title's words
    c = one("Người lao động xếp lương theo Nghị định số 11/2004/NĐ-CP ngày 2/3/2004 của Chính phủ "
            "về chế độ tiền lương đối với công chức, gồm: a) Người làm việc trong cơ quan;")
    assert c.subject == "chế độ tiền lương đối với công chức"
    c = one("theo Thông tư số 6/2010/TT-BTC ngày 1/1/2010 của Bộ Tài chính hướng dẫn chi tiêu "
            "bao gồm: - chi hội nghị;")
    assert c.subject == "hướng dẫn chi tiêu"


def test_a_number_shouted_in_a_title_takes_running_texts_case():
    record = parse(LETTER.replace(
        "V/v chính sách thuế", "V/v THỰC HIỆN CHỈ THỊ SỐ 7/CT-TTG NGÀY 2/3/2023").replace(
        "Cục Thuế tỉnh An Giang trả lời", "Thực hiện Chỉ thị số 7/CT-TTg ngày 2/3/2023 của Thủ "
        "tướng Chính phủ, Cục Thuế tỉnh An Giang trả lời"))
    assert "7/CT-TTg" in [r.number for r in record.references]


def test_ocr_dots_inside_a_title_and_a_parallel_citation_after_a_nested_one():
    cites = [c for c in find_citations(
        "Bộ đã ban hành Quyết định số 8/QĐ-BTC ngày 2/1/2019 triển. khai Nghị quyết sô. "
        "1/2019/NQ-CP ngày 1/1/2019 của Chính phủ về nhiệm vụ năm 2019 và Quyết định số "
        "9/QĐ-BTC ngày 2/1/2019 triển khai Nghị quyết số 2/2019/NQ-CP của Chính phủ.") if c.number]
    by_number = {c.number: c.subject for c in cites}
    # the stray dots after 'triển' and 'sô' neither hide the verb nor end the title; the next
    # Quyết định is a document of its own, not part of the nested Nghị quyết's list
    assert by_number["8/QĐ-BTC"] == ("triển. khai Nghị quyết sô. 1/2019/NQ-CP ngày 1/1/2019 của "
                                     "Chính phủ về nhiệm vụ năm 2019")
    assert by_number["9/QĐ-BTC"].startswith("triển khai Nghị quyết số 2/2019/NQ-CP")


def test_some_articles_of_a_document_name_no_article():
    # 'một số điều của Thông tư số B' is not 'Điều 5 Thông tư số B': B's own title is kept
    cites = {}
    for c in find_citations(
            "theo Thông tư số 9/2025/TT-BTC ngày 2/1/2025 của Bộ Tài chính sửa đổi, bổ sung một số "
            "điều của Thông tư số 4/2022/TT-BTC ngày 1/7/2022 của Bộ Tài chính quy định quản lý kinh "
            "phí chi thường xuyên (sau đây viết tắt là Thông tư số 4/2022/TT-BTC), Bộ có ý kiến:"):
        cites.setdefault(c.number, c)       # the first mention of each number
    assert cites["4/2022/TT-BTC"].subject == "quy định quản lý kinh phí chi thường xuyên"
    # a 'hereinafter' bracket after the nested document belongs to the citing text
    assert cites["9/2025/TT-BTC"].subject.endswith("quy định quản lý kinh phí chi thường xuyên")
    # an article named directly still leaves the provision's verb out
    c = one("Căn cứ Điều 5 Thông tư số 3/2021/TT-BTC ngày 1/6/2021 quy định đối tượng nộp thuế;")
    assert c.subject is None


def test_a_deadline_month_is_not_a_law_cited_by_its_year():
    laws = [c for c in find_citations("hoàn thiện dự thảo sửa đổi Luật quản lý thuế, trình Chính "
                                      "phủ ban hành trong tháng 10 năm 2022.") if c.number is None]
    assert laws == []
    laws = [c for c in find_citations("theo Luật Viên chức năm 2010;") if c.number is None]
    assert [c.subject for c in laws] == ["Viên chức"]
    # a law's own date whose day OCR split ('1 9') still names a law
    laws = [c for c in find_citations("Căn cứ Luật Tổ chức Chính phủ ngày 1 9 tháng 6 năm 2015;")
            if c.number is None]
    assert len(laws) == 1 and laws[0].subject.startswith("Tổ chức Chính phủ")


def _laws(text):
    return [(c.date, c.subject) for c in find_citations(text) if c.number is None]


def test_an_amending_law_naming_many_laws_keeps_its_whole_name():
    assert _laws("Căn cứ Luật Thuế ngày 1 tháng 6 năm 2019; Luật sửa đổi, bổ sung một số điều của "
                 "Luật Kế toán, Luật Kiểm toán độc lập, Luật Ngân sách nhà nước, Luật Quản lý, sử "
                 "dụng tài sản công, Luật Quản lý thuế, Luật Thuế thu nhập cá nhân, Luật Dự trữ quốc "
                 "gia ngày 29 tháng 11 năm 2024;")[1] == \
        ("2024-11-29", "sửa đổi, bổ sung một số điều của Luật Kế toán, Luật Kiểm toán độc lập, "
                       "Luật Ngân sách nhà nước, Luật Quản lý, sử dụng tài sản công, Luật Quản lý "
                       "thuế, Luật Thuế thu nhập cá nhân, Luật Dự trữ quốc gia")


def test_a_law_and_its_amending_law_are_two_laws():
    assert _laws("Căn cứ Luật Bầu cử đại biểu Hội đồng nhân dân và Luật sửa đổi, bổ sung một số "
                 "điều của Luật Bầu cử đại biểu Hội đồng nhân dân ngày 24/6/2025;") == [
        (None, "Bầu cử đại biểu Hội đồng nhân dân"),
        ("2025-06-24", "sửa đổi, bổ sung một số điều của Luật Bầu cử đại biểu Hội đồng nhân dân")]
    # a name holding a document number is the words of another citation, not a law
    assert _laws("quy định chi tiết thi hành Luật về thuế và sửa đổi một số điều của Thông tư "
                 "78/2014/TT-BTC ngày 18/6/2014") == []


def test_other_regulations_added_by_the_citing_sentence_end_the_subject():
    c = one("được thực hiện theo Thông tư số 8/2025/TT-BTC ngày 2/8/2025 của Bộ Tài chính hướng dẫn "
            "kinh phí bầu cử và các quy định khác có liên quan.")
    assert c.subject == "hướng dẫn kinh phí bầu cử"
