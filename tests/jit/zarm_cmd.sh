# Sourced by the tests/jit scripts run as SCRIPT ZARM_CMD... -- PROGRAM ARGS...: the words
# before "--" (zarm, maybe behind its emulator) go to the array zarm, and the positional
# parameters become PROGRAM ARGS.
zarm=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
    zarm+=("$1")
    shift
done
shift
