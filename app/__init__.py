"""Muster: log capacity-building trainings offline, report them with proof."""

__version__ = "0.1.0"
APP_NAME = "Muster"
