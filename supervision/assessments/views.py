"""Staff pages of the year-end assessment: the year's ranking and the assessments (inspectors start and score
them; an organisation's staff read their own), a score sheet with the evidence behind each score, its PDF, and
the accountability records."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_POST

from portal.forms import add_service_errors
from portal.models import Organisation
from portal.permissions import business_required, get_for_staff, is_inspector, scope_for_staff

from . import services
from .forms import AccountabilityForm, ScoreForm
from .models import Accountability, Assessment, AssessmentStatus, Indicator, Rule


def _year(request: HttpRequest) -> int:
    value = request.GET.get("year", "") or request.POST.get("year", "")
    return int(value) if value.isdigit() and 2000 <= int(value) <= 2100 else timezone.localdate().year - 1


@business_required
def overview(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    context = {
        "year": year,
        "ranking": services.ranking(year),
        "assessments": scope_for_staff(request.user, Assessment.objects.select_related("organisation"))
        .filter(year=year).order_by("-total"),
        "inspector": is_inspector(request.user),
    }  # fmt: skip
    return render(request, "supervision/assessments/overview.html", context)


@require_POST
@business_required
def start(request: HttpRequest) -> HttpResponse:
    if not is_inspector(request.user):
        raise Http404("未找到")
    year = _year(request)
    try:
        made = services.start(year=year, today=timezone.localdate(),
                              organisations=list(Organisation.objects.filter(runs_own_column=True)))  # fmt: skip
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, f"已按{year}年度数据计算{len(made)}个机构的考核得分，请为评分指标打分后定档。")
    return redirect(f"{request.path.removesuffix('start/')}?year={year}")


def _assessment(request: HttpRequest, pk: int) -> Assessment:
    return get_for_staff(request, Assessment.objects.select_related("organisation", "finalised_by"), pk=pk)


def _context(request: HttpRequest, assessment: Assessment, **forms: object) -> dict[str, object]:
    scores = {s.indicator_id: s for s in assessment.scores.select_related("scored_by")}
    indicators = list(Indicator.objects.filter(is_active=True))
    return {
        "assessment": assessment,
        "lines": [(i, scores.get(i.pk)) for i in indicators],
        "weight": sum(i.weight for i in indicators),
        "can_score": is_inspector(request.user) and assessment.status == AssessmentStatus.DRAFT,
        "missing": services.missing(assessment),
        "score_form": forms.get("score_form") or ScoreForm(),
        "accountabilities": Accountability.objects.filter(organisation=assessment.organisation, year=assessment.year),
        "accountability_form": forms.get("accountability_form") or AccountabilityForm(),
        "scored_rule": Rule.SCORED,
    }


@business_required
def score_sheet(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    if request.GET.get("format") == "pdf":
        from portal.pdf import render_pdf

        html = render_to_string("supervision/assessments/print.html", _context(request, assessment))
        response = HttpResponse(render_pdf(html), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="assessment-{assessment.year}-{assessment.pk}.pdf"'
        return response
    return render(request, "supervision/assessments/sheet.html", _context(request, assessment))


@require_POST
@business_required
def act(request: HttpRequest, pk: int) -> HttpResponse:
    """Score an indicator by hand, fix (定档) the assessment, or record an accountability — inspectors only."""
    assessment = _assessment(request, pk)
    if not is_inspector(request.user):
        raise Http404("未找到")
    action = request.POST.get("action")
    if action == "score":
        indicator = get_object_or_404(Indicator, pk=request.POST.get("indicator") or 0, rule=Rule.SCORED)
        form = ScoreForm(request.POST)
        if form.is_valid():
            try:
                services.score(assessment=assessment, indicator=indicator, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"已为“{indicator.name}”评分。")
                return redirect("assessments:sheet", pk=pk)
        return render(request, "supervision/assessments/sheet.html", _context(request, assessment, score_form=form),
                      status=400)  # fmt: skip
    if action == "finalise":
        try:
            services.finalise(assessment=assessment, actor=request.user, today=timezone.localdate())
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, "考核已定档，结果列入年度报告第一部分（条例第五十条第四项）。")
        return redirect("assessments:sheet", pk=pk)
    if action == "accountability":
        record = AccountabilityForm(request.POST)
        if record.is_valid() and record.cleaned_data["decided_on"] <= timezone.localdate():
            Accountability.objects.create(organisation=assessment.organisation, year=assessment.year,
                                          recorded_by=request.user, **record.cleaned_data)  # type: ignore[misc]  # fmt: skip
            messages.success(request, "已记录责任追究。")
            return redirect("assessments:sheet", pk=pk)
        if record.is_valid():
            record.add_error("decided_on", "决定日期不能晚于今天。")
        context = _context(request, assessment, accountability_form=record)
        return render(request, "supervision/assessments/sheet.html", context, status=400)
    raise Http404("未知操作")
