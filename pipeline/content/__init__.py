"""Phase 1: read the content folder and validate each file: the typed model, the YAML and text
readers that keep positions, the brand file, the vocabularies, the files a build may read."""
