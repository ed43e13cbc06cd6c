"""What every extractor reads through: the document's regions (`layout`: header, addressees,
signature block), its sentences (`sentences`) and literal prefilters for lexicon patterns
(`needles`). No components here."""
