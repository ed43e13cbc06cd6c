"""Explicit Arrow schemas of the output tables (../shared/spec/SCHEMA.md, extended).

Columns may be added; the contract's columns keep their names, types and meanings.
`period_year` is kept apart from these schemas because a document's rows are built before the
writer places them: the writer adds it to every file (`STORED`), where every reader finds it.
"""
from __future__ import annotations

import pyarrow as pa

PARTITION = "period_year"

# Document columns copied onto every figure and award so a dashboard needs no join.
DOC_COPY = [
    pa.field("doc_id", pa.string(), nullable=False),
    pa.field("source_path", pa.string(), nullable=False),
    pa.field("locality", pa.string()),
    pa.field("admin_level", pa.string()),
    pa.field("district", pa.string()),
    pa.field("province", pa.string()),
    pa.field("unit_code", pa.string()),
    pa.field("period", pa.string()),
    pa.field("doc_type", pa.string()),
    pa.field("unit_code_2025", pa.string()),
    pa.field("commune_2025", pa.string()),
    pa.field("province_2025", pa.string()),
    pa.field("comparison_unit_id", pa.string()),
    pa.field("duplicate_of", pa.string()),  # the canonical doc_id of a copy of the same report
]

EVIDENCE = [
    pa.field("sentence", pa.string(), nullable=False),
    pa.field("char_start", pa.int32(), nullable=False),
    pa.field("char_end", pa.int32(), nullable=False),
    pa.field("page", pa.int32()),
    pa.field("extractor", pa.string(), nullable=False),
    pa.field("confidence", pa.float32(), nullable=False),
]

# An analyst's correction of a row (dataset/corrections.py): whether one changed it, and the
# changed fields' extracted values (a JSON object).
CURATION = [
    pa.field("corrected", pa.bool_(), nullable=False),
    pa.field("original", pa.string()),
]
CURATION_DEFAULTS = {"corrected": False, "original": None}

DOCUMENTS = pa.schema([
    pa.field("doc_id", pa.string(), nullable=False),
    pa.field("source_path", pa.string(), nullable=False),
    pa.field("format", pa.string(), nullable=False),
    pa.field("status", pa.string(), nullable=False),
    pa.field("error", pa.string()),
    pa.field("doc_type", pa.string()),
    pa.field("doc_kind", pa.string()),
    pa.field("doc_number", pa.string()),
    pa.field("issued_date", pa.string()),
    pa.field("title", pa.string()),
    pa.field("issuer", pa.string()),
    pa.field("locality", pa.string()),
    pa.field("admin_level", pa.string()),
    pa.field("commune_kind", pa.string()),
    pa.field("district", pa.string()),
    pa.field("province", pa.string()),
    pa.field("unit_code", pa.string()),
    pa.field("period", pa.string()),
    pa.field("signer", pa.string()),
    pa.field("n_indicators", pa.int32(), nullable=False),
    pa.field("n_awards", pa.int32(), nullable=False),
    pa.field("n_pages", pa.int32()),
    pa.field("n_chars", pa.int32(), nullable=False),
    pa.field("encoding", pa.string()),
    pa.field("ocr_pages", pa.int32()),
    pa.field("ocr_confidence", pa.float32()),
    pa.field("resolution", pa.string()),
    pa.field("n_candidates", pa.int32()),
    pa.field("district_source", pa.string()),
    pa.field("province_source", pa.string()),
    pa.field("unit_note", pa.string()),
    pa.field("unit_code_2025", pa.string()),
    pa.field("commune_2025", pa.string()),
    pa.field("province_2025", pa.string()),
    pa.field("successors_2025", pa.string()),
    pa.field("comparison_unit_id", pa.string()),
    pa.field("text_fingerprint", pa.string()),  # SHA-256 of the body's words (dataset/duplicates.py)
    pa.field("duplicate_of", pa.string()),  # the canonical doc_id where this is a copy of a report
])

INDICATORS = pa.schema(DOC_COPY + [
    pa.field("indicator", pa.string(), nullable=False),
    pa.field("indicator_vi", pa.string(), nullable=False),
    pa.field("subject", pa.string(), nullable=False),
    pa.field("qualifier", pa.string()),
    pa.field("measure", pa.string(), nullable=False),
    pa.field("value", pa.float64(), nullable=False),
    pa.field("unit", pa.string(), nullable=False),
    pa.field("raw_value", pa.string(), nullable=False),
    pa.field("raw_unit", pa.string()),
    pa.field("denominator", pa.float64()),
    pa.field("comparator", pa.string(), nullable=False),
    pa.field("is_estimate", pa.bool_(), nullable=False),
    pa.field("reference", pa.string()),
    pa.field("period_ref", pa.string()),
    pa.field("target_year", pa.int32()),  # the year a target is for (extractors/figures/target_year.py)
    pa.field("flags", pa.list_(pa.string())),  # plausibility codes, [] when none (extractors/plausibility.py)
] + EVIDENCE + CURATION)

AWARDS = pa.schema(DOC_COPY + [
    pa.field("award", pa.string(), nullable=False),
    pa.field("award_vi", pa.string(), nullable=False),
    pa.field("recipient", pa.string(), nullable=False),
    pa.field("count", pa.int32(), nullable=False),
    pa.field("grantor", pa.string()),
    pa.field("grantor_level", pa.string()),
    pa.field("status", pa.string(), nullable=False),
    pa.field("rank", pa.string()),
] + EVIDENCE + CURATION)

BLOCK = pa.struct([
    pa.field("kind", pa.string()),
    pa.field("char_start", pa.int32()),
    pa.field("char_end", pa.int32()),
    pa.field("page", pa.int32()),
    pa.field("heading_level", pa.int32()),
    pa.field("section", pa.list_(pa.string())),
])

TEXTS = pa.schema([
    pa.field("doc_id", pa.string(), nullable=False),
    pa.field("source_path", pa.string(), nullable=False),
    pa.field("text", pa.large_string(), nullable=False),
    pa.field("blocks", pa.list_(BLOCK)),
])

TABLES: dict[str, pa.Schema] = {
    "documents": DOCUMENTS,
    "indicators": INDICATORS,
    "awards": AWARDS,
    "texts": TEXTS,
}

# The schemas of the files as written: each table's columns and `period_year` last. (No pandas
# metadata asking for a nullable Int32: code written for NaN, the evaluation's among it, would
# meet pd.NA; pandas reads the unknown year as NaN, like any nullable integer column.)
STORED: dict[str, pa.Schema] = {name: schema.append(pa.field(PARTITION, pa.int32())) for name, schema in TABLES.items()}
