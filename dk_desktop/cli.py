"""The command line: python -m dk_desktop init|export|import|check|package|resolution …

Messages are Vietnamese; the exit code is 0 on success, 1 when the work was refused
(a bad file, a damaged database) or failed unexpectedly, and 2 for a wrong command line.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from . import __version__
from .cli_words import vietnamese_argparse
from .core.words import term_text
from .drafting.draft import DEFAULT_TERM
from .drafting.errors import DraftError
from .paths import default_database_path, log_path
from .store.errors import StoreError, from_os_error


def _json_export(store, path: Path, year: int | None) -> None:
    from .exchange.json_format import export_json

    export_json(store, path)


def _pdf_export(store, path: Path, year: int | None) -> None:
    from .reports.pdf_report import write_pdf_report

    write_pdf_report(store, path, year)


def _xlsx_export(store, path: Path, year: int | None) -> None:
    from .reports.xlsx_report import write_xlsx_report

    write_xlsx_report(store, path, year)


def _docx_export(store, path: Path, year: int | None, kind: str = "nam") -> None:
    from .reports.docx_report import ReportKind, write_docx_report

    write_docx_report(store, path, year, kind=ReportKind(kind))


EXPORTERS: dict[str, Callable] = {
    "json": _json_export,
    "pdf": _pdf_export,
    "xlsx": _xlsx_export,
    "docx": _docx_export,
}
REPORT_KINDS = ("nam", "so-ket", "tong-ket")
"""The Word report's kinds (reports.docx_report.ReportKind): yearly, mid-term, end of term."""


def _year(text: str) -> int:
    """A report year as typed; whether it is one of the database's term is checked once
    the file is open (``_check_term_year``): each commune's file has its own term."""
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"năm phải là một số, ví dụ 2026, không phải «{text}»"
        ) from None


def _check_term_year(store, year: int | None) -> None:
    """A report year of the file's term (its first year, the baseline, to its last)."""
    start, end = store.term()
    if year is not None and not start <= year <= end:
        raise StoreError(f"năm {year} nằm ngoài nhiệm kỳ {term_text(start, end)} của tệp dữ liệu.")


