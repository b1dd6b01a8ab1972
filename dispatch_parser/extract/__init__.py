"""Extractors: one module per field family, each a function (Segments) -> fields.

Each extractor returns its values plus provenance; the pipeline assembles the record.
"""
