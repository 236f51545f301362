"""The reviewer's queue and review page."""

from __future__ import annotations

import difflib
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from portal.forms import add_service_errors
from portal.models import Role
from portal.permissions import business_required, get_for_staff, is_inspector, memberships_of
from portal.workbench import Block, Line

from . import services
from .checklists import QUESTIONS
from .forms import AnswerForm, DecisionForm, OverrideForm
from .models import OPEN_STATUSES, Batch, Checklist, Override, Stage, Submission
from .registry import publishable_for
from .scanner import PERSONAL_KINDS, HitKind

SOURCE_LABELS = {"title": "标题", "summary": "内容概述", "body": "正文", "document_number": "文号"}


def _decidable(user: Any) -> Q:
    return services.decider_pairs(user, "stage__")


def workbench_block(user: Any, today: Any) -> Block | None:
    """The workbench's count of what waits for this reviewer."""
    if not memberships_of(user):
        return None
    waiting = Submission.objects.filter(_decidable(user), status__in=OPEN_STATUSES).count()
    if not waiting and not Stage.objects.filter(services.decider_pairs(user)).exists():
        return None
    return Block("发布审核", [Line(f"等待我审核：{waiting} 项", reverse("review:queue"))])


@business_required
def queue(request: HttpRequest) -> HttpResponse:
    """What waits for this reviewer, oldest first, with the working days left before the Art. 26 limit; a batch
    (an imported catalogue) is one entry."""
    waiting = Submission.objects.filter(_decidable(request.user), status__in=OPEN_STATUSES)
    singles = waiting.filter(batch__isnull=True).select_related("stage", "organisation").order_by("submitted_at", "id")
    page = Paginator(singles, 30).get_page(request.GET.get("page"))
    today = timezone.localdate()
    rows = [(s, services.working_days_left(s, today)) for s in page]
    in_batches: dict[int, list[Any]] = {}
    for batch_id, hits in waiting.filter(batch__isnull=False).values_list("batch_id", "hits"):
        in_batches.setdefault(batch_id, []).append(hits)
    batches = [
        (batch, len(in_batches[batch.pk]), sum(1 for hits in in_batches[batch.pk] if hits))
        for batch in Batch.objects.filter(pk__in=in_batches).select_related("organisation")
    ]
    context = {
        "page_obj": page,
        "rows": rows,
        "batches": batches,
        "publication_days": services.PUBLICATION_WORKING_DAYS,
        # 终审批量通过 only for those who take the final stage of something on this page
        "bulk": any(s.stage is not None and s.stage.checklist == "final" and s.status == "in_review" for s, _ in rows),
    }
    return render(request, "review/queue.html", context)


def _batch_for(request: HttpRequest, pk: int) -> Batch:
    in_process = services.in_processes_of(request.user).values("batch_id")
    return get_for_staff(
        request,
        Batch.objects.select_related("organisation", "created_by"),
        roles=() if is_inspector(request.user) else READ_ROLES,
        also=Q(pk__in=in_process),
        pk=pk,
    )


@business_required
def batch_page(request: HttpRequest, pk: int) -> HttpResponse:
    """A batch's items with their checks; the clean ones at the reviewer's stage are approved together, the
    others one by one on their own review page (mask, keep with reasons, or return)."""
    batch = _batch_for(request, pk)
    submissions = list(batch.submissions.select_related("stage", "stage__decider_organisation").order_by("id"))
    rows, stages = [], {}  # type: ignore[var-annotated]
    for submission in submissions:
        is_open = submission.status in OPEN_STATUSES
        problems = len(services.blocking_hits(submission)) if is_open else 0
        if is_open:
            problems += len(services.approval_problems(submission))
        mine = is_open and services.can_decide(request.user, submission)
        rows.append({"submission": submission, "problems": problems, "mine": mine})
        if mine and submission.status == "in_review" and submission.stage is not None:
            group = stages.setdefault(
                submission.stage.pk,
                {
                    "stage": submission.stage,
                    "questions": QUESTIONS[submission.stage.checklist],
                    "clean": [],
                    "other": 0,
                },
            )
            if problems:
                group["other"] += 1
            else:
                group["clean"].append(submission)
    context = {"batch": batch, "rows": rows, "forms": list(stages.values())}
    return render(request, "review/batch.html", context)


