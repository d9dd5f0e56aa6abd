#!/usr/bin/env bash
# The README's two quick-start commands.
#   packaging/dev.sh run    set up what is missing, build, start samsa
#   packaging/dev.sh test   set up what is missing, build, run every test (soak and fuzz left out)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"

"$here/packaging/setup-deps.sh"

build() {
    cmake --preset dev >/dev/null
    cmake --build --preset dev -- -j"$(nproc)"
}

case "${1:-}" in
run)
    build
    shift
    exec "$here/build/dev/bin/samsa" "$@"
    ;;
test)
    build
    ctest --preset dev
    ;;
*)
    echo "usage: $0 run|test" >&2
    exit 2
    ;;
esac
