"""The program's numbers: what the dashboard shows, as SQL aggregates (see docs/decisions.md).

period.py     the filters and the months they cover, in the viewer's time zone
sql.py        dialect-neutral expressions (seconds since the epoch, month buckets)
aggregates.py published posts per month, author, destination and tag
posts.py      one small row per published post: cycle time, review wait and rounds, scores
suggestions.py suggestion use and acceptance per action
blog.py       the blogs' own numbers (latest snapshot per post, totals)
stats_sync.py `flask sync-stats`: fetch the blogs' numbers, keep history
charts.py     bar-chart geometry for the server-drawn SVG
tables.py     every chart's numbers as a table (the page's <table> and the CSV download)
"""
