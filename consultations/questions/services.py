"""Receiving, answering, passing on and closing questions (互动交流, docs/adr/0008). The answer is due within
QUESTION_REPLY_WORKING_DAYS working days of receipt, counted on the working-day calendar; a question passed to
the organisation that holds the matter is due that many working days after it arrives there, and the asker is
told. A question that is really an application (条例 第二十七条) or a complaint (第五十一条) becomes one only
when the asker agrees, keeping their words."""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from disclosure.chinese import fold
from portal.crypto import encrypt
from portal.models import Organisation
from portal.outbox import queue_mail
from portal.workdays import add_working_days

from ..comments.services import new_receipt_code
from .models import Question, QuestionEvent
from .states import Action, Status, ensure_allowed

MIN_ANSWER = 10
UNSENT_DAYS = 90  # answers the workbench reminds to send for publication


def due_on(arrived_on: date) -> date:
    """The last day to answer: N working days after the day the question arrived (that day not counted)."""
    return add_working_days(arrived_on, settings.QUESTION_REPLY_WORKING_DAYS).value


def receipt_hash(code: str) -> str:
    normalised = "".join(code.upper().split()).replace("-", "")
    return hashlib.sha256(f"{settings.SECRET_KEY}:question:{normalised}".encode()).hexdigest()


@dataclass(frozen=True)
class Received:
    question: Question
    receipt_code: str  # shown once; "" when the same submission came again


def _event(question: Question, action: Action, old: str, actor: Any = None, **extra: Any) -> QuestionEvent:
    return QuestionEvent.objects.create(
        question=question, action=action, old_status=old, new_status=question.status, actor=actor, **extra
    )


def receive(*, organisation: Organisation, subject: str, text: str, name: str, contact: str, public_allowed: bool,
            submission_key: uuid.UUID, item: Any = None, now: datetime | None = None) -> Received:  # fmt: skip
    """A question from the public form. The same submission sent twice is one question."""
    earlier = Question.objects.filter(submission_key=submission_key).first()
    if earlier is not None:
        return Received(earlier, "")
    received_on = timezone.localdate(now or timezone.now())
    code = new_receipt_code()
    question = Question(
        organisation=organisation, asked_of=organisation, item=item, subject=subject.strip(), text=text.strip(),
        public_allowed=public_allowed, receipt_hash=receipt_hash(code), submission_key=submission_key,
        received_on=received_on, due_on=due_on(received_on),
    )  # fmt: skip
    question.name_encrypted = encrypt(name.strip(), context=question.context("name")) if name.strip() else ""
    question.contact_encrypted = encrypt(contact.strip(), context=question.context("contact")) if contact else ""
    try:
        with transaction.atomic():
            question.save()
            _event(question, Action.ASK, "", to_organisation=organisation)
    except IntegrityError:  # the same submission, saved a moment ago by a second click
        return Received(Question.objects.get(submission_key=submission_key), "")
    return Received(question, code)


def find_by_receipt(code: str) -> Question | None:
    return Question.objects.select_related("organisation", "item").filter(receipt_hash=receipt_hash(code)).first()


def _locked(question: Question, action: Action) -> tuple[Question, str]:
    current = Question.objects.select_for_update().select_related("organisation").get(pk=question.pk)
    old = current.status
    current.status = ensure_allowed(old, action)
    return current, old


def _tell(question: Question, subject: str, body: str) -> None:
    """Mail the asker when the contact is an e-mail address; a phone number is called by the office."""
    address = question.personal("contact")
    try:
        validate_email(address)
    except ValidationError:
        return
    link = settings.SITE_URL + reverse("questions:track", args=[question.asked_of.slug])
    queue_mail(to=address, subject=subject, body=f"{body}\n\n凭回执码可在网站上查看：{link}")


