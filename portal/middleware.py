"""HTTP hardening the framework's own settings do not cover."""

import re
import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

PRIVATE_PREFIXES = ("/staff/", "/admin/")
# Pages and downloads that hold personal data: staff pages, and a citizen's own application while they fill it
# in and when they track it (their name, ID number, notices, provided files).
NO_STORE = re.compile(r"^/(staff|admin)/|^/ysq/(track/|[\w-]+/apply/)")
# Pages a signed-in member of staff may reach before the password change or second-factor set-up is done.
SIGN_IN_PREFIXES = ("/staff/login/", "/staff/logout/", "/staff/password/", "/staff/otp/")

# Session keys written at sign-in (portal.signals) and read on every request.
SIGNED_IN_AT = "staff_signed_in_at"
SEEN_AT = "staff_seen_at"
PASSWORD_CHANGE = "staff_password_change"
PASSWORD_EXPIRES_AT = "staff_password_expires_at"
GENERATION = "staff_access_generation"


class NoStoreMiddleware:
    """No page or download with personal data is kept by a browser or a proxy cache (等保 三级)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if NO_STORE.match(request.path):
            response["Cache-Control"] = "no-store"
        return response


class SignInPolicyMiddleware:
    """Staff sessions end after STAFF_IDLE_MINUTES without a request and STAFF_SESSION_HOURS after signing in;
    until a forced password change and the second factor are done, staff pages lead only there."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            revoked = self.access_changed(request)
            reason = revoked or self.session_over(request)
            if reason:
                from portal.models import AuditKind
                from portal.services import record_audit

                kind = AuditKind.SESSION_REVOKED if revoked else AuditKind.SESSION_EXPIRED
                record_audit(kind=kind, actor=request.user, request=request)
                logout(request)
                messages.info(request, reason)
                if request.path.startswith(PRIVATE_PREFIXES):
                    return redirect_to_login(request.get_full_path())
            elif request.path.startswith(PRIVATE_PREFIXES) and not request.path.startswith(SIGN_IN_PREFIXES):
                step = self.step_needed(request)
                if step:
                    return redirect(step)
        return self.get_response(request)

    @staticmethod
    def access_changed(request: HttpRequest) -> str:
        """The account was deactivated or lost a role or duty since this session began (portal.access)."""
        from portal import access

        if request.session.get(GENERATION, 0) != access.current(request.user.pk or 0):
            return "您的账号状态或权限已变更，为安全起见已退出，请重新登录。"
        return ""

    @staticmethod
    def session_over(request: HttpRequest) -> str:
        session = request.session
        now = time.time()
        signed_in = session.setdefault(SIGNED_IN_AT, now)
        seen = session.get(SEEN_AT, now)
        if now - signed_in > settings.STAFF_SESSION_HOURS * 3600:
            return f"您已登录超过 {settings.STAFF_SESSION_HOURS} 小时，为安全起见已自动退出，请重新登录。"
        if now - seen > settings.STAFF_IDLE_MINUTES * 60:
            return f"您已超过 {settings.STAFF_IDLE_MINUTES} 分钟没有操作，为安全起见已自动退出，请重新登录。"
        if now - seen > 30 or SEEN_AT not in session:  # a session write at most every half minute
            session[SEEN_AT] = now
        return ""

    @staticmethod
    def step_needed(request: HttpRequest) -> str:
        session = request.session
        expires = session.get(PASSWORD_EXPIRES_AT)
        if session.get(PASSWORD_CHANGE) or (expires is not None and time.time() >= expires):
            return "portal:staff-password"
        user = request.user
        if settings.STAFF_SECOND_FACTOR and not user.is_verified():  # type: ignore[union-attr]
            return "portal:staff-otp"
        return ""
