"""Who is calling: a personal API token sent as `Authorization: Bearer <token>`. Session cookies are
never accepted, so a cross-site form cannot write through a logged-in browser."""

from django.http import HttpRequest
from ninja.security import HttpBearer

from ressourcebank.accounts.actions import use_api_token
from ressourcebank.accounts.models import User


class ApiTokenAuth(HttpBearer):
    """A bearer token from "Mine API-nøgler" or `create_api_token`: unknown, expired or revoked is 401,
    a read token that tries to write is 403 (see accounts.actions.use_api_token)."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        return use_api_token(token, method=request.method or "GET", path=request.path)


token_auth = ApiTokenAuth()


class TokenRequest(HttpRequest):
    """The request of an operation behind token_auth: ninja reaches it only when the token was good,
    and has put the token's owner on `auth`."""

    auth: User
