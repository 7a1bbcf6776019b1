"""The guide ("Sådan hjælper du"): pages staff write on how to help others, with versions kept."""
