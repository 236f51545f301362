import csv
import io
import json
from collections.abc import Iterator
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from portal import audit_purge
from portal.filters import AuditEventFilter
from portal.models import AuditEvent, AuditKind, CalendarYear, Duty, MailStatus, OutgoingMail, Role
from portal.models.staff import DUTY_DESCRIPTIONS, ROLE_DUTIES
from portal.permissions import (
    duty_of,
    duty_required,
    has_duty,
    is_inspector,
    memberships_of,
    readable_organisations,
    staff_required,
)
from portal.services import record_audit, unconfirmed_calendar_years
from portal.tabular import safe_row
from portal.workbench import blocks_for


def calendar_url(unconfirmed_years: list[int]) -> str:
    """Where the first unconfirmed year is entered: its page, or a new year's page with the year filled in."""
    year = unconfirmed_years[0]
    if CalendarYear.objects.filter(year=year).exists():
        return reverse("admin:portal_calendaryear_change", args=[year])
    return reverse("admin:portal_calendaryear_add") + f"?year={year}"


def admin_tasks(user: Any, unconfirmed_years: list[int]) -> list[dict[str, str]]:
    """The data-maintenance tasks of the user's administrator duty."""
    failed_mail = OutgoingMail.objects.filter(status=MailStatus.FAILED).count() if has_duty(user, Duty.SYSTEM) else 0
    calendar_status = "、".join(f"{y}年" for y in unconfirmed_years) + "待确认" if unconfirmed_years else "已确认"
    calendar = calendar_url(unconfirmed_years) if unconfirmed_years else reverse("admin:portal_calendaryear_changelist")
    tasks = {
        Duty.SYSTEM: [
            {"title": "机构信息", "url": reverse("admin:portal_organisation_changelist")},
            {
                "title": "待发邮件",
                "url": reverse("admin:portal_outgoingmail_changelist") + "?status__exact=failed",
                "status": f"{failed_mail}封发送失败" if failed_mail else "正常",
                "colour": "red" if failed_mail else "green",
            },
            {"title": "平台设置", "url": reverse("admin:portal_platformprofile_changelist")},
            {
                "title": "工作日历",
                "url": calendar,
                "status": calendar_status,
                "colour": "orange" if unconfirmed_years else "green",
            },
        ],
        Duty.SECURITY: [
            {"title": "用户账号", "url": reverse("admin:auth_user_changelist")},
            {"title": "机构角色", "url": reverse("admin:portal_membership_changelist")},
            {"title": "管理员职责（三员）", "url": reverse("admin:portal_administratorduty_changelist")},
        ],
        Duty.AUDIT: [{"title": "安全审计日志", "url": reverse("portal:audit-log")}],
    }
    return [task for duty, items in tasks.items() if has_duty(user, duty) for task in items]


ROLE_TASKS: dict[str, list[tuple[str, str, str]]] = {
    Role.EDITOR: [("起草信息", "disclosure-staff:item-new", ""),
                  ("我的草稿", "disclosure-staff:items", "?status=draft"),
                  ("退回修改的信息", "disclosure-staff:items", "?status=returned"),
                  ("导入原有目录", "disclosure-staff:import", ""),
                  ("标准目录公开事项", "catalogue-staff:overview", ""),
                  ("政府信息公开指南", "disclosure-staff:guide", ""),
                  ("互动交流（政务咨询）", "questions-staff:queue", ""),
                  ("打印版式（公开栏、宣传单、小册子）", "disclosure-staff:print", "")],
    Role.REVIEWER: [("审核队列", "review:queue", ""), ("已送审的信息", "disclosure-staff:items", "?status=submitted")],
    Role.INSPECTOR: [("督查看板", "dashboard:page", ""), ("网站检查自查", "dashboard:self-check", ""),
                     ("标准目录公开事项", "catalogue-staff:overview", ""),
                     ("网站访问量", "dashboard:visits", ""),
                     ("投诉举报", "complaints-staff:queue", ""),
                     ("互动交流（政务咨询）", "questions-staff:queue", ""),
                     ("检查和整改", "inspections:follow-ups", ""), ("社会评议", "evaluations:page", ""),
                     ("年终考核", "assessments:overview", ""),
                     ("审核情况统计", "review:figures", ""),
                     ("依申请公开办理情况", "requests-staff:queue", "?status=all")],
    Role.CASE_OFFICER: [("依申请公开办理", "requests-staff:queue", ""),
                        ("待确认收到的网上申请", "requests-staff:queue", "?due=unconfirmed"),
                        ("登记申请", "requests-staff:register", ""),
                        ("导入历史申请台账", "requests-staff:import", ""),
                        ("互动交流（政务咨询）", "questions-staff:queue", "")],
    Role.OFFICE_HEAD: [("督查看板", "dashboard:page", ""), ("网站检查自查", "dashboard:self-check", ""),
                       ("标准目录公开事项", "catalogue-staff:overview", ""),
                       ("网站访问量", "dashboard:visits", ""),
                       ("投诉举报", "complaints-staff:queue", ""),
                       ("互动交流（政务咨询）", "questions-staff:queue", ""),
                       ("检查整改和领导小组会议", "inspections:follow-ups", ""), ("社会评议", "evaluations:page", ""),
                       ("年终考核", "assessments:overview", ""),
                       ("审核队列", "review:queue", ""),
                       ("审核情况统计", "review:figures", ""),
                       ("依申请公开办理", "requests-staff:queue", ""),
                       ("已超期的申请", "requests-staff:queue", "?due=overdue"),
                       ("已送审的信息", "disclosure-staff:items", "?status=submitted"),
                       ("已发布的信息", "disclosure-staff:items", "?status=published"),
                       ("政府信息公开指南", "disclosure-staff:guide", ""),
                       ("导入原有目录", "disclosure-staff:import", "")],
}  # fmt: skip


