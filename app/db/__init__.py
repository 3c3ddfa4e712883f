"""The Qt-free data layer: models, engine and the sync bookkeeping every record carries."""
