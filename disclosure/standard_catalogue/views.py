"""Staff pages of the 标准目录: the county's view of every organisation's obligations, an organisation's
catalogue (the office head adapts it: areas chosen from the ready catalogue, 未涉及领域说明, XLSX out and in) and
its obligations by status and area, each with what was published for it or a link to draft it."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from portal import page_cache
from portal.forms import add_service_errors
from portal.models import Organisation, Role
from portal.permissions import business_required, has_role, is_inspector, organisation_ids
from portal.workbench import Block, Line

from . import selectors, services, tabular
from .forms import AdoptForm, AreaForm, CatalogueUploadForm
from .models import Area
from .schedule import Status
from .standard import STANDARD

READERS = (Role.EDITOR, Role.REVIEWER, Role.OFFICE_HEAD)


def catalogue_owners(user: Any) -> list[Organisation]:
    """The organisations (those that run a column) whose catalogue the user reads: every one for an inspector,
    else the ones they work for, or whose column their office publishes through."""
    organisations = Organisation.objects.filter(runs_own_column=True).order_by("position", "name")
    if is_inspector(user):
        return list(organisations)
    own = Organisation.objects.filter(pk__in=organisation_ids(user, *READERS))
    return list(organisations.filter(pk__in={o.pk if o.runs_own_column else o.parent_id for o in own}))


def _owner(request: HttpRequest, pk: int) -> Organisation:
    found = next((o for o in catalogue_owners(request.user) if o.pk == pk), None)
    if found is None:
        raise Http404("未找到")  # another organisation's catalogue is not there to see
    return found


def _may_adapt(user: Any, organisation: Organisation) -> bool:
    return has_role(user, organisation, Role.OFFICE_HEAD)


def year_span(today: date) -> tuple[date, date]:
    return date(today.year, 1, 1), date(today.year, 12, 31)


def workbench_block(user: Any, today: date) -> Block | None:
    """Editors and office heads: the 事项 overdue (应公开未公开) or due within a few working days."""
    own = Organisation.objects.filter(pk__in=organisation_ids(user, Role.EDITOR, Role.OFFICE_HEAD))
    owners = list(
        Organisation.objects.filter(
            runs_own_column=True, pk__in={o.pk if o.runs_own_column else o.parent_id for o in own}
        ).order_by("position")
    )
    if not owners:
        return None
    first, last = year_span(today)
    ids = [o.pk for o in owners]
    # kept under the count of public changes (every publication and catalogue edit bumps it): a member of staff
    # opens the workbench many times a day, and the obligations of a large catalogue take a quarter of a second
    tallies = page_cache.shared("catalogue-tallies", *ids, today,
                                build=lambda: selectors.tallies(ids, first=first, last=last, today=today))  # fmt: skip
    if not any(t.due or t.open for t in tallies.values()):
        return None
    lines = []
    for organisation in owners:
        tally = tallies[organisation.pk]
        url = reverse("catalogue-staff:obligations", args=[organisation.pk])
        prefix = f"{organisation.short_name}：" if len(owners) > 1 else ""
        lines.append(Line(f"{prefix}应公开未公开：{tally.missing} 项", f"{url}?status=missing",
                          "已超过公开时限" if tally.missing else ""))  # fmt: skip
        lines.append(Line(f"{prefix}即将到期：{tally.due_soon} 项", f"{url}?status=soon"))
    return Block("标准目录公开事项", lines)


@business_required
def overview(request: HttpRequest) -> HttpResponse:
    """Every organisation the user reads, its obligations of the year met, late and missing, by area."""
    today = timezone.localdate()
    owners = catalogue_owners(request.user)
    if not owners:
        raise Http404("没有可查看的机构")
    first, last = year_span(today)
    tallies = selectors.tallies([o.pk for o in owners], first=first, last=last, today=today)
    rows = [(o, tallies[o.pk], list(tallies[o.pk].by_area.items())) for o in owners]  # in the catalogue's order
    return render(request, "disclosure/standard_catalogue/overview.html",
                  {"rows": rows, "year": today.year, "today": today})  # fmt: skip


@business_required
def catalogue_page(request: HttpRequest, org: int) -> HttpResponse:
    organisation = _owner(request, org)
    may_adapt = _may_adapt(request.user, organisation)
    adopt_form = AdoptForm(prefix="adopt")
    area_forms: dict[int, AreaForm] = {}
    if request.method == "POST":
        if not may_adapt:
            raise Http404("未找到")
        today = timezone.localdate()
        if request.POST.get("action") == "adopt":
            adopt_form = AdoptForm(request.POST, prefix="adopt")
            if adopt_form.is_valid():
                added = services.adopt_standard(organisation=organisation, today=today,
                                                areas=adopt_form.cleaned_data["areas"])  # fmt: skip
                messages.success(request, f"已从标准目录添加 {added} 个公开事项，请核对依据待核的事项。")
                return redirect("catalogue-staff:catalogue", org=org)
        elif request.POST.get("action") == "area":
            wanted = request.POST.get("area", "")
            area = get_object_or_404(Area, organisation=organisation, pk=int(wanted) if wanted.isdigit() else 0)
            form = AreaForm(request.POST, prefix=f"area{area.pk}")
            area_forms[area.pk] = form
            if form.is_valid():
                try:
                    services.set_involvement(area=area, involved=form.cleaned_data["involved"],
                                             note=form.cleaned_data["note"])  # fmt: skip
                except ValidationError as error:
                    add_service_errors(form, error)
                else:
                    messages.success(request, f"已保存“{area.name}”领域。")
                    return redirect("catalogue-staff:catalogue", org=org)
    areas = list(Area.objects.filter(organisation=organisation).prefetch_related("matters__column"))
    for area in areas:
        if area.pk not in area_forms:
            area_forms[area.pk] = AreaForm(prefix=f"area{area.pk}",
                                           initial={"involved": "1" if area.involved else "0",
                                                    "note": area.not_involved_note})  # fmt: skip
    context = {
        "organisation": organisation,
        "areas": [(area, area_forms[area.pk]) for area in areas],
        "may_adapt": may_adapt,
        "adopt_form": adopt_form,
        "missing_areas": len(areas) < len(STANDARD),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "disclosure/standard_catalogue/catalogue.html", context, status=status)


FILTERS = {"missing": Status.MISSING, "late": Status.LATE, "met": Status.MET, "open": Status.OPEN}


@business_required
def obligations_page(request: HttpRequest, org: int) -> HttpResponse:
    """The organisation's obligations of the year, filtered by status (or due soon) and area."""
    organisation = _owner(request, org)
    today = timezone.localdate()
    first, last = year_span(today)
    wanted, area = request.GET.get("status", ""), request.GET.get("area", "")
    matters = [m for m in selectors.matters_of([organisation.pk]) if not area or m.area.name == area]
    found = selectors.obligations_of(matters, first=first, last=last, today=today)
    if wanted == "soon":
        found = [o for o in found if o.due_soon]
    elif wanted in FILTERS:
        found = [o for o in found if o.status == FILTERS[wanted]]
    order = {s: i for i, s in enumerate(selectors.STATUS_ORDER)}
    found.sort(key=lambda o: (order[o.status], o.due))
    selectors.mark_postings(found[:500])
    can_draft = bool(organisation_ids(request.user, Role.EDITOR))
    can_record = can_draft or _may_adapt(request.user, organisation)
    filters = [("", "全部"), ("missing", "应公开未公开"), ("soon", "即将到期"), ("late", "逾期公开"),
               ("met", "按时公开"), ("open", "待公开")]  # fmt: skip
    context = {"organisation": organisation, "obligations": found[:500], "shown_all": len(found) <= 500,
               "total": len(found), "status": wanted, "area": area, "filters": filters, "today": today,
               "can_draft": can_draft, "can_record": can_record, "year": today.year}  # fmt: skip
    return render(request, "disclosure/standard_catalogue/obligations.html", context)


