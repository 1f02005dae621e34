from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("mine/", views.mine, name="mine"),
    path("campaigns/new/", views.campaign_create, name="campaign_create"),
    path("campaigns/<int:pk>/", views.campaign_detail, name="campaign"),
    path("campaigns/<int:pk>/edit/", views.campaign_edit, name="campaign_edit"),
    path("campaigns/<int:pk>/state/", views.campaign_state, name="campaign_state"),
    path("campaigns/<int:pk>/xlsx/", views.campaign_xlsx, name="campaign_xlsx"),
    path("campaigns/<int:pk>/form/", views.form_builder, name="form_builder"),
    path("items/<int:pk>/edit/", views.item_edit, name="item_edit"),
    path("items/<int:pk>/delete/", views.item_delete, name="item_delete"),
    path("items/<int:pk>/move/", views.item_move, name="item_move"),
    path("<int:pk>/", views.report_detail, name="report"),
    path("<int:pk>/fill/", views.report_fill, name="report_fill"),
    path("<int:pk>/prefill/", views.report_prefill, name="report_prefill"),
    path("<int:pk>/accept/", views.report_accept, name="report_accept"),
    path("<int:pk>/return/", views.report_return, name="report_return"),
    path("<int:pk>/agenda/", views.report_agenda, name="report_agenda"),
    path("<int:pk>/docx/", views.report_docx, name="report_docx"),
    path("files/<int:pk>/", views.answer_file, name="answer_file"),
]
