-- dispatch-parser corpus store (SQLite). One row per distinct input content in `documents`;
-- the record's lists in child tables keyed by the document's content hash; the full record
-- JSON beside them. `files` maps each input path to the content it had when converted, so a
-- rerun skips what is done and re-parses a file whose content changed.
PRAGMA foreign_keys = ON;

CREATE TABLE IF NOT EXISTS documents (
    doc_id          TEXT PRIMARY KEY,          -- sha256 of the input's bytes
    path            TEXT NOT NULL,             -- the first path it was converted from
    format          TEXT,                      -- text, markdown, pdf, image, docx, html
    document_type   TEXT,
    number_raw      TEXT,
    number_seq      INTEGER,
    number_symbol   TEXT,
    number_key      TEXT,                      -- folded number, spaces removed: lookup key
    issuer          TEXT,
    issuer_parent   TEXT,
    place           TEXT,
    year            INTEGER,
    month           INTEGER,
    day             INTEGER,
    issued          TEXT,                      -- ISO date when complete
    subject         TEXT,
    signer_name     TEXT,
    signer_position TEXT,
    urgency         TEXT,
    secrecy         TEXT,
    needs_review    INTEGER NOT NULL DEFAULT 0,
    warnings        TEXT,                      -- JSON list
    duplicate_of    TEXT REFERENCES documents(doc_id),  -- same number + symbol + issuer
    record_json     TEXT NOT NULL              -- the full record, as `parse --json` prints it
);
CREATE INDEX IF NOT EXISTS documents_issuer ON documents(issuer);
CREATE INDEX IF NOT EXISTS documents_type ON documents(document_type);
CREATE INDEX IF NOT EXISTS documents_issued ON documents(year, month, day);
CREATE INDEX IF NOT EXISTS documents_number ON documents(number_key);

CREATE TABLE IF NOT EXISTS files (
    path        TEXT PRIMARY KEY,
    doc_id      TEXT NOT NULL,
    size        INTEGER,
    mtime_ns    INTEGER
);
CREATE INDEX IF NOT EXISTS files_doc ON files(doc_id);

CREATE TABLE IF NOT EXISTS failures (
    path        TEXT PRIMARY KEY,
    doc_id      TEXT,                          -- content hash, when the file could be read
    size        INTEGER,
    mtime_ns    INTEGER,
    error       TEXT NOT NULL,                 -- exception class
    message     TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS recipients (
    doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    pos    INTEGER NOT NULL,
    name   TEXT NOT NULL,
    PRIMARY KEY (doc_id, pos)
);

CREATE TABLE IF NOT EXISTS doc_references (
    doc_id      TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    pos         INTEGER NOT NULL,
    legal_basis INTEGER NOT NULL DEFAULT 0,    -- 1 when the citing document acts on it
    doc_type    TEXT,
    number      TEXT,
    number_key  TEXT,
    date        TEXT,
    issuer      TEXT,
    subject     TEXT,
    PRIMARY KEY (doc_id, pos)
);
CREATE INDEX IF NOT EXISTS doc_references_number ON doc_references(number_key);

CREATE TABLE IF NOT EXISTS directives (
    doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    path   TEXT NOT NULL,                      -- labels from the root: '1/a/-2'
    depth  INTEGER NOT NULL,
    label  TEXT NOT NULL,
    text   TEXT NOT NULL,
    PRIMARY KEY (doc_id, path)
);

CREATE TABLE IF NOT EXISTS contacts (
    doc_id       TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    pos          INTEGER NOT NULL,
    name         TEXT,
    title        TEXT,
    organization TEXT,
    phones       TEXT,                         -- JSON list
    emails       TEXT,                         -- JSON list
    PRIMARY KEY (doc_id, pos)
);

CREATE TABLE IF NOT EXISTS signers (
    doc_id    TEXT PRIMARY KEY REFERENCES documents(doc_id) ON DELETE CASCADE,
    name      TEXT,
    position  TEXT,
    authority TEXT                             -- JSON list: ["TM. Ủy ban nhân dân", "KT. Chủ tịch"]
);

CREATE TABLE IF NOT EXISTS distribution (
    doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    pos    INTEGER NOT NULL,
    entry  TEXT NOT NULL,
    PRIMARY KEY (doc_id, pos)
);

-- Full-text index, sharing the rowid of its document: the normalized text as written (kept
-- here only) and folded (no diacritics, đ -> d), so that 'an toan thong tin' finds
-- 'an toàn thông tin' whatever the tone placement.
CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(
    doc_id UNINDEXED, subject, issuer, text, folded,
    tokenize = 'unicode61 remove_diacritics 2'
);
