"""Publication (regulation.md §2): index numbers, the publication date, Art. 26 lateness, revisions, withdrawal."""

import threading
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import connection

from disclosure import services
from disclosure.models import DisclosureAttribute, Genre, Item, ItemEvent, ItemStatus, ItemVersion, Validity
from disclosure.states import TRANSITIONS, Action, ensure_allowed
from portal.models import PlatformProfile
from tests.conftest import review_through


def test_publication_assigns_index_number_and_date(published: Callable[..., Item], town: Any) -> None:
    """索引号 default pattern {credit code}/{year}-{5-digit serial}; 发布日期 set by the system."""
    first = published(when=date(2026, 10, 12))
    second = published(when=date(2026, 10, 13), title="第二条信息")
    assert first.index_number == f"{town.town.credit_code}/2026-00001"
    assert second.index_number == f"{town.town.credit_code}/2026-00002"
    assert first.publication_date == date(2026, 10, 12)
    assert first.status == ItemStatus.PUBLISHED
    assert (
        ItemEvent.objects.filter(item=first, action=Action.PUBLISH).get().detail["index_number"] == first.index_number
    )


def test_index_number_follows_the_platform_pattern(published: Callable[..., Item], town: Any) -> None:
    PlatformProfile.objects.filter(pk=1).update(index_number_pattern="SLZ-{year}-{serial:04d}")
    assert published().index_number == "SLZ-2026-0001"


def test_index_numbers_are_never_reused_after_withdrawal(
    published: Callable[..., Item], personas: dict[str, User]
) -> None:
    first = published()
    services.withdraw_item(item=first, actor=personas["office_head"], reason="内容有误")
    second = published(title="另一条")
    first.refresh_from_db()
    assert first.status == ItemStatus.WITHDRAWN and first.index_number.endswith("-00001")
    assert second.index_number.endswith("-00002")


def test_serials_start_again_each_year(published: Callable[..., Item]) -> None:
    assert published(when=date(2025, 12, 31)).index_number.endswith("/2025-00001")
    assert published(when=date(2026, 1, 4), title="新年第一条").index_number.endswith("/2026-00001")


def test_publication_date_cannot_be_edited(published: Callable[..., Item], client_for: Any) -> None:
    """A back-dated publication is a knock-out fault: the field is not editable anywhere."""
    item = published()
    assert not Item._meta.get_field("publication_date").editable
    assert not Item._meta.get_field("index_number").editable
    with pytest.raises(ValidationError):
        services.update_draft(item=item, editor=None, fields={"title": "改"}, lock_version=item.lock_version)


def test_article_26_late_publication_is_flagged(published: Callable[..., Item]) -> None:
    """条例 第二十六条: published more than 20 working days after the information was formed."""
    # Counting the 2026 Mid-Autumn and National Day breaks and the make-up days of 20 September and 10 October.
    on_time = published(written_date=date(2026, 9, 14), when=date(2026, 10, 16))
    late = published(written_date=date(2026, 9, 14), when=date(2026, 10, 19), title="迟发的信息")
    assert on_time.publication_working_days == 20 and not on_time.is_late
    assert late.publication_working_days == 21 and late.is_late
    assert ItemEvent.objects.get(item=late, action=Action.PUBLISH).detail["late"] is True


def test_article_26_counts_from_the_changed_date(published: Callable[..., Item]) -> None:
    item = published(written_date=date(2026, 1, 5), changed_date=date(2026, 10, 9), when=date(2026, 10, 12))
    assert item.publication_working_days == 2 and not item.is_late  # Saturday 10 October was a working day


def test_only_proactive_items_with_complete_metadata_are_published(
    draft: Callable[..., Item], personas: dict[str, User]
) -> None:
    withheld = draft(disclosure_attribute=DisclosureAttribute.NOT_DISCLOSED, attribute_reason="涉及个人隐私")
    with pytest.raises(ValidationError) as excinfo:
        services.submit_item(item=withheld, actor=personas["editor"])
    assert "主动公开" in str(excinfo.value)
    normative = draft(genre=Genre.NORMATIVE)
    with pytest.raises(ValidationError, match="有效性"):
        services.submit_item(item=normative, actor=personas["editor"])
    interpretation = draft(genre=Genre.INTERPRETATION)
    with pytest.raises(ValidationError, match="解读"):
        services.submit_item(item=interpretation, actor=personas["editor"])


def test_non_public_attribute_needs_a_reason(draft: Callable[..., Item]) -> None:
    with pytest.raises(ValidationError):
        draft(disclosure_attribute=DisclosureAttribute.ON_APPLICATION, attribute_reason="")


