"""Comment rounds (vòng lấy ý kiến góp ý): reading a draft and the letters that answer it.

This first step only reads, nothing is filed: `parse_round(draft_text, reply_texts)` gives the JSON
of `vanthu round parse` (interfaces.md), one item per reply:
{agency, so, ky_hieu, agrees_without_comment, comments: [{document, target, text, proposed}]}.

- draft.py       the draft's tree (Chương > Điều > khoản > điểm), each part with its own text
- references.py  "Điểm a, Khoản 4 (Điều 7)" → "Điều 7 khoản 4 điểm a"; a target → its part of the draft
- replies.py     one letter → agreement, or its comments split, each with its target and proposed text
- dossier.py     the draft and the replies picked out of a file that holds the whole dossier

Filed in the archive (the round, its consulted agencies, the letters, the comments and the responses):
- store.py       open_round, add_reply, edit/confirm/add/delete_comment, respond, close_round (the writes)
- state.py       round_state, list_rounds (where a round stands)
- agencies.py    which consulted agency wrote a letter
- rules.py       RoundError, the response statuses, the draft's text as sent
- compile.py     a round → the data of its Bản tổng hợp ý kiến góp ý (generator.summary renders it);
                 compile_summary dates it and keeps the conclusion, signer, Nơi nhận, wording column
- carry.py       a round on the revised draft: the earlier answered comments matched to its parts by text
- letters.py     the công văn xin ý kiến góp ý and the công văn đôn đốc, as the generator's cong_van input
"""
from __future__ import annotations

from .carry import Matcher, match_target
from .compile import SUMMARY_KEYS, compile_summary, summary_data, summary_signer
from .dossier import Picked, pick
from .draft import QUY_CHE, QUYET_DINH, Draft, Part, parse_draft
from .letters import file_request, reminder_letter, request_letter
from .references import (TOPIC_WORDS, TOPICS, Reference, find_reference, normalise_target, parse_reference, resolve,
                         topic_code, topic_word)
from .replies import parse_reply, read_reply
from .rules import DRAFT_KINDS, draft_text, get_round
from .rules import RESPONSE_STATUSES, STATUS_WORDS, ReplyFileError, RoundError, parse_date
from .state import list_rounds, round_state
from .store import (add_comment, add_reply, clean_agencies, close_round, confirm_comment, delete_comment,
                    edit_comment, edit_reply, open_round, respond, set_deadline, set_request_document, StatusError)


def read_round(draft: str | Draft | None, reply_texts: list[str]) -> list[tuple[dict, dict]]:
    """(reply, its metadata) for every reply, read against the draft (its text or its parsed tree),
    which tells which document an article belongs to."""
    if isinstance(draft, str):
        draft = parse_draft(draft) if draft.strip() else None
    read = [read_reply(t, draft) for t in reply_texts]
    # two replies from bodies of one name ("PHÒNG VĂN HÓA VÀ THÔNG TIN" of two districts) are told
    # apart by the body printed above them
    names = [r["agency"] for r, _ in read]
    out = []
    for reply, meta in read:
        if reply["agency"] and names.count(reply["agency"]) > 1 and meta.get("parent_body"):
            reply = {**reply, "agency": f"{reply['agency']} ({meta['parent_body']})"}
        out.append((reply, meta))
    return out


def parse_round(draft_text: str | None, reply_texts: list[str]) -> list[dict]:
    """The JSON of `vanthu round parse`: one item per reply, in order."""
    return [reply for reply, _ in read_round(draft_text, reply_texts)]


__all__ = [
    "DRAFT_KINDS", "draft_text", "get_round", "clean_agencies",
    "Draft", "Matcher", "Part", "Picked", "QUYET_DINH", "QUY_CHE", "RESPONSE_STATUSES", "Reference",
    "ReplyFileError", "RoundError", "STATUS_WORDS", "TOPICS", "add_comment", "add_reply", "close_round",
    "confirm_comment", "delete_comment", "edit_comment", "edit_reply", "file_request", "find_reference",
    "list_rounds", "match_target", "normalise_target", "open_round", "parse_date", "parse_draft", "parse_reference",
    "parse_reply", "parse_round", "pick", "read_reply", "read_round", "reminder_letter", "request_letter", "resolve",
    "respond", "round_state", "SUMMARY_KEYS", "compile_summary", "summary_signer", "TOPIC_WORDS", "topic_code", "topic_word", "set_deadline", "set_request_document", "StatusError", "summary_data",
]
