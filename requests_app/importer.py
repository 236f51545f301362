"""Import the historical application register (CSV or XLSX) so that past years' statistics exist: check
every row first, report each problem by line and column, and import nothing until the whole file is clean."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from portal.models import Organisation
from portal.tabular import Problem, Report, parse_date, read_rows
from portal.workdays import working_days_between

from .models import ApplicantType, Application, Form, Kind, Status, Way
from .outcomes import REPORT_ROW, Outcome
from .receipt import Channel
from .services import application_number, record_event
from .services.records import reckon
from .states import Action

HEADERS = {
    "原编号": "number", "收到申请日期": "received_on", "申请人类型": "applicant_type", "申请方式": "channel",
    "申请人": "name", "所需信息": "description", "办理结果": "outcome", "答复日期": "replied_on",
    "延长工作日数": "extension", "备注": "note", "提交日期": "submitted_on",
}  # fmt: skip
REQUIRED = ["received_on", "applicant_type", "channel", "name", "description"]
TZ = ZoneInfo("Asia/Shanghai")


def _lookup(choices: Any) -> dict[str, str]:
    """Accept the full label and its short form (after the colon) of each choice."""
    table = {}
    for value, label in choices:
        table[str(label)] = value
        table[str(label).split("：", 1)[-1]] = value
        table[value] = value
    return table


APPLICANT_TYPES = _lookup(ApplicantType.choices) | {
    "公民": ApplicantType.PERSON,
    "其他": ApplicantType.OTHER_ORGANISATION,
}
CHANNELS = _lookup(Channel.choices) | {
    "当面": Channel.IN_PERSON,
    "信函": Channel.ORDINARY_LETTER,
    "网上": Channel.ONLINE,
    "网络": Channel.ONLINE,
    "邮件": Channel.EMAIL,
}
OUTCOMES = (
    _lookup(Outcome.choices)
    | {row: outcome for outcome, row in REPORT_ROW.items()}
    | {label: Outcome.OTHER for label in ("撤回", "申请人撤回", "申请人撤回申请", "申请人撤回申请（其他处理）")}
)


def check(organisation: Organisation, rows: list[dict[str, str]]) -> tuple[Report, list[dict[str, Any]]]:
    report = Report(rows=len(rows))
    numbers = [r["number"] for r in rows if r.get("number")]
    taken = set(Application.objects.filter(number__in=numbers).values_list("number", flat=True))
    seen: set[str] = set()
    clean = []
    for line, row in enumerate(rows, start=2):
        problems: list[Problem] = []

        def bad(name: str, message: str, line: int = line, problems: list[Problem] = problems) -> None:
            label = next(k for k, v in HEADERS.items() if v == name)
            problems.append(Problem(line, label, message))

        if not any(row.values()):
            continue
        # withdrawn before the office received it (an online application never confirmed): no receipt date, in
        # no row of table 三; the register gives the day it was submitted
        outcome = OUTCOMES.get(row.get("outcome", ""))
        early_withdrawal = not row.get("received_on") and outcome == Outcome.OTHER
        submitted = parse_date(row.get("submitted_on", ""))
        for name in REQUIRED:
            if not row.get(name) and not (name == "received_on" and early_withdrawal):
                bad(name, "必填，不能为空。")
        if early_withdrawal and submitted is None:
            bad("submitted_on", "收到申请前撤回的申请须填写提交日期（格式 2025-03-01）。")
        received, replied = parse_date(row.get("received_on", "")), parse_date(row.get("replied_on", ""))
        for name, value in (("received_on", received), ("replied_on", replied)):
            if row.get(name) and value is None:
                bad(name, "日期格式应为 2025-03-01。")
        if received and replied and replied < received:
            bad("replied_on", "答复日期早于收到申请日期。")
        today = timezone.localdate()
        for name, value in (("received_on", received), ("replied_on", replied), ("submitted_on", submitted)):
            if value is not None and value > today:
                bad(name, "日期不能晚于今天。")
        if bool(row.get("outcome")) != bool(row.get("replied_on")) and not early_withdrawal:
            # a case still open at the end of the register's year has neither (annual-report.md: row 二)
            bad("outcome" if row.get("replied_on") else "replied_on",
                "办理结果和答复日期须同时填写；尚未办结的申请两项都留空。")  # fmt: skip
        applicant_type = APPLICANT_TYPES.get(row.get("applicant_type", ""))
        if row.get("applicant_type") and applicant_type is None:
            bad("applicant_type", "应为：自然人、商业企业、科研机构、社会公益组织、法律服务机构或其他。")
        channel = CHANNELS.get(row.get("channel", ""))
        if row.get("channel") and channel is None:
            bad("channel", "应为：当面提交、信函、网上申请、传真、电子邮件等。")
        if row.get("outcome") and outcome is None:
            bad("outcome", "无法识别办理结果：请使用年度报告表三的项目名称，如“予以公开”“属于国家秘密”“（四）1”。")
        extension = row.get("extension", "") or "0"
        if not extension.isdigit() or int(extension) > 20:
            bad("extension", "应为0至20的整数（条例第三十三条）。")
        number = row.get("number", "")
        if number and (number in taken or number in seen):
            bad("number", f"编号“{number}”已存在或在文件中重复。")
        seen.add(number)
        if problems:
            report.problems.extend(problems)
        else:
            clean.append({
                "number": number, "received_on": received, "replied_on": replied, "applicant_type": applicant_type,
                "channel": channel, "outcome": outcome, "extension": int(extension), "name": row["name"][:100],
                "description": row["description"], "note": row.get("note", ""), "submitted_on": submitted,
                "early_withdrawal": early_withdrawal,
            })  # fmt: skip
    return report, clean


def import_register(*, organisation: Organisation, actor: Any, name: str, data: bytes, dry_run: bool) -> Report:
    """Check the file; unless this is a dry run and only when every row is clean, import all of it at once."""
    try:
        rows = read_rows(name, data, HEADERS, REQUIRED)
    except ValueError as exc:
        return Report(problems=[Problem(1, "文件", str(exc))])
    report, clean = check(organisation, rows)
    if dry_run or not report.clean:
        return report
    with transaction.atomic():
        for row in clean:
            import_row(organisation, actor, row)
    report.imported = len(clean)
    return report


def import_row(organisation: Organisation, actor: Any, row: dict[str, Any]) -> None:
    """A closed case is archived as it was; one still open comes in as being handled, with its deadline
    computed from its receipt date, to be answered on the portal; one withdrawn before receipt is closed with
    no receipt date (counted in no row of table 三)."""
    received, replied = row["received_on"], row["replied_on"]
    if row.get("early_withdrawal"):
        _import_early_withdrawal(organisation, actor, row)
        return
    application = Application(
        organisation=organisation,
        number=row["number"] or application_number(organisation, received.year),
        channel=row["channel"],
        submitted_at=datetime.combine(row.get("submitted_on") or received, time(9), tzinfo=TZ),
        arrived_on=received,
        received_on=received,
        clock_start=received,
        applicant_type=row["applicant_type"],
        name=row["name"],
        description=row["description"],
        kind=Kind.DISCLOSURE,
        form=Form.PAPER,
        way=Way.PICK_UP,
        status=Status.ARCHIVED if replied else Status.RECEIVED,
        outcome=row["outcome"] or "",
        reason=row["note"] if replied else "",
        extension_working_days=row["extension"],
        replied_on=replied,
        closed_on=replied,
        imported=True,
    )
    if replied is None:
        reckon(application, [])
    application.save()
    days = working_days_between(received, replied).value if replied else None
    record_event(application, Action.IMPORT, actor, replied or received, row["note"], reply_working_days=days)


def _import_early_withdrawal(organisation: Organisation, actor: Any, row: dict[str, Any]) -> None:
    submitted = row["submitted_on"]
    closed = row["replied_on"] or submitted
    application = Application.objects.create(
        organisation=organisation, number=row["number"] or application_number(organisation, submitted.year),
        channel=row["channel"], submitted_at=datetime.combine(submitted, time(9), tzinfo=TZ), arrived_on=submitted,
        applicant_type=row["applicant_type"], name=row["name"], description=row["description"],
        kind=Kind.DISCLOSURE, form=Form.PAPER, way=Way.PICK_UP, status=Status.CLOSED, outcome=Outcome.OTHER,
        withdrawn=True, reason=row["note"] or "申请人在本机关收到申请前撤回。", closed_on=closed, imported=True,
    )  # fmt: skip
    record_event(application, Action.IMPORT, actor, closed, row["note"])
