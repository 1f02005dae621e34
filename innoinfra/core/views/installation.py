"""The installation: the health check polled by load balancers, and the settings page of the installation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.db import connection
from django.http import HttpResponse
from django.shortcuts import redirect, render

from .. import services
from ..forms import InstallationSettingsForm
from ..models import InstallationSettings


def healthz(request):
    """200 «ok» when the database answers; load balancers and monitoring poll this."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means "not healthy", whatever its class
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")


@login_required
@permission_required("core.change_settings", raise_exception=True)
def installation_settings(request):
    obj = InstallationSettings.current()
    form = InstallationSettingsForm(request.POST or None, request.FILES or None, instance=obj)
    if request.method == "POST" and form.is_valid():
        services.change_settings(**form.cleaned_data)
        messages.success(request, "Настройки сохранены.")
        return redirect("settings")
    return render(request, "core/settings.html", {"form": form}, status=400 if form.errors else 200)
