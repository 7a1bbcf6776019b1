"""Background delivery of the outbox, through Django's Tasks API (django-tasks-db in production)."""

from django.tasks import task

from . import delivery


@task()
def deliver_mail(mail_id: int) -> bool:
    """Sends one outbox mail; does nothing if it was sent already or another worker has it."""
    return delivery.deliver(mail_id)
