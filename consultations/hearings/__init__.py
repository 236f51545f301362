"""Hearings (听证会, 《重大行政决策程序暂行条例》第十六条、第十七条; regulation.md §4): the notice reviewed and
published in advance, registration online or on paper, the selection and the participant list, materials delivered
at least 7 days before, the record signed by the participants, and the hearing report."""
