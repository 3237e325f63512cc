"""Where the archive's callers used to find the dossier splitter: it lives with the checker now
(generator/checker/split.py), which `vanthu check` and ingest both call."""
from generator.checker.split import Segment, split_documents

__all__ = ["Segment", "split_documents"]
