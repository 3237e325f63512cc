"""vanthu's document generator: model, Nghị định 30 rules, rendering, PDF export.

The public surface; other packages import only these names.
"""
from .books import render_register
from .fill import FillError, fill_number
from .model import GENERATED_KINDS, Document, FieldError, ValidationError, load_document
from .pdf import PdfError, convert_to_pdf, pdf_bytes
from .render import RenderError, render_bytes, render_docx, write_atomic
from .rules import KINDS, normalise_kind
from .settings import Settings, SettingsError, data_dir, ensure_data_dir, load_settings
from .summary import load_summary, render_summary, tong_hop_paragraph, validate_summary

__all__ = [
    "GENERATED_KINDS", "KINDS", "Document", "FieldError", "FillError", "fill_number", "render_register", "PdfError", "RenderError", "Settings",
    "SettingsError", "ValidationError", "convert_to_pdf", "pdf_bytes", "data_dir", "ensure_data_dir", "load_document",
    "load_settings", "load_summary", "normalise_kind", "render_bytes", "render_docx", "render_summary",
    "tong_hop_paragraph", "validate_summary", "write_atomic",
]
