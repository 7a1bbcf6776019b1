"""The citizen's status link: signed, expiring, and naming nothing personal (the inquiry's id and a
random key, which staff can renew to end every link sent before)."""

from datetime import timedelta

from django.conf import settings
from django.core import signing

SALT = "ressourcebank.inbox.status"


def make_status_token(pk: int, link_key: str) -> str:
    return signing.dumps([pk, link_key], salt=SALT)


def read_status_token(token: str) -> tuple[int, str]:
    """Raises signing.BadSignature (SignatureExpired included) for a bad or old link."""
    max_age = timedelta(days=settings.INBOX_LINK_MAX_AGE_DAYS)
    value = signing.loads(token, salt=SALT, max_age=max_age)
    if not (isinstance(value, list) and len(value) == 2 and isinstance(value[0], int) and isinstance(value[1], str)):
        raise signing.BadSignature("not a status link")
    return value[0], value[1]
