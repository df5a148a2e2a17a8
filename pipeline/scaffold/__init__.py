"""`ncp new …`: skeletons of new cases, publications, chapters and hearing responses.

Each skeleton passes `ncp check` as written and builds; what a person still has to
fill in is said in a comment at its line, and a new publication is a draft
(`draft: true`, marked in every output) until the writer removes that line.
"""
