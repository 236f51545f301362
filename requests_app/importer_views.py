"""The staff screen that imports the historical application register."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from portal.models import Organisation, Role
from portal.permissions import organisation_ids, staff_required

from .importer import HEADERS, import_register


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


@staff_required
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
        "文件中每一处问题都会按行和列列出；全部无误后取消勾选再导入。任何一行有问题时不会导入任何内容。",
    }
    if report is not None and report.imported:
        context.update(outcome_title="导入完成", outcome=f"已导入 {report.imported} 件申请。")
    elif report is not None and report.clean:
        context.update(
            outcome_title="检查通过",
            outcome=f"文件共 {report.rows} 行，没有发现问题。取消勾选“只检查，不导入”后再次提交即可导入。",
        )
    return render(request, "disclosure/staff/import.html", context)
