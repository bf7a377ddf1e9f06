"""Planning the content program: ideas, briefs, the calendar and its feed, cadence, reminders.

Plain Python and SQLAlchemy, like the rest of `drafts/`: the web layer calls in with the
person acting and explicit arguments; nothing here reads the request or the app.
"""
