"""Data maintenance in the Django admin, each model under one of the three administrator duties (三员)."""

from typing import Any

from axes.models import AccessAttempt
from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model
from django.forms import BaseInlineFormSet
from django.http import HttpRequest, HttpResponse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal import passwords, services, signin
from portal.models import (
    AdministratorDuty,
    AuditEvent,
    AuditKind,
    CalendarAdjustment,
    CalendarYear,
    Duty,
    MailStatus,
    Membership,
    Organisation,
    Origin,
    OutgoingMail,
    PlatformProfile,
    Role,
)
from portal.permissions import has_duty


class DutyAdmin(admin.ModelAdmin):
    """Visible and editable only by the administrator whose duty covers the model."""

    duty: Duty = Duty.SYSTEM

    def has_module_permission(self, request: HttpRequest) -> bool:
        return has_duty(request.user, self.duty)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return has_duty(request.user, self.duty)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return has_duty(request.user, self.duty)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return has_duty(request.user, self.duty)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return has_duty(request.user, self.duty)


class DutyInline(admin.TabularInline):
    duty: Duty = Duty.SYSTEM

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return has_duty(request.user, self.duty)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return has_duty(request.user, self.duty)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return has_duty(request.user, self.duty)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return has_duty(request.user, self.duty)


@admin.register(Organisation)
class OrganisationAdmin(DutyAdmin):
    list_display = ["name", "short_name", "kind", "parent", "credit_code", "runs_own_column", "is_active"]
    list_filter = ["kind", "runs_own_column", "is_active"]
    search_fields = ["name", "short_name", "credit_code"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "kind",
                    "parent",
                    "name",
                    "short_name",
                    "slug",
                    "credit_code",
                    "position",
                    "is_active",
                ]
            },
        ),
        ("联系信息", {"fields": ["address", "postcode", "office_hours", "phone", "fax", "email"]}),
        ("公开工作", {"fields": ["runs_own_column", "county_government_name", "complaint_office_name"]}),
    ]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # organisations are deactivated, never deleted: their records must stay attributable


class PlatformProfileForm(forms.ModelForm):
    """The identity mark is an uploaded image: judged by its content and written again (portal.uploads)."""

    class Meta:
        model = PlatformProfile
        fields = [
            "site_name", "home_organisation", "host_organisation", "mourning_mode", "index_number_pattern",
            "annual_report_deadline_month", "annual_report_deadline_day", "website_code", "icp_number",
            "police_number", "identity_mark", "identity_mark_url",
        ]  # fmt: skip

    def clean_identity_mark(self) -> Any:
        from django.core.files.uploadedfile import UploadedFile

        from portal.uploads import clean_upload

        mark = self.cleaned_data.get("identity_mark")
        return clean_upload(mark) if isinstance(mark, UploadedFile) else mark


