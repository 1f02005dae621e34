from django.urls import path

from . import agenda_views, document_views, meeting_views, views

app_name = "council"

urlpatterns = [
    path("", views.body_list, name="bodies"),
    path("bodies/new/", views.body_create, name="body_create"),
    path("bodies/<int:pk>/", views.body_detail, name="body"),
    path("bodies/<int:pk>/edit/", views.body_edit, name="body_edit"),
    path("bodies/<int:pk>/members/add/", views.member_add, name="member_add"),
    path("bodies/<int:pk>/meetings/new/", meeting_views.meeting_create, name="meeting_create"),
    path("members/<int:pk>/end/", views.member_end, name="member_end"),
    path("meetings/", views.meeting_list, name="meetings"),
    path("meetings/<int:pk>/", meeting_views.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/edit/", meeting_views.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/state/", meeting_views.meeting_state, name="meeting_state"),
    path("meetings/<int:pk>/attendance/", meeting_views.attendance, name="attendance"),
    path("meetings/<int:pk>/agenda/add/", agenda_views.item_add, name="item_add"),
    path("meetings/<int:pk>/protocol.docx", document_views.protocol_docx, name="protocol_docx"),
    path("meetings/<int:pk>/order.docx", document_views.order_docx, name="order_docx"),
    path("meetings/<int:pk>/order/", document_views.order_issue, name="order_issue"),
    path("agenda/<int:pk>/edit/", agenda_views.item_edit, name="item_edit"),
    path("agenda/<int:pk>/delete/", agenda_views.item_delete, name="item_delete"),
    path("agenda/<int:pk>/decision/", agenda_views.decision, name="decision"),
]
