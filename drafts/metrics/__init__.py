"""The program's numbers: what the dashboard shows, as SQL aggregates (see docs/decisions.md).

period.py      the filters and the months they cover, in the viewer's time zone
sql.py         dialect-neutral expressions (seconds since the epoch, month buckets)
cycle.py       each draft's way to its first publication, folded step by step
aggregates.py  published posts per month, author, destination and tag
posts.py       one row per published post: cycle time, review wait and rounds, scores
suggestions.py suggestion use and acceptance per action
blog.py        the blogs' own numbers (latest reading per post, totals, month by month)
stats_sync.py  `flask sync-stats`: read the blogs' numbers, keep history
dashboard.py   every number of the period as tables
listing.py     the posts (or drafts) behind a number
charts.py      bar-chart geometry for the server-drawn SVG
tables.py      the tables' cells and their CSV
"""
