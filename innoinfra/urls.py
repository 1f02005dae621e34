from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from innoinfra.accounts.forms import LoginForm
from innoinfra.core.views import installation, mail, search, site_assets
from innoinfra.portal import views as portal_views

urlpatterns = [
    path("", portal_views.home, name="home"),
    path("healthz", installation.healthz, name="healthz"),
    path("favicon.ico", site_assets.favicon, name="favicon"),
    path("manifest.webmanifest", site_assets.manifest, name="manifest"),
    path("low-vision/", site_assets.low_vision_settings, name="low_vision"),
    path("search/", search.search, name="search"),
    path("registry/", include("innoinfra.portal.urls")),
    path("registry/", include("innoinfra.registry.urls")),
    path("manage/", include("innoinfra.accounts.urls")),
    path("manage/settings/", installation.installation_settings, name="settings"),
    path("manage/mail/", mail.mail_list, name="mail"),
    path("manage/mail/<int:pk>/resend/", mail.mail_resend, name="mail-resend"),
    path("accounts/login/", auth_views.LoginView.as_view(authentication_form=LoginForm), name="login"),
    path("accounts/", include("innoinfra.accounts.urls_auth")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("plans/", include("innoinfra.plans.urls")),
    path("council/", include("innoinfra.council.urls")),
    path("events/", include("innoinfra.events.urls")),
    path("certificates/", include("innoinfra.events.certificates.urls")),
    path("effectiveness/", include("innoinfra.effectiveness.urls")),
    path("documents/", include("innoinfra.legal.urls")),
    path("publications/", include("innoinfra.publications.urls")),
    path("passports/", include("innoinfra.passports.urls")),
    path("consultations/", include("innoinfra.consultations.urls")),
    path("approbation/", include("innoinfra.approbation.urls")),
    path("practices/", include("innoinfra.practices.urls")),
    path("translator/", include("innoinfra.translator.urls")),
    path("collections/", include("innoinfra.practice_collections.urls")),
    path("mentoring/", include("innoinfra.mentoring.urls")),
    path("communities/", include("innoinfra.communities.urls")),
    path("reports/", include("innoinfra.reports.urls")),
    path("monitoring/", include("innoinfra.monitoring.urls")),
    path("", include("innoinfra.review.urls")),
    path("notifications/", include("innoinfra.core.urls_notifications")),
    path("api/v1/", include("innoinfra.api.urls")),
    path("admin/", admin.site.urls),
    path("oidc/", include("innoinfra.accounts.urls_oidc")),  # single sign-on; 404 while it is off
]
urlpatterns += [path("opendata/", include("innoinfra.opendata.urls"))]

# No /media/ here, not even in development: every stored file leaves through a download view that checks the permission.

# Heavy documents built in the background (core.exports): the job's page with its progress, and the download.
urlpatterns += [path("exports/", include("innoinfra.core.urls_exports"))]

# An unknown address under /api/ answers in JSON as the API does; elsewhere the Russian page (core.error_pages).
handler404 = "innoinfra.core.error_pages.page_not_found"
