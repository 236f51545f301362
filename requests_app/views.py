import hmac
import uuid
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header

from disclosure.selectors import organisation_with_column
from disclosure.views.public import column_breadcrumbs
from portal import challenge
from portal.forms import add_service_errors
from portal.templatetags.portal_tags import cn_date, cn_datetime
from requests_app import intake, rules, services
from requests_app.forms.public import AttachmentsForm, ConfirmForm, CorrectionForm, TrackForm, WithdrawForm
from requests_app.models import Application, Notice, Status


def entrance(request: HttpRequest, org: str) -> HttpResponse:
    """依申请公开: who may apply, how, what the application contains, and the time limits."""
    organisation = organisation_with_column(org)
    context = {
        "organisation": organisation,
        "rules": rules,
        "breadcrumbs": column_breadcrumbs(organisation, ("依申请公开", "")),
    }
    return render(request, "requests_app/entrance.html", context)


def blank_form(request: HttpRequest, org: str) -> HttpResponse:
    """A printable blank application form for paper applications (条例 第二十九条)."""
    from django.template.loader import render_to_string

    from portal.pdf import render_pdf

    organisation = organisation_with_column(org)
    html = render_to_string("requests_app/application_form_pdf.html", {"organisation": organisation, "rules": rules})
    pdf = render_pdf(html, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{organisation.slug}-application-form.pdf"'
    return response


# ---------------------------------------------------------------- the online application


def _draft(request: HttpRequest, organisation: Any) -> intake.Draft:
    return intake.Draft(request.session, organisation.slug)


def apply_start(request: HttpRequest, org: str) -> HttpResponse:
    """Before the questions: what will be asked, the personal-information notice, and the time limits."""
    organisation = organisation_with_column(org)
    context = {
        "organisation": organisation,
        "rules": rules,
        "first": intake.STEPS[0],
        "draft_hours": settings.DRAFT_LIFETIME_HOURS,
        "breadcrumbs": column_breadcrumbs(organisation, ("依申请公开", reverse("requests_app:entrance", args=[org]))),
    }
    return render(request, "requests_app/apply_start.html", context)


def apply_step(request: HttpRequest, org: str, step: str) -> HttpResponse:
    organisation = organisation_with_column(org)
    current = intake.STEP_BY_SLUG.get(step)
    if current is None:
        raise Http404("没有这一步")
    draft = _draft(request, organisation)
    if request.method == "POST" and "remove" in request.POST:
        draft.remove_file(int(request.POST["remove"]) if request.POST["remove"].isdigit() else -1)
        return redirect("requests_app:apply-step", org, step)
    missing = draft.first_incomplete()
    if missing is not None and intake.STEPS.index(missing) < intake.STEPS.index(current):
        return redirect("requests_app:apply-step", org, missing.slug)  # earlier questions come first
    posted = request.method == "POST"
    form = draft.form(current, request.POST if posted else None, request.FILES if posted else None)
    if posted and form.is_valid():
        draft.keep(current, form)
        if current.slug == "attachments" and "upload" in request.POST:
            return redirect("requests_app:apply-step", org, step)
        following = draft.first_incomplete()
        if following is not None:
            return redirect("requests_app:apply-step", org, following.slug)
        index = intake.STEPS.index(current)
        if not request.GET.get("change") and index + 1 < len(intake.STEPS):
            return redirect("requests_app:apply-step", org, intake.STEPS[index + 1].slug)
        return redirect("requests_app:apply-check", org)
    index = intake.STEPS.index(current)
    back = intake.STEPS[index - 1].slug if index else None
    context = {
        "organisation": organisation,
        "step": current,
        "number": index + 1,
        "total": len(intake.STEPS),
        "form": form,
        "back": reverse("requests_app:apply-step", args=[org, back])
        if back
        else reverse("requests_app:apply", args=[org]),
        "files": draft.files,
        "change": request.GET.get("change"),
    }
    return render(request, "requests_app/apply_step.html", context, status=refused_status(form) if posted else 200)


def refused_status(form: Any) -> int:
    """400 for a form sent back with errors; 413 when a file was too large (what was typed is on the page)."""
    codes = {error.code for errors in form.errors.as_data().values() for error in errors}
    return 413 if "file_size" in codes else 400 if form.errors else 200


def apply_check(request: HttpRequest, org: str) -> HttpResponse:
    """Check your answers, read the notice, submit. A repeated submit gives the same application."""
    organisation = organisation_with_column(org)
    draft = _draft(request, organisation)
    done = request.session.get(f"ysq-done-{org}")
    if draft.name not in request.session and done:
        return redirect("requests_app:apply-done", org)
    missing = draft.first_incomplete()
    if missing is not None:
        return redirect("requests_app:apply-step", org, missing.slug)
    form = ConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and not _submission_refused(request, form):
        submitted = services.submit_online(
            organisation=organisation,
            data=draft.application_data(),
            submission_key=uuid.UUID(draft.key),
            files=draft.uploads(),
        )
        draft.discard_uploads()
        if draft.data.get("from_question"):  # started from a question the asker agreed to turn into this
            from consultations.questions.services import converted_to_application

            converted_to_application(data_id=draft.data["from_question"], application=submitted.application,
                                     today=timezone.localdate())  # fmt: skip
        draft.clear()
        request.session[f"ysq-done-{org}"] = {
            "number": submitted.application.number,
            "code": submitted.tracking_code,
        }
        _remember(request, submitted.application)
        return redirect("requests_app:apply-done", org)
    context = {
        "organisation": organisation,
        "rows": intake.check_rows(draft),
        "form": form,
        "challenge": challenge.new() if challenge.needed(request, SUBMISSIONS) else "",
    }
    return render(request, "requests_app/apply_check.html", context)


SUBMISSIONS = "ysq-submissions"


def _submission_refused(request: HttpRequest, form: ConfirmForm) -> bool:
    """Anti-automation, counted per address in the shared cache (one address once created 1,400 applications in
    two minutes): after CHALLENGE_AFTER submissions in the hour the browser must solve a proof-of-work
    challenge; after APPLICATIONS_PER_ADDRESS_HOUR the address waits. The draft stays either way."""
    if challenge.volume(request, SUBMISSIONS) >= settings.APPLICATIONS_PER_ADDRESS_HOUR:
        form.add_error(None, "同一网络地址在一小时内提交的申请过多，请稍后再提交；您填写的内容已保留。"
                             "如确需提交多份申请，也可以书面或当面提出。")  # fmt: skip
        return True
    if challenge.needed(request, SUBMISSIONS) and not challenge.passed(request.POST.get("altcha", "")):
        form.add_error(None, "请等待页面完成安全验证后再提交；您填写的内容已保留。")
        return True
    challenge.count(request, SUBMISSIONS)
    return False


def apply_done(request: HttpRequest, org: str) -> HttpResponse:
    organisation = organisation_with_column(org)
    done = request.session.get(f"ysq-done-{org}")
    if not done:
        return redirect("requests_app:apply", org)
    context = {"organisation": organisation, "done": done, "rules": rules}
    return render(request, "requests_app/apply_done.html", context)


# ---------------------------------------------------------------- tracking


def _remember(request: HttpRequest, application: Application) -> None:
    tracked = set(request.session.get("ysq-tracked", []))
    tracked.add(application.pk)
    request.session["ysq-tracked"] = sorted(tracked)


class NotOpened(Exception):
    """The visitor has not opened this application with its tracking code in this session."""


def _tracked(request: HttpRequest, number: str) -> Application:
    """An application the visitor has opened with its number and tracking code in this session."""
    application = Application.objects.select_related("organisation").filter(number=number).first()
    if application is None or application.pk not in request.session.get("ysq-tracked", []):
        raise NotOpened
    return application


def _ask_for_code(request: HttpRequest, number: str) -> HttpResponse:
    """A bookmarked tracking or notice address opens the lookup form with the number filled in."""
    query = urlencode({"number": number, "next": request.get_full_path()})
    return redirect(f"{reverse('requests_app:track')}?{query}")


TRACK_ATTEMPTS, TRACK_WINDOW_SECONDS = 10, 15 * 60
TRACK_FAILURES = "ysq-track-failures"


def track(request: HttpRequest) -> HttpResponse:
    """Look up an application with its number and tracking code (no account needed). Wrong codes are
    counted per address: after 10 in 15 minutes the lookup waits, so codes cannot be guessed."""
    form = TrackForm(request.POST or None, initial={"number": request.GET.get("number", "")})
    challenged = challenge.needed(request, TRACK_FAILURES)
    if request.method == "POST" and challenge.volume(request, TRACK_FAILURES) >= TRACK_ATTEMPTS:
        form.is_valid()
        form.add_error(None, "查询失败次数过多，请15分钟后再试。")
    elif request.method == "POST" and challenged and not challenge.passed(request.POST.get("altcha", "")):
        form.is_valid()
        form.add_error(None, "请等待页面完成安全验证后再查询。")
    elif request.method == "POST" and form.is_valid():
        number = form.cleaned_data["number"].strip()
        application = Application.objects.filter(number=number).first()
        expected = application.tracking_code_hash if application else ""
        given = services.tracking_hash(form.cleaned_data["code"])
        if application is not None and expected and hmac.compare_digest(expected, given):
            _remember(request, application)
            following = request.POST.get("next") or request.GET.get("next", "")
            if following.startswith(reverse("requests_app:track-detail", args=[number])):
                return redirect(following)
            return redirect("requests_app:track-detail", number)
        challenge.count(request, TRACK_FAILURES, TRACK_WINDOW_SECONDS)
        form.add_error(None, "申请编号或查询码不正确，请核对后重新输入。")
    context = {
        "form": form,
        "next": request.GET.get("next", ""),
        "challenge": challenge.new() if challenge.needed(request, TRACK_FAILURES) else "",
    }
    return render(request, "requests_app/track.html", context)


def track_detail(request: HttpRequest, number: str) -> HttpResponse:
    """What was asked for, the state, what the office waits for and until when, the deadline and how it was
    computed, the notices and provided files: nothing else of the applicant's data. From here the applicant
    sends a requested correction (条例 第三十条) or withdraws, after confirming."""
    try:
        application = _tracked(request, number)
    except NotOpened:
        return _ask_for_code(request, number)
    withdraw_form, correction_form, files_form = WithdrawForm(), CorrectionForm(), AttachmentsForm()
    confirming = False
    if request.method == "POST" and application.is_open:
        action = request.POST.get("action")
        if action == "withdraw":
            withdraw_form = WithdrawForm(request.POST)
            if withdraw_form.is_valid() and request.POST.get("confirm") == "yes":
                services.withdraw(application=application, actor=None, reason=withdraw_form.cleaned_data["reason"],
                                  today=timezone.localdate())  # fmt: skip
                messages.success(request, "您已撤回这份申请。本机关不再办理；如仍需要该信息，可以重新提出申请。")
                return redirect("requests_app:track-detail", number)
            confirming = withdraw_form.is_valid()
        elif action == "correct" and application.status == Status.CORRECTION:
            correction_form = CorrectionForm(request.POST)
            files_form = AttachmentsForm(request.POST, request.FILES)
            if correction_form.is_valid() and files_form.is_valid():
                try:
                    done = services.submit_correction_online(
                        application=application, text=correction_form.cleaned_data["text"],
                        files=[(u.name, u) for u in files_form.cleaned_data["uploads"]],
                    )  # fmt: skip
                except ValidationError as error:
                    add_service_errors(correction_form, error)
                else:
                    messages.success(
                        request,
                        f"补正已提交，本机关于{cn_datetime(done.correction_online_at)}收到。答复期限自{cn_date(done.clock_start)}"
                        f"重新计算，为{cn_date(done.deadline)}。",
                    )
                    return redirect("requests_app:track-detail", number)
    context = {
        "application": application,
        "notices": application.notices.filter(to_applicant=True),
        "provided": application.attachments.filter(provided=True),
        "withdraw_form": withdraw_form,
        "confirming": confirming,
        "correction_form": correction_form,
        "files_form": files_form,
    }
    return render(request, "requests_app/track_detail.html", context)


def track_notice(request: HttpRequest, number: str, pk: int, pdf: bool = False) -> HttpResponse:
    try:
        application = _tracked(request, number)
    except NotOpened:
        return _ask_for_code(request, number)
    notice = get_object_or_404(application.notices.filter(to_applicant=True), pk=pk)
    return notice_response(request, notice, pdf=pdf)


def track_file(request: HttpRequest, number: str, pk: int) -> HttpResponse | FileResponse:
    """Information provided electronically with the reply, for the applicant to download."""
    try:
        application = _tracked(request, number)
    except NotOpened:
        return _ask_for_code(request, number)
    found = get_object_or_404(application.attachments.filter(provided=True), pk=pk)
    response = FileResponse(found.file.open("rb"), as_attachment=True, filename=found.name)
    response["Cache-Control"] = "no-store"
    return response


def notice_response(request: HttpRequest, notice: Notice, *, pdf: bool) -> HttpResponse:
    """A notice as a printable page or as a PDF with the Chinese fonts embedded: every line of the body is a
    paragraph of the letter (a withheld part too), indented two characters as 公文 are."""
    paragraphs = [line.strip() for line in notice.body.splitlines() if line.strip()]
    last = paragraphs.pop() if len(paragraphs) > 1 else ""
    context = {"notice": notice, "organisation": notice.application.organisation, "body": paragraphs, "last": last}
    if not pdf:
        return render(request, "requests_app/notice.html", context)
    from django.contrib.staticfiles import finders
    from django.template.loader import render_to_string

    from portal.pdf import render_pdf

    html = render_to_string("requests_app/notice.html", {**context, "for_pdf": True})
    document = render_pdf(html, stylesheets=[str(finders.find(f"css/{name}.css")) for name in ("document", "notice")])
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=f"{notice.number}.pdf")
    return response
