"""The archive's tables, as SQLAlchemy Core objects the queries use.

The database itself is made and upgraded by the Alembic migrations in archive/migrations/, never
by `create_all`, so that an existing archive is upgraded in place.  Only portable types: the same
schema runs on PostgreSQL.
"""
from __future__ import annotations

from sqlalchemy import (JSON, Boolean, Column, Date, DateTime, ForeignKey, Integer, MetaData, String, Table, Text,
                        UniqueConstraint, false, true)

metadata = MetaData()

dossier = Table(
    "dossier", metadata,
    Column("id", Integer, primary_key=True),
    Column("title", Text, nullable=False),
    Column("created_at", DateTime, nullable=False),
)

document = Table(
    "document", metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(32), nullable=False),
    Column("rule_set", String(16), nullable=False),
    Column("status", String(16), nullable=False),  # draft | issued | received | archived
    Column("direction", String(16), nullable=False),  # outgoing | incoming | internal
    Column("issuing_body", Text),
    Column("parent_body", Text),
    Column("so", Integer),
    Column("ky_hieu", String(120)),
    Column("issued_on", Date),
    Column("place", Text),
    Column("trich_yeu", Text),
    Column("signer_name", Text),
    Column("signer_title", Text),
    Column("authority", Text),
    Column("kinh_gui", JSON),
    Column("noi_nhan", JSON),
    Column("do_mat", String(16)),
    Column("do_khan", String(16)),
    Column("unit", String(32)),
    Column("paper_holder", Text),  # a Mật document kept only on paper: who holds it
    Column("source", JSON),  # how it came in: {"kind": "generated"|"ingest", "name", "sha256", "part"}
    Column("dossier_id", Integer, ForeignKey("dossier.id")),
    Column("dossier_pos", Integer),
    Column("current_version", Integer),
    Column("created_by", String(64), nullable=False),
    Column("created_at", DateTime, nullable=False),
    # Điều 18: an issued document recalled (thu_hoi) or replaced (thay_the); it stays, marked
    Column("revoked", String(16)),
    Column("revoked_on", Date),
    Column("revoked_note", Text),
    Column("revoked_by_document_id", Integer),  # the recalling or replacing document, where filed
)

version = Table(
    "version", metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("document.id"), nullable=False),
    Column("n", Integer, nullable=False),
    Column("docx_sha256", String(64)),
    Column("pdf_sha256", String(64)),
    Column("original_sha256", String(64)),  # the file as it arrived (DOCX, PDF or text)
    Column("original_name", Text),
    Column("text", Text),
    Column("created_at", DateTime, nullable=False),
    Column("created_by", String(64), nullable=False),
    Column("note", Text),
    UniqueConstraint("document_id", "n"),
)

blob = Table(
    "blob", metadata,
    Column("sha256", String(64), primary_key=True),
    Column("size", Integer, nullable=False),
    Column("media_type", String(100)),
    Column("created_at", DateTime, nullable=False),
)

register = Table(
    "register", metadata,
    Column("id", Integer, primary_key=True),
    Column("body_code", String(40), nullable=False),
    Column("year", Integer, nullable=False),
    Column("direction", String(8), nullable=False),  # di (outgoing) | den (incoming)
    Column("sequence", String(32), nullable=False),  # "chung" (one for all kinds), a kind, or "mat"
    Column("next_so", Integer, nullable=False),
    UniqueConstraint("body_code", "year", "direction", "sequence"),
)

register_entry = Table(
    "register_entry", metadata,
    Column("id", Integer, primary_key=True),
    Column("register_id", Integer, ForeignKey("register.id"), nullable=False),
    Column("so", Integer, nullable=False),
    Column("document_id", Integer, ForeignKey("document.id")),
    Column("status", String(16), nullable=False),  # taken | cancelled
    Column("at", DateTime, nullable=False),
    Column("by", String(64), nullable=False),
    Column("note", Text),
    UniqueConstraint("register_id", "so"),
)

# The sổ văn bản đến (Phụ lục IV) and the follow-up of each letter received: its số đến (one yearly
# sequence for paper and electronic letters; secret ones their own), ngày đến, who it goes to, the
# leader's direction and deadline, and the document that answered it.
receipt = Table(
    "receipt", metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("document.id"), nullable=False, unique=True),
    Column("body_code", String(40), nullable=False),  # whose register: the số đến is per body and year
    Column("year", Integer, nullable=False),
    Column("so_den", Integer, nullable=False),
    Column("sequence", String(32), nullable=False),  # chung | mat
    Column("received_on", Date, nullable=False),  # ngày đến
    Column("medium", String(16), nullable=False),  # giay | dien_tu
    Column("do_khan", String(16)),
    Column("recipient", Text),  # đơn vị hoặc người nhận
    Column("transferred_on", Date),  # ngày chuyển
    Column("deadline", Date),  # thời hạn giải quyết
    Column("chu_tri", Text),  # the unit or person in charge (the leader's direction)
    Column("phoi_hop", Text),  # those who take part
    Column("chi_dao", Text),  # the leader's words
    Column("directed_on", Date),
    Column("status", String(24), nullable=False),  # cho_phan_cong | dang_giai_quyet | da_tra_loi | luu
    Column("answer_document_id", Integer, ForeignKey("document.id")),
    Column("answered_on", Date),
    Column("note", Text),
    Column("registered_at", DateTime, nullable=False),
    Column("registered_by", String(64), nullable=False),
    UniqueConstraint("body_code", "year", "sequence", "so_den"),
)

