from ninja import NinjaAPI

api = NinjaAPI(title="Ressourcebanken API", version="1", urls_namespace="api")
