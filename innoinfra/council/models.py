from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from innoinfra.reference.models import Body
from innoinfra.registry.enums import SiteState

from .enums import ORDER_OUTCOMES, AgendaKind, MeetingState, Outcome, VoteChoice, VotingMode


class Meeting(models.Model):
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="meetings", verbose_name="орган")
    year = models.PositiveSmallIntegerField("год")
    # Given when the meeting is marked held (services.change_meeting_state), so the protocols of a year have no gaps.
    number = models.PositiveSmallIntegerField("номер протокола", null=True, blank=True)
    date = models.DateField("дата", db_index=True)
    start_time = models.TimeField("время начала", null=True, blank=True)
    place = models.CharField("место проведения", max_length=500, blank=True)
    online_link = models.URLField("ссылка на онлайн-подключение", blank=True)
    state = models.CharField("состояние", max_length=20, choices=MeetingState.choices, default=MeetingState.PLANNED)
    chair = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="председатель"
    )
    secretary = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="секретарь"
    )
    created_by = models.ForeignKey("accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # Once the protocol is signed its decisions, agenda and attendance no longer change (services.sign_protocol).
    protocol_signed_at = models.DateTimeField("протокол подписан", null=True, blank=True)
    protocol_signed_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="внёс подпись"
    )

    class Meta:
        verbose_name = "заседание"
        verbose_name_plural = "заседания"
        ordering = ["-date", "-id"]
        constraints = [models.UniqueConstraint(fields=["body", "year", "number"], name="protocol_number_in_year")]

    def __str__(self):
        return f"Заседание {self.date:%d.%m.%Y}, протокол {self.protocol_label}"

    @property
    def protocol_label(self) -> str:
        """«№ 3», or «без номера» until the meeting is held."""
        return f"№ {self.number}" if self.number else "без номера"

    def get_absolute_url(self):
        return reverse("council:meeting", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        """A cancelled meeting is kept as it was, and so is one whose protocol is signed; the others are written up."""
        return self.state != MeetingState.CANCELLED and self.protocol_signed_at is None

    @property
    def lock_reason(self) -> str:
        """Why the meeting's records do not change ('' while they do)."""
        if self.protocol_signed_at is not None:
            return "Протокол заседания подписан: решения, повестка и отметки присутствия больше не меняются."
        if self.state == MeetingState.CANCELLED:
            return "Заседание отменено: его сведения не меняются. Верните его в запланированные."
        return ""


class Attendee(models.Model):
    """A member or an invited person; members who were absent stay listed with present=False."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendees")
    user = models.ForeignKey("accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    name = models.CharField("ФИО", max_length=300)
    position = models.CharField("должность", max_length=500, blank=True)
    is_member = models.BooleanField("член органа", default=True)
    present = models.BooleanField("присутствовал", default=True)

    class Meta:
        verbose_name = "участник заседания"
        verbose_name_plural = "участники заседания"
        ordering = ["meeting", "-is_member", "name"]

    def __str__(self):
        return self.name


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveSmallIntegerField("порядок", default=0)
    kind = models.CharField("вид", max_length=20, choices=AgendaKind.choices, default=AgendaKind.OTHER)
    title = models.TextField("вопрос")
    application = models.ForeignKey(
        "review.Application", on_delete=models.PROTECT, null=True, blank=True, related_name="agenda_items"
    )
    site = models.ForeignKey(
        "registry.Site", on_delete=models.PROTECT, null=True, blank=True, related_name="agenda_items"
    )
    invited = models.TextField("приглашены (очная защита)", blank=True)
    heard = models.TextField("СЛУШАЛИ", blank=True)
    spoke = models.TextField("ВЫСТУПИЛИ", blank=True)

    class Meta:
        verbose_name = "вопрос повестки"
        verbose_name_plural = "повестка дня"
        ordering = ["meeting", "position", "id"]

    def __str__(self):
        return self.title


class Decision(models.Model):
    agenda_item = models.OneToOneField(AgendaItem, on_delete=models.CASCADE, related_name="decision")
    outcome = models.CharField("итог", max_length=20, choices=Outcome.choices, default=Outcome.NOTE)
    text = models.TextField("РЕШИЛИ")
    mode = models.CharField("порядок принятия", max_length=20, choices=VotingMode.choices, default=VotingMode.VOTES)
    votes_for = models.PositiveSmallIntegerField("за", default=0)
    votes_against = models.PositiveSmallIntegerField("против", default=0)
    votes_abstained = models.PositiveSmallIntegerField("воздержались", default=0)
    # What a hearing decided for a site; carried out by the order that follows.
    new_theme = models.CharField("новая тема", max_length=1000, blank=True)
    new_end_date = models.DateField("новый срок окончания статуса", null=True, blank=True)
    final_state = models.CharField(
        "прекращение статуса",
        max_length=20,
        choices=[(SiteState.REVOKED.value, "Статус прекращается"), (SiteState.COMPLETED.value, "Работа завершается")],
        blank=True,
    )
    order = models.ForeignKey(
        "registry.Order", on_delete=models.SET_NULL, null=True, blank=True, related_name="decisions"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "решение"
        verbose_name_plural = "решения"

    def __str__(self):
        return self.text[:80]

    @property
    def needs_order(self) -> bool:
        return self.outcome in ORDER_OUTCOMES

    @property
    def adopted(self) -> bool:
        return self.mode == VotingMode.CONSENSUS or self.votes_for > self.votes_against + self.votes_abstained


class Vote(models.Model):
    """One member's vote on a decision (поимённое голосование). The decision's totals are counted from these rows
    by services.record_votes; a recusal carries its reason, any vote may carry an «особое мнение»."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="votes", verbose_name="решение")
    attendee = models.ForeignKey(Attendee, on_delete=models.CASCADE, related_name="votes", verbose_name="член органа")
    choice = models.CharField("голос", max_length=20, choices=VoteChoice.choices)
    recusal_reason = models.CharField("причина самоотвода", max_length=500, blank=True)
    dissent = models.TextField("особое мнение", blank=True)
    recorded_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="записал"
    )
    recorded_at = models.DateTimeField("записан", auto_now=True)
    # Votes are part of the protocol: who changed which vote, and when, must be answerable.
    history = HistoricalRecords(excluded_fields=["recorded_at"])

    class Meta:
        verbose_name = "голос члена органа"
        verbose_name_plural = "поимённое голосование"
        ordering = ["decision", "attendee__name", "id"]
        constraints = [models.UniqueConstraint(fields=["decision", "attendee"], name="one_vote_per_member")]

    def __str__(self):
        return f"{self.attendee.name} — {self.get_choice_display()}"
