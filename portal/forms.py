from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError

from portal import signin


class StaffLoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "账号或密码不正确。请注意密码区分大小写。",
        "inactive": "该账号已停用，请联系安全管理员。",
    }

    username = forms.CharField(
        label="账号",
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label="密码", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )

    otp_token = forms.CharField(
        label="动态口令",
        required=False,
        max_length=20,
        help_text="手机验证器显示的 6 位数字；手机不在身边时，可输入一个备用验证码。首次登录请留空。",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].error_messages["required"] = "请输入账号。"
        self.fields["password"].error_messages["required"] = "请输入密码。"
        if settings.STAFF_SECOND_FACTOR:
            # one message for a wrong password and a wrong code: a guess never learns which of the two was right
            self.error_messages = {**self.error_messages, "invalid_login": "账号、密码或动态口令不正确。"}
        else:
            del self.fields["otp_token"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        user = self.get_user()
        if settings.STAFF_SECOND_FACTOR and user is not None and signin.has_second_factor(user):
            device = signin.verify(user, cleaned.get("otp_token", ""))
            if device is None:
                self.second_factor_failed = True
                raise ValidationError(self.error_messages["invalid_login"], code="invalid_login")
            user.otp_device = device  # type: ignore[attr-defined] # django-otp marks the session verified when the user is signed in
        return cleaned


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: at its field where it names one, else at the top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)