@transaction.atomic
def answer(*, question: Question, text: str, actor: Any, today: date) -> Question:
    """The answer, given to the asker at once (tracking page, mail); publication is a separate review."""
    if len(text.strip()) < MIN_ANSWER:
        raise ValidationError({"answer": f"请写明答复内容，至少{MIN_ANSWER}个字。"})
    current, old = _locked(question, Action.ANSWER)
    current.answer, current.answered_on, current.answered_by, current.closed_on = text.strip(), today, actor, today
    current.save(update_fields=["answer", "answered_on", "answered_by", "closed_on", "status"])
    _event(current, Action.ANSWER, old, actor)
    _tell(current, f"您的咨询已答复：{current.subject}"[:200],
          f"您于{current.received_on:%Y年%-m月%-d日}提出的咨询“{current.subject}”，{current.organisation.name}答复如下：\n\n"
          f"{current.answer}")  # fmt: skip
    return current


@transaction.atomic
def transfer(*, question: Question, to: Organisation, reason: str, actor: Any, today: date) -> Question:
    """Pass the question to the organisation that holds the matter; its deadline starts on arrival there."""
    if to.pk == question.organisation_id:
        raise ValidationError({"to": "请选择其他机构。"})
    if len(reason.strip()) < 4:
        raise ValidationError({"reason": "请写明转交理由（该事项由哪个机构负责），提问人会看到。"})
    current, old = _locked(question, Action.TRANSFER)
    source = current.organisation
    current.organisation, current.due_on, current.escalated_on = to, due_on(today), None
    current.save(update_fields=["organisation", "due_on", "escalated_on", "status"])
    _event(current, Action.TRANSFER, old, actor, from_organisation=source, to_organisation=to, note=reason.strip())
    _tell(current, f"您的咨询已转交{to.name}办理"[:200],
          f"您提出的咨询“{current.subject}”由{to.name}负责，{source.name}已于{today:%Y年%-m月%-d日}转交该机构办理，"
          f"将于{current.due_on:%Y年%-m月%-d日}前答复。转交理由：{reason.strip()}")  # fmt: skip
    return current


@transaction.atomic
def dismiss(*, question: Question, reason: str, actor: Any, today: date) -> Question:
    """No answer: advertising, abuse, a repeat of a question already answered (the office head decides)."""
    if len(reason.strip()) < 4:
        raise ValidationError({"reason": "请写明不予答复的理由，提问人凭回执码会看到。"})
    current, old = _locked(question, Action.DISMISS)
    current.closed_on = today
    current.save(update_fields=["closed_on", "status"])
    _event(current, Action.DISMISS, old, actor, note=reason.strip())
    return current


@transaction.atomic
def propose(*, question: Question, into: str, note: str, actor: Any) -> Question:
    """Suggest to the asker that the question be handled as an application or a complaint; it stays open and
    may still be answered until the asker agrees."""
    if into not in ("application", "complaint"):
        raise ValidationError({"into": "请选择转为政府信息公开申请或投诉。"})
    if len(note.strip()) < 4:
        raise ValidationError({"note": "请向提问人说明为什么建议这样办理。"})
    current, old = _locked(question, Action.PROPOSE)
    current.proposal, current.proposal_note = into, note.strip()
    current.save(update_fields=["proposal", "proposal_note", "status"])
    _event(current, Action.PROPOSE, old, actor, note=f"{current.get_proposal_display()}：{current.proposal_note}")
    _tell(current, f"关于您的咨询：{current.subject}"[:200],
          f"您提出的咨询“{current.subject}”，{current.organisation.name}建议作为{current.get_proposal_display()}办理："
          f"{current.proposal_note}\n凭回执码打开办理情况页面，可以同意转为{current.get_proposal_display()}，"
          "您写下的内容会保留。")  # fmt: skip
    return current


