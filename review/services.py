"""Every write of the review queue: submit, decide, mask, override, publish. One function each."""

from __future__ import annotations

import logging
from dataclasses import asdict
from datetime import date, datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone

from disclosure.rules import PUBLICATION_WORKING_DAYS  # 条例 第二十六条, the one constant
from portal import page_cache
from portal.models import Membership, Organisation, Role
from portal.models.staff import display_name
from portal.permissions import has_role
from portal.workdays import add_working_days

from . import wording
from .checklists import QUESTIONS
from .models import (
    OPEN_STATUSES,
    Batch,
    Checklist,
    Decision,
    DecisionKind,
    Leader,
    Override,
    SensitiveWord,
    Stage,
    Submission,
    SubmissionStatus,
    WordingRule,
)
from .registry import publishable_for
from .scanner import PERSONAL_KINDS, Hit, HitKind, scan
from .states import ensure_allowed

logger = logging.getLogger(__name__)


def default_stages(organisation: Organisation) -> list[Stage]:
    """The seed's process: secrecy and personal-data check → 社会事务办 review → 党政办 final approval."""
    offices = {o.short_name: o for o in organisation.children.all()}
    party = offices.get("党政办", organisation)
    social = offices.get("社会事务办", organisation)
    specs = [
        ("保密审查和个人信息检查", party, Role.REVIEWER, Checklist.SECRECY),
        ("社会事务办审核", social, Role.REVIEWER, Checklist.CONTENT),
        ("党政办终审", party, Role.OFFICE_HEAD, Checklist.FINAL),
    ]
    return [
        Stage.objects.create(
            organisation=organisation, position=n, name=name, decider_organisation=org, decider_role=role, checklist=c
        )
        for n, (name, org, role, c) in enumerate(specs, start=1)
    ]


def process_owner(organisation: Organisation) -> Organisation:
    """Offices publish through their town's column and follow its review process."""
    node: Organisation | None = organisation
    while node is not None:
        if node.runs_own_column or Stage.objects.filter(organisation=node).exists():
            return node
        node = node.parent
    return organisation


def stages_for(organisation: Organisation) -> list[Stage]:
    owner = process_owner(organisation)
    stages = list(Stage.objects.filter(organisation=owner).select_related("decider_organisation"))
    return stages or default_stages(owner)


def is_final(stage: Stage) -> bool:
    return not Stage.objects.filter(organisation=stage.organisation, position__gt=stage.position).exists()


def _hits(content: Any) -> list[dict[str, Any]]:
    """What the scanner finds, and each attachment it could not read (a scan, an image): the scanner saw
    nothing there, so like a flagged passage it stops approval until two reviewers have checked it by eye."""
    publishable = publishable_for(content)
    texts = publishable.texts(content)
    maskable = {text.source: text.maskable for text in texts}
    words = SensitiveWord.objects.values_list("word", flat=True)
    found = [
        {**asdict(hit), "key": hit.context_key, "maskable": hit.kind in PERSONAL_KINDS and maskable[hit.source]}
        for hit in scan(texts, words)
    ]
    rules = list(WordingRule.objects.values_list("wrong", "right"))
    leaders = list(Leader.objects.filter(is_active=True).values_list("name", "titles"))
    for text in texts:
        found += [{**asdict(hit), "key": hit.context_key, "maskable": False}
                  for hit in wording.check(text, rules, leaders)]  # fmt: skip
    # the content's own rules (an item's 三同步) flag without blocking: reviewers see them, approval is not held
    found += [{**asdict(hit), "key": hit.context_key, "maskable": False, "advisory": True}
              for hit in publishable.extra_hits(content)]  # fmt: skip
    for name in publishable.unread(content):
        unread = Hit(HitKind.UNREAD, f"attachment:{name}", 0, 0, "（未能读出文字）", "")
        found.append({**asdict(unread), "key": unread.context_key, "maskable": False})
    return found


def _record(submission: Submission, kind: DecisionKind, actor: Any, **extra: Any) -> Decision:
    return Decision.objects.create(submission=submission, stage=submission.stage, kind=kind, actor=actor, **extra)


@transaction.atomic
def submit(*, content: models.Model, actor: Any, now: datetime | None = None, batch: Batch | None = None) -> Submission:
    """Put content in the queue at the first stage, with the automatic checks run on it."""
    now = now or timezone.now()
    publishable = publishable_for(content)
    organisation: Organisation = content.organisation  # type: ignore[attr-defined]
    stages = stages_for(organisation)
    formed = publishable.formed_on(content)
    submission = Submission.objects.create(
        content_type=ContentType.objects.get_for_model(content),
        object_id=content.pk,
        organisation=organisation,
        title=str(content)[:200],
        stage=stages[0],
        stage_entered_at=now,
        submitted_by=actor,
        publish_by=add_working_days(formed, PUBLICATION_WORKING_DAYS).value if formed else None,
        hits=_hits(content),
        batch=batch,
    )
    _record(submission, DecisionKind.SUBMIT, actor, detail={"hits": len(submission.hits)})
    _notify_on_commit(submission)
    return submission


