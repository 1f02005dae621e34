"""Pages of the data bank of innovative practice, by topic:

- `practices` — the public catalogue, a practice's page and its editions, the authors' own practices, the form,
  the moderation queue and the moderator's decisions;
- `files` — a practice's materials: the page where its keepers attach and replace files, and the downloads.
"""