@transaction.atomic
def convert_to_complaint(*, question: Question, today: date) -> tuple[Question, str]:
    """The asker agrees: the complaint is received today (its own deadline), with the question's words, name and
    contact; returns the complaint's receipt code, shown once."""
    from supervision.complaints import services as complaints

    current, old = _locked(question, Action.CONVERT)
    if current.proposal != "complaint":
        raise ValidationError("本咨询没有转为投诉的建议。")
    received = complaints.receive(
        organisation=column_owner(current.organisation), kind="complaint", subject=current.subject, text=current.text,
        page_url="", name=current.personal("name"), contact=current.personal("contact"), submission_key=current.data_id,
    )  # fmt: skip
    current.complaint, current.closed_on = received.complaint, today
    current.save(update_fields=["complaint", "closed_on", "status"])
    _event(current, Action.CONVERT, old, note=f"转为投诉（{received.complaint.due_on:%Y年%-m月%-d日}前答复）")
    return current, received.receipt_code


def column_owner(organisation: Organisation) -> Organisation:
    """The organisation whose column an office publishes through (complaints and applications are made there)."""
    node: Organisation | None = organisation
    while node is not None and not node.runs_own_column:
        node = node.parent
    return node or organisation


def handling_ids(user: Any, *roles: Any) -> set[int]:
    """The organisations whose questions the user handles with one of roles: where they hold it, and the offices
    that publish through that organisation's column (an office may have no staff of its own on the platform)."""
    from portal.permissions import organisation_ids

    own = organisation_ids(user, *roles)
    offices = Organisation.objects.filter(parent_id__in=own, runs_own_column=False).values_list("pk", flat=True)
    return own | set(offices)


def responsible(organisation: Organisation) -> list[Organisation]:
    """Whose heads answer for an organisation's questions: its own, and its column's for an office."""
    owner = column_owner(organisation)
    return [organisation] if owner == organisation else [organisation, owner]


def application_draft(question: Question) -> dict[str, str]:
    """What the online application starts with when the asker agrees to apply: their words and name, and the
    contact in the field it fits. The application is received when they submit it (条例 第三十一条)."""
    contact = question.personal("contact")
    try:
        validate_email(contact)
        reach = {"email": contact}
    except ValidationError:
        reach = {"phone": contact} if contact else {}
    description = f"{question.subject}\n{question.text}"
    return {"kind": "disclosure", "name": question.personal("name"), "description": description[:2000], **reach,
            "from_question": str(question.data_id)}  # fmt: skip


@transaction.atomic
def converted_to_application(*, data_id: str, application: Any, today: date) -> Question | None:
    """The asker submitted the application they started from the question: the question is closed into it."""
    current = Question.objects.select_for_update().filter(data_id=data_id, status=Status.OPEN).first()
    if current is None or current.proposal != "application":
        return None  # answered meanwhile, or never proposed: the application stands on its own
    old = current.status
    current.status = ensure_allowed(old, Action.CONVERT)
    current.application, current.closed_on = application, today
    current.save(update_fields=["application", "closed_on", "status"])
    _event(current, Action.CONVERT, old, note=f"转为政府信息公开申请 {application.number}")
    return current


@transaction.atomic
def escalate_overdue(*, today: date) -> int:
    """Once per question past its deadline: the heads of the handling office are mailed (the workbench shows it
    to them every day). Safe when two nodes run it at the same minute: the row lock and escalated_on."""
    from portal.models import Role
    from portal.permissions import mail_recipients

    count = 0
    waiting = Question.objects.select_for_update(skip_locked=True).select_related("organisation")
    for question in waiting.filter(status=Status.OPEN, due_on__lt=today, escalated_on__isnull=True):
        old = question.status
        question.escalated_on = today
        question.save(update_fields=["escalated_on"])
        _event(question, Action.ESCALATE, old, note=f"答复期限{question.due_on:%Y年%-m月%-d日}已过")
        link = settings.SITE_URL + reverse("questions-staff:question", args=[question.pk])
        heads = {
            head.email for org in responsible(question.organisation) for head in mail_recipients(org, Role.OFFICE_HEAD)
        }
        for address in sorted(heads):
            queue_mail(to=address, subject=f"政务咨询超期未答复：{question.subject}"[:200],
                       body=f"{question.received_on:%Y年%-m月%-d日}收到的咨询“{question.subject}”，答复期限"
                            f"{question.due_on:%Y年%-m月%-d日}已过，仍未答复。请督促办理：{link}")  # fmt: skip
        count += 1
    return count