@transaction.atomic
def start_batch(*, organisation: Organisation, title: str, actor: Any) -> Batch:
    """A batch that content then joins through submit(batch=…): one entry in the queue, one mail per stage."""
    return Batch.objects.create(organisation=organisation, title=title[:200], created_by=actor)


def open_submission(content: models.Model) -> Submission | None:
    return Submission.objects.filter(
        content_type=ContentType.objects.get_for_model(content), object_id=content.pk, status__in=OPEN_STATUSES
    ).first()


def approved_for_publication(content: models.Model) -> bool:
    """条例 第十七条 先审后发: true only while the review queue is publishing this content."""
    return Submission.objects.filter(
        content_type=ContentType.objects.get_for_model(content),
        object_id=content.pk,
        status=SubmissionStatus.PUBLISHED,
        closed_at__isnull=True,
    ).exists()


def decider_pairs(user: Any, prefix: str = "") -> models.Q:
    """Stages (or, with prefix "stage__", submissions at stages) that one of the user's roles decides."""
    from portal.permissions import memberships_of

    query = models.Q(pk__in=[])
    for m in memberships_of(user):
        query |= models.Q(**{f"{prefix}decider_organisation_id": m.organisation_id, f"{prefix}decider_role": m.role})
    return query


def in_processes_of(user: Any) -> models.QuerySet[Submission]:
    """Submissions of every review process in which the user decides a stage (before and after their turn):
    a 社会事务办 reviewer holds no role in the town, yet reads what they review for it."""
    deciding = Stage.objects.filter(decider_pairs(user)).values("organisation_id")
    return Submission.objects.filter(stage__organisation_id__in=deciding)


def reviewed_content(user: Any, model: type[models.Model]) -> models.QuerySet[Submission, Any]:
    """The ids of content of one type that the user reviews (for its owner's staff screens)."""
    content_type = ContentType.objects.get_for_model(model)
    return in_processes_of(user).filter(content_type=content_type).values("object_id")


def can_decide(user: Any, submission: Submission) -> bool:
    stage = submission.stage
    return stage is not None and has_role(user, stage.decider_organisation, Role(stage.decider_role))


def waiting_for(submission: Submission) -> str:
    """Which stage and role an open submission waits for, and who holds that role."""
    stage = submission.stage
    if stage is None or submission.status not in OPEN_STATUSES:
        return ""
    role = Role(stage.decider_role).label
    holders = [
        display_name(m.user)
        for m in Membership.objects.filter(
            organisation_id=stage.decider_organisation_id, role=stage.decider_role, user__is_active=True
        ).select_related("user")
    ]
    who = f"（{'、'.join(holders)}）" if holders else "（尚无人担任该角色，请安全管理员分配）"
    waiting = "等待保密行政管理部门答复后由" if submission.status == SubmissionStatus.REFERRED else "等待"
    office = stage.decider_organisation.short_name or stage.decider_organisation.name
    return f"{waiting}{office}{role}{who}决定“{stage.name}”"


def blocking_hits(submission: Submission) -> list[dict[str, Any]]:
    """Hits that are neither masked away (they vanish on rescan) nor kept by two reviewers (advisory ones, such as
    a policy sent without its interpretation, never block)."""
    kept = set(
        Override.objects.filter(submission=submission, confirmed_by__isnull=False).values_list("hit_key", flat=True)
    )
    return [h for h in submission.hits if h["key"] not in kept and not h.get("advisory")]


def _lock(submission: Submission, expected_stage_id: int | None, decision: DecisionKind) -> Submission:
    """The submission locked for a decision that its status allows, still at the stage the reviewer saw."""
    current = Submission.objects.select_for_update(of=("self",)).select_related("stage").get(pk=submission.pk)
    if current.status not in OPEN_STATUSES or (expected_stage_id is not None and current.stage_id != expected_stage_id):
        raise ValidationError("该内容已被他人处理或已进入下一环节，请刷新页面。", code="stale")
    ensure_allowed(current.status, decision)
    return current


def approval_problems(submission: Submission) -> list[str]:
    """What stops approval besides the scanner's hits: missing metadata and links to pages that do not exist."""
    content = submission.content
    publishable = publishable_for(content)
    problems = publishable.metadata_errors(content)
    return problems + [f"链接指向的页面不存在：{link}" for link in publishable.internal_links(content)]


