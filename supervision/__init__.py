"""Supervision of disclosure work (条例 第四十六条至第五十条; regulation.md §5, §6): one package per capability:
the statutory annual report, complaints and reports, inspections with leadership meetings and their follow-ups,
public evaluation, the year-end assessment, and the inspectors' dashboard. Their models are gathered in models.py."""
