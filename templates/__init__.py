"""The .docx templates, one per kind, built by `templates/build.py` (`make templates`)."""
from pathlib import Path

TEMPLATE_DIR = Path(__file__).resolve().parent


def template_path(kind: str) -> Path:
    return TEMPLATE_DIR / f"{kind}.docx"
