"""Background work of events (django-tasks: a database queue under `make run`, inline in tests)."""

from django_tasks import task


@task()
def run_certificate_batch(batch_id: int) -> None:
    from .certificates import run_batch

    run_batch(batch_id)
