"""Data files of chitieu (TSV and word lists). Data, not code: edit them, not the rules."""
