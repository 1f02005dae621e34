"""Background work of collections (django-tasks: a database queue under `make run`, inline in tests)."""

from django_tasks import task


@task()
def build_collection(build_id: int) -> None:
    from .services import run_build

    run_build(build_id)
