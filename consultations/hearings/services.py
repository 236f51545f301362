"""Hearings (听证会, 《重大行政决策程序暂行条例》第十六条、第十七条; regulation.md §4): the notice with the draft, time,
place and selection method is reviewed and published in advance; people register online or on paper; the
selection is recorded and the participant list published before the hearing; materials reach every
participant at least 7 days before; the record is signed by the participants; the hearing report is reviewed
and published."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from disclosure.services import check_upload
from portal.crypto import encrypt

from .. import reviewing
from ..models import DecisionMatter
from .models import Channel, Hearing, HearingRegistration, HearingReport, HearingStatus

MATERIALS_DAYS = 7  # 第十六条: materials delivered at least 7 days before the hearing


def hearing_day(hearing: Hearing) -> date:
    return timezone.localtime(hearing.held_at).date()


def materials_due(hearing: Hearing) -> date:
    return hearing_day(hearing) - timedelta(days=MATERIALS_DAYS)


def _date_problems(fields: dict[str, Any], today: date) -> dict[str, str]:
    problems = {}
    held_on = timezone.localtime(fields["held_at"]).date()
    if held_on <= today:
        problems["held_at"] = "举行时间须晚于今天：听证会须提前公告。"
    if fields["registration_closes_on"] < today:
        problems["registration_closes_on"] = "报名截止日期不能早于今天。"
    elif fields["registration_closes_on"] >= held_on:
        problems["registration_closes_on"] = "报名截止日期须早于举行日期，以便遴选并公布参加人名单。"
    if not fields.get("seats"):
        problems["seats"] = "请填写参加人名额。"
    return problems


@transaction.atomic
def prepare(*, matter: DecisionMatter, actor: Any, fields: dict[str, Any], today: date | None = None) -> Hearing:
    problems = _date_problems(fields, today or timezone.localdate())
    if problems:
        raise ValidationError(problems)
    return Hearing.objects.create(matter=matter, organisation=matter.organisation, created_by=actor, **fields)


def notice_problems(hearing: Hearing, today: date | None = None) -> list[str]:
    today = today or timezone.localdate()
    fields = {name: getattr(hearing, name) for name in ("held_at", "registration_closes_on", "seats")}
    return list(_date_problems(fields, today).values()) if hearing.status != HearingStatus.PUBLISHED else []


def submit_notice(*, hearing: Hearing, actor: Any) -> Hearing:
    return reviewing.send(Hearing, hearing.pk, actor, notice_problems)


@transaction.atomic
def publish_notice(*, hearing: Hearing, approver: Any, now: datetime) -> Hearing:
    return reviewing.publish(Hearing, hearing.pk, now, "未经审核通过的听证会公告不能发布（先审后发）。")


@transaction.atomic
def send_back(content: Hearing | HearingReport) -> Any:
    type(content).objects.filter(pk=content.pk).update(status=HearingStatus.DRAFT)
    content.refresh_from_db()
    return content


def registration_open(hearing: Hearing, today: date) -> bool:
    return (
        hearing.status == HearingStatus.PUBLISHED
        and hearing.list_published_at is None
        and today <= hearing.registration_closes_on
    )


def register(*, hearing: Hearing, name: str, contact: str, category: str, statement: str, submission_key: uuid.UUID,
             channel: str = Channel.ONLINE, today: date | None = None) -> HearingRegistration:  # fmt: skip
    """A registration; online until the closing day, on paper (entered by staff) until the list is published.
    The same submission sent twice is one registration."""
    today = today or timezone.localdate()
    earlier = HearingRegistration.objects.filter(submission_key=submission_key).first()
    if earlier is not None:
        return earlier
    if hearing.status != HearingStatus.PUBLISHED or hearing.list_published_at is not None:
        raise ValidationError("听证会报名已结束。")
    if channel == Channel.ONLINE and today > hearing.registration_closes_on:
        raise ValidationError(f"网上报名已于{hearing.registration_closes_on:%Y年%-m月%-d日}24时截止。")
    if not name.strip() or not contact.strip():
        raise ValidationError("请填写姓名和联系方式：入选后用于通知和送达听证材料。")
    registration = HearingRegistration(
        hearing=hearing, category=category, statement=statement.strip(), channel=channel, submission_key=submission_key
    )
    registration.name_encrypted = encrypt(name.strip(), context=registration.context("name"))
    registration.contact_encrypted = encrypt(contact.strip(), context=registration.context("contact"))
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError:
        return HearingRegistration.objects.get(submission_key=submission_key)
    return registration


@transaction.atomic
def select(*, hearing: Hearing, chosen: list[int], note: str) -> int:
    """The participants chosen by the published method; recorded with how they were chosen."""
    current = Hearing.objects.select_for_update().get(pk=hearing.pk)
    if current.list_published_at is not None:
        raise ValidationError("参加人名单已公布，不能再更改遴选结果。")
    picked = current.registrations.filter(pk__in=chosen)
    count = picked.count()
    if count == 0:
        raise ValidationError("请勾选入选的参加人。")
    if count > current.seats:
        raise ValidationError(f"入选 {count} 人，超过名额 {current.seats} 人。")
    if len(note.strip()) < 4:
        raise ValidationError({"note": "请说明遴选情况（如按类别随机抽取、报名人数等）。"})
    current.registrations.update(selected=False)
    picked.update(selected=True)
    current.selection_note = note.strip()
    current.save(update_fields=["selection_note"])
    return count


@transaction.atomic
def publish_list(*, hearing: Hearing, now: datetime) -> Hearing:
    """The participant list (names and categories only) published before the hearing."""
    current = Hearing.objects.select_for_update().get(pk=hearing.pk)
    if current.status != HearingStatus.PUBLISHED:
        raise ValidationError("听证会公告发布后才能公布参加人名单。")
    if current.held_at <= now:
        raise ValidationError("参加人名单须在听证会举行前公布。")
    if not current.registrations.filter(selected=True).exists():
        raise ValidationError("尚未遴选参加人。")
    current.list_published_at = now
    current.save(update_fields=["list_published_at"])
    return current


@transaction.atomic
def deliver(*, hearing: Hearing, chosen: list[int], on: date, today: date | None = None) -> int:
    today = today or timezone.localdate()
    if on > today:
        raise ValidationError({"on": "送达日期不能晚于今天。"})
    if on > hearing_day(hearing):
        raise ValidationError({"on": "送达日期不能晚于听证会举行日期。"})
    done = hearing.registrations.filter(pk__in=chosen, selected=True).update(materials_delivered_on=on)
    if not done:
        raise ValidationError("请勾选已送达材料的入选参加人。")
    return done


@dataclass(frozen=True)
class Warning:
    registration: HearingRegistration
    text: str


def materials_warnings(hearing: Hearing, today: date | None = None) -> list[Warning]:
    """Selected participants whose materials came, or can now only come, less than 7 days before the hearing."""
    today = today or timezone.localdate()
    due = materials_due(hearing)
    found = []
    for person in hearing.registrations.filter(selected=True):
        delivered = person.materials_delivered_on
        if delivered is not None and delivered > due:
            found.append(Warning(person, f"材料于{delivered:%-m月%-d日}送达，距听证会不足{MATERIALS_DAYS}日。"))
        elif delivered is None and today > due and today <= hearing_day(hearing):
            late = f"尚未送达材料，且距听证会已不足{MATERIALS_DAYS}日（应于{due:%-m月%-d日}前送达）。"
            found.append(Warning(person, late))
        elif delivered is None and today <= due:
            found.append(Warning(person, f"尚未送达材料：应于{due:%Y年%-m月%-d日}前送达。"))
    return found


def reveal_contacts(*, hearing: Hearing, actor: Any, reason: str, request: Any = None) -> list[tuple[str, str, str]]:
    """Every registrant's name, category and full contact, for a stated reason written to the audit log."""
    from portal.models import AuditKind
    from portal.services import record_audit

    if len(reason.strip()) < 4:
        raise ValidationError({"reason": "请说明查看完整联系方式的理由（至少4个字）。"})
    record_audit(kind=AuditKind.DATA_REVEALED, actor=actor, request=request, target=f"听证会 {hearing.title}",
                 detail={"reason": reason.strip()})  # fmt: skip
    return [(p.personal("name"), p.get_category_display(), p.personal("contact")) for p in hearing.registrations.all()]


