"""Every exception dispatch-parser raises derives from `DispatchParserError`.

    DispatchParserError
    ├── InputError                 the input cannot be read as a document
    │   ├── EmptyInputError        zero bytes, or only white space
    │   ├── UnsupportedFormatError a file type no reader handles
    │   ├── EncodingError          bytes that decode as no known text encoding
    │   ├── CorruptFileError       a damaged or truncated PDF, image or Word file
    │   ├── EncryptedFileError     a password-protected file
    │   ├── InputTooLargeError     over the size or page limit
    │   └── OCRUnavailableError    a scan, but no Tesseract installed
    └── NotADispatchError          (strict mode) the text is no administrative document

Messages name the file and say what to do about it.
"""
from __future__ import annotations

from typing import Optional


class DispatchParserError(Exception):
    """Base class of every error dispatch-parser raises."""

    def __init__(self, message: str, source: Optional[str] = None):
        self.source = source
        super().__init__(f"{source}: {message}" if source else message)


class InputError(DispatchParserError):
    """The input cannot be read as a document."""


class EmptyInputError(InputError):
    """The input has no content."""


class UnsupportedFormatError(InputError):
    """No reader handles this kind of file."""


class EncodingError(InputError):
    """The bytes decode as no supported text encoding."""


class CorruptFileError(InputError):
    """The file is damaged or truncated."""


class EncryptedFileError(InputError):
    """The file is password-protected."""


class InputTooLargeError(InputError):
    """The input is over the configured size or page limit."""


class OCRUnavailableError(InputError):
    """The input needs OCR but Tesseract (or its Vietnamese data) is not installed."""


class ZonerUnavailableError(DispatchParserError):
    """The learned zoner (models/zoner) cannot be loaded: missing or damaged model files."""


class NotADispatchError(DispatchParserError):
    """Raised in strict mode when the text shows no administrative-document structure."""
