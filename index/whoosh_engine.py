"""The Whoosh engine (whoosh-reloaded): schema, writing, searching, facets.

Speed by design: filters and facets read cached columns (`sortable`), never stored fields; the
top N is found with Whoosh's block-quality skipping; facet counts walk the matching document
numbers once, without scoring.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from whoosh import index as windex
from whoosh import qparser
from whoosh.fields import BOOLEAN, ID, KEYWORD, NUMERIC, TEXT, Schema
from whoosh.query import And, Every, NumericRange, Or, Term

from .analysis import cited_key, exact_analyzer, folded_analyzer, normalise_symbols
from .model import FACETS, Hit, IndexDoc, Query, Results

NAME = "whoosh"
SEARCH_FIELDS = {"trich_yeu": 3.0, "trich_yeu_f": 1.5, "content": 1.0, "content_f": 0.5}


def schema() -> Schema:
    exact, folded = exact_analyzer(), folded_analyzer()
    return Schema(
        id=NUMERIC(stored=True, unique=True, bits=64, signed=False, sortable=True),
        version=NUMERIC(stored=True, sortable=True),
        kind=ID(sortable=True),
        status=ID(sortable=True),
        secret=BOOLEAN(),
        seen_by=ID(),
        issuing_body=ID(sortable=True),
        year=NUMERIC(sortable=True),
        date=NUMERIC(sortable=True, bits=32),
        signer=TEXT(analyzer=folded),
        body_f=TEXT(analyzer=folded),  # the issuing body's words, folded: typed filters
        sokh=KEYWORD(lowercase=True, scorable=True),  # "40/ttr-stttt", one token
        cited=KEYWORD(lowercase=True, commas=True, scorable=True),
        trich_yeu=TEXT(analyzer=exact, phrase=True),
        trich_yeu_f=TEXT(analyzer=folded, phrase=True),
        content=TEXT(analyzer=exact, phrase=True),
        content_f=TEXT(analyzer=folded, phrase=True),
    )


class WhooshEngine:
    name = NAME

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        if windex.exists_in(self.folder):
            self.ix = windex.open_dir(self.folder)
        else:
            self.folder.mkdir(parents=True, exist_ok=True)
            self.ix = windex.create_in(self.folder, schema())
        self._searcher = None

    # --- writing -------------------------------------------------------------------------------

    @staticmethod
    def _fields(d: IndexDoc) -> dict:
        content = normalise_symbols(d.content or "")
        subject = normalise_symbols(d.trich_yeu or "")
        sokh = f"{d.so}/{d.ky_hieu}".lower() if d.so is not None and d.ky_hieu else (d.ky_hieu or "").lower()
        return {
            "id": d.id, "version": d.version, "kind": d.kind, "status": d.status, "secret": d.secret, "seen_by": d.seen_by,
            "issuing_body": (d.issuing_body or "").upper(), "year": d.year or 0, "date": d.date or 0,
            "signer": d.signer or "", "body_f": d.issuing_body or "", "sokh": sokh, "cited": ",".join(cited_key(c) for c in d.cited),
            "trich_yeu": subject, "trich_yeu_f": subject, "content": content, "content_f": content,
        }

    def add(self, docs: list[IndexDoc], bulk: bool = False) -> None:
        if not docs:
            return
        w = self.ix.writer(limitmb=128, procs=1)
        try:
            for d in docs:
                if bulk:
                    w.add_document(**self._fields(d))
                else:
                    w.update_document(**self._fields(d))
            w.commit()
        except BaseException:
            w.cancel()
            raise
        self._refresh()

    def delete(self, ids: list[int]) -> None:
        if not ids:
            return
        w = self.ix.writer()
        try:
            for i in ids:
                w.delete_by_query(Term("id", i))
            w.commit()
        except BaseException:
            w.cancel()
            raise
        self._refresh()

    def optimize(self) -> None:
        self.ix.optimize()
        self._refresh()

    def clear(self) -> None:
        self.close()
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True)
        self.ix = windex.create_in(self.folder, schema())

    def versions(self, lo: int | None = None, hi: int | None = None) -> dict[int, int]:
        """id → version of the documents with lo ≤ id ≤ hi the index holds (every one without bounds)."""
        s = self.searcher()
        ids = s.reader().column_reader("id")
        vers = s.reader().column_reader("version")
        lo = 0 if lo is None else lo
        return {int(ids[n]): int(vers[n]) for n in s.reader().all_doc_ids()
                if int(ids[n]) >= lo and (hi is None or int(ids[n]) <= hi)}

    # --- searching -----------------------------------------------------------------------------

    def _refresh(self) -> None:
        # a new searcher after every write (Searcher.refresh() kept seeing deleted documents)
        self.close()

    def searcher(self):
        if self._searcher is None:
            self._searcher = self.ix.searcher()
        return self._searcher

    def close(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None

    def _body_filter(self, body: str):
        """A name as the facets list it matches exactly; anything else typed matches the bodies
        holding every word of it, with or without diacritics (as the tantivy engine does)."""
        exact = " ".join(body.split()).upper()
        if self.searcher().doc_frequency("issuing_body", exact):
            return Term("issuing_body", exact)
        words = [t.text for t in folded_analyzer()(body, mode="query")]
        return And([Term("body_f", w) for w in words]) if words else Term("issuing_body", exact)

    def _filter(self, q: Query):
        parts = []
        if not q.see_secrets:
            parts.append(Term("secret", False))
        if q.draft_unit is not None:  # everything but the drafts of other units
            parts.append(Or([Term("seen_by", "*"), Term("seen_by", f"unit:{q.draft_unit}")]))
        for field in ("kind", "status"):
            if getattr(q, field):
                parts.append(Term(field, getattr(q, field)))
        if q.issuing_body:
            parts.append(self._body_filter(q.issuing_body))
        if q.year:
            parts.append(Term("year", q.year))
        if q.date_from or q.date_to:
            parts.append(NumericRange("date", q.date_from, q.date_to))
        if q.cited:
            parts.append(Term("cited", cited_key(q.cited)))
        if q.signer:
            parts += [Term("signer", t.text) for t in folded_analyzer()(q.signer, mode="query")]
        return And(parts) if parts else None

    def _parse(self, text: str, group):
        parser = qparser.MultifieldParser(list(SEARCH_FIELDS), self.ix.schema, fieldboosts=SEARCH_FIELDS, group=group)
        parser.remove_plugin_class(qparser.WildcardPlugin)  # a typed "*" is not a wildcard to a clerk
        text = normalise_symbols(text)
        parsed = parser.parse(text)
        # a document's own number weighs more than a mention of it in another document
        own = [Term("sokh", t.text, boost=4.0) for t in exact_analyzer()(text, mode="query") if "/" in t.text]
        return Or([parsed, *own]) if own else parsed

    def search(self, q: Query) -> Results:
        s = self.searcher()
        flt = self._filter(q)
        text = q.text.strip()
        query = self._parse(text, qparser.AndGroup) if text else Every()
        terms = [t.text for t in folded_analyzer()(normalise_symbols(text), mode="query")] if text else []
        exact_terms = [t.text for t in exact_analyzer()(normalise_symbols(text), mode="query")] if text else []
        kw = {"filter": flt, "limit": q.page * q.per_page}
        if q.sort == "date" or not text:
            kw.update(sortedby="date", reverse=True)
        res = s.search(query, **kw)
        if text and res.scored_length() == 0:  # no document has every word: the best partial matches
            query = self._parse(text, qparser.OrGroup.factory(0.9))
            res = s.search(query, **kw)
        start = (q.page - 1) * q.per_page
        hits = [Hit(int(h["id"]), float(h.score or 0.0)) for h in res[start:start + q.per_page]]
        total = len(res) if not text or res.has_exact_length() else res.estimated_length()
        facets = self._facets(s, query, flt) if q.facets else {}
        if q.facets:
            total = sum(facets["kind"].values())
        return Results(total=total, hits=hits, facets=facets, terms=terms, exact_terms=exact_terms)

    def _facets(self, s, query, flt) -> dict[str, dict[str, int]]:
        full = And([query, flt]) if flt is not None else query
        reader = s.reader()
        cols = {f: reader.column_reader(f) for f in FACETS}
        counts: dict[str, dict[str, int]] = {f: {} for f in FACETS}
        for docnum in s.docs_for_query(full):
            for f, col in cols.items():
                v = col[docnum]
                if f == "year":
                    if not v:
                        continue
                    v = str(v)
                elif not v:
                    continue
                counts[f][v] = counts[f].get(v, 0) + 1
        return {f: dict(sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))) for f, c in counts.items()}


__all__ = ["WhooshEngine", "schema"]
