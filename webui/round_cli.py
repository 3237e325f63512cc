"""`vanthu round …` (interfaces.md): `parse` reads a draft and the reply letters and files nothing;
`open`, `reply`, `respond`, `show`, `list`, `close` run a round filed in the archive (archive.rounds);
`request` and `remind` write its công văn xin ý kiến and công văn đôn đốc; `compile` its Bản tổng hợp.

The group is a plain click group, not Flask's: reading files needs no app, and building one would
write into the data folder.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from webui.cli import EXIT_INVALID, EXIT_UNREADABLE, cli, fail

_DOCUMENT_WORDS = {"quyet_dinh": "dự thảo Quyết định", "quy_che": "dự thảo Quy chế"}
_TOPIC_WORDS = {"chung": "ý kiến chung", "can_cu": "phần căn cứ", "tham_quyen_ky": "thẩm quyền ký",
                "the_thuc": "thể thức, kỹ thuật trình bày"}


@cli.group("round", cls=click.Group, help="Vòng lấy ý kiến góp ý dự thảo.")
def round_group():
    pass


def _read(path: Path) -> str:
    import archive

    try:
        return archive.read_file(path).text
    except archive.ReadError as exc:
        fail(f"Không đọc được tệp {path}: {exc}", EXIT_UNREADABLE)


def _short(text: str, n: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n - 1] + "…"


def _replies_in(text: str, draft_name: str | None) -> list[str]:
    """A file of one letter is that letter; a file of several gives the replies among them."""
    from archive.rounds import pick
    from generator.checker import split_documents

    if len(split_documents(text)) <= 1:
        return [text]
    return pick(text, draft_name).replies


def _print_human(read: list[tuple[dict, dict]], draft) -> None:
    from archive.rounds import resolve
    from archive.store import number_text

    agree = [r for r, _ in read if r["agrees_without_comment"]]
    click.echo(f"{len(read)} văn bản góp ý; {len(agree)} thống nhất, không có ý kiến khác.")
    for r, meta in read:
        number = number_text(r["so"], r["ky_hieu"], meta.get("rule_set"))
        click.echo(f"\n{r['agency'] or '(không rõ cơ quan)'} — {number}")
        if r["agrees_without_comment"]:
            click.echo("  Thống nhất với dự thảo, không có ý kiến khác.")
            continue
        if not r["comments"]:
            click.echo("  Không tìm thấy ý kiến góp ý nào trong văn bản.")
        for i, c in enumerate(r["comments"], start=1):
            where = _TOPIC_WORDS.get(c["target"], c["target"])
            click.echo(f"  {i}. [{where} — {_DOCUMENT_WORDS[c['document']]}] {_short(c['text'])}")
            if c["proposed"]:
                click.echo(f"       Đề nghị sửa thành: {_short(c['proposed'])}")
            if draft is not None and c["target"] not in ("chung", "the_thuc"):
                part = resolve(draft, c["target"], c["document"])
                shown = _short(part.full_text()) if part is not None else "(không còn trong dự thảo)"
                click.echo(f"       Dự thảo hiện nay: {shown}")


@round_group.command("parse", help="Đọc dự thảo và các văn bản góp ý (không lưu gì vào kho). "
                                   "DRAFT trước, sau đó các REPLY; --from-dossier khi mỗi tệp là cả hồ sơ.")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--from-dossier", is_flag=True,
              help="Tệp là cả hồ sơ: tự tìm dự thảo và các văn bản góp ý trong đó.")
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON.")
def parse_cmd(files: tuple[Path, ...], from_dossier: bool, as_json: bool):
    from archive.rounds import parse_draft, pick, read_round

    texts = [_read(f) for f in files]  # every file is checked before anything is read into a round
    if from_dossier:
        # the draft comes from the first file that holds one; the replies from every file
        picked = [pick(t) for t in texts]
        home = next((i for i, p in enumerate(picked) if p.draft), None)
        if home is None:
            fail("Không tìm thấy dự thảo (Quyết định hoặc Quy chế chưa có số) trong hồ sơ.", EXIT_INVALID)
        draft = parse_draft(picked[home].draft)
        replies = [r for i, t in enumerate(texts)
                   for r in (picked[i].replies if i == home else _replies_in(t, draft.name))]
    else:
        if len(texts) < 2:
            fail("Cần tệp dự thảo và ít nhất một văn bản góp ý; nếu tệp là cả hồ sơ, thêm --from-dossier.",
                 EXIT_INVALID)
        draft = parse_draft(texts[0])
        replies = [r for t in texts[1:] for r in _replies_in(t, draft.name)]
    if not replies:
        fail("Không tìm thấy văn bản góp ý nào.", EXIT_INVALID)
    read = read_round(draft, replies)
    if as_json:
        click.echo(json.dumps([r for r, _ in read], ensure_ascii=False, indent=2))
    else:
        _print_human(read, draft)


# --- a round filed in the archive: open, reply, respond, show, list, close --------------------------

def _archive_ready() -> None:
    """The first round command on a fresh data folder, or on an archive from before rounds, upgrades it."""
    import archive

    if not archive.is_current():
        archive.upgrade()


def _day(iso: str | None) -> str:
    from archive.dates import written

    return written(iso)


def _agencies_from(path: Path) -> list[str]:
    try:
        return path.read_bytes().decode("utf-8-sig").splitlines()
    except OSError as exc:
        fail(f"Không đọc được tệp {path}: {exc.strerror or exc}", EXIT_UNREADABLE)
    except UnicodeDecodeError:
        fail(f"Tệp {path} không phải văn bản UTF-8; hãy lưu lại với bảng mã UTF-8.", EXIT_UNREADABLE)


@round_group.command("open", help="Mở vòng lấy ý kiến góp ý cho bản dự thảo DRAFT_DOC_ID (số trong kho); "
                                  "in số của vòng.")
@click.argument("draft_doc_id", type=int)
@click.option("--agency", "agencies", multiple=True, help="Cơ quan được lấy ý kiến (lặp lại cho mỗi cơ quan).")
@click.option("--agencies-file", type=click.Path(path_type=Path), help="Tệp danh sách cơ quan, mỗi dòng một cơ quan.")
@click.option("--deadline", required=True, help="Hạn góp ý (dd/mm/yyyy).")
@click.option("--title", help="Tên dự thảo (mặc định: đọc từ dự thảo).")
@click.option("--previous", "previous_round_id", type=int, help="Vòng trước (khi lấy ý kiến lần hai).")
@click.option("--actor", default="vanthu", show_default=True, help="Người mở vòng (ghi vào nhật ký).")
def open_cmd(draft_doc_id: int, agencies: tuple[str, ...], agencies_file: Path | None, deadline: str,
             title: str | None, previous_round_id: int | None, actor: str):
    from archive.rounds import RoundError, open_round

    names = list(agencies) + (_agencies_from(agencies_file) if agencies_file else [])
    _archive_ready()
    try:
        rid = open_round(draft_doc_id, names, deadline, actor, title=title, previous_round_id=previous_round_id)
    except RoundError as exc:
        fail(f"Chưa mở vòng lấy ý kiến: {exc}", EXIT_INVALID)
    click.echo(rid)
    if previous_round_id is not None:  # stdout stays the round's id; the carry report goes beside it
        _print_carry(rid, previous_round_id)


def _print_carry(rid: int, previous_round_id: int) -> None:
    from archive.rounds import round_state

    s, before = round_state(rid), round_state(previous_round_id)
    c = s["counts"]
    click.echo(f"Chuyển từ vòng {previous_round_id}: {c['carried']} ý kiến đã trả lời giữ nguyên ý kiến tiếp thu, "
               f"giải trình; {c['dropped']} ý kiến không còn phần dự thảo tương ứng.", err=True)
    for d in s["dropped"]:
        click.echo(f"  bỏ: {d['agency']} — {d['from_target']}: {d['reason']}", err=True)
    if before["counts"]["unanswered"]:
        click.echo(f"  {before['counts']['unanswered']} ý kiến của vòng {previous_round_id} chưa có trả lời nên "
                   f"không được chuyển sang.", err=True)


@round_group.command("reply", help="Thêm văn bản góp ý vào vòng ROUND_ID: mỗi đối số là một tệp (được nạp vào "
                                   "kho) hoặc số của văn bản đã có trong kho.")
@click.argument("round_id", type=int)
@click.argument("sources", nargs=-1, required=True)
@click.option("--received", help="Ngày nhận (dd/mm/yyyy; mặc định hôm nay).")
@click.option("--actor", default="vanthu", show_default=True)
def reply_cmd(round_id: int, sources: tuple[str, ...], received: str | None, actor: str):
    from archive.rounds import ReplyFileError, RoundError, add_reply

    _archive_ready()
    code = 0
    for src in sources:
        # a number is a document of the archive, unless a file of that name is there
        source = int(src) if src.isdigit() and not Path(src).exists() else Path(src)
        try:
            added = add_reply(round_id, source, actor, received=received)
        except ReplyFileError as exc:
            click.echo(f"từ chối  {src}: {exc}", err=True)
            code = max(code, EXIT_UNREADABLE)
            continue
        except RoundError as exc:
            click.echo(f"từ chối  {src}: {exc}", err=True)
            code = max(code, EXIT_INVALID)
            continue
        for a in added:
            who = a["consultee"] or f"{a['agency'] or 'cơ quan chưa rõ'} (không có trong danh sách lấy ý kiến)"
            what = "thống nhất, không có ý kiến khác" if a["agrees_without_comment"] else \
                f"{a['comments']} ý kiến (chưa xác nhận)"
            click.echo(f"đã thêm  {src}: văn bản góp ý số {a['reply_id']} — {who}: {what}")
    if code:
        sys.exit(code)


@round_group.command("respond", help="Ghi ý kiến tiếp thu, giải trình cho ý kiến góp ý COMMENT_ID của vòng ROUND_ID.")
@click.argument("round_id", type=int)
@click.argument("comment_id", type=int)
@click.option("--status", required=True,
              help="tiep_thu | tiep_thu_mot_phan | khong_tiep_thu | ghi_nhan")
@click.option("--giai-trinh", "giai_trinh", default="", help="Nội dung giải trình.")
@click.option("--actor", default="vanthu", show_default=True)
def respond_cmd(round_id: int, comment_id: int, status: str, giai_trinh: str, actor: str):
    from archive.rounds import STATUS_WORDS, RoundError, StatusError, respond

    _archive_ready()
    try:
        done = respond(comment_id, status, giai_trinh, actor, round_id=round_id)
    except StatusError as exc:  # the user types a code here: say which ones
        fail(f"Chưa ghi: trạng thái tiếp thu '{status}' không có; viết --status là một trong: {exc.codes}. ({exc})",
             EXIT_INVALID)
    except RoundError as exc:
        fail(f"Chưa ghi: {exc}", EXIT_INVALID)
    click.echo(f"Ý kiến {comment_id}: {STATUS_WORDS[done['status']]}.")


@round_group.command("deadline", help="Sửa hạn góp ý của vòng ROUND_ID thành DEADLINE (dd/mm/yyyy).")
@click.argument("round_id", type=int)
@click.argument("deadline")
@click.option("--actor", default="vanthu", show_default=True)
def deadline_cmd(round_id: int, deadline: str, actor: str):
    from archive.rounds import RoundError, set_deadline

    _archive_ready()
    try:
        new = set_deadline(round_id, deadline, actor)
    except RoundError as exc:
        fail(f"Chưa sửa hạn: {exc}", EXIT_INVALID)
    click.echo(f"Vòng {round_id}: hạn góp ý {new.day:02d}/{new.month:02d}/{new.year}.")


@round_group.command("close", help="Kết thúc vòng ROUND_ID: không nhận thêm văn bản góp ý.")
@click.argument("round_id", type=int)
@click.option("--actor", default="vanthu", show_default=True)
def close_cmd(round_id: int, actor: str):
    from archive.rounds import RoundError, close_round

    _archive_ready()
    try:
        close_round(round_id, actor)
    except RoundError as exc:
        fail(f"Chưa kết thúc: {exc}", EXIT_INVALID)
    click.echo(f"Đã kết thúc vòng lấy ý kiến số {round_id}.")


def _names(names: list[str]) -> str:
    return "; ".join(names) if names else "không có"


def _print_state(s: dict) -> None:
    c = s["counts"]
    status = "đang mở" if s["status"] == "open" else "đã kết thúc"
    click.echo(f"Vòng lấy ý kiến số {s['id']} (lần {s['number']}): dự thảo {s['title']}")
    click.echo(f"Dự thảo: văn bản {s['draft']['document_id']} trong kho, bản {s['draft']['version']}; "
               f"hạn góp ý {_day(s['deadline'])}{' (đã quá hạn)' if s['deadline_passed'] else ''}; {status}.")
    click.echo(f"Đã lấy ý kiến {c['consulted']} cơ quan; {c['replied']} đã trả lời "
               f"({c['agreed_without_comment']} thống nhất, không có ý kiến khác; {c['with_comments']} có ý kiến); "
               f"{c['not_replied']} chưa trả lời.")
    click.echo(f"Thống nhất, không có ý kiến khác: {_names(s['agreed_without_comment'])}.")
    click.echo(f"Có ý kiến: {_names(s['with_comments'])}.")
    click.echo(f"Chưa trả lời{' (quá hạn)' if s['overdue'] else ''}: {_names(s['not_replied'])}.")
    if s["not_on_list"]:
        click.echo(f"Văn bản của cơ quan ngoài danh sách (hoặc chưa rõ cơ quan nào): {_names(s['not_on_list'])}.")
    click.echo(f"\nÝ kiến góp ý: {c['comments']}; đã trả lời {c['answered']}, chưa trả lời {c['unanswered']}; "
               f"{c['unconfirmed']} chưa được xác nhận.")
    for cm in s["comments"]:
        where = _TOPIC_WORDS.get(cm["target"], cm["target"])
        mark = "" if cm["confirmed"] else " [chưa xác nhận]"
        click.echo(f"\n  #{cm['id']} {cm['agency']} — {where} ({_DOCUMENT_WORDS[cm['document']]}){mark}")
        click.echo(f"     {_short(cm['text'], 300)}")
        if cm["proposed"]:
            click.echo(f"     Đề nghị sửa thành: {_short(cm['proposed'])}")
        if cm["part"]:
            click.echo(f"     Dự thảo hiện nay: {_short(cm['part']['text'])}")
        elif cm["part_missing"]:
            click.echo("     Dự thảo hiện nay: (không còn phần này trong dự thảo)")
        _print_response(cm["response"])
    if s["carried"] or s["dropped"]:
        click.echo(f"\nChuyển từ vòng trước (số {s['previous_round_id']}): {c['carried']} ý kiến; "
                   f"{c['dropped']} ý kiến không còn phần dự thảo tương ứng.")
    for cm in s["carried"]:
        where = _TOPIC_WORDS.get(cm["target"], cm["target"])
        moved = f" (vòng trước: {cm['from_target']})" if cm["from_target"] != cm["target"] else ""
        click.echo(f"\n  [chuyển] {cm['agency']} — {where}{moved} ({_DOCUMENT_WORDS[cm['document']]})")
        click.echo(f"     {_short(cm['text'], 300)}")
        if cm["part"]:
            click.echo(f"     Dự thảo hiện nay: {_short(cm['part']['text'])}")
        _print_response(cm["response"])
    for cm in s["dropped"]:
        click.echo(f"\n  [bỏ] {cm['agency']} — {cm['from_target']}: {cm['reason']}")
        click.echo(f"     {_short(cm['text'], 300)}")
        _print_response(cm["response"])


def _print_response(r: dict | None) -> None:
    if r:
        why = f" — {_short(r['giai_trinh'], 300)}" if r["giai_trinh"] else ""
        click.echo(f"     Trả lời: {r['status_words']}{why}")
    else:
        click.echo("     Trả lời: (chưa có)")


@round_group.command("show", help="Tình hình vòng ROUND_ID: cơ quan đã/chưa trả lời, ý kiến và việc tiếp thu.")
@click.argument("round_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON.")
def show_cmd(round_id: int, as_json: bool):
    from archive.rounds import RoundError, round_state

    _archive_ready()
    try:
        state = round_state(round_id)
    except RoundError as exc:
        fail(f"Không xem được: {exc}", EXIT_INVALID)
    if as_json:
        click.echo(json.dumps(state, ensure_ascii=False, indent=2))
    else:
        _print_state(state)


@round_group.command("list", help="Các vòng lấy ý kiến trong kho, mới nhất trước.")
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON.")
def list_cmd(as_json: bool):
    from archive.rounds import list_rounds

    _archive_ready()
    rounds = list_rounds()
    if as_json:
        click.echo(json.dumps(rounds, ensure_ascii=False, indent=2))
        return
    if not rounds:
        click.echo("Chưa có vòng lấy ý kiến nào.")
    for r in rounds:
        status = "đang mở" if r["status"] == "open" else "đã kết thúc"
        click.echo(f"{r['id']:>4}  lần {r['number']}  hạn {_day(r['deadline'])}  {status:<11}  "
                   f"{r['replied']}/{r['consulted']} đã trả lời  văn bản {r['draft_document_id']}: {r['title']}")


def _pdf_of(made: list[Path], output: Path) -> list[Path]:
    """The PDF beside the Word file just written (one LibreOffice run)."""
    import generator

    try:
        return generator.convert_to_pdf(made)
    except generator.PdfError as exc:
        fail(f"Đã tạo {output} nhưng chưa xuất được PDF: {exc}", EXIT_UNREADABLE)


@round_group.command("compile", help="Lập Bản tổng hợp ý kiến góp ý của vòng ROUND_ID thành tệp Word (và PDF).")
@click.argument("round_id", type=int)
@click.option("-o", "--output", "output", type=click.Path(path_type=Path), required=True, help="Tệp .docx ghi ra.")
@click.option("--group-by", type=click.Choice(["agency", "article"]), default="agency", show_default=True,
              help="Nhóm ý kiến theo cơ quan góp ý (agency) hay theo điều, khoản của dự thảo (article).")
@click.option("--title", help="Tiêu đề, mặc định 'BẢN TỔNG HỢP Ý KIẾN GÓP Ý'.")
@click.option("--pdf", is_flag=True, help="Xuất thêm PDF qua LibreOffice.")
@click.option("--to-trinh", "to_trinh", is_flag=True,
              help="In thêm đoạn \"quá trình xây dựng dự thảo\" để dùng trong Tờ trình.")
@click.option("--date", "on", help="Ngày lập bản tổng hợp (dd/mm/yyyy; mặc định hôm nay), được lưu cùng vòng.")
@click.option("--ket-luan", "ket_luan", help="Đoạn kết luận sau bảng (mặc định: câu tổng hợp từ số ý kiến tiếp thu, "
                                            "giải trình).")
@click.option("--signer-name", help="Họ tên người ký (mặc định để trống cho người ký điền).")
@click.option("--signer-title", help="Chức vụ người ký, ví dụ GIÁM ĐỐC hoặc PHÓ GIÁM ĐỐC (ký KT.).")
@click.option("--noi-nhan", "noi_nhan", multiple=True, help="Một dòng Nơi nhận (ghi nhiều lần); mặc định: Lưu: VT.")
@click.option("--cot-du-thao/--khong-cot-du-thao", "cot_du_thao", default=None,
              help="Thêm cột Nội dung dự thảo (nội dung điều, khoản được góp ý).")
@click.option("--actor", default="vanthu", show_default=True)
def compile_cmd(round_id: int, output: Path, group_by: str, title: str | None, pdf: bool, to_trinh: bool,
                on: str | None, ket_luan: str | None, signer_name: str | None, signer_title: str | None,
                noi_nhan: tuple[str, ...], cot_du_thao: bool | None, actor: str):
    """Compiling dates the summary and keeps what is given with the round (archive.rounds.compile_summary,
    as the web page does); what is not given this time stays as kept the last time."""
    import generator
    from archive.rounds import RoundError, compile_summary

    _archive_ready()
    if output.suffix.lower() != ".docx":
        fail(f"Tệp ghi ra phải có đuôi .docx: {output}", EXIT_INVALID)
    try:
        given = {"ket_luan": ket_luan, "noi_nhan": list(noi_nhan) or None, "cot_du_thao": cot_du_thao}
        if signer_name or signer_title:  # what is left blank: archive.rounds.summary_signer's defaults
            given["signer"] = {k: v.strip() for k, v in (("title", signer_title), ("name", signer_name)) if v}
        data, notices = compile_summary(round_id, actor, on=on, group_by=group_by, title=title, **given)
        made = [generator.render_summary(data, output)]
    except RoundError as exc:
        fail(f"Chưa lập được bản tổng hợp: {exc}", EXIT_INVALID)
    except generator.ValidationError as exc:
        fail("Chưa lập được bản tổng hợp:\n" + "\n".join(f"  - {e}" for e in exc.errors), EXIT_INVALID)
    except (generator.RenderError, OSError) as exc:
        fail(f"Chưa tạo được {output}: {exc}", EXIT_UNREADABLE)
    made += _pdf_of(made, output) if pdf else []
    for n in notices:
        click.echo(f"lưu ý: {n}", err=True)
    for path in made:
        click.echo(str(path))
    if to_trinh:
        click.echo("\nĐoạn cho Tờ trình (quá trình xây dựng dự thảo):\n" + generator.tong_hop_paragraph(data))


# --- the letters of a round: công văn xin ý kiến, công văn đôn đốc ----------------------------------------

def _letter_signer(name: str | None, title: str | None) -> dict | None:
    """The signer as given; what is left out is the head's title and a blank name (the user's to fill)."""
    if not (name and name.strip()) and not (title and title.strip()):
        return None
    import generator
    from archive.rounds.letters import BLANK_NAME, default_signer

    base = {"title": title.strip()} if title and title.strip() else \
        default_signer(generator.load_settings().issuing_body)
    return {**base, "name": name.strip() if name and name.strip() else BLANK_NAME}


def _write_letter(data: dict, output: Path, pdf: bool, file_round: int | None = None, actor: str = "vanthu"):
    """Validate the letter, file it when asked (before anything is written), then the Word file (and PDF)."""
    import generator
    from archive.rounds import RoundError, file_request

    if output.suffix.lower() != ".docx":
        fail(f"Tệp ghi ra phải có đuôi .docx: {output}", EXIT_INVALID)
    try:
        doc = generator.load_document(data, "cong_van", generator.load_settings())
        filed = file_request(file_round, data, actor) if file_round is not None else None
        made = [generator.render_docx(doc, output)]
    except RoundError as exc:
        fail(f"Chưa tạo công văn: {exc}", EXIT_INVALID)
    except generator.ValidationError as exc:
        fail("Chưa tạo công văn:\n" + "\n".join(f"  - {e}" for e in exc.errors), EXIT_INVALID)
    except generator.SettingsError as exc:
        fail(str(exc), EXIT_UNREADABLE)
    except (generator.RenderError, OSError) as exc:
        fail(f"Chưa tạo được {output}: {exc}", EXIT_UNREADABLE)
    if filed is not None:
        click.echo(f"Đã lưu vào kho: văn bản số {filed} (dự thảo), là công văn xin ý kiến của vòng {file_round}; "
                   f"ban hành bằng: vanthu issue {filed}", err=True)
    made += _pdf_of(made, output) if pdf else []
    for path in made:
        click.echo(str(path))


_letter_options = [
    click.option("-o", "--output", "output", type=click.Path(path_type=Path), required=True, help="Tệp .docx ghi ra."),
    click.option("--pdf", is_flag=True, help="Xuất thêm PDF qua LibreOffice."),
    click.option("--signer-name", help="Họ tên người ký (mặc định để trống cho người dùng điền)."),
    click.option("--signer-title", help="Chức vụ người ký (mặc định theo cơ quan, ví dụ GIÁM ĐỐC)."),
    click.option("--unit", help="Mã đơn vị soạn thảo, ghi ở ký hiệu và dòng Lưu (mặc định: đơn vị đầu tiên "
                                "trong vanthu.toml)."),
    click.option("--drafter", help="Tên cơ quan viết trong câu, ví dụ 'Sở Tư pháp' (mặc định: đọc từ vanthu.toml)."),
]


def _with_letter_options(f):
    for option in reversed(_letter_options):
        f = option(f)
    return f


@round_group.command("request", help="Soạn công văn xin ý kiến góp ý dự thảo của vòng ROUND_ID, gửi mọi cơ quan "
                                     "được lấy ý kiến (bản dự thảo: chưa có số, chưa có ngày).")
@click.argument("round_id", type=int)
@_with_letter_options
@click.option("--file", "file_it", is_flag=True,
              help="Lưu công văn vào kho (bản dự thảo, để ban hành bằng vanthu issue) và ghi là công văn "
                   "xin ý kiến của vòng.")
@click.option("--actor", default="vanthu", show_default=True)
def request_cmd(round_id: int, output: Path, pdf: bool, signer_name: str | None, signer_title: str | None,
                unit: str | None, drafter: str | None, file_it: bool, actor: str):
    from archive.rounds import RoundError, request_letter

    _archive_ready()
    try:
        data = request_letter(round_id, signer=_letter_signer(signer_name, signer_title), unit=unit, drafter=drafter)
    except RoundError as exc:
        fail(f"Chưa tạo công văn: {exc}", EXIT_INVALID)
    _write_letter(data, output, pdf, round_id if file_it else None, actor)


@round_group.command("remind", help="Soạn công văn đôn đốc góp ý gửi các cơ quan chưa trả lời trong vòng ROUND_ID.")
@click.argument("round_id", type=int)
@_with_letter_options
@click.option("--new-deadline", help="Hạn góp ý mới (dd/mm/yyyy; mặc định 7 ngày sau hạn cũ hoặc sau hôm nay).")
def remind_cmd(round_id: int, output: Path, pdf: bool, signer_name: str | None, signer_title: str | None,
               unit: str | None, drafter: str | None, new_deadline: str | None):
    from archive.rounds import RoundError, reminder_letter

    _archive_ready()
    try:
        data = reminder_letter(round_id, new_deadline=new_deadline, signer=_letter_signer(signer_name, signer_title),
                               unit=unit, drafter=drafter)
    except RoundError as exc:
        fail(f"Chưa tạo công văn đôn đốc: {exc}", EXIT_INVALID)
    click.echo(f"Gửi {len(data['kinh_gui'])} cơ quan chưa trả lời.", err=True)
    _write_letter(data, output, pdf)
