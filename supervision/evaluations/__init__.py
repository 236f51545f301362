"""Public evaluation (社会评议, 条例 第四十八条): votes under an item, the applicant's rating of how their
application was handled, and the results of a 评议会 or questionnaire (regulation.md §5)."""
