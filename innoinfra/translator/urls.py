from django.urls import path

from . import views

app_name = "translator"

urlpatterns = [
    path("moderation/", views.moderation, name="moderation"),
    path("practices/<int:pk>/rate/", views.rate, name="rate"),
    path("practices/<int:pk>/comment/", views.comment, name="comment"),
    path("comments/<int:pk>/answer/", views.answer, name="answer"),
    path("comments/<int:pk>/report/", views.report_abuse, name="report"),
    path("comments/<int:pk>/publish/", views.publish, name="publish"),
    path("comments/<int:pk>/hide/", views.hide, name="hide"),
]