def _term(text: str) -> tuple[int, int]:
    """«2025-2030» for --term; anything else is refused with the drafter's words."""
    from .drafting.draft import parse_term
    from .drafting.errors import DraftError

    try:
        return parse_term(text)
    except DraftError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"Lỗi câu lệnh: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        # the executable's own name when frozen; how it is run otherwise
        prog=Path(sys.executable).stem if getattr(sys, "frozen", False) else "python -m dk_desktop",
        description=(
            "Theo dõi thực hiện Nghị quyết Đại hội Đảng bộ xã (tên xã, nhiệm kỳ và các chỉ "
            "tiêu lấy từ tệp dữ liệu)."
        ),
    )
    parser.add_argument(
        "--version", action="version", version=__version__, help="hiện số phiên bản rồi thoát"
    )
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def with_db(sub: argparse.ArgumentParser) -> argparse.ArgumentParser:
        sub.add_argument(
            "--db",
            type=Path,
            default=None,
            metavar="TỆP",
            help="tệp cơ sở dữ liệu (mặc định: thư mục dữ liệu của người dùng)",
        )
        return sub

    init = with_db(commands.add_parser("init", help="tạo cơ sở dữ liệu mới với Nghị quyết"))
    init.add_argument(
        "--resolution",
        type=Path,
        default=None,
        metavar="BẢN_NHÁP",
        help="bản nháp Nghị quyết (.json do «resolution draft» tạo) thay cho Nghị quyết có sẵn",
    )
    resolution = commands.add_parser("resolution", help="Nghị quyết của một xã khác")
    drafting = resolution.add_subparsers(dest="action", required=True, parser_class=_Parser)
    draft = drafting.add_parser(
        "draft",
        help="soạn bản nháp danh mục chỉ tiêu từ phần «Các chỉ tiêu chủ yếu» (.txt hoặc .docx)",
    )
    draft.add_argument("file", type=Path, metavar="TỆP", help="tệp .txt hoặc .docx")
    draft.add_argument("--commune", default="", metavar="TÊN", help="tên xã, ví dụ «Chiềng Sơn»")
    draft.add_argument("--province", default="", metavar="TÊN", help="tên tỉnh, ví dụ «Sơn La»")
    draft.add_argument(
        "--congress", default="", metavar="SỐ", help="Đại hội lần thứ mấy, ví dụ «I»"
    )
    draft.add_argument(
        "--term",
        type=_term,
        default=DEFAULT_TERM,
        metavar="NĂM-NĂM",
        help="nhiệm kỳ (mặc định: {}-{}, nhiệm kỳ Đại hội hiện nay)".format(*DEFAULT_TERM),
    )
    draft.add_argument(
        "-o", "--output", type=Path, required=True, metavar="TỆP", help="bản nháp .json sẽ ghi"
    )
    export = with_db(commands.add_parser("export", help="xuất dữ liệu ra tệp"))
    export.add_argument(
        "--format", choices=sorted(EXPORTERS), default="json", help="dạng tệp (mặc định: json)"
    )
    export.add_argument(
        "-o", "--output", type=Path, required=True, metavar="TỆP", help="tệp sẽ ghi"
    )
    export.add_argument(
        "--year",
        type=_year,
        default=None,
        metavar="NĂM",
        help="năm báo cáo, trong nhiệm kỳ của tệp dữ liệu (mặc định: năm mới nhất có số liệu)",
    )
    export.add_argument(
        "--kind",
        choices=REPORT_KINDS,
        default=None,
        help="loại báo cáo Word (chỉ với --format docx): nam (mặc định), so-ket (sơ kết "
        "giữa nhiệm kỳ), tong-ket (tổng kết nhiệm kỳ)",
    )
    imp = with_db(
        commands.add_parser(
            "import",
            help="nhập toàn bộ dữ liệu từ tệp JSON, hoặc số liệu từ tệp Excel do ứng dụng xuất",
        )
    )
    imp.add_argument("file", type=Path, metavar="TỆP", help="tệp .json hoặc .xlsx")
    imp.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra và xem trước")
    with_db(commands.add_parser("check", help="kiểm tra tính toàn vẹn của cơ sở dữ liệu"))
    package = commands.add_parser("package", help="gói số liệu / gói cấu hình giữa các máy")
    actions = package.add_subparsers(dest="action", required=True, parser_class=_Parser)
    send = with_db(actions.add_parser("export", help="tạo gói số liệu của một bản (bản → xã)"))
    send.add_argument("--village", required=True, help="tên bản, ví dụ «Bản Suối Giăng 1»")
    send.add_argument("-o", "--output", type=Path, required=True)
    config = with_db(actions.add_parser("config", help="tạo gói cấu hình (xã → bản)"))
    config.add_argument("-o", "--output", type=Path, required=True)
    for sub in (send, config):
        sub.add_argument(
            "--nguoi-gui",
            "--sender",
            dest="sender",
            default=None,
            help="người gửi ghi trong gói (mặc định: «Văn phòng xã …» trên máy của xã, "
            "«Bí thư chi bộ <bản>» trên máy của bản)",
        )
    receive = with_db(
        actions.add_parser("import", help="nhận một gói (kiểm tra → xem trước → ghi)")
    )
    receive.add_argument("file", type=Path)
    receive.add_argument("--dry-run", action="store_true", help="chỉ xem trước, không ghi gì")
    with_db(actions.add_parser("conflicts", help="liệt kê các xung đột đang chờ chọn"))
    resolve = with_db(actions.add_parser("resolve", help="chọn giá trị cho một xung đột"))
    resolve.add_argument("conflict_id", type=int)
    choice = resolve.add_mutually_exclusive_group(required=True)
    choice.add_argument("--keep", action="store_true", help="giữ giá trị đang có ở máy này")
    choice.add_argument("--take", action="store_true", help="lấy giá trị trong gói")
    for chooser in (
        commands,
        actions,
        drafting,
    ):  # «còn thiếu tham số bắt buộc: {init,…}», not "command"
        chooser.metavar = "{" + ",".join(chooser.choices) + "}"
    return parser