@transaction.atomic
def keep_record(*, hearing: Hearing, upload: UploadedFile, signed_on: date, today: date | None = None) -> Hearing:
    """The hearing record (听证笔录), signed by the participants (第十七条)."""
    today = today or timezone.localdate()
    if hearing_day(hearing) > today:
        raise ValidationError("听证会举行后才能上传听证笔录。")
    if signed_on > today or signed_on < hearing_day(hearing):
        raise ValidationError({"signed_on": "签字确认日期应在听证会举行当日至今天之间。"})
    upload = check_upload(upload)
    if hearing.record:
        hearing.record.delete(save=False)
    hearing.record.save(upload.name or "record", upload, save=False)
    hearing.record_signed_on = signed_on
    hearing.save(update_fields=["record", "record_signed_on"])
    return hearing


@transaction.atomic
def save_report(*, hearing: Hearing, text: str, actor: Any) -> HearingReport:
    if not text.strip():
        raise ValidationError({"text": "请填写听证报告。"})
    report, created = HearingReport.objects.get_or_create(
        hearing=hearing, defaults={"organisation": hearing.organisation, "text": text.strip(), "created_by": actor}
    )
    if not created:
        if report.status != HearingStatus.DRAFT:
            raise ValidationError("听证报告已提交审核或已发布。")
        report.text = text.strip()
        report.save(update_fields=["text"])
    return report


def report_problems(report: HearingReport) -> list[str]:
    hearing = report.hearing
    problems = []
    if not hearing.record or hearing.record_signed_on is None:
        problems.append("请先上传经参加人签字确认的听证笔录。")
    if hearing.list_published_at is None:
        problems.append("参加人名单尚未公布。")
    return problems


def submit_report(*, report: HearingReport, actor: Any) -> HearingReport:
    return reviewing.send(HearingReport, report.pk, actor, report_problems)


@transaction.atomic
def publish_report(*, report: HearingReport, approver: Any, now: datetime) -> HearingReport:
    return reviewing.publish(HearingReport, report.pk, now, "未经审核通过的听证报告不能发布（先审后发）。")
