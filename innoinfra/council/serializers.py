"""Shapes of collegial bodies, meetings and decisions in the API (read-only).

A question about an application of a blind call is shown to a body's member the way the ranking shows it to the
chair: while the call hides its applicants from everyone but its staff, the question and its decision say «заявка
№ N» and nothing that could name the applicant (the title, the texts heard and decided, the invited people).
Reads come from the querysets of `api.py`, where everything a row shows is joined or prefetched."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from innoinfra.accounts.models import Membership
from innoinfra.reference.models import Body
from innoinfra.review.visibility import hides_applicant_of, masked_decision, masked_title

from . import services
from .enums import VoteChoice
from .models import AgendaItem, Decision, Meeting


def _hidden(serializer, item: AgendaItem) -> bool:
    cached = getattr(item, "_api_hidden", None)
    if cached is None:
        cached = hides_applicant_of(serializer.context["request"].user, item.application)
        item._api_hidden = cached
    return cached


def _organization_name(item: AgendaItem, hidden: bool) -> str | None:
    if item.application_id:
        return None if hidden else item.application.lead_organization.short_name
    if item.site_id:
        return item.site.lead_organization.short_name
    return None


# ---------------------------------------------------------------- bodies


class MemberSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="user", read_only=True)
    body_position_label = serializers.CharField(source="get_body_position_display", read_only=True)

    class Meta:
        model = Membership
        fields = ["user", "name", "body_position", "body_position_label", "start_date", "end_date"]
        read_only_fields = fields


class BodySerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    municipality_name = serializers.CharField(source="municipality.name", read_only=True, default=None)
    organization_name = serializers.CharField(source="organization.short_name", read_only=True, default=None)
    member_count = serializers.IntegerField(read_only=True, help_text="Члены, чьи полномочия действуют сегодня")
    meeting_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Body
        fields = [
            "id",
            "name",
            "short_name",
            "kind",
            "kind_label",
            "municipality",
            "municipality_name",
            "organization",
            "organization_name",
            "member_count",
            "meeting_count",
        ]
        read_only_fields = fields


class BodyDetailSerializer(BodySerializer):
    members = MemberSerializer(many=True, read_only=True, source="current_members")

    class Meta(BodySerializer.Meta):
        fields = [*BodySerializer.Meta.fields, "members"]
        read_only_fields = fields


# ---------------------------------------------------------------- decisions


class DecisionFieldsMixin(serializers.Serializer):
    """The decision itself; its text is hidden with the applicant of a blind call."""

    outcome_label = serializers.CharField(source="get_outcome_display", read_only=True)
    mode_label = serializers.CharField(source="get_mode_display", read_only=True)
    text = serializers.SerializerMethodField()
    adopted = serializers.BooleanField(read_only=True, help_text="Решение принято (большинством или единогласно)")
    needs_order = serializers.BooleanField(read_only=True, help_text="Решение исполняется приказом")
    order_label = serializers.SerializerMethodField()

    DECISION_FIELDS = [
        "outcome",
        "outcome_label",
        "text",
        "mode",
        "mode_label",
        "votes_for",
        "votes_against",
        "votes_abstained",
        "adopted",
        "new_theme",
        "new_end_date",
        "final_state",
        "needs_order",
        "order",
        "order_label",
    ]

    def get_text(self, decision) -> str:
        item = decision.agenda_item
        if _hidden(self, item):
            return masked_decision(item.application)
        return decision.text

    def get_order_label(self, decision) -> str | None:
        return str(decision.order) if decision.order_id else None


class DecisionBriefSerializer(DecisionFieldsMixin, serializers.ModelSerializer):
    class Meta:
        model = Decision
        fields = ["id", *DecisionFieldsMixin.DECISION_FIELDS]
        read_only_fields = fields


class DecisionSerializer(DecisionFieldsMixin, serializers.ModelSerializer):
    """A decision with the meeting and the question it answers."""

    meeting = serializers.IntegerField(source="agenda_item.meeting_id", read_only=True)
    meeting_date = serializers.DateField(source="agenda_item.meeting.date", read_only=True)
    protocol_number = serializers.IntegerField(source="agenda_item.meeting.number", read_only=True)
    body = serializers.IntegerField(source="agenda_item.meeting.body_id", read_only=True)
    body_name = serializers.CharField(source="agenda_item.meeting.body", read_only=True)
    agenda_title = serializers.SerializerMethodField()
    application = serializers.IntegerField(source="agenda_item.application_id", read_only=True, allow_null=True)
    site = serializers.IntegerField(source="agenda_item.site_id", read_only=True, allow_null=True)
    organization_name = serializers.SerializerMethodField()

    class Meta:
        model = Decision
        fields = [
            "id",
            "meeting",
            "meeting_date",
            "protocol_number",
            "body",
            "body_name",
            "agenda_item",
            "agenda_title",
            "application",
            "site",
            "organization_name",
            *DecisionFieldsMixin.DECISION_FIELDS,
        ]
        read_only_fields = fields

    def get_agenda_title(self, decision) -> str:
        return _item_title(self, decision.agenda_item)

    def get_organization_name(self, decision) -> str | None:
        item = decision.agenda_item
        return _organization_name(item, _hidden(self, item))


def _item_title(serializer, item: AgendaItem) -> str:
    if _hidden(serializer, item):
        return masked_title(item.application)
    return item.title


# ---------------------------------------------------------------- meetings


class AgendaItemSerializer(serializers.ModelSerializer):
    number = serializers.IntegerField(read_only=True, help_text="Номер вопроса в повестке")
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    title = serializers.SerializerMethodField()
    application_number = serializers.IntegerField(source="application.number", read_only=True, default=None)
    call = serializers.IntegerField(source="application.call_id", read_only=True, default=None)
    organization_name = serializers.SerializerMethodField()
    invited = serializers.SerializerMethodField()
    heard = serializers.SerializerMethodField()
    spoke = serializers.SerializerMethodField()
    decision = serializers.SerializerMethodField()

    class Meta:
        model = AgendaItem
        fields = [
            "id",
            "number",
            "kind",
            "kind_label",
            "title",
            "application",
            "application_number",
            "call",
            "site",
            "organization_name",
            "invited",
            "heard",
            "spoke",
            "decision",
        ]
        read_only_fields = fields

    def get_title(self, item) -> str:
        return _item_title(self, item)

    def get_organization_name(self, item) -> str | None:
        return _organization_name(item, _hidden(self, item))

    def get_invited(self, item) -> str:
        return "" if _hidden(self, item) else item.invited

    def get_heard(self, item) -> str:
        return "" if _hidden(self, item) else item.heard

    def get_spoke(self, item) -> str:
        return "" if _hidden(self, item) else item.spoke

    @extend_schema_field(DecisionBriefSerializer(allow_null=True))
    def get_decision(self, item) -> dict | None:
        decision = getattr(item, "decision", None)
        if decision is None:
            return None
        decision.agenda_item = item
        return DecisionBriefSerializer(decision, context=self.context).data


class AttendeeSerializer(serializers.Serializer):
    name = serializers.CharField()
    position = serializers.CharField()
    is_member = serializers.BooleanField(help_text="Член органа (учитывается в кворуме) или приглашённый")
    present = serializers.BooleanField()


class QuorumSerializer(serializers.Serializer):
    members = serializers.IntegerField()
    present = serializers.IntegerField()
    needed = serializers.IntegerField()
    reached = serializers.BooleanField()


class MeetingSerializer(serializers.ModelSerializer):
    body_name = serializers.CharField(source="body", read_only=True)
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    chair_name = serializers.CharField(source="chair", read_only=True, default=None)
    secretary_name = serializers.CharField(source="secretary", read_only=True, default=None)
    item_count = serializers.IntegerField(read_only=True)
    present_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "body",
            "body_name",
            "year",
            "number",
            "date",
            "start_time",
            "place",
            "online_link",
            "state",
            "state_label",
            "protocol_signed_at",
            "chair",
            "chair_name",
            "secretary",
            "secretary_name",
            "item_count",
            "present_count",
        ]
        read_only_fields = fields


class MeetingDetailSerializer(MeetingSerializer):
    """The meeting as its page shows it: attendance and quorum, the agenda with each question's decision."""

    attendees = AttendeeSerializer(many=True, read_only=True, source="attendee_list")
    quorum = serializers.SerializerMethodField()
    agenda = AgendaItemSerializer(many=True, read_only=True, source="agenda_items")

    class Meta(MeetingSerializer.Meta):
        fields = [*MeetingSerializer.Meta.fields, "attendees", "quorum", "agenda"]
        read_only_fields = fields

    @extend_schema_field(QuorumSerializer)
    def get_quorum(self, meeting) -> dict:
        quorum = services.quorum_of(meeting.attendee_list)
        return {
            "members": quorum.members,
            "present": quorum.present,
            "needed": quorum.needed,
            "reached": quorum.reached,
        }


# ---------------------------------------------------------------- roll-call votes


class VoteSerializer(serializers.Serializer):
    """One member's vote on a decision; `attendee` is the id of the member in the meeting's attendance list (the
    service checks the member was present)."""

    attendee = serializers.IntegerField(source="attendee_id", help_text="id участника заседания (члена органа)")
    name = serializers.CharField(source="attendee.name", read_only=True)
    choice = serializers.ChoiceField(choices=VoteChoice.choices)
    choice_label = serializers.CharField(source="get_choice_display", read_only=True)
    recusal_reason = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    dissent = serializers.CharField(required=False, allow_blank=True, default="", help_text="Особое мнение")


class RollCallSerializer(serializers.Serializer):
    """The whole roll-call: one vote for every member present (a PUT replaces the previous one)."""

    votes = VoteSerializer(many=True)
