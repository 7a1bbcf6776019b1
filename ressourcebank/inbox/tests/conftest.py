from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from ressourcebank.accounts.models import User
from ressourcebank.inbox.actions import NewInquiry, submit_inquiry
from ressourcebank.inbox.models import Inquiry, Team, Topic

# The smallest files that are what they say: a PDF header and a 1x1 PNG.
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
)


@pytest.fixture(autouse=True)
def fresh_rate_limit() -> Any:
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def private_media(settings: Any, tmp_path: Path) -> Path:
    """Attachments go to a folder of the test's own, outside anything served."""
    folder = tmp_path / "private"
    settings.PRIVATE_MEDIA_ROOT = folder
    return folder


@pytest.fixture
def team(erik: User) -> Team:
    team = Team.objects.create(
        name="Borgerservice",
        slug="borgerservice",
        answer_days=3,
        email="bs@randers.test",
        phone="89 15 15 15",
        phone_hours="Mandag til fredag kl. 9–10",
    )
    team.members.add(erik)
    Topic.objects.filter(slug__in=["oekonomi", "bolig"]).update(team=team)
    return team


@pytest.fixture
def gitte(db: Any) -> User:
    """Staff on another team."""
    return User.objects.create_user(email="gitte@randers.dk", password="x", name="Gitte Job", role=User.Role.STAFF)


@pytest.fixture
def other_team(gitte: User) -> Team:
    other = Team.objects.create(
        name="Job og familie",
        slug="job-og-familie",
        answer_days=5,
        email="jf@randers.test",
        phone="89 15 16 00",
        phone_hours="Mandag, onsdag og torsdag kl. 9–10",
    )
    other.members.add(gitte)
    Topic.objects.filter(slug="job").update(team=other)
    return other


@pytest.fixture
def write(team: Team) -> Callable[..., Inquiry]:
    def make(**fields: Any) -> Inquiry:
        data = {
            "topic": Topic.objects.get(slug="oekonomi"),
            "message": "Jeg har fået et brev om min boligstøtte, som jeg ikke forstår.",
            "answer_by": "email",
            "name": "Hanne Hansen",
            "email": "hanne@example.dk",
        } | {k: v for k, v in fields.items() if k != "files"}
        return submit_inquiry(NewInquiry(**data), files=fields.get("files"), by=None)

    return make


def upload(name: str, content: bytes, content_type: str = "application/pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)
