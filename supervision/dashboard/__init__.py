"""The inspectors' dashboard (督查看板, 条例 第四十六条、第四十七条): each organisation's figures for a year or a period
(selectors.py), the records behind each number (records.py), charts and a workbook download."""
