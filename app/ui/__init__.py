"""The PySide6 desktop interface over the Qt-free services."""
