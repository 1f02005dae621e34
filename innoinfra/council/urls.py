from django.urls import path

from .views import agenda, bodies, documents, meetings, votes

app_name = "council"

urlpatterns = [
    path("", bodies.body_list, name="bodies"),
    path("bodies/new/", bodies.body_create, name="body_create"),
    path("bodies/<int:pk>/", bodies.body_detail, name="body"),
    path("bodies/<int:pk>/edit/", bodies.body_edit, name="body_edit"),
    path("bodies/<int:pk>/members/add/", bodies.member_add, name="member_add"),
    path("bodies/<int:pk>/meetings/new/", meetings.meeting_create, name="meeting_create"),
    path("members/<int:pk>/end/", bodies.member_end, name="member_end"),
    path("meetings/", bodies.meeting_list, name="meetings"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/edit/", meetings.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/state/", meetings.meeting_state, name="meeting_state"),
    path("meetings/<int:pk>/attendance/", meetings.attendance, name="attendance"),
    path("meetings/<int:pk>/sign/", meetings.protocol_sign, name="protocol_sign"),
    path("meetings/<int:pk>/agenda/add/", agenda.item_add, name="item_add"),
    path("meetings/<int:pk>/protocol.docx", documents.protocol_docx, name="protocol_docx"),
    path("meetings/<int:pk>/order.docx", documents.order_docx, name="order_docx"),
    path("meetings/<int:pk>/order/", documents.order_issue, name="order_issue"),
    path("agenda/<int:pk>/edit/", agenda.item_edit, name="item_edit"),
    path("agenda/<int:pk>/delete/", agenda.item_delete, name="item_delete"),
    path("agenda/<int:pk>/decision/", agenda.decision, name="decision"),
    path("agenda/<int:pk>/votes/", votes.votes, name="votes"),
]
