"""The German Gradio UI: `build_ui(services)` (see ui/app.py). Importing this package does not import Gradio."""
