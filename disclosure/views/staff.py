"""Staff screens for drafting items: each item is a task list with its event timeline."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from disclosure import services
from disclosure.forms import AttachmentForm, DocxForm, ItemForm, WithdrawForm
from disclosure.models import Item, ItemStatus
from disclosure.rules import PUBLICATION_WORKING_DAYS
from portal.forms import add_service_errors
from portal.models import Organisation, Role
from portal.permissions import (
    business_required,
    get_for_staff,
    has_role,
    is_inspector,
    organisation_ids,
    scope_for_staff,
)
from portal.workbench import Block, Line

READ_ROLES = (Role.EDITOR, Role.REVIEWER, Role.OFFICE_HEAD)
LIST_FILTERS = [("returned", "退回修改"), ("summary_missing", "概述待补"), ("interpretation_overdue", "超期未解读")]


def workbench_block(user: Any, today: Any) -> Block | None:
    """The workbench's block for editors and office heads: what was sent back, what an import left to fill in."""
    if not organisation_ids(user, Role.EDITOR, Role.OFFICE_HEAD):
        return None
    mine = scope_for_staff(user, Item.objects.all(), roles=(Role.EDITOR, Role.OFFICE_HEAD))
    items = reverse("disclosure-staff:items")
    lines = [
        Line(f"退回修改的信息：{mine.returned().count()} 条", f"{items}?status=returned"),
        Line(f"草稿：{mine.filter(status=ItemStatus.DRAFT).count()} 条", f"{items}?status=draft"),
    ]
    missing = mine.summary_missing().count()
    if missing:
        lines.append(Line(f"概述待补：{missing} 条", f"{items}?status=summary_missing", "原目录导入时缺少内容概述"))
    overdue = _interpretation_overdue(user, today)
    if overdue:
        limit = f"三同步：解读应在文件发布后{settings.INTERPRETATION_WORKING_DAYS}个工作日内发布"
        lines.append(
            Line(f"超期未发布政策解读的文件：{len(overdue)} 件", f"{items}?status=interpretation_overdue", limit)
        )
    return Block("政府信息", lines)


def _interpretation_overdue(user: Any, today: Any) -> list[int]:
    """The user's organisations' policies whose interpretation is overdue (三同步, disclosure/interpretations.py)."""
    from disclosure.interpretations import overdue
    from disclosure.selectors import channel_of

    own = Organisation.objects.filter(pk__in=organisation_ids(user, Role.EDITOR, Role.OFFICE_HEAD))
    channels = sorted({channel_of(o).pk for o in own.select_related("parent")})
    return [item.pk for item, _ in overdue(channels, today)]


def _item(request: HttpRequest, pk: int, *roles: Role) -> Item:
    """An item for its organisation's staff, and for the reviewers of its review process."""
    from review.services import reviewed_content

    related = ("organisation", "column", "topic", "revision_of", "interprets", "matter__area")
    queryset = Item.objects.select_related(*related)
    also = Q(pk__in=reviewed_content(request.user, Item))
    return get_for_staff(request, queryset, roles=roles or READ_ROLES, also=also, pk=pk)