def _checklist_errors(stage: Stage, answers: dict[str, str]) -> list[str]:
    return [f"审核要点“{label}”未确认。" for key, label in QUESTIONS[stage.checklist] if answers.get(key) != "yes"]


@transaction.atomic
def approve(
    *,
    submission: Submission,
    actor: Any,
    checklist: dict[str, str],
    comment: str = "",
    stage_id: int | None = None,
    scheduled_for: datetime | None = None,
    now: datetime | None = None,
) -> Submission:
    now = now or timezone.now()
    current = _lock(submission, stage_id, DecisionKind.APPROVE)
    if not can_decide(actor, current):
        raise PermissionDenied
    stage = current.stage
    assert stage is not None
    errors = _checklist_errors(stage, checklist) + approval_problems(current)
    blocking = blocking_hits(current)
    if blocking:
        errors.append(f"自动检查发现 {len(blocking)} 处需处理的内容，请遮盖，或由两名审核人员分别说明理由后保留。")
    if errors:
        raise ValidationError(errors)
    _record(current, DecisionKind.APPROVE, actor, comment=comment, checklist=checklist)
    later = Stage.objects.filter(organisation=stage.organisation, position__gt=stage.position).order_by("position")
    following = later.first()
    if following is not None:
        current.stage, current.stage_entered_at = following, now
        current.save(update_fields=["stage", "stage_entered_at"])
        _notify_on_commit(current)
        return current
    if scheduled_for and scheduled_for > now:
        current.status = ensure_allowed(current.status, DecisionKind.SCHEDULE)
        current.scheduled_for = scheduled_for
        current.save(update_fields=["status", "scheduled_for"])
        _record(current, DecisionKind.SCHEDULE, actor, detail={"at": scheduled_for.isoformat()})
        return current
    return _publish(current, actor, now)


def _publish(submission: Submission, actor: Any, now: datetime) -> Submission:
    submission.status = ensure_allowed(submission.status, DecisionKind.PUBLISH)
    submission.save(update_fields=["status"])
    publishable_for(submission.content).publish(submission.content, actor, now)
    page_cache.bump()  # the public pages show it at once
    submission.closed_at = now
    submission.save(update_fields=["closed_at"])
    _record(submission, DecisionKind.PUBLISH, actor)
    return submission


@transaction.atomic
def publish_due(*, now: datetime | None = None) -> int:
    """Publish approved content whose scheduled time has come (run by cron or the task worker)."""
    now = now or timezone.now()
    due = Submission.objects.select_for_update().filter(status=SubmissionStatus.SCHEDULED, scheduled_for__lte=now)
    count = 0
    for submission in due.order_by("scheduled_for", "pk"):
        final = submission.decisions.filter(kind=DecisionKind.APPROVE).order_by("-at").first()
        try:
            with transaction.atomic():
                _publish(submission, final.actor if final else None, now)
        except ValidationError as error:  # waits for what it depends on (an interpretation for its policy)
            logger.warning("定时发布暂缓 %s：%s", submission.pk, "；".join(error.messages))
            continue
        count += 1
    return count


def _close(
    submission: Submission, actor: Any, comment: str, kind: DecisionKind, stage_id: int | None, now: datetime | None
) -> Submission:
    """Return or reject: the content goes back to its drafter with the reason, who is told by mail."""
    current = _lock(submission, stage_id, kind)
    if not can_decide(actor, current):
        raise PermissionDenied
    if not comment.strip():
        raise ValidationError({"comment": "请填写意见，说明原因。"})
    _record(current, kind, actor, comment=comment.strip())
    current.status, current.closed_at = ensure_allowed(current.status, kind), now or timezone.now()
    current.save(update_fields=["status", "closed_at"])
    publishable_for(current.content).send_back(current.content, actor, comment.strip())
    from .notifications import notify_drafter

    pk = current.pk
    transaction.on_commit(lambda: notify_drafter(pk), robust=True)
    return current


@transaction.atomic
def return_for_changes(
    *, submission: Submission, actor: Any, comment: str, stage_id: int | None = None, now: datetime | None = None
) -> Submission:
    return _close(submission, actor, comment, DecisionKind.RETURN, stage_id, now)


@transaction.atomic
def reject(
    *, submission: Submission, actor: Any, comment: str, stage_id: int | None = None, now: datetime | None = None
) -> Submission:
    return _close(submission, actor, comment, DecisionKind.REJECT, stage_id, now)


@transaction.atomic
def refer(*, submission: Submission, actor: Any, comment: str, stage_id: int | None = None) -> Submission:
    """Status unclear: refer to the competent department or secrecy authority; the content waits."""
    current = _lock(submission, stage_id, DecisionKind.REFER)
    if not can_decide(actor, current):
        raise PermissionDenied
    if not comment.strip():
        raise ValidationError({"comment": "请写明报送的部门和事由。"})
    _record(current, DecisionKind.REFER, actor, comment=comment.strip())
    current.status = ensure_allowed(current.status, DecisionKind.REFER)
    current.save(update_fields=["status"])
    return current


