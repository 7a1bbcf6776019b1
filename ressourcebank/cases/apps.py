from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    """Cases ("forløb"): a tovholder's follow-up of a citizen or a family, their plan and consents."""

    name = "ressourcebank.cases"
    verbose_name = _("Forløb")

    def ready(self) -> None:
        # Needs and accounts sit below cases: the consent decides what a volunteer sees of a case's
        # need, and Min side links to the case, through their hooks.
        from ressourcebank.accounts import hooks as accounts
        from ressourcebank.audit import models as audit
        from ressourcebank.needs import hooks as needs

        from . import access_rules, personal_data, sharing, views

        needs.provider_sharing.register(sharing.provider_sharing)
        needs.staff_need_rule.register(access_rules.staff_need_rule)
        audit.describe_actor.register(access_rules.describe_actor)
        accounts.dashboard_parts.register(views.dashboard_part)
        accounts.export_parts.register(personal_data.export_part)