def test_body_html_is_sanitised(draft: Callable[..., Item]) -> None:
    item = draft(body='<p onclick="x()">正文<script>alert(1)</script></p><iframe src="//evil"></iframe>')
    assert item.body == "<p>正文</p>"
    assert item.body_text == "正文"


def test_revision_replaces_content_keeps_index_and_date_and_history(
    published: Callable[..., Item], personas: dict[str, User]
) -> None:
    """A published item changes only through a new version; its history is kept."""
    original = published(when=date(2026, 10, 12))
    revision = services.start_revision(item=original, editor=personas["editor"])
    assert services.start_revision(item=original, editor=personas["editor"]) == revision  # one open revision
    revision = services.update_draft(
        item=revision, editor=personas["editor"], fields={"title": "关于做好秋冬季森林防火工作的通知"}, lock_version=0
    )
    services.submit_item(item=revision, actor=personas["editor"])
    review_through(revision, personas, date(2026, 11, 2))
    merged = Item.objects.get(pk=original.pk)

    assert merged.pk == original.pk
    assert merged.title == "关于做好秋冬季森林防火工作的通知"
    assert merged.index_number == original.index_number
    assert merged.publication_date == date(2026, 10, 12)
    assert merged.updated_on == date(2026, 11, 2)
    assert merged.version_number == 2
    assert ItemVersion.objects.get(item=merged, version_number=1).snapshot["title"] == "关于做好秋季森林防火工作的通知"
    revision.refresh_from_db()
    assert revision.status == ItemStatus.MERGED and revision.index_number is None


def test_stale_edit_is_refused(draft: Callable[..., Item], personas: dict[str, User]) -> None:
    item = draft()
    services.update_draft(item=item, editor=personas["editor"], fields={"title": "甲"}, lock_version=0)
    with pytest.raises(services.StaleEdit):
        services.update_draft(item=item, editor=personas["editor"], fields={"title": "乙"}, lock_version=0)


def test_withdrawal_needs_a_reason_and_keeps_the_index(
    published: Callable[..., Item], personas: dict[str, User]
) -> None:
    item = published()
    with pytest.raises(ValidationError):
        services.withdraw_item(item=item, actor=personas["office_head"], reason=" ")
    services.withdraw_item(item=item, actor=personas["office_head"], reason="文件已被上级撤销")
    item.refresh_from_db()
    assert item.status == ItemStatus.WITHDRAWN and item.withdrawal_reason == "文件已被上级撤销"
    assert item.index_number


@pytest.mark.parametrize("status", ItemStatus.values)
@pytest.mark.parametrize("action", Action.values)
def test_transition_table_is_exhaustive(status: str, action: str) -> None:
    """Every (status, action) pair either leads where the table says or is refused with a Chinese message."""
    if (status, action) in TRANSITIONS:
        assert ensure_allowed(status, Action(action)) == TRANSITIONS[(status, action)]
    else:
        with pytest.raises(ValidationError, match="不能执行"):
            ensure_allowed(status, Action(action))


@pytest.mark.django_db(transaction=True)
def test_concurrent_publication_gives_distinct_index_numbers(town: Any, personas: dict[str, User]) -> None:
    """Two reviewers publishing at the same moment never get the same index number."""
    from disclosure.models import Column

    items = []
    for n in range(6):
        item = services.create_draft(
            organisation=town.town,
            author=personas["editor"],
            fields={
                "column": Column.objects.get(slug="gzdt"),
                "genre": Genre.NEWS,
                "title": f"并发发布 {n}",
                "summary": "并发",
                "body": "<p>正文</p>",
                "written_date": date(2026, 11, 2),
            },
        )
        items.append(services.submit_item(item=item, actor=personas["editor"]))
    errors: list[BaseException] = []

    def publish(item: Item) -> None:
        try:
            review_through(item, personas)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith("file:memorydb"):
        for item in items:  # in-memory SQLite is one connection: the lock path is exercised in sequence
            publish(item)
    else:
        threads = [threading.Thread(target=publish, args=(item,)) for item in items]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert not errors
    numbers = list(Item.objects.filter(status=ItemStatus.PUBLISHED).values_list("index_number", flat=True))
    assert len(numbers) == 6 == len(set(numbers))


def test_validity_is_kept_only_for_normative_genres(draft: Callable[..., Item]) -> None:
    assert draft(genre=Genre.NOTICE, validity=Validity.VALID).validity == ""
    assert draft(genre=Genre.NORMATIVE, validity=Validity.VALID).validity == Validity.VALID
