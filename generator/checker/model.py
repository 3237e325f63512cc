"""What the checker reads and what it reports, whatever the file type."""
from __future__ import annotations

from dataclasses import dataclass, field

from .ruleset import ERROR, RULES


@dataclass
class Run:
    text: str
    fonts: dict[str, str | None]  # ascii, hAnsi, cs, eastAsia after styles and theme
    size: float | None  # points
    bold: bool | None  # None: a PDF font that does not tell
    italic: bool | None
    color: str | None


@dataclass
class Para:
    """One paragraph (DOCX) or line (PDF, text), with its layout when the file type has one."""

    index: int
    text: str
    where: str  # "đoạn 12", "trang 2, dòng 5", "dòng 40"
    runs: list[Run] = field(default_factory=list)
    align: str | None = None  # left | center | right | both
    first_line: int | None = None  # twips; negative = hanging
    before: int = 0  # twips
    after: int = 0
    line: int | None = None  # 240 = single, when line_rule is auto
    line_rule: str | None = None
    in_table: tuple[int, int, int] | None = None  # table, row, column
    section: int = 0
    # from a PDF: where each line of it sits, (page, x0, y0, x1, y1) in mm of an A4 page; and
    # `measured`: sizes and emphasis were read off a rendering, so within a rendering's tolerance
    boxes: list[tuple[int, float, float, float, float]] = field(default_factory=list)
    measured: bool = False
    # a solid rule right under it (a bottom border, a drawn line, "_____"); None: the file cannot tell
    rule_below: bool | None = None

    @property
    def has_layout(self) -> bool:
        return bool(self.runs)


@dataclass
class Finding:
    rule: str
    severity: str
    where: str
    message: str

    def as_json(self) -> dict:
        return {"rule": self.rule, "severity": self.severity, "where": self.where, "message": self.message}


@dataclass
class Report:
    path: str
    rule_set: str
    kind: str | None = None
    findings: list[Finding] = field(default_factory=list)
    unreadable: str | None = None  # the reason, when the file could not be read
    label: str | None = None  # which document of a dossier this report is about
    documents: list["Report"] = field(default_factory=list)  # a dossier's documents, each its own report

    def add(self, rule_id: str, where: str, message: str, severity: str | None = None) -> None:
        self.findings.append(Finding(rule_id, severity or RULES[rule_id].severity, where, message))

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == ERROR]

    def rules_fired(self, severity: str | None = None) -> set[str]:
        return {f.rule for f in self.findings if severity is None or f.severity == severity}

    def as_json(self) -> dict:
        out = {"path": self.path, "rule_set": self.rule_set,
               "findings": [f.as_json() for f in self.findings]}
        if self.unreadable:
            out["error"] = self.unreadable
        if self.documents:
            out["documents"] = [{"index": n, "label": d.label, "kind": d.kind, "rule_set": d.rule_set,
                                 "findings": [f.as_json() for f in d.findings]}
                                for n, d in enumerate(self.documents, start=1)]
        return out
