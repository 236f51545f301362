"""The online application, one question per page: the steps, and the answers kept in the session until the
applicant submits them (nothing typed is lost when a page fails validation or the applicant goes back)."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.core.files import File
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

from portal.crypto import decrypt, encrypt
from portal.storage import private as private_storage

from .forms import public as f
from .models import ApplicantType

# The personal-information notice shown before applying and on the check page; its version is stored with
# each application. Change the version whenever templates/requests_app/_privacy_notice.html changes.
PRIVACY_NOTICE_VERSION = "2026-11"


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    form_class: type[forms.Form]


STEPS = [
    Step("kind", "申请类别", f.KindForm),
    Step("applicant", "申请人类型", f.ApplicantTypeForm),
    Step("identity", "申请人身份", f.IdentityForm),
    Step("contact", "联系方式", f.ContactForm),
    Step("information", "所需信息", f.InformationForm),
    Step("provision", "提供形式和获取方式", f.ProvisionForm),
    Step("attachments", "附件", f.AttachmentsForm),
]
STEP_BY_SLUG = {step.slug: step for step in STEPS}


class Draft:
    """The answers so far, in the session under one key per organisation. They hold a name, an ID number, a
    phone and an address, so the session keeps them encrypted like a submitted application (portal.crypto),
    and a draft untouched for DRAFT_LIFETIME_HOURS is gone (its uploads too)."""

    def __init__(self, session: SessionBase, organisation_slug: str) -> None:
        self.session, self.name = session, f"ysq-draft-{organisation_slug}"
        stored = session.get(self.name) or {}
        self.key: str = stored.get("key") or str(uuid.uuid4())
        opened = self._open(stored)
        self.data: dict[str, Any] = opened.get("data", {})
        self.files: list[dict[str, Any]] = opened.get("files", [])

    def _open(self, stored: dict[str, Any]) -> dict[str, Any]:
        if not stored.get("sealed"):
            return {}
        saved = datetime.fromisoformat(stored.get("saved", "2000-01-01T00:00:00+00:00"))
        try:
            opened: dict[str, Any] = json.loads(decrypt(stored["sealed"], context=f"ysq-draft:{self.key}"))
        except Exception:  # a key rotated away or a damaged cookie: start again rather than fail
            return {}
        if timezone.now() - saved > timedelta(hours=settings.DRAFT_LIFETIME_HOURS):
            for entry in opened.get("files", []):
                private_storage().delete(entry["path"])
            self.session.pop(self.name, None)
            return {}
        return opened

    def save(self) -> None:
        sealed = encrypt(json.dumps({"data": self.data, "files": self.files}, ensure_ascii=False, default=str),
                         context=f"ysq-draft:{self.key}")  # fmt: skip
        self.session[self.name] = {"key": self.key, "saved": timezone.now().isoformat(), "sealed": sealed}

    def clear(self) -> None:
        self.session.pop(self.name, None)

    def form(self, step: Step, data: Any = None, files: Any = None) -> forms.Form:
        kwargs: dict[str, Any] = {"initial": self.data}
        if step.slug == "identity":
            kwargs["applicant_type"] = self.data.get("applicant_type", ApplicantType.PERSON)
        if step.slug == "provision":
            kwargs["contact"] = self.data
        if step.slug == "information":
            kwargs["kind"] = self.data.get("kind", "disclosure")
        return step.form_class(data, files, **kwargs)

    def stored_form(self, step: Step) -> forms.Form:
        """The step's form bound to the stored answers: valid when the step is complete."""
        return self.form(step, data={k: v for k, v in self.data.items() if v is not None})

    def keep(self, step: Step, form: forms.Form) -> None:
        if step.slug == "attachments":
            for upload in form.cleaned_data["uploads"]:
                path = private_storage().save(f"pending/{self.key}/{uuid.uuid4().hex}", upload)
                self.files.append({"name": upload.name, "path": path, "size": upload.size})
        else:
            self.data.update({k: v for k, v in form.cleaned_data.items()})
        self.save()

    def remove_file(self, index: int) -> None:
        if 0 <= index < len(self.files):
            private_storage().delete(self.files.pop(index)["path"])
            self.save()

    def first_incomplete(self) -> Step | None:
        for step in STEPS:
            if step.slug != "attachments" and not self.stored_form(step).is_valid():
                return step
        return None

    def application_data(self) -> dict[str, Any]:
        """The answers as Application fields (the fields of another applicant type dropped)."""
        data = {}
        for step in STEPS[:-1]:
            form = self.stored_form(step)
            form.is_valid()
            data.update(form.cleaned_data)
        data["privacy_notice_version"] = PRIVACY_NOTICE_VERSION
        return data

    def uploads(self) -> list[tuple[str, File]]:
        return [
            (entry["name"], File(private_storage().open(entry["path"]), name=entry["name"])) for entry in self.files
        ]

    def discard_uploads(self) -> None:
        for entry in self.files:
            private_storage().delete(entry["path"])


def check_rows(draft: Draft) -> list[tuple[Step, list[tuple[str, str]]]]:
    """The check-your-answers page: each step's questions and answers as the applicant gave them."""
    rows = []
    for step in STEPS[:-1]:
        form = draft.stored_form(step)
        form.is_valid()
        answers = []
        for name, field in form.fields.items():
            value = form.cleaned_data.get(name, "")
            if isinstance(field, forms.ChoiceField):
                value = dict(field.choices).get(value, value)  # type: ignore[arg-type]
            answers.append((str(field.label), str(value or "")))
        rows.append((step, answers))
    files = [(entry["name"], str(filesizeformat(entry["size"]))) for entry in draft.files]  # as the upload step
    rows.append((STEP_BY_SLUG["attachments"], files or [("附件", "无")]))
    return rows
