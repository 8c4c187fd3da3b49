"""Signals campaigns sends to apps that depend on it (campaigns knows nothing of them).

`campaign_news` is sent inside the lifecycle service's transaction when an organizer
declares victory, or posts an update and asks for it to be emailed, with `campaign`,
`title` and `text` (in the campaign's main language). beacon.actions emails it to the
supporters who asked that organization for news on that campaign (actions/yourdata/news.py),
through the outbox, so the mail is queued if and only if the change is saved.
"""

from django.dispatch import Signal

campaign_news = Signal()
