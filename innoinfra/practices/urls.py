from django.urls import path

from . import views

app_name = "practices"

urlpatterns = [
    path("", views.practice_list, name="list"),
    path("mine/", views.my_practices, name="mine"),
    path("moderation/", views.moderation, name="moderation"),
    path("new/", views.practice_create, name="create"),
    path("<int:pk>/", views.practice_detail, name="detail"),
    path("<int:pk>/edit/", views.practice_edit, name="edit"),
    path("<int:pk>/submit/", views.practice_submit, name="submit"),
    path("<int:pk>/publish/", views.practice_publish, name="publish"),
    path("<int:pk>/return/", views.practice_return, name="return"),
    path("<int:pk>/reject/", views.practice_reject, name="reject"),
    path("<int:pk>/withdraw/", views.practice_withdraw, name="withdraw"),
]
