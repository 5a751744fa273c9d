"""planwissen's REST API alone (no UI), for the server-memory benchmark when `planwissen serve` is not available:

python -m bench.planwissen_app DATA_DIR PORT
"""

from __future__ import annotations

import sys


def serve(data_dir: str, port: int) -> int:
    import uvicorn

    from assistant.api.app import create_app
    from assistant.bootstrap import build_services, configure_runtime
    from bench.tasks import planwissen_settings

    settings = planwissen_settings(data_dir)
    configure_runtime(settings)
    app = create_app(build_services(settings), bind_host="127.0.0.1")
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")
    return 0


if __name__ == "__main__":
    sys.exit(serve(sys.argv[1], int(sys.argv[2])))