def role_tasks(user: Any) -> list[dict[str, str]]:
    """Links to the screens of the user's roles, once each."""
    seen: dict[str, dict[str, str]] = {}
    held = {m.role for m in memberships_of(user)}
    for role, tasks in ROLE_TASKS.items():
        if role in held:
            for title, name, query in tasks:
                seen.setdefault(title, {"title": title, "url": reverse(name) + query})
    return list(seen.values())


@staff_required
def workbench(request: HttpRequest) -> HttpResponse:
    """工作台: the staff member's roles, what each lets them do, and warnings that concern them."""
    by_organisation: dict[str, list[dict[str, str]]] = {}
    for membership in memberships_of(request.user):
        by_organisation.setdefault(membership.organisation.name, []).append(
            {"role": membership.get_role_display(), "duty": ROLE_DUTIES[membership.role]}
        )
    duty = duty_of(request.user)
    unconfirmed = unconfirmed_calendar_years(timezone.localdate())
    context = {
        "by_organisation": by_organisation,
        "duty": duty,
        "duty_label": Duty(duty).label if duty else "",
        "duty_description": DUTY_DESCRIPTIONS.get(duty, "") if duty else "",
        "is_inspector": is_inspector(request.user),
        "inspected": readable_organisations(request.user).filter(runs_own_column=True, is_active=True),
        "unconfirmed_years": unconfirmed,
        "calendar_warning": "、".join(f"{y}年" for y in unconfirmed)
        + "的放假调休安排尚未确认，涉及该年度的法定期限暂按周一至周五推算，为暂定期限。",
        "can_edit_calendar": has_duty(request.user, Duty.SYSTEM),
        "calendar_url": calendar_url(unconfirmed) if unconfirmed else "",
        "admin_tasks": admin_tasks(request.user, unconfirmed),
        "role_tasks": role_tasks(request.user),
        "blocks": blocks_for(request.user, timezone.localdate()),
    }
    return render(request, "portal/staff/workbench.html", context)


def _audit_events(request: HttpRequest) -> tuple[AuditEventFilter, Any]:
    filterset = AuditEventFilter(request.GET or None, queryset=AuditEvent.objects.all())
    events = filterset.qs if filterset.is_bound and filterset.is_valid() else AuditEvent.objects.all()
    return filterset, events


@duty_required(Duty.AUDIT)
def audit_log(request: HttpRequest) -> HttpResponse:
    """The security audit log, newest first, for the audit administrator."""
    filterset, events = _audit_events(request)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    context = {
        "filter": filterset,
        "page_obj": page,
        "query": request.GET.urlencode(),
        "retention_days": audit_purge.retention_days(),
        "purgeable": audit_purge.purgeable(),
    }
    return render(request, "portal/staff/audit_log.html", context)


AUDIT_COLUMNS = ["编号", "时间", "事件", "结果", "账号", "身份", "IP地址", "对象", "详情", "上一条的校验值", "校验值",
                 "密钥标识"]  # fmt: skip


def _audit_lines(events: Any) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")  # Excel reads the file as UTF-8
    writer.writerow(AUDIT_COLUMNS)
    for event in events.order_by("id").iterator(chunk_size=2000):
        writer.writerow(safe_row([
            event.pk, timezone.localtime(event.at).isoformat(), event.get_kind_display(),
            "成功" if event.succeeded else "失败", event.username, event.role, event.ip_address or "", event.target,
            json.dumps(event.detail, ensure_ascii=False), event.previous_hash, event.row_hash, event.key_id,
        ]))  # fmt: skip
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate(0)
    yield buffer.getvalue()


@duty_required(Duty.AUDIT)
def audit_export(request: HttpRequest) -> StreamingHttpResponse:
    """The filtered log as CSV with each row's hashes, so a copy kept elsewhere can be checked against it."""
    _, events = _audit_events(request)
    criteria = {k: v for k, v in request.GET.items() if k != "page" and v}
    record_audit(kind=AuditKind.AUDIT_EXPORTED, actor=request.user, request=request, detail={"条件": criteria})
    response = StreamingHttpResponse(_audit_lines(events), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="audit-{timezone.localdate():%Y%m%d}.csv"'
    return response


@duty_required(Duty.AUDIT)
def audit_purge_view(request: HttpRequest) -> HttpResponse:
    """Remove rows older than the retention period, after a confirmation that says how many and up to when."""
    context = {
        "retention_days": audit_purge.retention_days(),
        "cutoff": audit_purge.cutoff(),
        "purgeable": audit_purge.purgeable(),
    }
    if request.method == "POST":
        removed = audit_purge.purge(actor=request.user, request=request)
        messages.success(request, f"已清理 {removed} 条超过保存期限的审计日志；本次清理已记入日志。")
        return redirect("portal:audit-log")
    return render(request, "portal/staff/audit_purge.html", context)
