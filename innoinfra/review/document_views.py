"""XLSX and DOCX downloads of a call's results (being written)."""

from django.http import Http404


def ranking_xlsx(request, pk):
    raise Http404


def matrix_xlsx(request, pk):
    raise Http404


def summary_docx(request, pk):
    raise Http404


def review_docx(request, pk):
    raise Http404
