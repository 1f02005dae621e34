"""One way to hear that rows of some models changed, whichever path changed them (a service, the admin, an import).

Summaries and caches that must go stale on change — the public page cache (core.public_cache), the monitoring
snapshots (monitoring.snapshots) — subscribe through `on_change`, so both hear the same events: a save, a delete, or
a many-to-many change once it is done. Rows loaded raw from fixtures are not changes of the facts and are ignored.
Writes that send no signals (QuerySet.update, bulk_create) are not heard: their callers say so themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

_DONE = ("post_add", "post_remove", "post_clear")


def on_change(models: Iterable, receiver: Callable[[type], None], *, name: str) -> None:
    """Call `receiver(model)` after any row of one of `models` is saved or deleted, or a many-to-many field of it
    changes. `name` keeps the subscription single however often it is made (an AppConfig.ready run twice)."""
    for model in models:

        def saved_or_deleted(sender, raw=False, _model=model, **kwargs):
            if not raw:
                receiver(_model)

        def related(sender, action, _model=model, **kwargs):
            if action in _DONE:
                receiver(_model)

        uid = f"{name}:{model._meta.label}"
        # held strongly (weak=False): the receivers live only in this closure
        post_save.connect(saved_or_deleted, sender=model, weak=False, dispatch_uid=f"{uid}:save")
        post_delete.connect(saved_or_deleted, sender=model, weak=False, dispatch_uid=f"{uid}:delete")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                related, sender=field.remote_field.through, weak=False, dispatch_uid=f"{uid}:{field.name}"
            )


def on_commit_once(func: Callable[[], None], *, robust: bool = False) -> None:
    """Run `func` when the transaction commits, once however many changes ask for it: a service saving a thousand
    rows queues one call, not a thousand. A call already queued at this savepoint or an outer one is enough, since
    it survives every rollback that would also undo this change; one queued in an inner savepoint is not."""
    connection = transaction.get_connection()
    savepoints = set(connection.savepoint_ids)
    if any(queued is func and set(sids) <= savepoints for sids, queued, _robust in connection.run_on_commit):
        return
    transaction.on_commit(func, robust=robust)
