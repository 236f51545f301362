"""Files in object storage (design.md "Many nodes"): with S3_ENDPOINT_URL set, every file goes to the buckets every
node shares and nothing to a local folder. Driven through django-storages' real S3 backend talking HTTP to moto's
S3 server on the loopback address: public attachments, an applicant's pending and submitted uploads, the
catalogue's export files, the clean-up of abandoned uploads, and backups that hold and restore the objects."""

import json
from datetime import timedelta
from io import StringIO
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from disclosure import exports, services
from portal.storage import private, walk
from requests_app.models import Application
from requests_app.tasks import discard_abandoned_uploads
from tests.conftest import review_through
from tests.files import PDF
from tests.requests_app.test_intake import ANSWERS, step_url


def local_files(settings: Any) -> list[Path]:
    roots = (settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT, settings.EXPORT_ROOT)
    return [path for root in roots if Path(root).exists() for path in Path(root).rglob("*") if path.is_file()]


def test_public_attachments_and_the_catalogue_files_are_objects(
    buckets: SimpleNamespace, draft: Any, personas: Any, client: Client, settings: Any, town: Any
) -> None:
    item = draft()
    attachment = services.add_attachment(
        item=item, upload=SimpleUploadedFile("通知.pdf", PDF), actor=personas["editor"]
    )
    services.submit_item(item=item, actor=personas["editor"])
    review_through(item, personas)
    assert [key for key in buckets.public() if key.endswith("通知.pdf")]
    response = client.get(f"/gk/attachment/{attachment.pk}/")
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")

    exports.build(town.town, "csv")
    exports.build(town.town, "csv")
    stored = [key for key in buckets.public() if key.startswith("exports/town/")]
    assert len(stored) == 2  # the last file and the one before
    response = client.get("/gk/town/catalogue.csv")
    assert response.status_code == 200 and item.title in b"".join(response.streaming_content).decode("utf-8-sig")
    assert local_files(settings) == []


def test_an_applicants_uploads_go_to_the_private_bucket_pending_ones_too(
    buckets: SimpleNamespace, town: Any, calendar: None, client_for: Any, settings: Any
) -> None:
    client = Client()
    for step, answers in ANSWERS:
        client.post(step_url(step), answers)
    upload = SimpleUploadedFile("身份证.pdf", PDF, content_type="application/pdf")
    client.post(step_url("attachments"), {"uploads": upload, "upload": "1"})
    assert [key for key in buckets.private() if key.startswith("pending/")]
    assert client.post(reverse("requests_app:apply-check", args=["town"]), {"agree": "on"}).status_code == 302
    application = Application.objects.get()
    stored = application.attachments.get()
    assert buckets.public() == [] and stored.file.name in buckets.private()
    assert not [key for key in buckets.private() if key.startswith("pending/")]  # moved with the submission
    response = client_for("case_officer").get(f"/staff/ysq/attachments/{stored.pk}/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert local_files(settings) == []


def test_abandoned_uploads_are_deleted_from_the_bucket(buckets: SimpleNamespace, settings: Any) -> None:
    storage = private()
    storage.save("pending/key-1/身份证.jpg", SimpleUploadedFile("x", b"x"))
    assert discard_abandoned_uploads(now=timezone.now() + timedelta(hours=1)) == 0
    assert discard_abandoned_uploads(now=timezone.now() + timedelta(hours=settings.DRAFT_LIFETIME_HOURS + 1)) == 1
    assert list(walk(storage, "pending")) == []


@pytest.mark.django_db(transaction=True)
def test_a_backup_holds_the_objects_of_both_buckets_and_restores_them(
    buckets: SimpleNamespace, town: Any, tmp_path: Path
) -> None:
    private().save("applications/x/身份证复印件.pdf", SimpleUploadedFile("x", PDF))
    exports.build(town.town, "csv")  # rebuilt after a restore, never backed up
    call_command("backup", output=tmp_path, stdout=StringIO())
    (folder,) = tmp_path.iterdir()
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert "private/applications/x/身份证复印件.pdf" in manifest["files"]
    assert [key for key in buckets.public() if key.startswith("exports/")]
    assert not [name for name in manifest["files"] if name.startswith("media/exports/")]
    out = StringIO()
    call_command("restore_check", folder, stdout=out)
    assert "恢复检查通过" in out.getvalue()

    private().delete("applications/x/身份证复印件.pdf")  # lost with the bucket
    call_command("restore_files", folder, stdout=StringIO())
    with private().open("applications/x/身份证复印件.pdf", "rb") as restored:
        assert restored.read() == PDF
