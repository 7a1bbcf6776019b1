"""The token in an e-mail confirmation link.

Built like Django's password reset token: nothing personal in the link, valid for one day, and
useless once the address is confirmed or changed (both are part of the hash).
"""

from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.encoding import force_bytes
from django.utils.http import base36_to_int, urlsafe_base64_encode

from .models import User

CONFIRMATION_TIMEOUT_SECONDS = 60 * 60 * 24


class EmailConfirmationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "ressourcebank.accounts.tokens.EmailConfirmationTokenGenerator"

    def _make_hash_value(self, user: User, timestamp: int) -> str:  # type: ignore[override]
        confirmed = "" if user.email_confirmed_at is None else user.email_confirmed_at.isoformat()
        return f"{user.pk}|{user.email}|{confirmed}|{timestamp}"

    def check_token(self, user: User | None, token: str | None) -> bool:  # type: ignore[override]
        if not super().check_token(user, token):
            return False
        # Our own limit, so a longer PASSWORD_RESET_TIMEOUT never stretches this link.
        timestamp = base36_to_int(str(token).split("-")[0])
        return self._num_seconds(self._now()) - timestamp <= CONFIRMATION_TIMEOUT_SECONDS


email_confirmation_token = EmailConfirmationTokenGenerator()


def confirmation_path_args(user: User) -> tuple[str, str]:
    """The uidb64 and token of the user's confirmation link (the pk is not personal data)."""
    return urlsafe_base64_encode(force_bytes(user.pk)), email_confirmation_token.make_token(user)
