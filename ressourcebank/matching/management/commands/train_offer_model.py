from django.core.management.base import BaseCommand

from ressourcebank.matching.offer_model import train


class Command(BaseCommand):
    help = "Trains matching's category model on the published offers' words and on accepted help."

    def handle(self, *args: object, **options: object) -> None:
        model = train()
        self.stdout.write(f"Kategorimodellen er trænet på {model.offers:,} tilbud på {model.seconds:.1f} s.")