def main(argv: list[str] | None = None) -> int:
    with vietnamese_argparse():
        args = build_parser().parse_args(argv)
    db_path = getattr(args, "db", None) or default_database_path()  # «resolution» has none
    try:
        return COMMANDS[args.command](args, db_path)
    except (StoreError, DraftError) as error:
        print(f"Lỗi: {error}", file=sys.stderr)
        return 1
    except OSError as error:  # one the store did not word (a disk, a path Windows refuses)
        print(f"Lỗi: {from_os_error(error, str(error.filename or db_path))}", file=sys.stderr)
        return 1
    except Exception as error:  # a bug: words and exit code 1, never a traceback (the
        # windowed .exe would show a modal box that hangs the script that started it)
        print(
            f"Lỗi không mong muốn ({type(error).__name__}: {error}). Việc có thể chưa xong. "
            f"{_log_bug()}",
            file=sys.stderr,
        )
        return 1


def _log_bug() -> str:
    """Keep the traceback for the person who helps, in the app's error log."""
    log = log_path()
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("a", encoding="utf-8") as file:
            file.write(f"{datetime.now():%Y-%m-%d %H:%M:%S} ERROR dòng lệnh {sys.argv[1:]}:\n")
            file.write(traceback.format_exc())
    except OSError:
        return "Hãy chép lại dòng lỗi này và gửi người hỗ trợ."
    return f"Chi tiết đã được ghi vào «{log}»; hãy gửi tệp này cho người hỗ trợ."


def _init(args: argparse.Namespace, db_path: Path) -> int:
    from .store.database import create_database
    from .store.seed import read_seed

    if args.resolution is not None:
        return _init_from_draft(args.resolution, db_path)
    seed = read_seed()
    create_database(db_path, seed)
    targets = sum(1 for item in seed["items"] if item.get("section") == "target")
    print(
        f"Đã tạo cơ sở dữ liệu {db_path} với {targets} chỉ tiêu của Nghị quyết xã "
        f"{seed['commune']['name']}."
    )
    return 0


