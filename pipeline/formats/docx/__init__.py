"""The DOCX localizer: pandoc with a reference document made from the brand, finished with
python-docx, packed the same way on every build."""
