"""Who is calling: a personal API token sent as `Authorization: Bearer <token>`. Session cookies are
never accepted, so a cross-site form cannot write through a logged-in browser."""

from datetime import timedelta

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from ressourcebank.accounts.models import ApiToken, User

# A token's last use is written at most this often, so that reads do not all become writes.
LAST_USED_RESOLUTION = timedelta(minutes=5)


class ApiTokenAuth(HttpBearer):
    """A bearer token from `create_api_token`; only its SHA-256 is stored."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        if not token or len(token) > 200:
            return None
        api_token = (
            ApiToken.objects.select_related("user")
            .filter(digest=ApiToken.digest_of(token), revoked_at=None, user__is_active=True)
            .first()
        )
        if api_token is None:
            return None
        now = timezone.now()
        if api_token.last_used_at is None or now - api_token.last_used_at > LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=now)
        return api_token.user


token_auth = ApiTokenAuth()
