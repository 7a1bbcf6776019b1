"""Places at businesses: internships and special jobs, checked against the rules, and their agreements."""
