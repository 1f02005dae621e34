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


def blind_copy(request, pk=None, action=None):
    raise Http404


def file_add(request, pk=None, action=None):
    raise Http404


def file_download(request, pk=None, action=None):
    raise Http404


def my_applications(request, pk=None, action=None):
    raise Http404


def reopen_review(request, pk=None, action=None):
    raise Http404


def unassign(request, pk=None, action=None):
    raise Http404

