"""Pages of `core` (mounted in `innoinfra/urls.py` and `core/urls_notifications.py`), by topic:

- `installation` — the health check, the settings of the installation;
- `search` — the search page of the whole system;
- `notifications` — a user's own notifications: the list, marking them read.
"""
