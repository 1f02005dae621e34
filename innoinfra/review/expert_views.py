from django.http import Http404


def assignment(request, pk=None, action=None):
    raise Http404


def conflicts(request, pk=None, action=None):
    raise Http404


def desk(request, pk=None, action=None):
    raise Http404


def respond(request, pk=None, action=None):
    raise Http404

