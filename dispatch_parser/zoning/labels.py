"""The line labels of the learned zoner (one label per clean line).

    mark          urgency / secrecy marks above the header (HỎA TỐC, KHẨN, MẬT)
    issuer        issuing body lines (left header column)
    motto         the national motto and its underline (right header column)
    number        'Số: …' line
    date          place and date line
    type          stand-alone type name (QUYẾT ĐỊNH, KẾ HOẠCH …)
    subject       trích yếu: V/v lines of a công văn, the title under a type name
    recipients    Kính gửi and its list
    preamble      legal basis / opening clause (Căn cứ, Thực hiện, Theo đề nghị …)
    body          items and paragraphs of the body
    closing       the body's closing sentence (ends with './.')
    authority     signing authority and position (TM./KT./TL. …, GIÁM ĐỐC)
    signer        the signer's name
    distribution  Nơi nhận and its list
    footnote      footnote texts
    noise         stamps, signatures-by-image text, page furniture, OCR debris
"""
LABELS = ["mark", "issuer", "motto", "number", "date", "type", "subject", "recipients", "preamble",
          "body", "closing", "authority", "signer", "distribution", "footnote", "noise"]
