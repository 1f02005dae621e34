"""Staff pages importing organizations from Excel: upload → preview → confirm.

Between the two steps the parsed rows (plain strings and numbers, never the file itself or pickled
objects) wait in the user's session, so only the person who uploaded them can confirm them, and
no uploaded file lingers on disk. At confirmation every row is checked again: the preview page
carries a fingerprint of the plan it showed, and if the registry or the user's rights changed
meanwhile, the fresh plan is shown again instead of being saved unseen.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from innoinfra.accounts.scopes import municipalities_managed_by, scope_of
from innoinfra.core.forms import BootstrapMixin
from innoinfra.core.uploads import SPREADSHEETS, check_upload
from innoinfra.core.xlsx import xlsx_response

from .. import imports
from ..exports import template_workbook
from ..import_services import import_organizations

SESSION_KEY = "registry_organization_import"
PERM = "registry.import_organizations"


def _check(request):
    if not request.user.has_perm(PERM):
        raise PermissionDenied("Импорт организаций доступен только сотрудникам, ведущим реестр.")


class OrganizationImportForm(BootstrapMixin, forms.Form):
    file = forms.FileField(
        label="Файл Excel (.xlsx)",
        error_messages={"required": "Выберите файл .xlsx с организациями."},
        widget=forms.ClearableFileInput(
            attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        imports.check_file(upload.name, upload.size)  # before the file is read into memory
        check_upload(upload, purpose=SPREADSHEETS)  # no zip bomb or macros reaches openpyxl
        return imports.read_workbook(upload.read(), filename=upload.name)


def _managed_municipalities(user):
    """The user's municipalities, or None when they run the registry of every one."""
    if scope_of(user).managed_municipalities is None:
        return None
    return list(municipalities_managed_by(user))


@login_required
@require_http_methods(["GET", "POST"])
def organization_import(request):
    _check(request)
    form = OrganizationImportForm(request.POST, request.FILES) if request.method == "POST" else OrganizationImportForm()
    if form.is_bound and form.is_valid():
        request.session[SESSION_KEY] = {
            "filename": request.FILES["file"].name,
            "sheet": form.cleaned_data["file"].to_json(),
        }
        return redirect("registry:organization_import_preview")
    municipalities = _managed_municipalities(request.user)
    context = {
        "form": form,
        "headers": imports.TEMPLATE_HEADERS,
        "max_rows": f"{imports.MAX_ROWS:_}".replace("_", "\u00a0"),
        "municipalities": municipalities,
        "single_municipality": municipalities is not None and len(municipalities) == 1,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "registry/organization_import.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def organization_import_preview(request):
    _check(request)
    stored = request.session.get(SESSION_KEY)
    if not stored:
        messages.info(request, "Загрузите файл Excel с организациями.")
        return redirect("registry:organization_import")
    sheet = imports.Sheet.from_json(stored["sheet"])
    plan = imports.plan_import(sheet.rows, user=request.user)
    status = 200
    if request.method == "POST":
        if request.POST.get("digest") != plan.digest:
            messages.warning(
                request,
                "Пока вы просматривали файл, реестр изменился. Проверьте строки ещё раз и подтвердите импорт.",
            )
            status = 409
        elif not plan.to_save:
            messages.error(request, "В файле нет ни одной строки, которую можно сохранить.")
            status = 400
        else:
            result = import_organizations(rows=sheet.rows, by=request.user)
            del request.session[SESSION_KEY]
            messages.success(request, _summary(result))
            return redirect("registry:organizations")
    context = {
        "filename": stored["filename"],
        "sheet": sheet,
        "plan": plan,
        "counts": plan.counts,
        "to_save": len(plan.to_save),
    }
    return render(request, "registry/organization_import_preview.html", context, status=status)


def _summary(plan: imports.ImportPlan) -> str:
    counts = plan.counts
    text = f"Импорт завершён. Создано организаций: {counts['create']}, обновлено: {counts['update']}."
    if counts["unchanged"]:
        text += f" Без изменений: {counts['unchanged']}."
    if counts["reject"]:
        text += f" Отклонено строк: {counts['reject']} — они не сохранены."
    return text


@login_required
@require_GET
def organization_import_template(request):
    _check(request)
    municipalities = municipalities_managed_by(request.user).order_by("name")
    return xlsx_response("shablon-importa-organizacij.xlsx", template_workbook(municipalities))