def searchable(question: Question) -> str:
    return fold(f"{question.subject}\n{question.text}\n{question.answer}")


@transaction.atomic
def publish(*, question: Question, approver: Any, now: datetime) -> Question:
    """The review approved: question and answer are public (names and contacts never are)."""
    current, old = _locked(question, Action.PUBLISH)
    if not current.public_allowed:
        raise ValidationError("提问人未同意公开，不能公开。")
    current.published_at, current.search_text = now, searchable(current)
    current.save(update_fields=["published_at", "search_text", "status"])
    _event(current, Action.PUBLISH, old, approver)
    return current


@transaction.atomic
def unpublish(*, question: Question, reason: str, actor: Any) -> Question:
    if len(reason.strip()) < 4:
        raise ValidationError({"reason": "请写明撤下的理由。"})
    current, old = _locked(question, Action.UNPUBLISH)
    current.published_at, current.faq, current.search_text = None, False, ""
    current.save(update_fields=["published_at", "faq", "search_text", "status"])
    _event(current, Action.UNPUBLISH, old, actor, note=reason.strip())
    return current


def set_faq(*, question: Question, faq: bool) -> Question:
    if faq and question.published_at is None:
        raise ValidationError("只有已公开的问答可以列为常见问题。")
    Question.objects.filter(pk=question.pk).update(faq=faq)
    question.faq = faq
    return question


@transaction.atomic
def submit_for_publication(*, question: Question, actor: Any) -> Any:
    """The answered question, with the asker's consent, into the organisation's review before it is public."""
    from review import services as review

    current, old = _locked(question, Action.SUBMIT)
    if not current.public_allowed:
        raise ValidationError("提问人未同意公开，只答复提问人本人。")
    if current.published_at is not None or review.open_submission(current) is not None:
        raise ValidationError("该问答已公开或正在审核。")
    submission = review.submit(content=current, actor=actor)
    _event(current, Action.SUBMIT, old, actor)
    return submission


def workbench_block(user: Any, today: date) -> Any:
    """For those who answer questions: what is due within REMINDER_WORKING_DAYS working days or overdue, and the
    answers the asker allowed to publish that nobody has sent for review yet."""
    from portal.models import Role
    from portal.workbench import Block, Line

    own = handling_ids(user, Role.EDITOR, Role.CASE_OFFICER, Role.OFFICE_HEAD)
    if not own:
        return None
    soon = add_working_days(today, settings.REMINDER_WORKING_DAYS).value
    waiting = Question.objects.filter(organisation_id__in=own, status=Status.OPEN, due_on__lte=soon)
    lines = [
        Line(
            f"政务咨询：{q.subject}，{q.due_on:%-m月%-d日}前答复",
            reverse("questions-staff:question", args=[q.pk]),
            "已超期" if q.due_on < today else "",
        )
        for q in waiting.order_by("due_on", "pk")[:20]
    ]
    recent = today - timedelta(days=UNSENT_DAYS)
    unsent = Question.objects.filter(organisation_id__in=own, status=Status.ANSWERED, public_allowed=True,
                                     published_at__isnull=True, answered_on__gte=recent).count()  # fmt: skip
    if unsent:
        lines.append(Line(f"近{UNSENT_DAYS}天答复、提问人同意公开、尚未公开（含审核中）的问答：{unsent} 条",
                          reverse("questions-staff:queue") + "?status=answered"))  # fmt: skip
    return Block("互动交流待办", lines) if lines else None
