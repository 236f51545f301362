"""The application register (台账): importing past years' register, and exporting the current one."""

from __future__ import annotations

import io
from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from portal.models import AuditKind, Organisation, Role
from portal.permissions import business_required, organisation_ids
from portal.services import record_audit
from portal.tabular import safe_row

from . import selectors
from .importer import HEADERS, import_register
from .models import Application


class ImportForm(forms.Form):
    organisation = forms.ModelChoiceField(label="受理机构", queryset=Organisation.objects.none())
    register = forms.FileField(
        label="申请台账文件",
        help_text="CSV 或 Excel（.xlsx），第一行为列名：" + "、".join(HEADERS) + "。",
    )
    dry_run = forms.BooleanField(label="只检查，不导入", required=False, initial=True)

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["organisation"].initial = organisations.first()

    def clean_register(self) -> Any:
        upload = self.cleaned_data["register"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError("请上传 CSV 或 .xlsx 文件。")
        return upload


@business_required
def import_register_view(request: HttpRequest) -> HttpResponse:
    """Case officers and the office head import past years' register: a dry run first, then all rows or none."""
    organisations = Organisation.objects.filter(
        pk__in=organisation_ids(request.user, Role.CASE_OFFICER, Role.OFFICE_HEAD)
    )
    if not organisations:
        raise Http404("没有可导入台账的机构")
    form = ImportForm(request.POST or None, request.FILES or None, organisations=organisations)
    report = None
    if request.method == "POST" and form.is_valid():
        report = import_register(
            organisation=form.cleaned_data["organisation"],
            actor=request.user,
            name=form.cleaned_data["register"].name,
            data=form.cleaned_data["register"].read(),
            dry_run=form.cleaned_data["dry_run"],
        )
    context: dict[str, Any] = {
        "form": form,
        "report": report,
        "page_title": "导入历史申请台账",
        "intro": "导入以往年度的依申请公开台账，使历年统计和年度报告有据可查。先“只检查”，"
        "文件中每一处问题都会按行和列列出；全部无误后取消勾选再导入。任何一行有问题时不会导入任何内容。"
        "尚未办结的申请，“办理结果”和“答复日期”留空：导入后作为办理中的申请，在本平台继续办理和答复。",
    }
    if report is not None:
        context.update(report.banner("件申请"))
    return render(request, "disclosure/staff/import.html", context)


EXPORT_COLUMNS = [*HEADERS, "状态", "答复期限"]


def register_row(application: Application) -> list[object]:
    """One application as a register line, in the columns the import reads back."""
    return [
        application.number,
        application.received_on,
        application.get_applicant_type_display().split("：")[-1],
        application.get_channel_display(),
        application.name,
        application.description,
        application.outcome_label(),
        application.replied_on or application.closed_on,
        application.extension_working_days or "",
        application.reason,
        application.arrived_on,
        application.get_status_display(),
        application.deadline,
    ]


@business_required
def export_register(request: HttpRequest) -> HttpResponse:
    """The register as an Excel file, with the queue's filters (status=all for every application)."""
    import openpyxl

    if not organisation_ids(request.user, Role.CASE_OFFICER, Role.OFFICE_HEAD):
        raise Http404("没有可导出台账的机构")
    ids = selectors.queue(request.user, request.GET, timezone.localdate()).values_list("id", flat=True)
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("依申请公开台账")
    sheet.append(EXPORT_COLUMNS)
    applications = Application.objects.filter(pk__in=ids).order_by("received_on", "id")
    for application in applications.only(*EXPORTED_FIELDS).iterator(chunk_size=2000):
        sheet.append(safe_row(register_row(application)))
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="register-{timezone.localdate():%Y%m%d}.xlsx"'
    response["Cache-Control"] = "no-store"  # applicants' names and what they asked for
    record_audit(
        kind=AuditKind.REGISTER_EXPORTED, actor=request.user, request=request, target="依申请公开台账",
        detail={"filters": {k: v for k, v in request.GET.items()}, "rows": ids.count()},
    )  # fmt: skip
    return response


EXPORTED_FIELDS = (
    "number", "received_on", "applicant_type", "channel", "name", "description", "outcome", "record_outcome",
    "replied_on", "closed_on", "extension_working_days", "reason", "arrived_on", "withdrawn", "status", "deadline",
)  # fmt: skip