@require_POST
@business_required
def batch_approve(request: HttpRequest, pk: int) -> HttpResponse:
    """Approve the chosen clean items of a batch at one stage, with that stage's checklist answered once."""
    batch = _batch_for(request, pk)
    stage = get_object_or_404(Stage, pk=request.POST.get("stage_id", "0") or 0)
    answers = {key: request.POST.get(f"q_{key}", "") for key, _ in QUESTIONS[stage.checklist]}
    ids = [int(v) for v in request.POST.getlist("submission") if v.isdigit()]
    chosen = batch.submissions.filter(pk__in=ids, stage=stage, status="in_review")
    if not ids:
        messages.error(request, "请勾选要通过的信息。")
        return redirect("review:batch-page", pk=batch.pk)
    if any(value != "yes" for value in answers.values()):
        messages.error(request, "请逐项确认审核要点（选“是”）后再批量通过。")
        return redirect("review:batch-page", pk=batch.pk)
    done, failed = 0, []
    for submission in chosen:
        try:
            services.approve(submission=submission, actor=request.user, checklist=answers, stage_id=stage.pk)
            done += 1
        except (ValidationError, PermissionDenied) as error:
            failed.append(f"{submission.title}：{'；'.join(getattr(error, 'messages', ['您不能处理这一环节。']))}")
    if done:
        messages.success(request, f"已通过“{stage.name}” {done} 条。")
    for message in failed:
        messages.error(request, message)
    return redirect("review:batch-page", pk=batch.pk)


READ_ROLES = (Role.EDITOR, Role.REVIEWER, Role.OFFICE_HEAD)


def _submission_for(request: HttpRequest, pk: int) -> Submission:
    """Staff of the content's organisation, inspectors, and the reviewers of any stage of its process."""
    return get_for_staff(
        request,
        Submission.objects.select_related("stage", "stage__decider_organisation", "organisation"),
        roles=() if is_inspector(request.user) else READ_ROLES,
        also=Q(pk__in=services.in_processes_of(request.user).values("pk")),
        pk=pk,
    )


def _diff(before: list[Any], after: list[Any]) -> list[tuple[str, list[tuple[str, str]]]]:
    """Per text, the changed lines: ("-", old) and ("+", new)."""
    old = {t.source: t.value for t in before}
    changes = []
    for text in after:
        if text.source in old and old[text.source] != text.value:
            lines = [
                (line[0], line[2:])
                for line in difflib.ndiff(old[text.source].splitlines(), text.value.splitlines())
                if line[:1] in "+-"
            ]
            changes.append((SOURCE_LABELS.get(text.source, text.source), lines))
    return changes


@business_required
def submission_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_page(request, _submission_for(request, pk))


def _render_page(request: HttpRequest, submission: Submission, form: DecisionForm | None = None) -> HttpResponse:
    """The review page; after a refused decision, with the reviewer's form as they filled it and its errors."""
    content = submission.content
    publishable = publishable_for(content)
    stage = submission.stage
    final = stage is not None and services.is_final(stage)
    can_decide = submission.status in OPEN_STATUSES and services.can_decide(request.user, submission)
    overrides = {o.hit_key: o for o in Override.objects.filter(submission=submission).select_related("requested_by")}
    hits = [
        {**hit, "kind_label": HitKind(hit["kind"]).label, "personal": hit["kind"] in PERSONAL_KINDS,
         "where": SOURCE_LABELS.get(hit["source"], hit["source"].replace("attachment:", "附件：")),
         "override": overrides.get(hit["key"]), "maskable": services.is_maskable(hit)}
        for hit in submission.hits
    ]  # fmt: skip
    if form is None and can_decide and stage is not None:
        form = DecisionForm(initial={"stage_id": stage.pk}, stage=stage, final=final)
    context = {
        "submission": submission,
        "content": content,
        "publishable": publishable,
        "preview_url": publishable.preview_url(content),
        "preview_html": publishable.preview_html(content),
        "hits": hits,
        "maskable": any(h["maskable"] and not (h["override"] and h["override"].confirmed_by_id) for h in hits),
        "metadata_errors": publishable.metadata_errors(content) if submission.status in OPEN_STATUSES else [],
        "unread": publishable.unread(content),
        "dead_links": publishable.internal_links(content) if submission.status in OPEN_STATUSES else [],
        "diff": _diff(publishable.previous_texts(content), publishable.texts(content)),
        "decisions": submission.decisions.select_related("actor", "stage"),
        "form": form,
        "can_decide": can_decide,
        "answer_form": AnswerForm() if can_decide and submission.status == "referred" else None,
        "days_left": services.working_days_left(submission, timezone.localdate()),
        "no_deadline": publishable.no_deadline(content),
        "stages": Stage.objects.filter(organisation=services.process_owner(submission.organisation)),
        "waiting_for": services.waiting_for(submission),
    }
    return render(request, "review/submission.html", context, status=400 if form is not None and form.errors else 200)


