"""What auditors and donors ask for (issue 19), one module per concern:

- ``money``: exact amounts (Decimal), currencies and their minor units, rounding;
- ``perdiem``: a training's rates and who is paid; ``perdiem_compute``: what each
  participant is owed from the days they attended; ``perdiem_sheet``: the signed
  payment sheet (PDF) and its .xlsx;
- ``consent``: consent by purpose, and what it hides (names in reports, the bundle);
- ``profile``: age bands and the Washington Group short set; ``figures``: the
  breakdowns reports, PDFs and HQ tables show; ``retention``: anonymising people
  whose last training is older than the mission's limit;
- ``evidence``: files attached to a training or session, sealed in the data folder;
  ``evidence_sync``: how they travel in bundles; ``pdf_sections``: what the signed
  summary says about all of it.

Qt-free, like every service.
"""
