"""The tantivy engine (Rust, PyPI `tantivy`): the same fields, analysis and answers as the Whoosh
engine, an order of magnitude faster (README: figures side by side).

Analysis that tantivy cannot run from Python is done before indexing, the same for both engines:
NFC, symbols joined ("40 /TTr" → "40/TTr"), the folded copy (đ → d, no diacritics), and the
leading parts of each symbol ("72/2013" of "72/2013/NĐ-CP") in a field of their own.  Queries
are built term by term (no query-language parsing), so "/", "-" or ":" typed by a clerk mean
nothing special.
"""
from __future__ import annotations

import re
import shutil
import unicodedata
from pathlib import Path

import tantivy
from tantivy import Filter, Occur, Order, Query as TQ, SchemaBuilder, TextAnalyzerBuilder, Tokenizer

from .analysis import TOKEN, cited_key, fold, normalise_symbols
from .model import FACETS, Hit, IndexDoc, Query, Results

NAME = "tantivy"
ANALYZER = "vi"
TEXT_FIELDS = {"trich_yeu": 3.0, "trich_yeu_f": 1.5, "content": 1.0, "content_f": 0.5, "symparts": 1.0}
_TOKEN = re.compile(TOKEN)
_SEP = re.compile(r"[/\-&.]")
_PHRASE = re.compile(r'"([^"]*)"')
WRITER_HEAP = 128 * 1024 * 1024
MATCH_FIELD = "all_f"


def tokens(text: str) -> list[str]:
    return [t.lower() for t in _TOKEN.findall(normalise_symbols(unicodedata.normalize("NFC", text)))]


def symbol_parts(text: str) -> str:
    """'… 72/2013/NĐ-CP …' → '72 72/2013 72/2013/nđ': what a reader types to mean that act."""
    out = []
    for tok in tokens(text):
        if tok[:1].isdigit() and _SEP.search(tok):
            out += [tok[:m.start()] for m in _SEP.finditer(tok)]
    return " ".join(out)


def schema():
    sb = SchemaBuilder()
    sb.add_unsigned_field("id", stored=True, indexed=True, fast=True)
    sb.add_unsigned_field("version", stored=True, fast=True)
    for name in ("kind", "status", "issuing_body", "sokh", "seen_by"):
        sb.add_text_field(name, stored=False, fast=name not in ("sokh", "seen_by"), tokenizer_name="raw")
    sb.add_unsigned_field("secret", indexed=True, fast=True)
    sb.add_unsigned_field("year", indexed=True, fast=True)
    sb.add_unsigned_field("date", indexed=True, fast=True)
    sb.add_text_field("cited", tokenizer_name="raw")
    sb.add_text_field("signer", tokenizer_name=ANALYZER)
    sb.add_text_field("body_f", tokenizer_name=ANALYZER)  # the issuing body's words, folded: typed filters
    for name in TEXT_FIELDS:
        sb.add_text_field(name, tokenizer_name=ANALYZER)
    # every searchable word once, folded: which documents match is decided on this one field (one
    # posting list per word), the fields above only rank them
    sb.add_text_field(MATCH_FIELD, tokenizer_name=ANALYZER)
    return sb.build()


def _analyzer():
    return TextAnalyzerBuilder(Tokenizer.regex(TOKEN)).filter(Filter.lowercase()).build()