link = Table(
    "link", metadata,
    Column("id", Integer, primary_key=True),
    Column("from_id", Integer, ForeignKey("document.id"), nullable=False),
    Column("to_id", Integer, ForeignKey("document.id"), nullable=False),
    Column("type", String(24), nullable=False),  # can_cu | replies_to | implements | replaces | recalls | attachment_of | cites
    UniqueConstraint("from_id", "to_id", "type"),
)

citation = Table(
    "citation", metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("document.id"), nullable=False),
    Column("number", String(120), nullable=False),  # normalised: "72/2013/NĐ-CP"
    # the same act however it was written ("5/QĐ-UBND" = "05/QĐ-UBND"): generator.rules.canonical_number
    Column("number_key", String(120), index=True),
    Column("text", Text),
    Column("basis", Boolean, nullable=False, server_default=true()),  # a căn cứ, or only mentioned
    UniqueConstraint("document_id", "number"),
)

audit = Table(
    "audit", metadata,
    Column("id", Integer, primary_key=True),
    Column("at", DateTime, nullable=False),
    Column("actor", String(64), nullable=False),
    Column("action", String(32), nullable=False),
    Column("document_id", Integer),
    Column("detail", JSON),
)

outbox = Table(
    "outbox", metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, nullable=False),
    Column("op", String(8), nullable=False),  # upsert | delete
    Column("created_at", DateTime, nullable=False),
    Column("done_at", DateTime),
)

# Comment rounds (vòng lấy ý kiến góp ý): a draft version sent to consulted agencies; their reply letters
# (documents already filed); the comments read from each letter, proposals until a person confirms them;
# the drafter's response to each comment.
comment_round = Table(
    "comment_round", metadata,
    Column("id", Integer, primary_key=True),
    Column("draft_document_id", Integer, ForeignKey("document.id"), nullable=False),
    Column("draft_version", Integer, nullable=False),  # version.n of the draft the agencies were sent
    Column("title", Text, nullable=False),  # the draft's name as the letters cite it
    Column("deadline", Date, nullable=False),
    Column("number", Integer, nullable=False),  # 1 for a first round, 2 for a round on the revised draft …
    Column("previous_round_id", Integer, ForeignKey("comment_round.id")),
    Column("request_document_id", Integer, ForeignKey("document.id")),  # the công văn xin ý kiến, once filed
    Column("status", String(16), nullable=False),  # open | closed
    Column("opened_at", DateTime, nullable=False),
    Column("opened_by", String(64), nullable=False),
    Column("closed_at", DateTime),
    # the Bản tổng hợp as compiled (rounds/compile.py): its date, and {ket_luan, signer, noi_nhan, cot_du_thao}
    Column("compiled_on", Date),
    Column("summary", JSON),
)

consultee = Table(
    "consultee", metadata,
    Column("id", Integer, primary_key=True),
    Column("round_id", Integer, ForeignKey("comment_round.id"), nullable=False),
    Column("position", Integer, nullable=False),  # order of the list sent
    Column("name", Text, nullable=False),
    UniqueConstraint("round_id", "name"),
)

reply = Table(
    "reply", metadata,
    Column("id", Integer, primary_key=True),
    Column("round_id", Integer, ForeignKey("comment_round.id"), nullable=False),
    Column("consultee_id", Integer, ForeignKey("consultee.id")),  # null: a body not on the list, or not told apart
    Column("document_id", Integer, ForeignKey("document.id"), nullable=False),  # the letter, as filed
    Column("agency", Text),  # as printed on the letter
    Column("so", Integer),
    Column("ky_hieu", String(120)),
    Column("received_on", Date, nullable=False),
    Column("agrees_without_comment", Boolean, nullable=False),
    Column("added_at", DateTime, nullable=False),
    Column("added_by", String(64), nullable=False),
    UniqueConstraint("round_id", "document_id"),
)

