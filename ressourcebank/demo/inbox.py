"""Demo teams for the inbox: two teams with their staff, their topics and their phone hours.

Idempotent like the rest of load_demo: teams are found by slug, staff by e-mail.
"""

from collections.abc import Callable

from django_otp.plugins.otp_totp.models import TOTPDevice

from ressourcebank.accounts.models import User
from ressourcebank.inbox.actions import NewInquiry, submit_inquiry
from ressourcebank.inbox.models import Inquiry, Team, Topic

# topic, text, answer by, name, e-mail, phone: messages waiting in the teams' queues
INQUIRIES = [
    (
        "oekonomi",
        "Jeg har fået et brev om min boligstøtte, som jeg ikke forstår. Skal jeg betale noget tilbage?",
        "email",
        "Hanne Hansen",
        "hanne@ressourcebank.test",
        "",
    ),
    (
        "job",
        "Min søn på 17 vil gerne i praktik i en butik. Hvem kan hjælpe ham med at finde en plads?",
        "sms",
        "Karim Ali",
        "",
        "12 34 56 78",
    ),
]

# slug, name, answer days, e-mail, phone, phone hours, staff (e-mail prefix, name), topics
TEAMS = [
    (
        "borgerservice",
        "Borgerservice",
        3,
        "borgerservice@randers.test",
        "89 15 15 15",
        "Mandag til fredag kl. 9–10",
        [("medarbejder", "Mette Medarbejder"), ("borgerservice", "Bo Borgerservice")],
        ["oekonomi", "bolig", "ressourcebanken", "andet"],
    ),
    (
        "job-og-familie",
        "Job og familie",
        5,
        "jobogfamilie@randers.test",
        "89 15 16 00",
        "Mandag, onsdag og torsdag kl. 9–10",
        [("jobogfamilie", "Jonna Job")],
        ["job", "boern-familie", "sundhed-trivsel"],
    ),
    (
        "boligteam",
        "Boligteam",
        2,
        "boligteam@randers.test",
        "89 15 17 00",
        "Mandag til torsdag kl. 9–11",
        [("boligteam", "Birgitte Bolig")],
        ["udlejer-varsel"],
    ),
]


def load_teams(user: Callable[[str, str, str], User]) -> dict[str, Team]:
    """`user(email, name, role)` is load_demo's own get-or-create, so the staff log in like the rest."""
    teams = {}
    for position, (slug, name, days, email, phone, hours, staff, topics) in enumerate(TEAMS):
        team, _created = Team.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "answer_days": days,
                "email": email,
                "phone": phone,
                "phone_hours": hours,
                "position": position,
            },
        )
        members = [user(f"{prefix}@ressourcebank.test", person, User.Role.STAFF) for prefix, person in staff]
        for member in members:
            # Set up already, like the other staff logins: `manage.py demo_totp_code EMAIL` gives the code.
            TOTPDevice.objects.get_or_create(user=member, name="Demo", defaults={"confirmed": True})
        team.members.add(*members)
        Topic.objects.filter(slug__in=topics, team__isnull=True).update(team=team)
        teams[slug] = team
    return teams


def load_inquiries() -> None:
    """Two messages from citizens without an account, written once (found again by name)."""
    for topic, text, answer_by, name, email, phone in INQUIRIES:
        if Inquiry.objects.filter(name=name, citizen__isnull=True).exists():
            continue
        submit_inquiry(
            NewInquiry(
                topic=Topic.objects.get(slug=topic),
                message=text,
                answer_by=answer_by,
                name=name,
                email=email,
                phone=phone,
            ),
            by=None,
        )
