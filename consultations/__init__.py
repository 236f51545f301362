"""Pre-disclosure consultation (预公开, 《重大行政决策程序暂行条例》; regulation.md §4): a decision matter, the
consultation on its draft with the minimum periods (rules.py), its review and publication, the decision's phases and
files; the comments and their answers are in comments/, the hearings in hearings/."""
