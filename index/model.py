"""What goes into the index and what comes out, whichever engine holds it."""
from __future__ import annotations

from dataclasses import dataclass, field

FACETS = ("kind", "issuing_body", "year", "status")
PER_PAGE = 20


@dataclass
class IndexDoc:
    id: int
    version: int  # the archive's current_version: a stale entry shows as drift
    kind: str
    status: str
    secret: bool = False
    issuing_body: str | None = None
    year: int | None = None
    date: int | None = None  # yyyymmdd, for ranges and sorting
    signer: str | None = None
    so: int | None = None
    ky_hieu: str | None = None
    trich_yeu: str | None = None
    cited: list[str] = field(default_factory=list)
    content: str = ""
    seen_by: str = "*"  # who may find it: "*" everyone, "unit:VP" a draft seen only by its unit (and roles that see all)


@dataclass
class Query:
    text: str = ""
    kind: str | None = None
    issuing_body: str | None = None
    year: int | None = None
    date_from: int | None = None  # yyyymmdd
    date_to: int | None = None
    signer: str | None = None
    status: str | None = None
    cited: str | None = None
    sort: str = "relevance"  # relevance | date
    page: int = 1
    per_page: int = PER_PAGE
    facets: bool = True
    see_secrets: bool = False  # whoever may see Mật documents (roles come later)
    draft_unit: str | None = None  # a viewer who sees only the drafts of this unit (archive.rights); None: all


@dataclass
class Hit:
    id: int
    score: float


@dataclass
class Results:
    total: int
    hits: list[Hit]
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    terms: list[str] = field(default_factory=list)  # the query's words, folded, for snippets
    exact_terms: list[str] = field(default_factory=list)  # the same as typed (lower case)
