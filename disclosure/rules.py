"""Rules of proactive disclosure (regulation.md §2), each in one named place."""

# 条例 第二十六条: publish within 20 working days of the information being formed or changed.
PUBLICATION_WORKING_DAYS = 20

# 国办秘函〔2019〕19号: columns not updated for this long count as not updated.
NEWS_STALE_DAYS = 14
POLICY_STALE_DAYS = 180

# Five or more empty columns fail a government-website inspection.
EMPTY_COLUMNS_FAIL_AT = 5
