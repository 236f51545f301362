"""The year-end assessment (年度考核, 条例 第四十八条; seed §五): indicators scored from the records with the evidence
behind each score or by an inspector with a note, a ranking, and accountability decisions (regulation.md §5);
its result sentence goes into the annual report (条例 第五十条(四))."""
