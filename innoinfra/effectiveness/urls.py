from django.urls import path

from . import views

app_name = "effectiveness"

urlpatterns = [
    path("", views.scores, name="scores"),
    path("scores.xlsx", views.scores_xlsx, name="scores_xlsx"),
    path("criteria/", views.criteria_sets, name="sets"),
    path("criteria/new/", views.criteria_set_create, name="set_create"),
    path("criteria/<int:pk>/", views.criteria_set_detail, name="set"),
    path("criteria/<int:pk>/edition/", views.new_edition, name="new_edition"),
    path("criteria/<int:pk>/<int:criterion_pk>/", views.criterion_edit, name="criterion_edit"),
    path("criteria/<int:pk>/<int:criterion_pk>/delete/", views.criterion_delete, name="criterion_delete"),
]
