"""Export approved posts to blog CMSs and static sites: one adapter per destination."""
