"""Bad input gets a specific exception under DispatchParserError, and its message names the file."""
from __future__ import annotations

import os
import unicodedata

import pytest

import dispatch_parser.errors as errors
from dispatch_parser import (DispatchParserError, EmptyInputError, EncodingError, InputError,
                             InputTooLargeError, UnsupportedFormatError, parse)

TONES = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    """Windows-1258 writes the tone as a combining mark after a (possibly precomposed) base."""
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in TONES)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
        out.append(base + tones)
    return "".join(out).encode("cp1258")


def test_every_error_derives_from_the_base():
    classes = [v for v in vars(errors).values() if isinstance(v, type) and issubclass(v, Exception)]
    assert len(classes) >= 10
    assert all(issubclass(c, DispatchParserError) for c in classes)


@pytest.mark.parametrize("content, error", [
    (b"", EmptyInputError),
    (b"  \n\t\r\n   \n", EmptyInputError),
    (bytes(range(256)) * 8, UnsupportedFormatError),
    (b"\xff\xfe" + b"S\x00\xd1", EncodingError),          # UTF-16 mark, then an odd byte count
])
def test_unreadable_file_raises_specific_error_naming_the_file(tmp_path, content, error):
    path = tmp_path / "bad_input.txt"
    path.write_bytes(content)
    with pytest.raises(error) as info:
        parse(path)
    assert "bad_input.txt" in str(info.value)
    assert info.value.source == str(path)


def test_undecodable_bytes_raise_encoding_error(tmp_path):
    path = tmp_path / "mojibake.txt"
    path.write_bytes(b"S\x81 \x8a\x8d\x8e\x8f\x90 \x9d\x9e " * 20)   # bytes Windows-1258 leaves undefined
    with pytest.raises((EncodingError, UnsupportedFormatError)) as info:
        parse(path)
    assert "mojibake.txt" in str(info.value)


def test_missing_file(tmp_path):
    path = tmp_path / "không_có.txt"
    with pytest.raises(InputError, match="không_có.txt"):
        parse(path)


def test_directory(tmp_path):
    with pytest.raises(InputError, match="folder") as info:
        parse(tmp_path)
    assert str(tmp_path) in str(info.value)


def test_huge_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:      # a sparse file: big on paper, nothing written
        f.truncate(201 * 1024 * 1024)
    with pytest.raises(InputTooLargeError, match="huge.txt"):
        parse(path)


def test_corrupt_pdf_gets_an_input_error(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n%% truncated here")
    with pytest.raises(InputError, match="broken.pdf"):
        parse(path)


@pytest.mark.parametrize("encoding, bom", [
    ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"), ("utf-16-le", b""), ("utf-16-be", b""),
    ("utf-8", b"\xef\xbb\xbf"),
])
def test_utf16_and_bom_inputs_parse_like_utf8(tmp_path, sample_text, encoding, bom):
    path = tmp_path / "utf16.txt"
    path.write_bytes(bom + sample_text.encode(encoding))
    record = parse(path)
    expected = parse(sample_text)
    assert record.number == expected.number and record.subject == expected.subject
    assert record.issuer == expected.issuer
    if not bom:
        assert any("without a byte-order mark" in w for w in record.warnings)


def test_windows_1258_bytes_are_decoded(tmp_path, sample_text):
    path = tmp_path / "cp1258.txt"
    path.write_bytes(to_cp1258(sample_text))
    record = parse(path)
    expected = parse(sample_text)
    assert record.subject == expected.subject and record.place == expected.place
    assert any("Windows-1258" in w for w in record.warnings)


def test_bytes_input_errors_have_no_file_name():
    with pytest.raises(EmptyInputError) as info:
        parse(b"   ")
    assert info.value.source is None


def test_non_text_str_never_raises_foreign_errors():
    for text in ["", " ", "\x00\x01\x02", "\ud800", "a" * 100_000]:
        try:
            parse(text)
        except DispatchParserError:
            pass