@business_required
def export(request: HttpRequest, org: int) -> HttpResponse:
    organisation = _owner(request, org)
    response = HttpResponse(
        tabular.workbook(organisation), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="catalogue-{organisation.slug}.xlsx"'
    return response


@business_required
def upload(request: HttpRequest, org: int) -> HttpResponse:
    """The office head imports an edited catalogue: checked first, all rows or none."""
    organisation = _owner(request, org)
    if not _may_adapt(request.user, organisation):
        raise Http404("未找到")
    form = CatalogueUploadForm(request.POST or None, request.FILES or None)
    report = None
    context: dict[str, Any] = {}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["catalogue"]
        report, rows = tabular.check_rows(upload.name, upload.read())
        if report.clean and not form.cleaned_data["dry_run"]:
            report.imported = services.import_matters(organisation=organisation, rows=rows,
                                                      today=timezone.localdate())  # fmt: skip
        context.update(report.banner("个公开事项"))
    context.update({"form": form, "report": report, "organisation": organisation, "page_title": "导入公开事项目录",
                    "intro": "先“只检查”：文件中每一处问题都按行和列列出；全部无误后取消勾选再导入。任何一行有问题时"
                             "不会导入任何内容。"})  # fmt: skip
    return render(request, "disclosure/staff/import.html", context,
                  status=400 if report is not None and not report.clean else 200)  # fmt: skip
