"""A town whose catalogue was adopted on 1 September 2026 from the ready catalogue, seen on 7 December 2026."""

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from disclosure.models import Item
from disclosure.standard_catalogue import services
from disclosure.standard_catalogue.models import Area, Matter

TODAY = date(2026, 12, 7)
ADOPTED = date(2026, 9, 1)
DIBAO = "最低生活保障 › 审核确认对象名单公示"


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> date:
    from django.utils import timezone

    real = timezone.localdate
    monkeypatch.setattr(timezone, "localdate", lambda value=None, **kwargs: real(value, **kwargs) if value else TODAY)
    return TODAY


@pytest.fixture
def catalogue(town: Any, calendar: None, today: date) -> Any:
    services.adopt_standard(
        organisation=town.town, today=ADOPTED, areas=["社会救助", "财政预决算", "国有土地上房屋征收"]
    )
    area = Area.objects.get(organisation=town.town, name="国有土地上房屋征收")
    services.set_involvement(area=area, involved=False, note="本镇辖区内无国有土地上房屋征收工作，由县住建局负责。")
    return town


@pytest.fixture
def dibao(catalogue: Any) -> Matter:
    return Matter.objects.get(organisation=catalogue.town, name=DIBAO)


@pytest.fixture
def lists(dibao: Matter, published: Callable[..., Item]) -> dict[str, Item]:
    """September's list published on time, October's late, November's not yet (due 14 December)."""
    september = published(when=date(2026, 10, 12), column="shjz", title="示例镇2026年9月低保审核确认对象名单公示",
                          written_date=date(2026, 9, 25), matter=dibao, genre="public_notice")  # fmt: skip
    october = published(when=date(2026, 11, 20), column="shjz", title="示例镇2026年10月低保审核确认对象名单公示",
                        written_date=date(2026, 10, 28), matter=dibao, genre="public_notice")  # fmt: skip
    return {"september": september, "october": october}
