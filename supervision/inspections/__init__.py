"""Inspections of disclosure work by the disclosure authority (条例 第四十六条, scheduled and unscheduled) and the
leadership meetings on it (seed §五), each with the follow-ups it requires until they are done (regulation.md §5)."""
