#!/usr/bin/env bash
# Installs Debian's chromium package for the console's browser tests (playwright-core drives it; it downloads
# no browser of its own). Does nothing when a Chromium is already there. Needs root, or sudo.
set -euo pipefail

for candidate in "${FILORA_TEST_CHROMIUM:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then
    echo "chromium: $("$candidate" --version 2>/dev/null || echo "$candidate")"
    exit 0
  fi
done

as_root=()
[ "$(id -u)" -eq 0 ] || as_root=(sudo)
"${as_root[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends chromium
echo "chromium: $(/usr/bin/chromium --version)"
