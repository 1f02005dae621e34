from django.http import Http404


def application_action(request, pk=None, action=None):
    raise Http404


def application_detail(request, pk=None, action=None):
    raise Http404


def application_edit(request, pk=None, action=None):
    raise Http404


def apply(request, pk=None, action=None):
    raise Http404


def assign(request, pk=None, action=None):
    raise Http404


def assignment(request, pk=None, action=None):
    raise Http404


def auto_assign(request, pk=None, action=None):
    raise Http404


def blind_copy(request, pk=None, action=None):
    raise Http404


def call_applications(request, pk=None, action=None):
    raise Http404


def call_copy(request, pk=None, action=None):
    raise Http404


def call_create(request, pk=None, action=None):
    raise Http404


def call_detail(request, pk=None, action=None):
    raise Http404


def call_edit(request, pk=None, action=None):
    raise Http404


def call_list(request, pk=None, action=None):
    raise Http404


def call_publish(request, pk=None, action=None):
    raise Http404


def call_release(request, pk=None, action=None):
    raise Http404


def call_stages(request, pk=None, action=None):
    raise Http404


def conflicts(request, pk=None, action=None):
    raise Http404


def desk(request, pk=None, action=None):
    raise Http404


def file_add(request, pk=None, action=None):
    raise Http404


def file_download(request, pk=None, action=None):
    raise Http404


def matrix_xlsx(request, pk=None, action=None):
    raise Http404


def my_applications(request, pk=None, action=None):
    raise Http404


def outbox(request, pk=None, action=None):
    raise Http404


def progress(request, pk=None, action=None):
    raise Http404


def ranking(request, pk=None, action=None):
    raise Http404


def ranking_xlsx(request, pk=None, action=None):
    raise Http404


def reopen_review(request, pk=None, action=None):
    raise Http404


def respond(request, pk=None, action=None):
    raise Http404


def review_docx(request, pk=None, action=None):
    raise Http404


def summary_docx(request, pk=None, action=None):
    raise Http404


def unassign(request, pk=None, action=None):
    raise Http404

