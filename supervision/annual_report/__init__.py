"""The statutory annual report (政府信息公开工作年度报告, 条例 第四十九条、第五十条): figures counted from
the records (tables.py, laid out by layout.py), cross-checked (checks.py), drafted, reviewed, published and
corrected (services.py), rendered as a page, PDF and DOCX (documents.py). Format: annual-report.md; regulation.md §6."""
