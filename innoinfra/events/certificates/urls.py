"""Public verification of certificates: the form «Проверить сертификат», /certificates/<number>/ and its PDF."""

from django.urls import path

from . import views as certificate_views

app_name = "certificates"

urlpatterns = [
    path("", certificate_views.check, name="check"),
    path("<str:number>/", certificate_views.verify, name="verify"),
    path("<str:number>/pdf/", certificate_views.download, name="download"),
]
