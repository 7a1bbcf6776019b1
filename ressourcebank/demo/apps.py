from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "ressourcebank.demo"
    verbose_name = "Demo"
