#!/usr/bin/env sh
# Runs a command with the network cut off: a fresh network namespace holding only a loopback interface, so
# anything that reaches beyond 127.0.0.1 fails at once. Proves the emulator, the e2e suite and `npm start`
# need no network.
#   scripts/offline.sh node_modules/.bin/jest test/e2e
#   scripts/offline.sh node_modules/.bin/tsx emulator/cli.ts
# Needs unprivileged user namespaces (most Linux machines and CI runners; not macOS).
set -eu
if [ "$#" -eq 0 ]; then
  echo "usage: scripts/offline.sh <command> [args...]" >&2
  exit 2
fi
if ! unshare -rn true 2>/dev/null; then
  echo "scripts/offline.sh: unshare -rn is not permitted here (no unprivileged user namespaces)" >&2
  exit 3
fi
exec unshare -rn sh -c 'ip link set lo up && exec "$@"' offline "$@"
