from innoinfra.communities.digests import send_digests
from innoinfra.core.management.mailing import MailingCommand


class Command(MailingCommand):
    help = (
        "Рассылает участникам сетевых сообществ сводки новых записей и ответов: ежедневные — раз в день, "
        "еженедельные — раз в семь дней. Запускайте раз в день (cron); повторный запуск ничего не отправит."
    )
    send = staticmethod(send_digests)
