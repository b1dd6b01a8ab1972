"""The record contract (../shared/spec/record.md) as Pydantic v2 models.

Field names and meanings of the contract are fixed; the models add provenance (where in the
source each field was read), per-field confidence or the reason a field is missing, and
warnings. `model_dump(mode="json")` of a `DispatchRecord` is the JSON the CLI prints.
"""
from __future__ import annotations

import datetime as _dt
from typing import Optional

from pydantic import BaseModel, ConfigDict, Field, computed_field, model_validator


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore")


class Box(_Model):
    """A rectangle on a page, in PDF points from the top-left corner (x0, top, x1, bottom)."""

    x0: float
    top: float
    x1: float
    bottom: float


class PageBox(_Model):
    """One page's share of a field that runs over several pages."""

    page: int
    box: Box


class Provenance(_Model):
    """Where a field's value was read: a character span of the normalized text, and where
    the input had pages, the page number (1-based) and the union box of its lines."""

    start: int = Field(description="offset of the first character in the source text")
    end: int = Field(description="offset after the last character in the source text")
    page: Optional[int] = Field(default=None, description="the page where the value starts")
    box: Optional[Box] = Field(default=None, description="the union box of its lines on `page`")
    zone: Optional[str] = Field(default=None, description="the Decree 30 zone it was read in")
    boxes: list[PageBox] = Field(
        default_factory=list,
        description="one box per page when the value runs over more than one page (first = page/box)")


class FieldStatus(_Model):
    """How sure the parser is of a field, or why it is missing."""

    confidence: float = Field(ge=0.0, le=1.0)
    reason: Optional[str] = Field(default=None, description="why the field is empty or uncertain")


class DocumentNumber(_Model):
    raw: str = Field(description="as written after 'Số:', spaces removed: '1752/UBND-THCB'")
    seq: Optional[int] = Field(default=None, description="the running number; null when blank")
    symbol: Optional[str] = Field(default=None, description="the ký hiệu after the last '/'")


class Issuer(_Model):
    name: str = Field(default="", description="full written-out name of the issuing body")
    parent: Optional[str] = Field(default=None, description="the governing body above it")


class PartialDate(_Model):
    """The issue date; a part left blank in the document is null."""

    year: Optional[int] = Field(default=None, ge=1900, le=2200)
    month: Optional[int] = Field(default=None, ge=1, le=12)
    day: Optional[int] = Field(default=None, ge=1, le=31)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def iso(self) -> Optional[str]:
        """ISO date when all three parts are known and form a real date, else null."""
        if self.year and self.month and self.day:
            try:
                return _dt.date(self.year, self.month, self.day).isoformat()
            except ValueError:
                return None
        return None

    def as_date(self) -> Optional[_dt.date]:
        return _dt.date.fromisoformat(self.iso) if self.iso else None


class Reference(_Model):
    """A cited document."""

    doc_type: Optional[str] = None
    number: Optional[str] = None
    date: Optional[str] = Field(default=None, description="ISO YYYY-MM-DD")
    issuer: Optional[str] = None
    subject: Optional[str] = None
    provenance: Optional[Provenance] = None


class Directive(_Model):
    label: str
    text: str
    children: list["Directive"] = Field(default_factory=list)
    provenance: Optional[Provenance] = None


class Contact(_Model):
    name: Optional[str] = None
    title: Optional[str] = None
    organization: Optional[str] = None
    phones: list[str] = Field(default_factory=list)
    emails: list[str] = Field(default_factory=list)
    provenance: Optional[Provenance] = None


class Signer(_Model):
    name: Optional[str] = None
    position: Optional[str] = None
    authority: list[str] = Field(default_factory=list)


class Marks(_Model):
    """Urgency and secrecy marks of Decree 30 (độ khẩn, độ mật)."""

    urgency: Optional[str] = Field(default=None, description="'Hỏa tốc', 'Thượng khẩn' or 'Khẩn'")
    secrecy: Optional[str] = Field(default=None, description="'Tuyệt mật', 'Tối mật' or 'Mật'")


class DispatchRecord(_Model):
    """One parsed administrative document."""

    document_type: Optional[str] = None
    number: Optional[DocumentNumber] = None
    issuer: Issuer = Field(default_factory=Issuer)
    place: Optional[str] = None
    date: PartialDate = Field(default_factory=PartialDate)
    subject: Optional[str] = None
    recipients: list[str] = Field(default_factory=list)
    legal_basis: list[Reference] = Field(default_factory=list)
    references: list[Reference] = Field(default_factory=list)
    directives: list[Directive] = Field(default_factory=list)
    contacts: list[Contact] = Field(default_factory=list)
    signer: Optional[Signer] = None
    distribution: list[str] = Field(default_factory=list)
    footnotes: list[str] = Field(default_factory=list)

    # beyond the contract
    marks: Marks = Field(default_factory=Marks)
    provenance: dict[str, Provenance] = Field(
        default_factory=dict, description="field name -> where its value was read")
    status: dict[str, FieldStatus] = Field(
        default_factory=dict, description="field name -> confidence, or why it is missing")
    warnings: list[str] = Field(default_factory=list)
    source: Optional[str] = Field(default=None, description="the input's path, when it had one")

    @model_validator(mode="after")
    def _references_include_legal_basis(self) -> "DispatchRecord":
        # The contract: references hold every cited document, the legal basis included.
        seen = {r.number for r in self.references if r.number}
        missing = [r for r in self.legal_basis if r.number and r.number not in seen]
        if missing:
            self.references = [*missing, *self.references]
        return self

    @property
    def needs_review(self) -> bool:
        """Whether an archivist should check this record by hand."""
        return bool(self.warnings) or any(s.confidence < 0.5 for s in self.status.values())


Directive.model_rebuild()
