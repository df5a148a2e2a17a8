"""Phase 2a: chapters rendered to Markdown in a sandbox over public views of the data: the chapter
API, the case statistics, the labels and the localizer, the charts."""
