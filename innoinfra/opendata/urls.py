from django.urls import path

from . import views

app_name = "opendata"

# The addresses are the recommendations' own and stay stable: robots of the regional portal read them.
urlpatterns = [
    path("", views.index, name="index"),
    path("list.csv", views.set_list, {"ext": "csv"}, name="list"),
    path("list.json", views.set_list, {"ext": "json"}, name="list_json"),
    path("<slug:identifier>/<str:filename>", views.set_file, name="file"),
]
