from django.db import models


class ConsultationForm(models.TextChoices):
    IN_PERSON = "in_person", "Очная индивидуальная"
    ONLINE = "online", "Дистанционная (онлайн)"
    GROUP = "group", "Групповая"
    PHONE = "phone", "По телефону или переписке"


class SlotState(models.TextChoices):
    FREE = "free", "Свободно"
    BOOKED = "booked", "Занято"
    HELD = "held", "Консультация проведена"
    CANCELLED = "cancelled", "Отменено"
