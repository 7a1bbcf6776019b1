"""POST /api/v1/inquiries: write to the municipality from another service (a kiosk, a chat bot),
with no token, like the form "Skriv til kommunen": the same action, the same limits, the same
rate limit per client. The answer gives the status link the citizen reads the answer through."""

from datetime import date
from typing import Annotated, Any, Literal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import Field, StringConstraints

from ressourcebank.inbox.actions import NewInquiry, status_url, submit_inquiry
from ressourcebank.inbox.forms import MESSAGE_MAX, is_phone_number
from ressourcebank.inbox.models import AnswerBy, Inquiry, Topic
from ressourcebank.inbox.ratelimit import take_allowance
from ressourcebank.lib.limits import max_length

from .errors import field_error
from .schemas import ErrorOut, InSchema, NoNul, Slug

router = Router(tags=["Henvendelser"])

Message = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MESSAGE_MAX), NoNul]
Name = Annotated[str, StringConstraints(strip_whitespace=True, max_length=max_length(Inquiry, "name")), NoNul]
Email = Annotated[str, StringConstraints(strip_whitespace=True, max_length=max_length(Inquiry, "email")), NoNul]
Phone = Annotated[str, StringConstraints(strip_whitespace=True, max_length=max_length(Inquiry, "phone")), NoNul]


class InquiryIn(InSchema):
    topic: Slug = Field(description="Emnets kort navn, fx oekonomi, job, bolig, boern-familie, andet.")
    message: Message = Field(description="Beskeden med borgerens egne ord.")
    name: Name = ""
    email: Email = Field("", description="Skal med, når answer_by er email. Så får borgeren også en kvittering.")
    phone: Phone = Field("", description="Skal med, når answer_by er phone eller sms.")
    answer_by: Literal["email", "phone", "sms"] = Field(description="Hvordan borgeren vil have svar.")


class InquiryOut(Schema):
    reference: str = Field(description='Referencenummeret, fx "H-7KQ3-M9XA".')
    answer_by_date: date = Field(description="Den dag, vi senest svarer (arbejdsdage, helligdage fraregnet).")
    status_url: str = Field(description="Borgerens link til beskeden og svaret. Det udløber; del det kun med borgeren.")


@router.post(
    "",
    response={201: InquiryOut, 429: ErrorOut},
    summary="Skriv til kommunen",
)
def create(request: HttpRequest, payload: InquiryIn) -> tuple[int, dict[str, Any]]:
    """Ingen nøgle. Højst 10 beskeder i timen pr. klient (som formularen); derover 429."""
    topic = Topic.objects.active().filter(slug=payload.topic).first() if "\x00" not in payload.topic else None
    if topic is None:
        raise field_error("topic", f'Unknown topic "{payload.topic[:50]}".')
    if payload.email:
        try:
            validate_email(payload.email)
        except DjangoValidationError:
            raise field_error("email", "Not a valid e-mail address.") from None
    if payload.phone and not is_phone_number(payload.phone):
        raise field_error("phone", "A phone number has at least 8 digits, e.g. 12 34 56 78.")
    if payload.answer_by == AnswerBy.EMAIL and not payload.email:
        raise field_error("email", "An e-mail address is needed to answer by e-mail.")
    if payload.answer_by != AnswerBy.EMAIL and not payload.phone:
        raise field_error("phone", "A phone number is needed to answer by phone or SMS.")
    if not take_allowance(request):
        return 429, {"detail": "For mange beskeder på kort tid. Vent en time, eller ring til kommunen."}
    inquiry = submit_inquiry(
        NewInquiry(
            topic=topic,
            message=payload.message,
            answer_by=payload.answer_by,
            name=payload.name,
            email=payload.email,
            phone=payload.phone,
        ),
        by=None,
    )
    return 201, {"reference": inquiry.reference, "answer_by_date": inquiry.due_on, "status_url": status_url(inquiry)}