@admin.register(PlatformProfile)
class PlatformProfileAdmin(DutyAdmin):
    fieldsets = [
        (None, {"fields": ["site_name", "home_organisation", "host_organisation", "mourning_mode"]}),
        (
            "规范",
            {
                "fields": [
                    "index_number_pattern",
                    "annual_report_deadline_month",
                    "annual_report_deadline_day",
                ]
            },
        ),
        ("网站标识", {"fields": ["website_code", "icp_number", "police_number", "identity_mark", "identity_mark_url"]}),
    ]
    form = PlatformProfileForm

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return super().has_add_permission(request) and not PlatformProfile.objects.exists()

    def save_model(self, request: HttpRequest, obj: PlatformProfile, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        services.record_audit(
            kind=AuditKind.PLATFORM_CHANGED, actor=request.user, request=request, target="平台设置",
            detail={"fields": list(form.changed_data)},
        )  # fmt: skip

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class AdjustmentFormSet(BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        seen: set[Any] = set()
        for form in self.forms:
            if not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            day = form.cleaned_data.get("date")
            if day in seen:
                raise ValidationError(f"{day:%Y-%m-%d} 重复录入。")
            seen.add(day)


class CalendarAdjustmentInline(DutyInline):
    model = CalendarAdjustment
    formset = AdjustmentFormSet
    fields = ["date", "kind", "name", "origin"]
    readonly_fields = ["origin"]
    extra = 12


@admin.register(CalendarYear)
class CalendarYearAdmin(DutyAdmin):
    list_display = ["year", "confirmed", "source", "origin", "updated_at", "updated_by"]
    list_filter = ["confirmed", "origin"]
    fieldsets = [
        (None, {
            "fields": ["year", "confirmed", "source", "origin", "updated_by", "updated_at"],
            "description": "国务院办公厅一般在上一年10月至12月发布《关于某年部分节假日安排的通知》。"
            "发布后，在下方逐日录入该年的放假日（落在周一至周五的）和调休上班日（落在周六、周日的），填写通知文号，核对无误后勾选“已确认”。"
            "通知发布前不必确认：涉及该年的法定期限按周一至周五暂定推算，并在办理页面标明为暂定期限。",
        }),
    ]  # fmt: skip
    readonly_fields = ["origin", "updated_by", "updated_at"]
    inlines = [CalendarAdjustmentInline]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [*self.readonly_fields, "year"] if obj else list(self.readonly_fields)

    def save_model(self, request: HttpRequest, obj: CalendarYear, form: Any, change: bool) -> None:
        obj.updated_by = request.user  # type: ignore[assignment]
        if form.changed_data:
            obj.origin = Origin.ADMIN
        super().save_model(request, obj, form, change)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        instances = formset.save(commit=False)
        for row in instances:
            row.origin = Origin.ADMIN  # an administrator's row is never overwritten by the package loader
            row.save()
        for row in formset.deleted_objects:
            row.delete()

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        changes = [f"{f.instance}" for fs in formsets for f in fs.forms if f.has_changed()]
        if form.changed_data or changes:
            summary = "；".join([*(f"修改{f}" for f in form.changed_data), *changes])
            services.record_calendar_edit(
                calendar_year=form.instance, actor=request.user, request=request, summary=summary[:500]
            )

    def delete_model(self, request: HttpRequest, obj: CalendarYear) -> None:
        services.record_calendar_edit(calendar_year=obj, actor=request.user, request=request, summary="删除年度")
        super().delete_model(request, obj)


class SeparationForm(forms.ModelForm):
    """Refuses, with its message, a role for an administrator or a duty for business staff (三员分立)."""

    giving = "role"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        user = data.get("user")
        conflict = services.separation_conflict(user, giving=self.giving) if user else ""
        if conflict:
            self.add_error("user", conflict)
        return data


class RoleForm(SeparationForm):
    class Meta:
        model = Membership
        fields = ["user", "organisation", "role"]


class DutyForm(SeparationForm):
    giving = "duty"

    class Meta:
        model = AdministratorDuty
        fields = ["user", "duty"]


@admin.register(Membership)
class MembershipAdmin(DutyAdmin):
    duty = Duty.SECURITY
    form = RoleForm
    list_display = ["user", "organisation", "role", "granted_at"]
    list_filter = ["role", "organisation"]
    search_fields = ["user__username", "user__last_name", "user__first_name"]
    autocomplete_fields = ["user", "organisation"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # a role is granted or revoked, so that each change is its own audit record

    def save_model(self, request: HttpRequest, obj: Membership, form: Any, change: bool) -> None:
        services.grant_role(user=obj.user, organisation=obj.organisation, role=Role(obj.role), granted_by=request.user)

    def delete_model(self, request: HttpRequest, obj: Membership) -> None:
        services.revoke_role(membership=obj, revoked_by=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for membership in queryset:
            services.revoke_role(membership=membership, revoked_by=request.user)


@admin.register(AdministratorDuty)
class AdministratorDutyAdmin(DutyAdmin):
    duty = Duty.SECURITY
    form = DutyForm
    list_display = ["user", "duty", "granted_at"]
    autocomplete_fields = ["user"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: AdministratorDuty, form: Any, change: bool) -> None:
        services.assign_duty(user=obj.user, duty=Duty(obj.duty), granted_by=request.user)

    def delete_model(self, request: HttpRequest, obj: AdministratorDuty) -> None:
        services.remove_duty(record=obj, removed_by=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for record in queryset:
            services.remove_duty(record=record, removed_by=request.user)


@admin.register(AuditEvent)
class AuditEventAdmin(DutyAdmin):
    duty = Duty.AUDIT
    list_display = ["at", "kind", "username", "ip_address", "target"]
    list_filter = ["kind"]
    search_fields = ["username", "target"]
    date_hierarchy = "at"

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReservedNameMixin:
    def clean_username(self) -> str:
        username = self.cleaned_data["username"]  # type: ignore[attr-defined]
        problem = passwords.reserved_username(username)
        if problem:
            raise ValidationError(problem, code="reserved")
        return username


class AccountCreationForm(ReservedNameMixin, AdminUserCreationForm):
    pass


class AccountChangeForm(ReservedNameMixin, UserChangeForm):
    pass


class SecurityUserAdmin(UserAdmin):
    """Accounts, kept by the security administrator. No superuser flag, groups or permissions here: roles are
    granted as Memberships and duties as AdministratorDuty, each audited. A password set here (initial or reset)
    must be changed by its owner at the next sign-in; an administrator's password is reset only by a link mailed
    to them."""

    add_form = AccountCreationForm
    form = AccountChangeForm
    actions = ["send_password_reset", "reset_second_factor"]

    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("个人信息", {"fields": ("last_name", "first_name", "email")}),
        ("状态", {"fields": ("is_active", "last_login", "date_joined")}),
    )
    readonly_fields = ("last_login", "date_joined")
    list_display = ("username", "last_name", "first_name", "email", "is_active", "last_login")
    list_filter = ("is_active",)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        services.record_audit(
            kind=AuditKind.ACCOUNT_CHANGED if change else AuditKind.ACCOUNT_CREATED,
            actor=request.user,
            request=request,
            target=obj.get_username(),
            detail={"fields": [f for f in form.changed_data if not f.startswith("password")]},
        )

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> HttpResponse:
        """Another administrator's password is never set here (they would be signed in as by the one who set it);
        every other change of a password goes to the audit log."""
        target = self.get_object(request, unquote(id))
        administrator = target is not None and (
            target.is_superuser or AdministratorDuty.objects.filter(user=target).exists()
        )
        if target is not None and administrator and target.pk != request.user.pk:
            raise PermissionDenied("不能设置其他管理员的密码：请用“发送密码重置邮件”，由其本人设置。")
        if target is not None and target.pk == request.user.pk:
            with passwords.set_by_owner():
                return super().user_change_password(request, id, form_url)
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302 and target is not None:
            services.record_audit(
                kind=AuditKind.PASSWORD_SET, actor=request.user, request=request, target=target.get_username()
            )
        return response

    @admin.action(description="发送密码重置邮件（由本人设置新密码）")
    def send_password_reset(self, request: HttpRequest, queryset: Any) -> None:
        sent: list[str] = []
        missing: list[str] = []
        for user in queryset.filter(is_active=True):
            done = signin.send_password_reset(user=user, actor=request.user, request=request)
            (sent if done else missing).append(user.get_username())
        if sent:
            self.message_user(request, f"已向 {'、'.join(sent)} 发送密码重置邮件。")
        if missing:
            self.message_user(request, f"{'、'.join(missing)} 没有电子邮箱，未能发送：请先填写邮箱。", level="error")

    @admin.action(description="重置两步验证（手机丢失或更换）")
    def reset_second_factor(self, request: HttpRequest, queryset: Any) -> None:
        names = []
        for user in queryset:
            signin.reset_second_factor(user=user, actor=request.user, request=request)
            names.append(user.get_username())
        self.message_user(request, f"已重置 {'、'.join(names)} 的两步验证：其下次登录时重新设置验证器。")

    def has_module_permission(self, request: HttpRequest) -> bool:
        return has_duty(request.user, Duty.SECURITY)

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return has_duty(request.user, Duty.SECURITY)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return has_duty(request.user, Duty.SECURITY)

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return has_duty(request.user, Duty.SECURITY)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False  # accounts are deactivated, not deleted: the audit log refers to them


@admin.register(AccessAttempt)
class AccessAttemptAdmin(DutyAdmin):
    """Locked sign-ins (django-axes); deleting a row unlocks that account on that address."""

    duty = Duty.SECURITY
    list_display = ["username", "ip_address", "failures_since_start", "attempt_time"]
    search_fields = ["username", "ip_address"]
    fields = readonly_fields = (
        "username",
        "ip_address",
        "user_agent",
        "failures_since_start",
        "attempt_time",
    )

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def delete_model(self, request: HttpRequest, obj: AccessAttempt) -> None:
        services.record_audit(
            kind=AuditKind.LOGIN_UNLOCKED, actor=request.user, request=request, target=obj.username or ""
        )
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for attempt in queryset:
            self.delete_model(request, attempt)


# django.contrib.auth registered these first (it stands before portal in INSTALLED_APPS).
admin.site.unregister(User)
admin.site.register(User, SecurityUserAdmin)
admin.site.unregister(Group)  # roles are Memberships, not Django groups
# Authenticators are set up by their owners and reset through the account's action above, never edited.
for otp_model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(otp_model):
        admin.site.unregister(otp_model)


@admin.register(OutgoingMail)
class OutgoingMailAdmin(DutyAdmin):
    """The system administrator sees what could not be sent, and sends it again once the mail server works."""

    duty = Duty.SYSTEM
    list_display = ["created_at", "to", "subject", "status", "attempts", "next_attempt_at", "sent_at"]
    list_filter = ["status"]
    search_fields = ["to", "subject"]
    readonly_fields = [f.name for f in OutgoingMail._meta.fields]
    actions = ["send_again"]

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description="重新发送所选的失败邮件")
    def send_again(self, request: HttpRequest, queryset: Any) -> None:
        from portal.outbox import retry

        failed = list(queryset.filter(status=MailStatus.FAILED))
        for message in failed:
            retry(message)
        self.message_user(request, f"已安排重新发送 {len(failed)} 封邮件。")
