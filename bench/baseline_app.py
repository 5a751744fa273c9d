"""The baseline pipeline as a command and as a server, so its cold start and server memory can be measured
the same way as planwissen's:

    python -m bench.baseline_app ask PERSIST_DIR "Frage"        # cold start: load, open index, answer, exit
    python -m bench.baseline_app serve PERSIST_DIR PORT          # POST /search, POST /ask, GET /health
"""

import sys  # no `from __future__ import annotations`: FastAPI must see the request model defined inside serve()


def _open(persist_dir: str):
    from bench.tasks import chroma_collection, load_embedder, planwissen_settings
    from eval.baseline import LlamaIndexBaseline

    embedder, _ = load_embedder(planwissen_settings(persist_dir))
    return LlamaIndexBaseline.open_chroma(embedder, chroma_collection(persist_dir))


def ask(persist_dir: str, question: str) -> int:
    answer = _open(persist_dir).answer(question)
    print(answer.text[:500])
    return 0


def serve(persist_dir: str, port: int) -> int:
    import uvicorn
    from fastapi import FastAPI
    from pydantic import BaseModel

    baseline = _open(persist_dir)
    app = FastAPI(title="baseline")

    class Query(BaseModel):
        question: str = ""
        query: str = ""

    @app.get("/health")
    def health() -> dict:
        return {"status": "ok"}

    @app.post("/search")
    def search(body: Query) -> dict:
        return {"passages": [{"doc": p.doc_id, "text": p.text} for p in baseline.retrieve(body.query or body.question)]}

    @app.post("/ask")
    def answer(body: Query) -> dict:
        result = baseline.answer(body.question or body.query)
        return {"text": result.text, "citations": [p.doc_id for p in result.citations]}

    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")
    return 0


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    sys.exit(ask(args[0], args[1]) if command == "ask" else serve(args[0], int(args[1])))
