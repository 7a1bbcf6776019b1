"""The request bodies the API tests send: a valid new offer and a valid new need, said once."""

NEW_OFFER = {
    "title": "Besøgsven i Assentoft",
    "description": "Jeg kommer gerne forbi til en kop kaffe.",
    "category": "besoegsven",
    "area": "assentoft",
}
NEW_NEED = {"description": "Jeg har brug for hjælp til at handle.", "area": "assentoft"}
