"""What the document is: its header (kind, number, date, title), the period it is about, the
reporting unit named in the text, that unit in the official gazetteer, and the signer."""
from . import doc_content, header, period, reporting_unit, signer, unit_resolution  # noqa: F401  (importing registers the components)