def _init_from_draft(draft_path: Path, db_path: Path) -> int:
    """A new database from a reviewed draft; refused, with every reason, before anything is
    written when the database cannot hold it (see drafting.checks)."""
    import json

    from .drafting.checks import database_problems, trial_load
    from .drafting.draft import counts
    from .store.database import create_database

    try:
        draft = json.loads(draft_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DraftError(f"Không tìm thấy bản nháp «{draft_path}».") from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise DraftError(
            f"«{draft_path.name}» không phải bản nháp .json đọc được (cần tệp do lệnh "
            "«resolution draft» tạo ra)."
        ) from None
    problems = database_problems(draft)
    if not problems:
        refusal = trial_load(draft)
        if refusal is not None:
            problems = [f"cơ sở dữ liệu không nhận bản nháp ({refusal})."]
    if problems:
        print("Lỗi: chưa tạo cơ sở dữ liệu từ bản nháp, vì:", file=sys.stderr)
        for problem in problems:
            print(f"  - {problem}", file=sys.stderr)
        return 1
    create_database(db_path, draft)
    figures, unsure = counts(draft)
    targets = sum(1 for item in draft["items"] if item.get("section") == "target")
    print(f"Đã tạo cơ sở dữ liệu {db_path} với {targets} chỉ tiêu ({figures} số liệu).")
    if unsure:
        print(
            f"Lưu ý: {unsure} số liệu còn đánh dấu chưa chắc chắn trong bản nháp; hãy xem lại "
            "chúng trong ứng dụng."
        )
    return 0


def _resolution(args: argparse.Namespace, db_path: Path) -> int:
    """resolution draft: a draft of another commune's catalogue from its targets text,
    written even where figures are unsure (they are listed first, with the reasons)."""
    import json

    from .drafting.draft import build_draft, counts, figures_to_review
    from .drafting.text import read_text_file
    from .store.files import write_bytes_atomically

    text = read_text_file(args.file)
    draft = build_draft(text, commune=args.commune, province=args.province, term=args.term)
    draft["document"]["congress_number"] = args.congress.strip()
    data = (json.dumps(draft, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    write_bytes_atomically(args.output, data)
    figures, unsure = counts(draft)
    targets = len(draft["items"])
    print(
        f"Đã ghi bản nháp {args.output}: {targets} chỉ tiêu, {figures} số liệu, "
        f"{unsure} số liệu chưa chắc chắn."
    )
    for figure in figures_to_review(draft)[:unsure]:
        reasons = "; ".join(figure["unsure"])
        print(f"  - {figure['code']} «{figure['target_text']}»: {reasons}")
    if not args.commune:
        print("Lưu ý: chưa có tên xã (--commune); cần có trước khi tạo cơ sở dữ liệu.")
    if not args.congress.strip():
        print(
            "Lưu ý: chưa ghi Đại hội lần thứ mấy (--congress); cần có trước khi tạo cơ sở dữ liệu."
        )
    return 0


def _open(db_path: Path):
    from .store.repository import Store

    return Store.open(db_path, create=False)


def _export(args: argparse.Namespace, db_path: Path) -> int:
    if args.kind is not None and args.format != "docx":
        print("Lỗi câu lệnh: --kind chỉ dùng với --format docx.", file=sys.stderr)
        return 2
    options = {"kind": args.kind or "nam"} if args.format == "docx" else {}
    store = _open(db_path)
    try:
        _check_term_year(store, args.year)
        EXPORTERS[args.format](store, args.output, args.year, **options)
    finally:
        store.close()
    print(f"Đã xuất {args.output}.")
    return 0


def _import(args: argparse.Namespace, db_path: Path) -> int:
    if args.file.suffix.lower() == ".xlsx":
        return _import_sheet(args, db_path)
    from .exchange.json_format import check_document, import_data, read_json

    document = read_json(args.file)
    if args.dry_run:
        counts = check_document(document)
        print(f"Tệp {args.file} hợp lệ: {counts['results']} số liệu (chưa ghi gì).")
        return 0
    store = _open(db_path)
    try:
        store.check_writable()  # a read-only file: refused before a backup is made
        backup = store.backup("truoc-nhap")
        counts = import_data(store, document)
    finally:
        store.close()
    print(
        f"Đã nhập {args.file}: {counts['items']} mục, {counts['results']} số liệu, "
        f"{counts['places']} địa bàn. Bản sao lưu trước khi nhập: {backup}"
    )
    return 0


def _import_sheet(args: argparse.Namespace, db_path: Path) -> int:
    from .exchange.xlsx_import import import_sheet

    store = _open(db_path)
    try:
        preview = import_sheet(store, args.file, dry_run=args.dry_run)
    finally:
        store.close()
    print(("Xem trước (chưa ghi gì): " if args.dry_run else "Đã nhập. ") + preview.report())
    return 0


def _check(args: argparse.Namespace, db_path: Path) -> int:
    from .store.database import connect, inspect_file, integrity_problem

    inspect_file(db_path)
    db = connect(db_path, readonly=True)
    try:
        problem = integrity_problem(db)
    finally:
        db.close()
    if problem:
        print(f"Lỗi: cơ sở dữ liệu có vấn đề: {problem}", file=sys.stderr)
        return 1
    print(f"Cơ sở dữ liệu {db_path} toàn vẹn (integrity_check: ok, khóa ngoại: ok).")
    return 0


def _package(args: argparse.Namespace, db_path: Path) -> int:
    from .exchange import package as packages

    store = _open(db_path)
    try:
        if args.action == "export":
            sender = args.sender or packages.default_sender(store, packages.DATA, args.village)
            manifest = packages.export_data_package(store, args.village, args.output, sender=sender)
            seq, village = manifest["seq"], manifest["place_name"]
            print(f"Đã tạo gói số liệu số {seq} của {village} (người gửi: {sender}): {args.output}")
        elif args.action == "config":
            sender = args.sender or packages.default_sender(store, packages.CONFIG)
            manifest = packages.export_config_package(store, args.output, sender=sender)
            print(f"Đã tạo gói cấu hình số {manifest['seq']} (người gửi: {sender}): {args.output}")
        elif args.action == "import":
            preview = packages.receive_package(store, args.file, dry_run=args.dry_run)
            print(("Xem trước (chưa ghi gì): " if args.dry_run else "Đã nhận. ") + preview.report())
        elif args.action == "conflicts":
            conflicts = packages.open_conflicts(store)
            for conflict in conflicts:
                print(packages.describe_conflict(store, conflict))
            print(f"{len(conflicts)} xung đột đang chờ chọn.")
        else:
            packages.resolve_conflict(store, args.conflict_id, take_incoming=args.take)
            print(f"Đã giải quyết xung đột số {args.conflict_id}.")
    finally:
        store.close()
    return 0


COMMANDS = {
    "init": _init,
    "export": _export,
    "import": _import,
    "check": _check,
    "package": _package,
    "resolution": _resolution,
}
