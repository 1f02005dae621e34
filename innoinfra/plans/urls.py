from django.urls import include, path

app_name = "plans"

urlpatterns = [
    path("", include("innoinfra.plans.urls_calendar")),
]
