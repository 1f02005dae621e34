"""Ranking and progress pages (being written)."""

from django.http import Http404


def ranking(request, pk):
    raise Http404


def progress(request, pk):
    raise Http404
