"""Did the training work? Completion, knowledge tests, feedback and certificates.

One module per concern, each readable on its own:

- ``completion``: each participant's sessions, hours and whether they completed the
  training under its rule (a share of the sessions, or every required one);
- ``figures``: the report's ``completed`` and ``tests`` figures, by category and sex;
- ``scores``: pre- and post-test scores per participant; ``scores_import`` reads them
  from a spreadsheet with the participant lists' column titles and bounded readers;
- ``feedback``: the standard form (editable per mission), answers, averages, comments;
- ``certificates``: certificate PDFs whose QR code carries a signed statement, and
  their offline verification; ``statement``: that statement's compact signed form;
- ``pdf_sections``: the summary PDF's completion, test and feedback sections;
- ``people``: scores and answers follow a person merged into another;
- ``demo``: plausible scores and feedback for the demo's three pilot trainings.
"""
