"""A task worker in a test: the database backend of django-tasks, as `make run` and production configure it, and its
`db_worker` run once over what is due."""

from django.core.management import call_command

WORKER = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker(monkeypatch):
    """`db_worker --batch`, as the server runs it; only its closing of stale database connections is off, since on
    PostgreSQL it would close the connection the test's transaction lives on."""
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)
    call_command("db_worker", batch=True, interval=0, startup_delay=False, reload=False, verbosity=0)
