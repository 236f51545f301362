"""Mail about applications: a notice to the applicant, a new online application to the case officers, and
deadline reminders to the case officer and the office head."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from portal.models import Role
from portal.outbox import queue_mail
from portal.permissions import mail_recipients
from portal.templatetags.portal_tags import cn_date

from .models import Application, Notice


def _mail(*, subject: str, message: str, recipient_list: list[str], from_email: None = None) -> None:
    """Through the outbox: delivered by the worker after the action's transaction commits."""
    for to in recipient_list:
        queue_mail(to=to, subject=subject, body=message)


def send_notice(notice_pk: int) -> None:
    """The applicant learns that a notice was issued; the notice itself is at the tracking page."""
    notice = Notice.objects.select_related("application__organisation").get(pk=notice_pk)
    application = notice.application
    link = settings.SITE_URL + reverse("requests_app:track")
    _mail(
        subject=f"【{application.organisation.short_name}】{notice.title}（{notice.number}）",
        message=f"{application.name}：\n\n您的政府信息公开申请（编号 {application.number}）有新的书面告知："
        f"{notice.title}（{notice.number}）。\n请凭申请编号和查询码在 {link} 查看和下载。",
        from_email=None,
        recipient_list=[application.email],
    )


def send_confirmed(application_pk: int) -> None:
    """条例 第三十一条: for an online form both sides confirm — the applicant is told the day of receipt."""
    application = Application.objects.select_related("organisation").get(pk=application_pk)
    link = settings.SITE_URL + reverse("requests_app:track")
    _mail(
        subject=f"【{application.organisation.short_name}】已确认收到您的政府信息公开申请 {application.number}",
        message=f"{application.name}：\n\n{application.organisation.name}已确认收到您的申请"
        f"（编号 {application.number}），"
        f"收到申请之日为{cn_date(application.received_on)}，答复期限为{cn_date(application.deadline)}。"
        f"\n请凭申请编号和查询码在 {link} 查询办理进度。",
        from_email=None,
        recipient_list=[application.email],
    )


def send_tracking_code(application_pk: int, code: str) -> None:
    """The applicant's number and tracking code, by mail when they gave an address (the page shows them once)."""
    application = Application.objects.select_related("organisation").get(pk=application_pk)
    if not application.email:
        return
    link = settings.SITE_URL + reverse("requests_app:track")
    _mail(
        subject=f"【{application.organisation.short_name}】您的政府信息公开申请 {application.number}",
        message=f"{application.name}：\n\n{application.organisation.name}已收到您在网上提交的政府信息公开申请。\n"
        f"申请编号：{application.number}\n查询码：{code}\n\n工作人员确认收到后，答复期限自确认之日起计算。"
        f"请妥善保存申请编号和查询码，凭其在 {link} 查询办理进度、下载书面告知。",
        from_email=None,
        recipient_list=[application.email],
    )


def send_correction_received(application_pk: int) -> None:
    """The case officers learn that the applicant sent a correction online."""
    application = Application.objects.select_related("organisation", "assignee").get(pk=application_pk)
    link = settings.SITE_URL + reverse("requests-staff:case", args=[application.pk])
    recipients = {u.email for u in mail_recipients(application.organisation, Role.CASE_OFFICER)}
    if application.assignee and application.assignee.email:
        recipients.add(application.assignee.email)
    for email in sorted(recipients):
        _mail(
            subject=f"【补正已提交】政府信息公开申请 {application.number}",
            message=f"申请人已在网上提交补正（{cn_date(application.correction_received_on)}），答复期限已重新计算为"
            f"{cn_date(application.deadline)}：{link}",
            from_email=None,
            recipient_list=[email],
        )


def send_to_head(application_pk: int, what: str) -> None:
    """The disclosure office head learns that something waits for their decision (a reply, an extension)."""
    application = Application.objects.select_related("organisation").get(pk=application_pk)
    link = settings.SITE_URL + reverse("requests-staff:case", args=[application.pk])
    for user in mail_recipients(application.organisation, Role.OFFICE_HEAD):
        _mail(
            subject=f"【{what}】政府信息公开申请 {application.number}",
            message=f"申请 {application.number} 有{what}等待您审批，答复期限为{cn_date(application.deadline)}：{link}",
            from_email=None,
            recipient_list=[user.email],
        )


def send_new_application(application_pk: int) -> None:
    application = Application.objects.select_related("organisation").get(pk=application_pk)
    link = settings.SITE_URL + reverse("requests-staff:case", args=[application.pk])
    for user in mail_recipients(application.organisation, Role.CASE_OFFICER):
        _mail(
            subject=f"【待确认】网上政府信息公开申请 {application.number}",
            message=f"收到网上申请 {application.number}，请在1个工作日内确认收到（条例第三十一条）：{link}",
            from_email=None,
            recipient_list=[user.email],
        )


def send_unconfirmed(application: Application) -> int:
    link = settings.SITE_URL + reverse("requests-staff:case", args=[application.pk])
    recipients = {u.email for u in mail_recipients(application.organisation, Role.CASE_OFFICER, Role.OFFICE_HEAD)}
    if not recipients:
        return 0
    _mail(
        subject=f"【待确认】{application.number} 超过1个工作日未确认收到",
        message=f"申请 {application.number}（{application.get_channel_display()}）"
        f"于{cn_date(application.arrived_on)}到达，尚未与申请人确认收到。确认之日为收到申请之日（条例第三十一条），请尽快确认：{link}",
        from_email=None,
        recipient_list=sorted(recipients),
    )
    return 1


def send_reminder(application: Application, days_left: int) -> int:
    link = settings.SITE_URL + reverse("requests-staff:case", args=[application.pk])
    state = f"剩余 {days_left} 个工作日" if days_left >= 0 else f"已超期 {-days_left} 个工作日"
    recipients = {u.email for u in mail_recipients(application.organisation, Role.OFFICE_HEAD)}
    if application.assignee and application.assignee.email:
        recipients.add(application.assignee.email)
    if not recipients:
        return 0
    _mail(
        subject=f"【依申请公开{'超期' if days_left < 0 else '即将到期'}】{application.number}（{state}）",
        message=f"申请 {application.number} 答复期限为{cn_date(application.deadline)}，{state}。\n{link}",
        from_email=None,
        recipient_list=sorted(recipients),
    )
    return 1
