#!/usr/bin/env bash
# Installs the npm packages of package-lock.json into node_modules/, only when the lock file changed.
# Called by the Maven build and by ./greenlight, so nobody runs npm by hand.
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in node npm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "Greenlight needs Node.js 20 or newer with npm for its local DynamoDB (dynalite) and" >&2
    echo "the ASL validator, but '$tool' is not on PATH. Install Node.js (e.g. 'apt-get install nodejs npm')" >&2
    echo "and run the command again." >&2
    exit 1
  fi
done

stamp=node_modules/.package-lock.json
if [ -f "$stamp" ] && [ "$stamp" -nt package-lock.json ] && [ -d node_modules/dynalite ]; then
  exit 0
fi
echo "Installing npm packages from package-lock.json"
npm ci --no-audit --no-fund --loglevel=error
