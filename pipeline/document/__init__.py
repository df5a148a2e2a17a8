"""Phase 2b: the rendered Markdown parsed once by pandoc, and the format-neutral transforms of its
tree: chapters, cross-references, citations, boxes; the document every format writer reads."""
