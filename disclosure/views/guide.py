"""The 政府信息公开指南 (条例 第十二条) kept by the organisation's own editors and office head on a staff page:
the public guide page shows it as soon as it is saved (the kept pages are rebuilt, disclosure/apps.py)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from disclosure import columns
from disclosure.models import Guide
from portal.models import AuditKind, Organisation, Role
from portal.permissions import business_required, organisation_ids
from portal.services import record_audit

SECTIONS = [
    ("工作机构", ["office_name"]),
    ("信息的分类和获取", ["classification", "proactive_channels", "reading_places"]),
    ("依申请公开", ["application_notes", "fee_notes"]),
    ("监督和救济", ["supervision"]),
]


class GuideForm(forms.ModelForm):
    class Meta:
        model = Guide
        fields = [name for _, names in SECTIONS for name in names]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for _, names in SECTIONS[1:] for name in names}


@business_required
def guide_edit(request: HttpRequest) -> HttpResponse:
    organisations = list(Organisation.objects.filter(
        pk__in=organisation_ids(request.user, Role.EDITOR, Role.OFFICE_HEAD), runs_own_column=True
    ).order_by("pk"))  # fmt: skip
    if not organisations:
        raise Http404("没有可维护公开指南的机构")
    wanted = request.GET.get("org", "")
    organisation = next((o for o in organisations if str(o.pk) == wanted), organisations[0])
    guide = Guide.objects.filter(organisation=organisation).first()
    form = GuideForm(request.POST or None, instance=guide)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.organisation = organisation
        saved.save()
        record_audit(kind=AuditKind.ADMIN_CHANGED, actor=request.user, target=str(saved)[:200],
                     detail={"操作": "修改" if guide else "新增", "内容": "、".join(form.changed_data)})  # fmt: skip
        messages.success(request, "已保存，公开页面上的政府信息公开指南已更新。")
        return redirect(reverse("disclosure-staff:guide") + f"?org={organisation.pk}")
    context = {
        "form": form,
        "sections": [(title, [form[name] for name in names]) for title, names in SECTIONS],
        "organisation": organisation,
        "organisations": organisations,
        "public_url": reverse("disclosure:first-level", args=[organisation.slug, columns.GUIDE.slug]),
        "guide": guide,
    }
    return render(request, "disclosure/staff/guide.html", context)
