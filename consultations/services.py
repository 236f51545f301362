"""Preparing a consultation, its review, its phases, extension and the decision it leads to (the comments it
receives: comments/)."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from portal.models import Organisation

from . import files, reviewing, rules
from .models import (
    Consultation,
    ConsultationStatus,
    DecisionMatter,
    Phase,
    PhaseKind,
    PhaseStatus,
    Section,
)

ARTICLE = re.compile(r"^\s*(第[一二三四五六七八九十百零〇0-9]+[章节条])")


def split_sections(text: str) -> list[tuple[str, str]]:
    """The draft as (heading, text) sections: a new section at each 第X条/章/节, else at each blank line."""
    lines = [line.rstrip() for line in text.strip().splitlines()]
    sections: list[list[str]] = []
    if any(ARTICLE.match(line) for line in lines):
        for line in lines:
            if ARTICLE.match(line) or not sections:
                sections.append([])
            sections[-1].append(line)
    else:
        for block in re.split(r"\n\s*\n", text.strip()):
            sections.append(block.strip().splitlines())
    result = []
    for block in sections:
        body = "\n".join(block).strip()
        if not body:
            continue
        found = ARTICLE.match(block[0])
        heading = found.group(1) if found else block[0][:40]
        result.append((heading, body))
    return result


def _checked_sections(matter: dict[str, Any], fields: dict[str, Any], draft_text: str) -> list[tuple[str, str]]:
    problems = rules.period_problems(
        matter["kind"],
        matter["market_related"],
        fields["opens_on"],
        fields["closes_on"],
        fields.get("short_reason", ""),
    )
    sections = split_sections(draft_text)
    if not sections:
        problems["draft_text"] = "请填写征求意见稿全文。"
    if problems:
        raise ValidationError(problems)
    return sections


def _write_sections(consultation: Consultation, sections: list[tuple[str, str]]) -> None:
    Section.objects.bulk_create(
        Section(consultation=consultation, position=n, heading=heading, text=body)
        for n, (heading, body) in enumerate(sections, start=1)
    )
    Phase.objects.filter(matter=consultation.matter_id, kind=PhaseKind.PUBLIC_PARTICIPATION).update(
        status=PhaseStatus.IN_PROGRESS, starts_on=consultation.opens_on
    )


@transaction.atomic
def prepare(
    *, organisation: Organisation, actor: Any, matter: dict[str, Any], fields: dict[str, Any], draft_text: str
) -> Consultation:
    """A decision matter and its consultation, the draft cut into sections; checked against the minimum period."""
    sections = _checked_sections(matter, fields, draft_text)
    decision = DecisionMatter.objects.create(organisation=organisation, created_by=actor, **matter)
    Phase.objects.bulk_create(Phase(matter=decision, kind=kind) for kind in PhaseKind.values)
    consultation = Consultation.objects.create(matter=decision, organisation=organisation, created_by=actor, **fields)
    _write_sections(consultation, sections)
    return consultation


@transaction.atomic
def revise(
    *, consultation: Consultation, matter: dict[str, Any], fields: dict[str, Any], draft_text: str
) -> Consultation:
    """A draft changed before (or after being sent back from) review: the same checks, the sections cut again."""
    current = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if current.status != ConsultationStatus.DRAFT:
        raise ValidationError("只有草稿可以修改：已发布的意见征集可以延长期限，新的材料上传到相应的决策环节。")
    sections = _checked_sections(matter, fields, draft_text)
    DecisionMatter.objects.filter(pk=current.matter_id).update(**matter)
    for name, value in fields.items():
        setattr(current, name, value)
    current.save(update_fields=list(fields))
    current.sections.all().delete()  # a draft has no comments yet
    _write_sections(current, sections)
    return current


def draft_text(consultation: Consultation) -> str:
    return "\n\n".join(section.text for section in consultation.sections.all())


def submit(*, consultation: Consultation, actor: Any) -> Consultation:
    return reviewing.send(Consultation, consultation.pk, actor, review_problems)


def review_problems(consultation: Consultation, today: date | None = None) -> list[str]:
    today = today or timezone.localdate()
    matter = consultation.matter
    problems = list(
        rules.period_problems(
            matter.kind, matter.market_related, consultation.opens_on, consultation.closes_on, consultation.short_reason
        ).values()
    )
    if consultation.status == ConsultationStatus.IN_REVIEW and consultation.opens_on < today <= consultation.closes_on:
        # review took past the start day: the period counts from publication, so what is left must still suffice
        left = rules.period_problems(
            matter.kind, matter.market_related, today, consultation.closes_on, consultation.short_reason
        )
        problems += [f"审核期间已过开始日期，自今天起算：{problem}请退回修改日期。" for problem in left.values()]
    if consultation.closes_on < today:
        problems.append("征求意见截止日期已过：请修改日期后再提交。")
    elif consultation.opens_on < today and consultation.status == ConsultationStatus.DRAFT:
        # the period counts from publication: a start already past would shorten it silently
        problems.append("开始日期早于今天：征求意见期限自公开之日起计算，请将开始日期改为今天或以后。")
    return problems


@transaction.atomic
def publish(*, consultation: Consultation, approver: Any, now: datetime) -> Consultation:
    current = reviewing.publish(Consultation, consultation.pk, now, "未经审核通过的征求意见稿不能发布（先审后发）。")
    # approved after its start day: the period counts from publication, and the page says so
    current.opens_on = max(current.opens_on, timezone.localdate(now))
    current.save(update_fields=["opens_on"])
    Phase.objects.filter(matter=current.matter_id, kind=PhaseKind.PUBLIC_PARTICIPATION).update(
        starts_on=current.opens_on
    )
    files.publish_with(current, now)
    return current


@transaction.atomic
def send_back(*, consultation: Consultation) -> Consultation:
    current = Consultation.objects.select_for_update().get(pk=consultation.pk)
    current.status = ConsultationStatus.DRAFT
    current.save(update_fields=["status"])
    return current


@transaction.atomic
def update_phase(*, phase: Phase, status: str, starts_on: date | None, ends_on: date | None, note: str,
                 today: date) -> Phase:  # fmt: skip
    """A phase of the procedure, as the public follows it: a phase that does not apply says why."""
    errors = {}
    if status == PhaseStatus.NOT_APPLICABLE and len(note.strip()) < 4:
        errors["note"] = "不适用的环节须说明理由。"
    if status == PhaseStatus.DONE and ends_on is None:
        errors["ends_on"] = "已完成的环节须填写完成日期。"
    for name, day in (("starts_on", starts_on), ("ends_on", ends_on)):
        if day is not None and day > today and status == PhaseStatus.DONE:
            errors[name] = "已完成环节的日期不能晚于今天。"
    if starts_on and ends_on and ends_on < starts_on:
        errors["ends_on"] = "完成日期不能早于开始日期。"
    if errors:
        raise ValidationError(errors)
    phase.status, phase.starts_on, phase.ends_on, phase.note = status, starts_on, ends_on, note.strip()
    phase.save(update_fields=["status", "starts_on", "ends_on", "note"])
    return phase


@transaction.atomic
def extend(*, consultation: Consultation, closes_on: date, reason: str, today: date) -> Consultation:
    """A longer period, announced on the consultation's page with the original date and the reason."""
    current = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if current.status != ConsultationStatus.PUBLISHED or current.closes_on < today:
        raise ValidationError("只有尚未结束的意见征集可以延长。")
    if closes_on <= current.closes_on:
        raise ValidationError({"closes_on": f"新的截止日期须晚于原定的{current.closes_on:%Y年%-m月%-d日}。"})
    if len(reason.strip()) < 4:
        raise ValidationError({"reason": "请说明延长理由（将在公开页面上显示）。"})
    current.extended_from = current.extended_from or current.closes_on
    current.closes_on, current.extension_reason = closes_on, reason.strip()
    current.save(update_fields=["extended_from", "closes_on", "extension_reason"])
    return current


@transaction.atomic
def link_decision(*, consultation: Consultation, index_number: str, today: date) -> Consultation:
    """The final decision, once published as an item: linked both ways, and the 决策公布 phase marked done."""
    from disclosure.models import Item, ItemStatus

    found = Item.objects.filter(
        index_number__iexact=index_number.strip(), status=ItemStatus.PUBLISHED, organisation=consultation.organisation
    ).first()
    if found is None:
        message = "未找到本机关已公开的这一索引号的信息：请先公开最终决策，再填写其索引号。"
        raise ValidationError({"index_number": message})
    if consultation.status != ConsultationStatus.PUBLISHED or consultation.closes_on >= today:
        raise ValidationError("征求意见结束后才能关联最终决策。")
    consultation.decision_item = found
    consultation.save(update_fields=["decision_item"])
    Phase.objects.filter(matter=consultation.matter_id, kind=PhaseKind.PUBLICATION).update(
        status=PhaseStatus.DONE, ends_on=found.publication_date, note=f"已公开：{found.title}"[:2000]
    )
    return consultation
