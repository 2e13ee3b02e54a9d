"""Models of the impact app. Energy, material and waste live in ``models_energy``."""

from .models_energy import *  # noqa: F403
