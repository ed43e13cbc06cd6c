"""The README tells the truth about what a user can type and read: every command and option of
`chitieu --help`, and every column the writer writes beyond the shared contract."""
from __future__ import annotations

from pathlib import Path

import regex
import typer

from pipeline.cli import app
from pipeline.dataset.schema import STORED

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")

# The contract's own columns (../shared/spec/SCHEMA.md), which the README leaves to it.
CONTRACT = {
    "doc_id", "source_path", "format", "status", "error", "doc_type", "doc_number", "issued_date", "title",
    "locality", "admin_level", "commune_kind", "district", "province", "unit_code", "period_year", "period",
    "signer", "n_indicators", "n_awards", "indicator", "indicator_vi", "subject", "qualifier", "measure",
    "value", "unit", "raw_value", "raw_unit", "denominator", "comparator", "is_estimate", "reference",
    "sentence", "char_start", "char_end", "page", "extractor", "confidence", "award", "award_vi",
    "recipient", "count", "grantor", "grantor_level",
}


def test_every_command_and_option_of_the_cli_is_in_the_readme():
    group = typer.main.get_command(app)
    missing = []
    for name, command in group.commands.items():
        if f"chitieu {name}" not in README:
            missing.append(f"chitieu {name}")
        for param in command.params:
            opts = [o for o in param.opts if o.startswith("-") and o != "--help"]
            if opts and not any(regex.search(r"(?<![\w-])" + regex.escape(o) + r"(?![\w-])", README) for o in opts):
                missing.append(f"chitieu {name} {opts[0]}")
    assert not missing, missing


def test_every_column_beyond_the_contract_is_named_in_the_readme():
    missing = sorted({f"{table}.{name}" for table, schema in STORED.items() for name in schema.names
                      if name not in CONTRACT and f"`{name}`" not in README})
    assert not missing, missing
