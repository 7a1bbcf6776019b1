"""The brochure ("pjecen"): an A5 booklet per area or theme, printed from the live data."""
