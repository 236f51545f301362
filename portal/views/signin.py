"""Staff sign-in pages: the sign-in form (password and one-time code), the forced and voluntary password change,
the authenticator set-up with recovery codes, the owner's page of their own account, and the reset link."""

import time
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_POST

from portal import middleware, passwords, signin
from portal.forms import StaffLoginForm
from portal.models import AuditKind
from portal.services import record_audit


class StaffLoginView(auth_views.LoginView):
    template_name = "portal/staff/login.html"
    authentication_form = StaffLoginForm
    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        """A refused sign-in takes SIGN_IN_FAILURE_SECONDS at least, so that its timing does not tell whether
        the name belongs to an account (ASVS V2.2.1)."""
        began = time.monotonic()
        response = super().post(request, *args, **kwargs)
        if response.status_code != 302:
            time.sleep(max(0.0, settings.SIGN_IN_FAILURE_SECONDS - (time.monotonic() - began)))
        return response

    def form_invalid(self, form: Any) -> HttpResponse:
        if getattr(form, "second_factor_failed", False):
            username = form.cleaned_data.get("username", "")
            record_audit(
                kind=AuditKind.LOGIN_FAILED, username=username, request=self.request, detail={"动态口令": "错误"}
            )
        return super().form_invalid(form)


class OwnerPasswordMixin:
    """The owner chooses the password: recorded as theirs, the forced-change flag cleared, audited."""

    request: HttpRequest

    def form_valid(self, form: Any) -> HttpResponse:
        with passwords.set_by_owner():
            response = super().form_valid(form)  # type: ignore[misc]
        user = form.user
        record_audit(kind=AuditKind.PASSWORD_CHANGED, actor=user, request=self.request)
        if self.request.user.is_authenticated:
            expiry = passwords.expires_on(user)
            self.request.session[middleware.PASSWORD_CHANGE] = ""
            self.request.session[middleware.PASSWORD_EXPIRES_AT] = expiry.timestamp() if expiry else None
        return response


class PasswordChangeView(OwnerPasswordMixin, auth_views.PasswordChangeView):
    template_name = "portal/staff/password_change.html"
    success_url = reverse_lazy("portal:staff-account")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(self.request, "密码已修改。您在其他设备上的登录已失效。")
        return response

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        session = self.request.session
        expires = session.get(middleware.PASSWORD_EXPIRES_AT)
        context["reason"] = session.get(middleware.PASSWORD_CHANGE) or (
            passwords.change_needed(self.request.user) if expires is not None and time.time() >= expires else ""
        )
        return context


class PasswordResetConfirmView(OwnerPasswordMixin, auth_views.PasswordResetConfirmView):
    template_name = "portal/staff/password_reset.html"
    success_url = reverse_lazy("portal:staff-login")
    post_reset_login = False

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(self.request, "新密码已设置，请用它登录。")
        return response


@login_required
def authenticator(request: HttpRequest) -> HttpResponse:
    """Set up the authenticator app: scan the QR code (or type the key), then prove it with the first code."""
    if signin.has_second_factor(request.user):
        if request.user.is_verified():  # type: ignore[union-attr]
            return redirect("portal:staff-account")
        logout(request)  # signed in elsewhere without the code: sign in again, with it
        return redirect("portal:staff-login")
    device = signin.pending_authenticator(request.user)
    error = ""
    if request.method == "POST":
        codes = signin.confirm_authenticator(request, device, request.POST.get("token", ""))
        if codes is not None:
            signin.otp_login(request, device)
            return render(request, "portal/staff/recovery_codes.html", {"codes": codes, "first_time": True})
        error = "口令不正确：请输入验证器当前显示的 6 位数字（手机时间须准确）。"
    context = {
        "qr": signin.qr_data_uri(device),
        "key": signin.readable_key(device),
        "error": error,
        "required": settings.STAFF_SECOND_FACTOR,
    }
    return render(request, "portal/staff/authenticator.html", context, status=400 if error else 200)


@login_required
@require_POST
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """New recovery codes, shown once; the earlier ones stop working."""
    if not signin.has_second_factor(request.user):
        return redirect("portal:staff-otp")
    codes = signin.new_recovery_codes(request.user)
    return render(request, "portal/staff/recovery_codes.html", {"codes": codes, "first_time": False})


@login_required
def account(request: HttpRequest) -> HttpResponse:
    user = request.user
    context = {
        "password_expires": passwords.expires_on(user),
        "second_factor": signin.has_second_factor(user),
        "codes_left": signin.recovery_codes_left(user),
        "idle_minutes": settings.STAFF_IDLE_MINUTES,
        "session_hours": settings.STAFF_SESSION_HOURS,
    }
    return render(request, "portal/staff/account.html", context)