@never_cache
@business_required
def attachment_download(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    """A draft's or submitted item's attachment, for its staff and reviewers (who open what the scanner can't)."""
    item = _item(request, pk)
    found = get_object_or_404(item.attachments, pk=attachment_pk)
    return FileResponse(found.file.open("rb"), as_attachment=True, filename=found.name)


def review_rounds(item: Item) -> list[Any]:
    """The item's review rounds, newest first, each with its decisions (the item's review history)."""
    from django.contrib.contenttypes.models import ContentType

    from review.models import Submission

    rounds = Submission.objects.filter(content_type=ContentType.objects.get_for_model(Item), object_id=item.pk)
    return list(rounds.select_related("stage").prefetch_related("decisions__actor", "decisions__stage").order_by("-id"))


@business_required
def item_list(request: HttpRequest) -> HttpResponse:
    items = scope_for_staff(request.user, Item.objects.all(), roles=READ_ROLES).select_related("organisation", "column")
    status = request.GET.get("status", "")
    if status in ItemStatus.values:
        items = items.filter(status=status)
    elif status == "returned":
        items = items.returned()
    elif status == "summary_missing":
        items = items.summary_missing()
    elif status == "interpretation_overdue":
        from django.utils import timezone

        items = items.filter(pk__in=_interpretation_overdue(request.user, timezone.localdate()))
    page = Paginator(items.defer("body", "body_text").order_by("-updated_at", "-id"), 30).get_page(
        request.GET.get("page")
    )
    can_draft = bool(organisation_ids(request.user, Role.EDITOR))
    statuses = [*ItemStatus.choices, *LIST_FILTERS]
    context = {"page_obj": page, "status": status, "statuses": statuses, "can_draft": can_draft}
    return render(request, "disclosure/staff/item_list.html", context)


@business_required
def item_create(request: HttpRequest) -> HttpResponse:
    organisations = Organisation.objects.filter(pk__in=organisation_ids(request.user, Role.EDITOR))
    if not organisations:
        raise Http404("没有可起草信息的机构")
    chosen = request.POST.get("organisation") or request.GET.get("organisation")
    organisation = get_object_or_404(organisations, pk=chosen) if chosen else organisations.first()
    assert organisation is not None
    form = ItemForm(request.POST or None, organisation=organisation, initial=_matter_initial(request))
    if request.method == "POST" and form.is_valid():
        try:
            item = services.create_draft(organisation=organisation, author=request.user, fields=form.item_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "草稿已保存。可以继续上传附件，然后提交审核。")
            return redirect("disclosure-staff:item", pk=item.pk)
    context = {"form": form, "organisation": organisation, "organisations": organisations, "creating": True}
    return render(request, "disclosure/staff/item_form.html", context)


def _matter_initial(request: HttpRequest) -> dict[str, Any]:
    """A draft started from an obligation (?matter=): its 事项 and the 事项's column chosen already."""
    from disclosure.standard_catalogue.models import Matter

    wanted = request.GET.get("matter", "")
    found = Matter.objects.filter(pk=wanted).values("pk", "column_id").first() if wanted.isdigit() else None
    return {"matter": found["pk"], "column": found["column_id"]} if found else {}


@business_required
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_for_staff(request, Item.objects.all(), roles=(Role.EDITOR,), write=True, pk=pk)
    if item.status != ItemStatus.DRAFT:
        messages.error(request, "只有草稿可以修改。已发布的信息请“起草修订”。")
        return redirect("disclosure-staff:item", pk=item.pk)
    form = ItemForm(request.POST or None, instance=item, organisation=item.organisation)
    if request.method == "POST" and form.is_valid():
        try:
            lock_version = int(request.POST.get("lock_version", "-1"))
            services.update_draft(item=item, editor=request.user, fields=form.item_fields(), lock_version=lock_version)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "草稿已保存。")
            return redirect("disclosure-staff:item", pk=item.pk)
    context = {"form": form, "organisation": item.organisation, "item": item, "lock_version": item.lock_version}
    if request.method == "POST":
        context["lock_version"] = request.POST.get("lock_version", item.lock_version)
    return render(request, "disclosure/staff/item_form.html", context)


@business_required
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail_page(request, _item(request, pk))


