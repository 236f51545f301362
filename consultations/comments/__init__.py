"""Comments on a draft (《重大行政决策程序暂行条例》第十四条至第十八条; regulation.md §4): sent online with a
receipt code or registered by staff from letters and meetings, moderated for publication, each answered, and the
adoption report (意见采纳情况说明, 第十八条、第三十二条) generated from the answers and published with them."""
