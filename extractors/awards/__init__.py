"""Award counts: read sentence by sentence (`prose`) and from a decision's recipient list
(`recipient_lists`)."""
from . import prose, recipient_lists  # noqa: F401  (importing registers the components)
