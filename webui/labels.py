"""Vietnamese names of the kinds, as the pages show them."""
from __future__ import annotations

import generator
from generator.rules import TYPE_NAMES

# Công văn has no printed type name (it has "V/v …" instead), so rules has no entry for it.
_EXTRA = {"cong_van": "CÔNG VĂN", "other": "VĂN BẢN KHÁC"}


def kind_name(kind: str) -> str:
    """'quyet_dinh' → 'Quyết định'."""
    upper = TYPE_NAMES.get(kind) or _EXTRA.get(kind) or kind
    return upper[:1] + upper[1:].lower()


NAV_KINDS = [(k, kind_name(k)) for k in generator.GENERATED_KINDS]
