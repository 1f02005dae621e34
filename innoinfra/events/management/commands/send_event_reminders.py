from innoinfra.core.management.mailing import MailingCommand
from innoinfra.events.services import send_reminders


class Command(MailingCommand):
    help = (
        "Напоминает участникам с подтверждённой регистрацией о мероприятиях, которые начнутся в ближайшие сутки. "
        "Запускайте раз в час или раз в день (cron); каждому участнику напоминание уходит один раз."
    )
    send = staticmethod(send_reminders)
    forms = "напоминание,напоминания,напоминаний"
