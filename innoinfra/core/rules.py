"""Who may follow and download a background export (core.exports): the person who asked for it, and the
installation's administrators (Django staff), who answer for the system. A methodist of another territory may not:
the file holds figures scoped to the requester's territory."""

import rules


@rules.predicate
def is_export_requester(user, job):
    return job is not None and user.is_authenticated and job.requested_by_id == user.pk


rules.add_perm("core.view_exportjob", is_export_requester | rules.is_staff | rules.is_superuser)
