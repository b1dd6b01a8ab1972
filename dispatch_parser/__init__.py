"""dispatch-parser: Vietnamese administrative documents (Decree 30/2020/NĐ-CP) as records.

    >>> from dispatch_parser import parse
    >>> record = parse("công_văn.txt")
    >>> record.number.raw, record.issuer.name, record.subject
"""
from .errors import (CorruptFileError, DispatchParserError, EmptyInputError, EncodingError,
                     EncryptedFileError, InputError, InputTooLargeError, NotADispatchError,
                     OCRUnavailableError, UnsupportedFormatError)
from .models import (Contact, Directive, DispatchRecord, DocumentNumber, Issuer, PartialDate,
                     Reference, Signer)
from .pipeline import parse, parse_layout

__version__ = "0.1.0"
__all__ = [
    "parse", "parse_layout", "DispatchRecord", "DocumentNumber", "Issuer", "PartialDate",
    "Reference", "Directive", "Contact", "Signer", "DispatchParserError", "InputError",
    "EmptyInputError", "UnsupportedFormatError", "EncodingError", "CorruptFileError",
    "EncryptedFileError", "InputTooLargeError", "OCRUnavailableError", "NotADispatchError",
]
