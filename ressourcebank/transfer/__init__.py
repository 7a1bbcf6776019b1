"""Moving offers and needs in and out of Ressourcebanken in bulk (JSON Lines or CSV).

An import is a staff action from a trusted source: all or nothing, keyed by the source's own id,
fast enough for 100k rows. An export writes the same format, so it imports again unchanged.
"""
