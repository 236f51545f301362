"""Consultations as open data, and personal data kept off every public page, feed and export (regulation.md §4):
a crawler follows every public consultation address; the comments' CSV/XLSX exist only once the answers are
published; the list, the page and the published comments cost the same number of queries with 10 or 10,000
comments."""

import csv
import io
import re
import uuid
from datetime import timedelta
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from consultations.comments import services as comments
from consultations.hearings import services as hearings
from consultations.models import Comment, Consultation, Hearing
from tests.conftest import review_through

NAME, PHONE, MAIL = "王小二", "13912345678", "lisi@example.com"


def crawl(start: str) -> dict[str, str]:
    """Every same-site address under the consultation column reachable from `start`, with its body."""
    client, seen, queue = Client(), {}, [start]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        seen[url] = body.decode("utf-8-sig", "replace") if not url.endswith(".xlsx") else body.hex()
        if "html" in response.get("Content-Type", "") or "xml" in response.get("Content-Type", ""):
            for link in re.findall(r'href="(/gk/town/yjzj/[^"#?]*)', seen[url]):
                queue.append(link)
    return seen


def test_no_public_address_shows_a_commenters_name_or_contact(
    closed: tuple[Consultation, list[str]],
    client_for: Any,
    personas: Any,
) -> None:
    consultation, _codes = closed
    Comment.objects.update(outcome="adopted", answer="已采纳。")
    staff = client_for("editor")
    staff.post(f"/staff/consultations/{consultation.pk}/adoption/", {"action": "generate"})
    staff.post(f"/staff/consultations/{consultation.pk}/adoption/", {"action": "submit"})
    consultation.refresh_from_db()
    review_through(consultation.adoption_report, personas)
    # a hearing with its participant list and report, and a comment shown after moderation
    hearing = Hearing.objects.create(
        matter=consultation.matter, organisation=consultation.organisation, title="听证", draft_summary="草案",
        held_at=timezone.now() + timedelta(days=9), place="会议室", selection_method="随机", seats=3,
        registration_closes_on=timezone.localdate(), status="published", created_by=personas["editor"],
    )  # fmt: skip
    person = hearings.register(hearing=hearing, name="赵听证", contact=PHONE, category="resident", statement="",
                               submission_key=uuid.uuid4())  # fmt: skip
    hearings.select(hearing=hearing, chosen=[person.pk], note="报名1人，入选。")
    hearings.publish_list(hearing=hearing, now=timezone.now())
    Consultation.objects.filter(pk=consultation.pk).update(publish_comments=True)
    consultation.refresh_from_db()
    Comment.objects.filter(contact_encrypted="").update(text=f"请联系{PHONE}，邮箱{MAIL}")
    comments.show(consultation=consultation, comment_ids=list(Comment.objects.values_list("pk", flat=True)), shown=True)
    pages = crawl("/gk/town/yjzj/")
    assert f"/gk/town/yjzj/tzh/{hearing.pk}/" in pages and f"/gk/town/yjzj/{consultation.pk}/comments/" in pages
    assert "赵听证" in pages[f"/gk/town/yjzj/tzh/{hearing.pk}/"]  # the participant list names those selected
    assert f"/gk/town/yjzj/{consultation.pk}/comments.csv" in pages and "/gk/town/yjzj/atom/" in pages
    for url, body in pages.items():
        for secret in ("lisi@example.com", PHONE):
            assert secret not in body, (url, secret)
    rows = list(csv.reader(io.StringIO(pages[f"/gk/town/yjzj/{consultation.pk}/comments.csv"])))
    assert rows[0] == ["序号", "提交时间", "针对", "意见", "采纳情况", "答复"] and len(rows) == 4
    assert "<entry>" in pages["/gk/town/yjzj/atom/"] and consultation.title in pages["/gk/town/yjzj/atom/"]


def test_comments_are_not_exported_before_the_answers_are_published(
    closed: tuple[Consultation, list[str]],
) -> None:
    consultation, _codes = closed
    assert Client().get(f"/gk/town/yjzj/{consultation.pk}/comments.csv").status_code == 404


def test_the_list_and_page_cost_the_same_queries_with_many_comments(
    client_for: Any, personas: Any, town: Any, calendar: None
) -> None:
    from .test_consultations import published

    consultation = published(client_for("editor"), town, personas)

    def queries() -> list[int]:
        counts = []
        for url in (
            "/gk/town/yjzj/",
            f"/gk/town/yjzj/{consultation.pk}/",
            f"/gk/town/yjzj/{consultation.pk}/comments/",
        ):
            with CaptureQueriesContext(connection) as captured:
                Client().get(url)
            counts.append(len(captured))
        return counts

    Consultation.objects.filter(pk=consultation.pk).update(publish_comments=True)
    for n in range(10):
        comments.comment(consultation=consultation, text=f"意见{n}", name=NAME, contact=MAIL, section=None,
                         submission_key=uuid.uuid4())  # fmt: skip
    Comment.objects.update(shown=True, public_text="意见")
    queries()  # the platform profile and the filter forms cached, as on a running site
    few = queries()
    assert few[2] > 0
    Comment.objects.bulk_create(
        (Comment(consultation=consultation, text=f"意见{n}", receipt_hash=f"{n:064d}", shown=n % 2 == 0,
                 public_text=f"意见{n}") for n in range(10_000)),
        batch_size=2000,
    )  # fmt: skip
    assert queries() == few
