"""Writes to an organisation's 标准目录: starting from the ready catalogue, saying an area is not touched, and
importing a catalogue from a spreadsheet."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from portal.models import Organisation

from .models import Area, Matter
from .standard import STANDARD, StandardArea


@transaction.atomic
def adopt_standard(*, organisation: Organisation, today: date, areas: list[str] | None = None) -> int:
    """Copy the ready catalogue's areas (all, or the ones named) and their 事项 into the organisation's
    catalogue, from today on; what it has already is kept as the office head adapted it. Returns the 事项 added."""
    from disclosure.models import Column

    columns = {c.slug: c for c in Column.objects.all()}
    added = 0
    chosen: list[StandardArea] = [a for a in STANDARD if areas is None or a.name in areas]
    for position, standard in enumerate(STANDARD):
        if standard not in chosen:
            continue
        area, _ = Area.objects.get_or_create(
            organisation=organisation, name=standard.name, defaults={"source": standard.source, "position": position}
        )
        existing = set(area.matters.values_list("name", flat=True))
        for index, entry in enumerate(standard.matters):
            if entry.name in existing:
                continue
            Matter.objects.create(
                organisation=organisation, area=area, name=entry.name, content=entry.content, basis=entry.basis,
                deadline_text=entry.deadline_text, deadline_days=entry.deadline_days, deadline_unit=entry.deadline_unit,
                recurrence=entry.recurrence, notice_working_days=entry.notice_working_days,
                channels=list(entry.channels), audience=entry.audience, column=columns.get(entry.column),
                keywords=entry.keywords, starts_on=today, source=entry.source, position=index,
            )  # fmt: skip
            added += 1
    return added


@transaction.atomic
def set_involvement(*, area: Area, involved: bool, note: str) -> Area:
    """An area the organisation does not touch stays in its catalogue with the 未涉及领域说明 the public reads."""
    note = note.strip()
    if not involved and not note:
        raise ValidationError({"not_involved_note": "不涉及本领域的，请填写未涉及领域说明。"})
    area = Area.objects.select_for_update().get(pk=area.pk)
    area.involved, area.not_involved_note = involved, note if not involved else ""
    area.save(update_fields=["involved", "not_involved_note"])
    return area


@transaction.atomic
def import_matters(*, organisation: Organisation, rows: list[dict[str, Any]], today: date) -> int:
    """Rows already checked by tabular.check_rows: each creates or updates the 事项 of its area and name. A 公开主体
    that names the organisation itself (as the export writes it) is stored blank, as one added by hand is."""
    areas = {a.name: a for a in Area.objects.filter(organisation=organisation)}
    itself = {organisation.name, organisation.short_name} - {""}
    count = 0
    for row in rows:
        row = {**row, "publisher": "" if row.get("publisher", "") in itself else row.get("publisher", "")}
        area = areas.get(row["area"])
        if area is None:
            area = areas[row["area"]] = Area.objects.create(
                organisation=organisation, name=row["area"], position=len(areas), source="导入"
            )
        fields = {k: v for k, v in row.items() if k not in ("area", "name")}
        Matter.objects.update_or_create(organisation=organisation, area=area, name=row["name"], defaults=fields,
                                        create_defaults={"starts_on": today, **fields})  # fmt: skip
        count += 1
    return count
