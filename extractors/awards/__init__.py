"""Award counts: read sentence by sentence (`prose`), from summary tables (`tables`, called by
`prose`'s component) and from a decision's recipient list (`recipient_lists`). `lexicon` compiles
the award lexicons, `rows` makes a row (grantor level, rank, evidence), `headlines` drops what a
press page's headline repeats."""
from . import prose, recipient_lists  # noqa: F401  (importing registers the components)
