"""Rule and NLP extractors. Importing this package registers their components."""
from . import awards, doc_header, figures, ocr_marks, period, recipient_lists, reporting_unit, signer, table_figures, unit_resolution  # noqa: F401

__all__ = ["awards", "doc_header", "figures", "ocr_marks", "period", "recipient_lists", "reporting_unit", "signer", "table_figures", "unit_resolution"]