def _detail_page(request: HttpRequest, item: Item, *, status: int = 200, **forms: Any) -> HttpResponse:
    """The item's page; after a refused upload, with that form bound, its error shown and 400 (413 too large)."""
    user = request.user
    is_editor = has_role(user, item.organisation, Role.EDITOR)
    attachments = list(item.attachments.all())
    tasks = [
        {"title": "填写基本信息", "status": "已完成", "colour": "green"},
        {"title": "正文或附件", "status": "已完成" if item.body_text or attachments else "未完成",
         "colour": "green" if item.body_text or attachments else "grey"},
        {"title": "提交审核", "status": item.get_status_display(),
         "colour": "green" if item.status in (ItemStatus.PUBLISHED, ItemStatus.MERGED) else "orange"},
    ]  # fmt: skip
    context = {
        "item": item,
        "attachments": attachments,
        "events": item.events.select_related("actor"),
        "tasks": tasks,
        "can_edit": is_editor and item.status == ItemStatus.DRAFT,
        "can_revise": is_editor and item.status == ItemStatus.PUBLISHED,
        "can_withdraw": has_role(user, item.organisation, Role.OFFICE_HEAD) and item.status == ItemStatus.PUBLISHED,
        "postings": list(item.postings.all()),
        "review_rounds": review_rounds(item),
        "late_label": f"超过{PUBLICATION_WORKING_DAYS}个工作日发布",
        "attachment_form": forms.get("attachment_form") or AttachmentForm(),
        "docx_form": forms.get("docx_form") or DocxForm(),
    }
    return render(request, "disclosure/staff/item_detail.html", context, status=status)


def _post_action(request: HttpRequest, pk: int, role: Role, action: Any, success: str) -> HttpResponse:
    item = get_for_staff(request, Item.objects.all(), roles=(role,), write=True, pk=pk)
    try:
        result = action(item)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("disclosure-staff:item", pk=item.pk)
    messages.success(request, success)
    return redirect("disclosure-staff:item", pk=getattr(result, "pk", item.pk))


@require_POST
@business_required
def item_submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _post_action(
        request, pk, Role.EDITOR, lambda item: services.submit_item(item=item, actor=request.user), "已提交审核。"
    )


@require_POST
@business_required
def item_revise(request: HttpRequest, pk: int) -> HttpResponse:
    return _post_action(
        request,
        pk,
        Role.EDITOR,
        lambda item: services.start_revision(item=item, editor=request.user),
        "已起草修订版本。修改后提交审核，审核通过后替换已发布内容，索引号和发布日期不变。",
    )


def _valid_upload(form: Any, missing: str) -> Any:
    """The form's file, checked only after the item's access was (an unauthorised upload is never read)."""
    if not form.is_valid():
        raise ValidationError([str(m) for m in form.errors.get("file", [])] or missing)
    return form.cleaned_data


def _upload_action(request: HttpRequest, pk: int, form: Any, action: Any, success: str) -> HttpResponse:
    """An upload to a draft: done, back to its page; refused, the page again with the form as it was sent, its
    error at the field, and 400 (413 when the file is too large) — what was typed is kept."""
    item = get_for_staff(request, Item.objects.all(), roles=(Role.EDITOR,), write=True, pk=pk)
    key = "docx_form" if isinstance(form, DocxForm) else "attachment_form"
    try:
        data = _valid_upload(form, "请选择要上传的文件。")
        result = action(item, data)
    except ValidationError as error:
        if not form.errors.get("file"):  # refused by the service (content, size), not by the form
            form.add_error("file", error)
        codes = {e.code for e in form.errors.as_data().get("file", [])}
        return _detail_page(request, item, status=413 if "file_size" in codes else 400, **{key: form})
    messages.success(request, success)
    return redirect("disclosure-staff:item", pk=getattr(result, "pk", item.pk))


@require_POST
@business_required
def attachment_add(request: HttpRequest, pk: int) -> HttpResponse:
    def add(item: Item, data: dict[str, Any]) -> Item:
        return services.add_attachment(item=item, upload=data["file"], actor=request.user, name=data["name"]).item

    return _upload_action(request, pk, AttachmentForm(request.POST, request.FILES), add, "附件已上传。")


