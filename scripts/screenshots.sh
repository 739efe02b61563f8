#!/usr/bin/env bash
# Renders a screenshot of every dashboard view under Xvfb into docs/screenshots/.
# Needs Debian packages xvfb, xauth, libgl1-mesa-dri (software GL) and imagemagick (`import`).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${GOVGAP_BIN:-target/release/govgap}
[ -x "$bin" ] || cargo build --release -p govgap-app
out=docs/screenshots
mkdir -p "$out"
export LIBGL_ALWAYS_SOFTWARE=1
Xvfb :77 -screen 0 1280x820x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
sleep 1
for lang in ${LANGS:-en zh}; do
  for view in overview dimensions gaps benchmarks what_if uncertainty data losi; do
    DISPLAY=:77 GOVGAP_VIEW=$view GOVGAP_LANG=$lang XDG_DATA_HOME=$(mktemp -d) "$bin" >/dev/null 2>&1 &
    app=$!
    sleep "${WAIT:-6}"
    DISPLAY=:77 import -window root "$out/${view}_${lang}.png"
    kill $app 2>/dev/null || true
    wait $app 2>/dev/null || true
    echo "wrote $out/${view}_${lang}.png"
  done
done
