"""Letters built from a case and the template in data/letter.yaml (``build``), laid out as .txt, .md
or .docx (``formats``)."""