@require_POST
@business_required
def attachment_remove(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
    def remove(item: Item) -> Item:
        services.remove_attachment(attachment=get_object_or_404(item.attachments, pk=attachment_pk), actor=request.user)
        return item

    return _post_action(request, pk, Role.EDITOR, remove, "附件已删除。")


@require_POST
@business_required
def attachment_replace(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
    """A returned draft's attachment replaced by a new file, e.g. a redacted copy the reviewer asked for."""

    def replace(item: Item) -> Item:
        attachment = get_object_or_404(item.attachments, pk=attachment_pk)
        data = _valid_upload(AttachmentForm(request.POST, request.FILES), "请选择要上传的文件。")
        return services.replace_attachment(attachment=attachment, upload=data["file"], actor=request.user).item

    return _post_action(request, pk, Role.EDITOR, replace, "附件已替换。")


@require_POST
@business_required
def docx_import(request: HttpRequest, pk: int) -> HttpResponse:
    def convert(item: Item, data: dict[str, Any]) -> Item:
        return services.import_docx(item=item, upload=data["file"], actor=request.user)

    form = DocxForm(request.POST, request.FILES)
    return _upload_action(request, pk, form, convert, "已用文件内容生成正文，文件已作为附件保留。")


@business_required
def item_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_for_staff(request, Item.objects.all(), roles=(Role.OFFICE_HEAD,), write=True, pk=pk)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.withdraw_item(item=item, actor=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "信息已撤回，索引号保留。")
            return redirect("disclosure-staff:item", pk=item.pk)
    return render(request, "disclosure/staff/item_withdraw.html", {"form": form, "item": item})


@business_required
def item_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The item as the public will see it, for drafts and items in review."""
    item = _item(request, pk)
    context = {
        "organisation": item.organisation,
        "item": item,
        "attachments": list(item.attachments.all()),
        "interpretations": [],
        "breadcrumbs": [],
        "preview": True,
    }
    return render(request, "disclosure/item.html", context)


@business_required
def print_layouts(request: HttpRequest) -> HttpResponse:
    """PDF layouts of chosen published items for bulletin boards, leaflets and booklets."""
    from disclosure.forms import PrintForm
    from disclosure.printing import render_pdf

    allowed = organisation_ids(request.user, Role.EDITOR, Role.OFFICE_HEAD)
    if not allowed:
        raise Http404("没有可打印信息的机构")
    published = Item.objects.published().filter(organisation_id__in=allowed).select_related("organisation")
    recent = published.defer("body_text").order_by("-publication_date", "-id")[:30]
    form = PrintForm(
        request.POST or None, recent=Item.objects.filter(pk__in=[i.pk for i in recent]), published=published
    )
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["chosen"]
        organisation = chosen[0].organisation
        pdf = render_pdf(form.cleaned_data["layout"], organisation, chosen, request.build_absolute_uri("/"))
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{form.cleaned_data["layout"]}.pdf"'
        return response
    return render(request, "disclosure/staff/print.html", {"form": form})


@business_required
def posting_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Record where and when an item was put up offline."""
    from disclosure.forms import PostingForm

    item = get_for_staff(request, Item.objects.published(), roles=(Role.EDITOR, Role.OFFICE_HEAD), write=True, pk=pk)
    form = PostingForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        posting = form.save(commit=False)
        posting.item, posting.recorded_by = item, request.user
        posting.save()
        messages.success(request, "已记录线下公开情况。")
        return redirect("disclosure-staff:item", pk=item.pk)
    return render(request, "disclosure/staff/posting_form.html", {"form": form, "item": item})


@never_cache
@business_required
def posting_photo(request: HttpRequest, pk: int, posting_pk: int) -> FileResponse:
    """The photo of a posting on a 公开栏: evidence for the organisation's staff and inspectors, never public."""
    roles = () if is_inspector(request.user) else READ_ROLES  # inspectors read every organisation's evidence
    item = get_for_staff(request, Item.objects.all(), roles=roles, pk=pk)
    posting = get_object_or_404(item.postings.exclude(photo=""), pk=posting_pk)
    return FileResponse(posting.photo.open("rb"), filename=(posting.photo.name or "photo").rsplit("/", 1)[-1])
