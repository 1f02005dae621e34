"""The bank of normative documents: a public catalogue and, for registry staff, adding and correcting entries."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from innoinfra.accounts.scopes import municipalities_managed_by
from innoinfra.core.downloads import file_response
from innoinfra.core.errors import ServiceError
from innoinfra.core.lists import list_response
from innoinfra.core.versioning import form_status

from . import queries, services
from .forms import DocumentFilterForm, DocumentForm
from .models import LegalDocument

PAGE_SIZE = 25


def document_list(request):
    form = DocumentFilterForm(request.GET or None)
    params = form.cleaned_data if form.is_valid() else {}
    documents = queries.filter_documents(queries.documents_for_list(), params)
    page = Paginator(documents, PAGE_SIZE).get_page(request.GET.get("page"))
    return list_response(request, "legal/document_list.html", {"form": form, "page": page})


def document_detail(request, pk):
    document = get_object_or_404(LegalDocument.objects.select_related("municipality", "replaced_by"), pk=pk)
    context = {
        "document": document,
        "related": document.related.order_by("-date", "-id"),
        "replaces": document.replaces.order_by("-date", "-id"),
        "can_change": request.user.has_perm("legal.change_legaldocument", document),
    }
    return render(request, "legal/document_detail.html", context)


def document_file(request, pk):
    """The bank is public: its files too, but through here, like every stored file (see core.downloads)."""
    document = get_object_or_404(LegalDocument, pk=pk)
    return file_response(document.file, filename=document.download_name)


def _save(request, form: DocumentForm, document: LegalDocument | None):
    data = dict(form.cleaned_data)
    related = data.pop("related")
    if document is None:
        return services.create_document(by=request.user, related=related, **data)
    return services.update_document(document, by=request.user, related=related, **data)


def _form_page(request, document: LegalDocument | None):
    form = DocumentForm(
        request.POST or None,
        request.FILES or None,
        instance=document,
        municipalities=municipalities_managed_by(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = _save(request, form, document)
        except ServiceError as error:
            form.refuse(error)  # a stale save (VersionConflict) is marked on the form for the 409
        else:
            messages.success(request, "Документ сохранён в банке нормативных документов.")
            return redirect(saved)
    title = "Новый нормативный документ" if document is None else "Сведения о документе"
    status = form_status(form) if form.conflict else 400 if form.is_bound and form.errors else 200
    context = {"form": form, "document": document, "title": title}
    return render(request, "legal/document_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def document_create(request):
    if not request.user.has_perm("legal.add_legaldocument"):
        raise PermissionDenied("Банк нормативных документов ведут методисты и специалисты управления образования.")
    return _form_page(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def document_edit(request, pk):
    document = get_object_or_404(LegalDocument, pk=pk)
    if not request.user.has_perm("legal.change_legaldocument", document):
        raise PermissionDenied("Этот документ ведут методисты и специалисты управления образования его территории.")
    return _form_page(request, document)
