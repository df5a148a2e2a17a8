"""Rules that look across files: cases against the procedure, results against the plan, confidential
names in public text, the language versions of a publication."""
