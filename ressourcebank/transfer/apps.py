from django.apps import AppConfig


class TransferConfig(AppConfig):
    name = "ressourcebank.transfer"
    verbose_name = "Import og eksport"
