"""The catalogue's maintained counts (disclosure.tallies): right across publication, revision and withdrawal,
and equal to a recount of the items whatever happened."""

from collections.abc import Callable
from datetime import date
from typing import Any

from django.contrib.auth.models import User

from disclosure import services, tallies
from disclosure.models import Column, Item, ItemTally
from tests.conftest import review_through


def counts(town: Any, column: str) -> tuple[int, int, int, int]:
    col = Column.objects.get(slug=column)
    channel = town.town.pk
    return (
        tallies.count(channel, column_id=col.pk),
        tallies.count(channel, kind=col.kind),
        tallies.count(channel, column_id=col.pk, year=2026),
        tallies.count(channel, column_id=col.pk, publisher_id=town.town.pk),
    )


def recounted() -> set[tuple[Any, ...]]:
    fields = ("channel_id", "column_id", "organisation_id", "month", "published", "late")
    kept = set(ItemTally.objects.filter(published__gt=0).values_list(*fields))
    tallies.rebuild()
    assert kept == set(ItemTally.objects.values_list(*fields))
    return kept


def test_publication_and_withdrawal_keep_the_counts(
    town: Any, published: Callable[..., Item], personas: dict[str, User]
) -> None:
    assert counts(town, "fgwj") == (0, 0, 0, 0)
    first = published(when=date(2026, 10, 12))
    published(when=date(2026, 11, 2), title="关于做好冬季防火工作的通知")
    published(when=date(2026, 11, 2), column="gzdt", genre="news", title="镇召开安全生产会议")
    assert counts(town, "fgwj") == (2, 2, 2, 2)
    assert counts(town, "gzdt")[0] == 1
    assert tallies.count(town.town.pk, column_id=Column.objects.get(slug="fgwj").pk, year=2025) == 0
    services.withdraw_item(item=first, actor=personas["office_head"], reason="内容有误")
    assert counts(town, "fgwj") == (1, 1, 1, 1)
    assert len(recounted()) == 2


def test_a_revision_that_moves_the_item_moves_its_count(
    town: Any, published: Callable[..., Item], personas: dict[str, User]
) -> None:
    original = published(when=date(2026, 10, 12))
    revision = services.start_revision(item=original, editor=personas["editor"])
    news = Column.objects.get(slug="gzdt")
    revision = services.update_draft(
        item=revision, editor=personas["editor"], lock_version=0,
        fields={"column": news, "genre": "news"},
    )  # fmt: skip
    services.submit_item(item=revision, actor=personas["editor"])
    review_through(revision, personas, date(2026, 11, 2))
    assert counts(town, "fgwj")[0] == 0 and counts(town, "gzdt")[0] == 1
    recounted()


def test_the_rebuild_command_recounts_a_bulk_load(town: Any, published: Callable[..., Item]) -> None:
    from django.core.management import call_command

    published(when=date(2026, 10, 12))
    ItemTally.objects.all().delete()  # as after loading items in bulk
    call_command("rebuild_tallies", verbosity=0)
    assert counts(town, "fgwj")[0] == 1
