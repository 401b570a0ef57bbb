"""Item pipelines, one per file: extract -> validate -> dedup -> store."""