@transaction.atomic
def record_answer(*, submission: Submission, actor: Any, comment: str) -> Submission:
    current = _lock(submission, None, DecisionKind.ANSWER)
    if not can_decide(actor, current):
        raise PermissionDenied
    if not comment.strip():
        raise ValidationError({"comment": "请登记保密行政管理部门的答复。"})
    _record(current, DecisionKind.ANSWER, actor, comment=comment.strip())
    current.status = ensure_allowed(current.status, DecisionKind.ANSWER)
    current.save(update_fields=["status"])
    return current


@transaction.atomic
def apply_masking(*, submission: Submission, actor: Any) -> Submission:
    """Replace the personal data that blocks publication by the proposed masks — in the texts and inside
    DOCX/XLSX attachments — then check again. Passages kept by two reviewers stay as they are."""
    current = _lock(submission, None, DecisionKind.MASK)
    if not can_decide(actor, current):
        raise PermissionDenied
    personal = [_hit(h) for h in blocking_hits(current) if is_maskable(h)]
    if personal:
        publishable_for(current.content).mask(current.content, personal, actor)
    current.hits = _hits(fresh_content(current))
    current.save(update_fields=["hits"])
    _record(current, DecisionKind.MASK, actor, detail={"masked": len(personal), "remaining": len(current.hits)})
    return current


def fresh_content(submission: Submission) -> Any:
    """The content as it is in the database now (the generic relation caches an older copy)."""
    return submission.content_type.get_object_for_this_type(pk=submission.object_id)


def _hit(data: dict[str, Any]) -> Hit:
    return Hit(HitKind(data["kind"]), data["source"], data["start"], data["end"], data["text"], data["masked"])


@transaction.atomic
def rescan(*, submission: Submission, actor: Any) -> Submission:
    """Check again after the content changed (a new version)."""
    current = _lock(submission, None, DecisionKind.RESCAN)
    current.hits = _hits(fresh_content(current))
    current.save(update_fields=["hits"])
    _record(current, DecisionKind.RESCAN, actor, detail={"hits": len(current.hits)})
    return current


@transaction.atomic
def override_hit(*, submission: Submission, actor: Any, hit_key: str, reason: str) -> Override:
    """The first reviewer asks to keep a flagged passage with a reason; a second, different one confirms."""
    current = _lock(submission, None, DecisionKind.OVERRIDE)
    if not can_decide(actor, current) and not _is_reviewer(actor, current.organisation):
        raise PermissionDenied
    if hit_key not in {h["key"] for h in current.hits}:
        raise ValidationError("该检查结果已不存在，请刷新页面。")
    override = Override.objects.select_for_update().filter(submission=current, hit_key=hit_key).first()
    if override is None:
        if not reason.strip():
            raise ValidationError({"reason": "请说明保留的理由。"})
        override = Override.objects.create(
            submission=current, hit_key=hit_key, reason=reason.strip(), requested_by=actor
        )
        _record(current, DecisionKind.OVERRIDE, actor, comment=reason.strip(), detail={"hit": hit_key})
        return override
    if override.confirmed_by_id:
        return override
    if override.requested_by_id == actor.pk:
        raise ValidationError("保留须由另一名审核人员确认，不能由申请人本人确认。")
    override.confirmed_by = actor
    override.save(update_fields=["confirmed_by"])
    _record(current, DecisionKind.CONFIRM_OVERRIDE, actor, comment=reason.strip(), detail={"hit": hit_key})
    return override


def _is_reviewer(user: Any, organisation: Organisation) -> bool:
    return any(
        has_role(user, stage.decider_organisation, Role(stage.decider_role)) for stage in stages_for(organisation)
    )


def working_days_left(submission: Submission, today: date) -> int | None:
    """Working days until the 条例 第二十六条 limit; None where the content has none (published before)."""
    from portal.workdays import working_days_between

    return working_days_between(today, submission.publish_by).value if submission.publish_by else None


def _notify_on_commit(submission: Submission) -> None:
    from .notifications import notify_batch, notify_stage

    pk, batch_id, stage_id = submission.pk, submission.batch_id, submission.stage_id
    if batch_id is not None and stage_id is not None:
        transaction.on_commit(lambda: notify_batch(batch_id, stage_id), robust=True)
    else:
        transaction.on_commit(lambda: notify_stage(pk), robust=True)


def is_maskable(hit: dict[str, Any]) -> bool:
    """Personal data the portal can rewrite (rows scanned before this flag existed: texts only)."""
    return hit.get("maskable", hit["kind"] in PERSONAL_KINDS and not hit["source"].startswith("attachment"))
