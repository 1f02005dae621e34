from django.urls import path

from .views import builder, campaigns, reports

app_name = "reports"

urlpatterns = [
    path("", campaigns.index, name="index"),
    path("mine/", reports.mine, name="mine"),
    path("campaigns/new/", campaigns.campaign_create, name="campaign_create"),
    path("campaigns/<int:pk>/", campaigns.campaign_detail, name="campaign"),
    path("campaigns/<int:pk>/edit/", campaigns.campaign_edit, name="campaign_edit"),
    path("campaigns/<int:pk>/state/", campaigns.campaign_state, name="campaign_state"),
    path("campaigns/<int:pk>/xlsx/", campaigns.campaign_xlsx, name="campaign_xlsx"),
    path("campaigns/<int:pk>/form/", builder.form_builder, name="form_builder"),
    path("items/<int:pk>/edit/", builder.item_edit, name="item_edit"),
    path("items/<int:pk>/delete/", builder.item_delete, name="item_delete"),
    path("items/<int:pk>/move/", builder.item_move, name="item_move"),
    path("<int:pk>/", reports.report_detail, name="report"),
    path("<int:pk>/fill/", reports.report_fill, name="report_fill"),
    path("<int:pk>/prefill/", reports.report_prefill, name="report_prefill"),
    path("<int:pk>/accept/", reports.report_accept, name="report_accept"),
    path("<int:pk>/return/", reports.report_return, name="report_return"),
    path("<int:pk>/agenda/", reports.report_agenda, name="report_agenda"),
    path("<int:pk>/docx/", reports.report_docx, name="report_docx"),
    path("files/<int:pk>/", reports.answer_file, name="answer_file"),
]
