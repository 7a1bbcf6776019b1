import re

from django.core import mail


def link_in_last_mail(path_fragment: str) -> str:
    """The path of the first link in the newest mail that contains path_fragment."""
    body = mail.outbox[-1].body
    match = re.search(r"https?://[^/\s]+(\S*" + re.escape(path_fragment) + r"\S*)", body)
    assert match, body
    return match.group(1)
