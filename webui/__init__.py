"""vanthu's web interface (Flask) and command line; no business rules live here."""
from __future__ import annotations

from flask import Flask


def create_app(test_config: dict | None = None) -> Flask:
    """Application factory, as in Flask's tutorial: configuration, then one blueprint per concern."""
    from generator import ensure_data_dir

    app = Flask(__name__)
    app.config.from_mapping(DATA_DIR=str(ensure_data_dir()))
    if test_config:
        app.config.update(test_config)

    @app.get("/")
    def dashboard():
        return "vanthu"

    return app