class TantivyEngine:
    name = NAME

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.schema = schema()
        self.ix = tantivy.Index(self.schema, path=str(self.folder), reuse=True)
        self.ix.register_tokenizer(ANALYZER, _analyzer())

    # --- writing -------------------------------------------------------------------------------

    @staticmethod
    def _document(d: IndexDoc) -> tantivy.Document:
        content = normalise_symbols(unicodedata.normalize("NFC", d.content or ""))
        subject = normalise_symbols(unicodedata.normalize("NFC", d.trich_yeu or ""))
        sokh = f"{d.so}/{d.ky_hieu}".lower() if d.so is not None and d.ky_hieu else (d.ky_hieu or "").lower()
        doc = tantivy.Document()
        doc.add_unsigned("id", d.id)
        doc.add_unsigned("version", d.version)
        doc.add_text("kind", d.kind)
        doc.add_text("status", d.status)
        doc.add_text("issuing_body", (d.issuing_body or "").upper())
        doc.add_text("sokh", sokh)
        doc.add_text("seen_by", d.seen_by)
        doc.add_unsigned("secret", int(d.secret))
        doc.add_unsigned("year", d.year or 0)
        doc.add_unsigned("date", d.date or 0)
        for c in d.cited:
            doc.add_text("cited", cited_key(c))
        doc.add_text("signer", fold(d.signer or "").lower())
        doc.add_text("body_f", fold(d.issuing_body or "").lower())
        doc.add_text("trich_yeu", subject)
        doc.add_text("trich_yeu_f", fold(subject))
        doc.add_text("content", content)
        doc.add_text("content_f", fold(content))
        parts = symbol_parts(subject + "\n" + content)
        doc.add_text("symparts", parts)
        doc.add_text(MATCH_FIELD, fold(f"{subject}\n{content}\n{parts}\n{sokh}"))
        return doc

    def add(self, docs: list[IndexDoc], bulk: bool = False) -> None:
        if not docs:
            return
        w = self.ix.writer(heap_size=WRITER_HEAP, num_threads=1)
        try:
            for d in docs:
                if not bulk:
                    w.delete_documents_by_query(TQ.term_query(self.schema, "id", d.id))
                w.add_document(self._document(d))
            w.commit()
            w.wait_merging_threads()
        except BaseException:
            w.rollback()
            raise
        self.ix.reload()

    def delete(self, ids: list[int]) -> None:
        if not ids:
            return
        w = self.ix.writer(heap_size=WRITER_HEAP, num_threads=1)
        for i in ids:
            w.delete_documents_by_query(TQ.term_query(self.schema, "id", i))
        w.commit()
        w.wait_merging_threads()
        self.ix.reload()

    def optimize(self) -> None:
        self.ix.reload()

    def clear(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
        self.__init__(self.folder)

    def close(self) -> None:
        pass

    def versions(self, lo: int | None = None, hi: int | None = None) -> dict[int, int]:
        """id → version of the entries with lo ≤ id ≤ hi (every entry without bounds)."""
        s = self.ix.searcher()
        q = TQ.all_query() if lo is None and hi is None else \
            TQ.range_query(self.schema, "id", tantivy.FieldType.Unsigned, lo, hi)
        res = s.search(q, limit=max(s.num_docs, 1), count=False)
        out = {}
        for _, addr in res.hits:
            doc = s.doc(addr)
            out[int(doc["id"][0])] = int(doc["version"][0])
        return out

    # --- searching -----------------------------------------------------------------------------

    def _term_any_field(self, token: str):
        """One word, in any text field: exact fields weigh more than folded ones."""
        folded = fold(token)
        symbolic = any(c.isdigit() for c in token) or _SEP.search(token) is not None
        parts = []
        for field, boost in TEXT_FIELDS.items():
            if field == "symparts" and not symbolic:
                continue  # it holds only the parts of numbers and symbols: a plain word never matches
            value = folded if field.endswith("_f") else token
            parts.append((Occur.Should, TQ.boost_query(TQ.term_query(self.schema, field, value), boost)))
        if symbolic:
            parts.append((Occur.Should, TQ.boost_query(TQ.term_query(self.schema, "sokh", token), 4.0)))
        return TQ.boolean_query(parts)

    def _phrase_any_field(self, words: list[str]):
        parts = []
        for field, boost in TEXT_FIELDS.items():
            if field == "symparts":
                continue
            seq = [fold(w) for w in words] if field.endswith("_f") else words
            parts.append((Occur.Should, TQ.boost_query(TQ.phrase_query(self.schema, field, seq), boost)))
        return TQ.boolean_query(parts)

    def _text_query(self, text: str, must: bool):
        """(query, match): `query` ranks, `match` is the cheaper query of the same documents (every
        word, or phrase, on the one folded match field) that facets count with.  With `must`, the
        match clauses decide the set and the ranking clauses are only scored on it."""
        if not must:
            parts = []
            for phrase in _PHRASE.findall(text):
                words = tokens(phrase)
                if len(words) > 1:
                    parts.append((Occur.Should, self._phrase_any_field(words)))
                elif words:
                    parts.append((Occur.Should, self._term_any_field(words[0])))
            for tok in tokens(_PHRASE.sub(" ", text)):
                parts.append((Occur.Should, self._term_any_field(tok)))
            query = TQ.boolean_query(parts) if parts else None
            return query, query
        match, rank = [], []
        for phrase in _PHRASE.findall(text):
            words = tokens(phrase)
            if len(words) > 1:
                match.append(TQ.phrase_query(self.schema, MATCH_FIELD, [fold(w) for w in words]))
                # ranked by its words, not the phrase again: checking positions twice is the cost
                rank += [self._rank_terms(w) for w in words]
            elif words:
                match.append(TQ.term_query(self.schema, MATCH_FIELD, fold(words[0])))
                rank.append(self._rank_terms(words[0]))
        for tok in tokens(_PHRASE.sub(" ", text)):
            match.append(TQ.term_query(self.schema, MATCH_FIELD, fold(tok)))
            rank.append(self._rank_terms(tok))
        if not match:
            return None, None
        # the match field scores too, at the folded content's weight: it stands in for content_f
        scored = [(Occur.Must, TQ.boost_query(m, TEXT_FIELDS["content_f"])) for m in match]
        query = TQ.boolean_query(scored + [(Occur.Should, r) for r in rank])
        return query, TQ.boolean_query([(Occur.Must, TQ.const_score_query(m, 0.0)) for m in match])

    def _rank_terms(self, token: str):
        """What lifts a matching document: the word as typed in the text, in the subject (typed or
        folded), or as a number.  (Folded content is scored by the match field itself.)"""
        folded = fold(token)
        symbolic = any(c.isdigit() for c in token) or _SEP.search(token) is not None
        parts = [(Occur.Should, TQ.boost_query(TQ.term_query(self.schema, f, folded if f.endswith("_f") else token),
                                               TEXT_FIELDS[f]))
                 for f in ("trich_yeu", "trich_yeu_f", "content")]
        if symbolic:
            parts.append((Occur.Should, TQ.boost_query(TQ.term_query(self.schema, "symparts", token),
                                                       TEXT_FIELDS["symparts"])))
            parts.append((Occur.Should, TQ.boost_query(TQ.term_query(self.schema, "sokh", token), 4.0)))
        return TQ.boolean_query(parts)

    def _body_filter(self, body: str):
        """A name as the facets list it matches exactly; anything else typed ("so tu phap") matches
        the bodies holding every word of it, with or without diacritics."""
        exact = " ".join(body.split()).upper()
        if self.ix.searcher().doc_freq("issuing_body", exact):
            return TQ.term_query(self.schema, "issuing_body", exact)
        words = tokens(fold(body))
        if not words:
            return TQ.term_query(self.schema, "issuing_body", exact)
        return TQ.boolean_query([(Occur.Must, TQ.term_query(self.schema, "body_f", w)) for w in words])

    def _filters(self, q: Query) -> list:
        out = []
        if not q.see_secrets:
            out.append(TQ.term_query(self.schema, "secret", 0))
        if q.draft_unit is not None:  # everything but the drafts of other units
            out.append(TQ.boolean_query([(Occur.Should, TQ.term_query(self.schema, "seen_by", "*")),
                                         (Occur.Should, TQ.term_query(self.schema, "seen_by", f"unit:{q.draft_unit}"))]))
        for field in ("kind", "status"):
            if getattr(q, field):
                out.append(TQ.term_query(self.schema, field, getattr(q, field)))
        if q.issuing_body:
            out.append(self._body_filter(q.issuing_body))
        if q.year:
            out.append(TQ.term_query(self.schema, "year", q.year))
        if q.date_from or q.date_to:
            out.append(TQ.range_query(self.schema, "date", tantivy.FieldType.Unsigned, q.date_from or 0,
                                      q.date_to or 99991231))
        if q.cited:
            out.append(TQ.term_query(self.schema, "cited", cited_key(q.cited)))
        if q.signer:
            for tok in tokens(fold(q.signer)):
                out.append(TQ.term_query(self.schema, "signer", tok))
        return out

    def search(self, q: Query) -> Results:
        s = self.ix.searcher()
        text = q.text.strip()
        filters = [(Occur.Must, TQ.const_score_query(f, 0.0)) for f in self._filters(q)]
        terms = [fold(t) for t in tokens(text)]
        exact_terms = tokens(text)
        limit = q.per_page
        offset = (q.page - 1) * q.per_page
        by_date = q.sort == "date" or not text

        def run(text_queries):
            text_query, match = text_queries
            base = [(Occur.Must, text_query)] if text_query is not None else [(Occur.Must, TQ.all_query())]
            query = TQ.boolean_query(base + filters)
            kw = {"limit": limit, "offset": offset, "count": True}
            if by_date:
                kw.update(order_by_field="date", order=Order.Desc)
            counted = TQ.boolean_query(([(Occur.Must, match)] if match is not None else base) + filters)
            return counted, s.search(query, **kw)

        counted, res = run(self._text_query(text, must=True) if text else (None, None))
        if text and res.count == 0:  # no document has every word: the best partial matches
            counted, res = run(self._text_query(text, must=False))
        hits = []
        for key, addr in res.hits:
            doc = s.doc(addr)
            hits.append(Hit(int(doc["id"][0]), 0.0 if by_date else float(key)))
        facets = self._facets(s, counted) if q.facets else {}
        return Results(total=res.count or 0, hits=hits, facets=facets, terms=terms, exact_terms=exact_terms)

    def _facets(self, s, query) -> dict[str, dict[str, int]]:
        spec = {f: {"terms": {"field": f, "size": 100}} for f in FACETS}
        raw = s.aggregate(query, spec)
        out = {}
        for f in FACETS:
            buckets = raw.get(f, {}).get("buckets", [])
            counts = {}
            for b in buckets:
                key = b["key"]
                if f == "year":
                    if not key:
                        continue
                    key = str(int(key))
                elif not key:
                    continue
                counts[key] = b["doc_count"]
            out[f] = dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
        return out
