"""Open activities ("fællesskaber"): one-off or recurring, with sign-up, a waitlist and iCal feeds."""
