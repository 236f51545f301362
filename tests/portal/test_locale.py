"""No English on Chinese pages: the portal's own translations (locale/zh_Hans) are compiled and in use."""

import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import translation

PO = Path(__file__).resolve().parents[2] / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def entries() -> list[tuple[str, str]]:
    return re.findall(r'^msgid "(.+)"\nmsgstr "(.+)"$', PO.read_text(encoding="utf-8"), re.M)


def test_every_entry_of_the_po_file_is_what_django_shows() -> None:
    """The .mo beside the .po is compiled from it (msgfmt -o django.mo django.po after any change)."""
    with translation.override("zh-hans"):
        for english, chinese in entries():
            assert translation.gettext(english) == chinese, english


@pytest.mark.django_db
def test_staff_forms_and_the_security_administrators_admin_are_in_chinese(client_for: Any, town: Any) -> None:
    inspector = client_for("inspector")
    page = inspector.get("/staff/inspections/").content.decode()
    assert "请选择" in page
    assert "Select an option" not in page
    admin = Client()
    from django.contrib.auth.models import User

    admin.force_login(User.objects.create_superuser("root-check", password="x" * 16))
    index = admin.get("/admin/").content.decode()
    assert "Access attempts" not in index and "Model name" not in index and "型号名称" not in index
