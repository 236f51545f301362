from collections.abc import Callable
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import User

from disclosure import services
from disclosure.models import Column, Genre, Item

TZ = ZoneInfo("Asia/Shanghai")


def at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=TZ)


@pytest.fixture
def draft(town: Any, personas: dict[str, User], calendar: None) -> Callable[..., Item]:
    def make(**fields: Any) -> Item:
        values: dict[str, Any] = {
            "column": Column.objects.get(slug=fields.pop("column", "fgwj")),
            "genre": Genre.NOTICE,
            "title": "关于做好秋季森林防火工作的通知",
            "summary": "部署全镇秋季森林防火工作。",
            "body": "<p>各村：请做好秋季森林防火工作。</p>",
            "written_date": date(2026, 10, 9),
        }
        values.update(fields)
        organisation = values.pop("organisation", town.town)
        return services.create_draft(organisation=organisation, author=personas["editor"], fields=values)

    return make


def review_through(content: Any, personas: dict[str, User], when: date | None = None) -> None:
    """Walk an item's open review round through the default stages, as the real reviewers would."""
    from review import services as review
    from review.checklists import QUESTIONS

    submission = review.open_submission(content)
    assert submission is not None
    for persona in ("reviewer", "social_reviewer", "office_head"):
        stage = submission.stage
        answers = {key: "yes" for key, _ in QUESTIONS[stage.checklist]}
        submission = review.approve(
            submission=submission,
            actor=personas[persona],
            checklist=answers,
            stage_id=stage.pk,
            now=at(when) if when else None,
        )


@pytest.fixture
def published(draft: Callable[..., Item], personas: dict[str, User]) -> Callable[..., Item]:
    def make(when: date = date(2026, 10, 12), **fields: Any) -> Item:
        item = services.submit_item(item=draft(**fields), actor=personas["editor"])
        review_through(item, personas, when)
        item.refresh_from_db()
        return item

    return make
