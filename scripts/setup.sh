#!/usr/bin/env bash
# Sets up a fresh machine for ClaimDesk: the Debian tools the tests read PDFs and drive a browser with,
# then the npm dependencies (Electron's binary is skipped: it cannot be downloaded on our build machines).
set -euo pipefail
cd "$(dirname "$0")/.."

# fonts-arphic-gbsn00lp, -gkai00mp and fonts-lxgw-wenkai: the faces of OCR corpus C (scripts/ocr-corpus-c).
# python3-pil (with python3-opencv): OCR corpus D's generator (scripts/ocr-corpus-d/make.py).
# postgresql-15: the server binaries (with pg_trgm) the shared-database tests run a throw-away server from;
# postgresql-common is told not to create and start a system cluster of its own.
DEB_PACKAGES=(chromium poppler-utils qpdf mupdf-tools img2pdf python3-opencv python3-pil fonts-noto-cjk fonts-wqy-zenhei fonts-wqy-microhei fonts-arphic-uming fonts-arphic-ukai fonts-arphic-gbsn00lp fonts-arphic-gkai00mp fonts-lxgw-wenkai strace postgresql-15)
missing=()
for p in "${DEB_PACKAGES[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "setup: installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  if [ ! -e /etc/postgresql-common/createcluster.conf ]; then
    $SUDO mkdir -p /etc/postgresql-common/createcluster.d
    echo 'create_main_cluster = false' | $SUDO tee /etc/postgresql-common/createcluster.d/claimdesk.conf >/dev/null
  fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

export ELECTRON_SKIP_BINARY_DOWNLOAD=1
# Also said in .npmrc (onnxruntime-node-install=skip, for a plain `npm ci`); npm warns that it will stop
# passing unknown project settings to install scripts, and the environment variable keeps working then.
export ONNXRUNTIME_NODE_INSTALL=skip
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
