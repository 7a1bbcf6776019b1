"""What a volunteer or organisation may see of a case's need: the consent of the family member the
need is for decides, asked at the moment of each page or API call (registered with needs' hook)."""

from collections.abc import Collection

from ressourcebank.needs.hooks import ProviderView

from .models import CaseNeed, Consent


def provider_sharing(need_ids: Collection[int]) -> dict[int, ProviderView]:
    """For each of the needs that belongs to a case: whether the member's consent to share with a
    volunteer is in force now. Two queries, however many needs."""
    if not need_ids:
        return {}
    links = list(CaseNeed.objects.filter(need_id__in=need_ids).select_related("member"))
    if not links:
        return {}
    consenting = set(
        Consent.objects.in_force()
        .filter(purpose=Consent.Purpose.SHARE_WITH_VOLUNTEER, member_id__in={link.member_id for link in links})
        .values_list("member_id", flat=True)
    )
    return {
        link.need_id: ProviderView(shares=link.member_id in consenting, first_name=link.member.first_name)
        for link in links
    }
