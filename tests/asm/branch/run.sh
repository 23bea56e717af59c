#!/bin/sh
# Branch, exception and system-instruction tests: the same runner as ldst/.
#   run.sh ZARM [RUNNER]
SUITE_DIR=$(cd "$(dirname "$0")" && pwd)
export SUITE_DIR
exec sh "$SUITE_DIR/../ldst/run.sh" "$@"
