"""Phase 4, the hand-off: the gate no confidential string passes, the staging that moves all
outputs into place together, the folders the pipeline owns, the index page."""
