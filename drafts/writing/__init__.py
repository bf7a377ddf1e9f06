"""Writing: saving drafts (with stale-save protection), revisions, presence,
diffs and the list of one's drafts."""
