"""Complaints, reports (投诉、举报, 条例 第四十七条、第五十一条) and 网站纠错 from the public: received with a receipt
code, answered within their working-day limits, investigated and closed with a finding (regulation.md §5)."""
