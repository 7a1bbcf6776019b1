"""Field limits live on the models; forms, the importer and the API schemas read them from there."""

from django.db import models


def max_length(model: type[models.Model], name: str) -> int:
    """The model field's max_length (a CharField's, or a TextField's checked one)."""
    length = getattr(model._meta.get_field(name), "max_length", None)
    if not length:
        raise ValueError(f"{model.__name__}.{name} has no max_length")
    return int(length)
