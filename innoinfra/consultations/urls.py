from django.urls import path

from . import views

app_name = "consultations"

urlpatterns = [
    path("", views.consultation_list, name="list"),
    path("new/", views.consultation_create, name="create"),
    path("<int:pk>/", views.consultation_detail, name="detail"),
    path("<int:pk>/edit/", views.consultation_edit, name="edit"),
    path("<int:pk>/delete/", views.consultation_delete, name="delete"),
    path("hours/", views.hours, name="hours"),
    path("hours/new/", views.hour_offer, name="hour_offer"),
    path("hours/<int:pk>/book/", views.hour_book, name="hour_book"),
    path("hours/<int:pk>/unbook/", views.hour_unbook, name="hour_unbook"),
    path("hours/<int:pk>/cancel/", views.hour_cancel, name="hour_cancel"),
    path("hours/<int:pk>/held/", views.hour_held, name="hour_held"),
]