comment = Table(
    "comment", metadata,
    Column("id", Integer, primary_key=True),
    Column("reply_id", Integer, ForeignKey("reply.id"), nullable=False),
    Column("position", Integer, nullable=False),  # order in the letter
    Column("document", String(16), nullable=False),  # quyet_dinh | quy_che
    Column("target", String(120), nullable=False),  # "Điều 7 khoản 4 điểm a" or chung | can_cu | tham_quyen_ky | the_thuc
    Column("text", Text, nullable=False),
    Column("proposed", Text),
    Column("confirmed", Boolean, nullable=False, server_default=false()),  # read by a person, not only extracted
)

response = Table(
    "response", metadata,
    Column("id", Integer, primary_key=True),
    Column("comment_id", Integer, ForeignKey("comment.id"), nullable=False, unique=True),
    Column("status", String(24), nullable=False),  # tiep_thu | tiep_thu_mot_phan | khong_tiep_thu | ghi_nhan
    Column("giai_trinh", Text),
    Column("by", String(64), nullable=False),
    Column("at", DateTime, nullable=False),
)

# A round on a revised draft (previous_round_id) carries the earlier answered comments forward: each to the
# part of the new draft that holds the same text (its number there may differ), with the response as it stood;
# `target` null means the new draft no longer has the part (dropped, with the reason).
carried_comment = Table(
    "carried_comment", metadata,
    Column("id", Integer, primary_key=True),
    Column("round_id", Integer, ForeignKey("comment_round.id"), nullable=False),  # the new round
    Column("comment_id", Integer, ForeignKey("comment.id"), nullable=False),  # the comment as first read
    Column("from_round_id", Integer, ForeignKey("comment_round.id"), nullable=False),
    Column("document", String(16), nullable=False),  # quyet_dinh | quy_che
    Column("from_target", String(120), nullable=False),  # the part in the previous round's draft
    Column("target", String(120)),  # the same part in the new draft; null: dropped
    Column("similarity", Integer),  # per cent, how close the texts are; null for a topic (chung, can_cu …)
    Column("reason", Text),  # why it was dropped
    Column("status", String(24), nullable=False),  # the response carried (tiep_thu …)
    Column("giai_trinh", Text),
    Column("by", String(64), nullable=False),
    Column("at", DateTime, nullable=False),
    UniqueConstraint("round_id", "comment_id"),
)

# People who sign in. The password is kept only as an argon2 hash; `role` is one of archive.users.ROLES.
app_user = Table(
    "app_user", metadata,
    Column("id", Integer, primary_key=True),
    Column("login", String(64), nullable=False, unique=True),
    Column("full_name", Text, nullable=False),
    Column("password_hash", Text, nullable=False),
    Column("role", String(16), nullable=False),  # chuyen_vien | van_thu | lanh_dao | phap_che | admin
    Column("unit", String(32)),
    Column("active", Boolean, nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("password_changed_at", DateTime, nullable=False),
    # may see documents marked Mật … (only where settings.may_hold_secrets: else they are never stored)
    Column("secret_clearance", Boolean, nullable=False, server_default=false()),
)

# Every sign-in attempt, so that guessing a password is slowed (archive.users.THROTTLE).
login_attempt = Table(
    "login_attempt", metadata,
    Column("id", Integer, primary_key=True),
    Column("login", String(64), nullable=False),
    Column("remote", String(64)),
    Column("at", DateTime, nullable=False),
    Column("ok", Boolean, nullable=False),
)

# The office's units (phòng, ban): a user's unit and a draft's unit_code name one of them.
unit = Table(
    "unit", metadata,
    Column("code", String(32), primary_key=True),
    Column("name", Text, nullable=False),
    Column("active", Boolean, nullable=False),
    Column("created_at", DateTime, nullable=False),
)

# Roles whose every member may see documents marked Mật … (beside users cleared by name).
secret_role = Table(
    "secret_role", metadata,
    Column("role", String(16), primary_key=True),
    Column("granted_by", String(64), nullable=False),
    Column("granted_at", DateTime, nullable=False),
)

# How many documents per (kind, status, year, secret, unit), kept by triggers (migration 0011) for
# the /archive page's counts (archive/queries.py). Derived data: not in TABLES, so not exported;
# an import rebuilds it as its rows go in.
document_count = Table(
    "document_count", metadata,
    Column("kind", String(32), primary_key=True),
    Column("status", String(16), primary_key=True),
    Column("year", Integer, primary_key=True),  # 0: no date yet
    Column("secret", Boolean, primary_key=True),  # marked Mật …
    Column("unit", String(32), primary_key=True),  # '' for none
    Column("n", Integer, nullable=False),
)

TABLES = [dossier, document, version, blob, register, register_entry, receipt, link, citation, audit, outbox,
          comment_round, consultee, reply, comment, response, carried_comment, app_user, login_attempt, unit, secret_role]
__all__ = ["metadata", "TABLES", "document_count", *[t.name for t in TABLES]]
