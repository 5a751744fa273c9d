"""Call the mounted Gradio UI over plain HTTP, as its page does: POST /gradio_api/queue/join, then read the event stream.

For end-to-end tests with a real session cookie (the UI's events are private: not callable by name, only by index, like
the page calls them). Finds an event by the elem_id of the component that triggers it.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass

import httpx


@dataclass
class GradioCall:
    """What one call came back with: the HTTP status of the join, its JSON when refused, and the outputs when done."""

    status: int
    refused: dict | None = None
    outputs: list | None = None
    error: dict | None = None


class GradioPage:
    """One page load (a session hash) of the UI at `base_url`, with `client`'s cookies."""

    def __init__(self, client: httpx.Client, base_url: str):
        self.client = client
        self.base_url = base_url
        self.session_hash = uuid.uuid4().hex[:11]
        config = client.get(f"{base_url}/config")
        config.raise_for_status()
        self.config = config.json()
        self._components = {c["id"]: c for c in self.config["components"]}

    def event(self, elem_id: str | None, trigger: str) -> tuple[int, int | None]:
        """(fn_index, trigger id) of the event `trigger` ("click", "load" …) of the component with this elem_id (None: the page)."""
        for index, dependency in enumerate(self.config["dependencies"]):
            for target, kind in dependency["targets"]:
                props = self._components.get(target, {}).get("props", {})
                if kind == trigger and (elem_id is None or props.get("elem_id") == elem_id):
                    return dependency.get("id", index), target
        raise LookupError(f"no {trigger} event on {elem_id}")

    def inputs(self, fn_index: int) -> list[int]:
        return next(d for i, d in enumerate(self.config["dependencies"]) if d.get("id", i) == fn_index)["inputs"]

    def call(self, elem_id: str | None, trigger: str, values: dict[str, object] | None = None, timeout_s: float = 30) -> GradioCall:
        """Run the event with inputs given by elem_id (others: None, which Gradio State inputs ignore)."""
        fn_index, trigger_id = self.event(elem_id, trigger)
        by_elem = {self._components[i].get("props", {}).get("elem_id"): i for i in self.inputs(fn_index)}
        data = [None] * len(self.inputs(fn_index))
        for key, value in (values or {}).items():
            data[self.inputs(fn_index).index(by_elem[key])] = value
        body = {"data": data, "fn_index": fn_index, "trigger_id": trigger_id, "session_hash": self.session_hash, "event_data": None}
        joined = self.client.post(f"{self.base_url}/gradio_api/queue/join", json=body)
        if joined.status_code != 200:
            return GradioCall(status=joined.status_code, refused=joined.json())
        with self.client.stream("GET", f"{self.base_url}/gradio_api/queue/data", params={"session_hash": self.session_hash},
                                timeout=timeout_s) as stream:
            for line in stream.iter_lines():
                if not line.startswith("data:"):
                    continue
                message = json.loads(line[5:])
                if message.get("msg") == "process_completed":
                    output = message.get("output") or {}
                    if not message.get("success", True) or "error" in output:
                        return GradioCall(status=200, error=output)
                    return GradioCall(status=200, outputs=output.get("data"))
        raise RuntimeError("the event stream ended without a result")