@require_POST
@business_required
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    """One stage's decision. Refused: the page again, with what was chosen and an error summary. Done: the queue."""
    submission = _submission_for(request, pk)
    stage = submission.stage
    if stage is None or not services.can_decide(request.user, submission):
        raise Http404("未找到")
    form = DecisionForm(request.POST, stage=stage, final=services.is_final(stage))
    if not form.is_valid():
        return _render_page(request, submission, form)
    data = form.cleaned_data
    action, common = data["decision"], {"submission": submission, "actor": request.user, "stage_id": data["stage_id"]}
    try:
        if action == "approve":
            done = services.approve(
                **common, checklist=form.checklist(), comment=data["comment"], scheduled_for=data.get("scheduled_for")
            )
            messages.success(request, _after_approval(stage, done))
        elif action == "return":
            services.return_for_changes(**common, comment=data["comment"])
            messages.success(request, f"已退回起草人修改：{submission.title}。起草人已收到邮件通知。")
        elif action == "reject":
            services.reject(**common, comment=data["comment"])
            messages.success(request, f"已决定不予发布：{submission.title}。")
        else:
            services.refer(**common, comment=data["comment"])
            messages.success(request, "已报保密行政管理部门，收到答复后请登记。")
    except ValidationError as error:
        add_service_errors(form, error)
        return _render_page(request, submission, form)
    except PermissionDenied:
        form.add_error(None, "您不能处理这一环节。")
        return _render_page(request, submission, form)
    return redirect("review:queue")


def _after_approval(stage: Stage, submission: Submission) -> str:
    if submission.status == "published":
        return f"已通过“{stage.name}”并发布：{submission.title}。"
    if submission.status == "scheduled" and submission.scheduled_for:
        return f"已通过“{stage.name}”，将于 {timezone.localtime(submission.scheduled_for):%Y-%m-%d %H:%M} 发布。"
    return f"已通过“{stage.name}”：{submission.title}。{services.waiting_for(submission)}。"


@require_POST
@business_required
def mask(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _submission_for(request, pk)
    try:
        services.apply_masking(submission=submission, actor=request.user)
        messages.success(request, "已按建议遮盖个人信息并重新检查。")
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, "; ".join(getattr(error, "messages", ["您不能处理这一环节。"])))
    return redirect("review:submission", pk=pk)


@require_POST
@business_required
def override(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _submission_for(request, pk)
    form = OverrideForm(request.POST)
    if form.is_valid():
        try:
            kept = services.override_hit(
                submission=submission,
                actor=request.user,
                hit_key=form.cleaned_data["hit_key"],
                reason=form.cleaned_data["reason"],
            )
            messages.success(request, "已确认保留。" if kept.confirmed_by_id else "已申请保留，需另一名审核人员确认。")
        except ValidationError as error:
            messages.error(request, "；".join(error.messages))
        except PermissionDenied:
            messages.error(request, "您不是本机构的审核人员。")
    return redirect("review:submission", pk=pk)


@require_POST
@business_required
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _submission_for(request, pk)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请登记答复内容。")
    else:
        try:
            services.record_answer(submission=submission, actor=request.user, comment=form.cleaned_data["comment"])
            messages.success(request, "已登记答复，审核继续。")
        except PermissionDenied:
            messages.error(request, "您不能处理这一环节。")
    return redirect("review:submission", pk=pk)


@require_POST
@business_required
def approve_batch(request: HttpRequest) -> HttpResponse:
    """The final stage approves several checked items at once."""
    ids = [int(v) for v in request.POST.getlist("submission") if v.isdigit()]
    if request.POST.get("confirm") != "yes":
        messages.error(request, "请勾选“同意以本机关名义公开发布”。")
        return redirect("review:queue")
    done, failed = 0, []
    for submission in Submission.objects.filter(
        _decidable(request.user), pk__in=ids, status="in_review"
    ).select_related("stage"):
        if submission.stage is None or submission.stage.checklist != Checklist.FINAL:
            failed.append(f"{submission.title}：不在终审环节")
            continue
        try:
            services.approve(
                submission=submission,
                actor=request.user,
                checklist={"approved_for_publication": "yes"},
                stage_id=submission.stage_id,
            )
            done += 1
        except (ValidationError, PermissionDenied) as error:
            failed.append(f"{submission.title}：{'；'.join(getattr(error, 'messages', ['无权处理']))}")
    if done:
        messages.success(request, f"已批量通过并发布 {done} 项。")
    for message in failed:
        messages.error(request, message)
    return redirect("review:queue")


@business_required
def figures(request: HttpRequest) -> HttpResponse:
    """For inspectors (every organisation) and disclosure office heads (their own)."""
    from portal.permissions import organisation_ids

    from .figures import counts_by_organisation, stage_turnaround
    from .models import Decision, Override

    if is_inspector(request.user):
        decisions, overrides = Decision.objects.all(), Override.objects.all()
    else:
        own = organisation_ids(request.user, Role.OFFICE_HEAD)
        if not own:
            raise Http404("未找到")
        decisions = Decision.objects.filter(submission__organisation_id__in=own)
        overrides = Override.objects.filter(submission__organisation_id__in=own)
    year = request.GET.get("year", "")
    if year.isdigit():
        decisions = decisions.filter(at__year=int(year))
        overrides = overrides.filter(submission__submitted_at__year=int(year))
    context = {
        "stages": stage_turnaround(decisions),
        "organisations": counts_by_organisation(decisions, overrides),
        "year": year,
    }
    return render(request, "review/figures.html", context)
