# Sourced by the CLI shell tests, which set $tmp (a scratch folder) and $failures:
#   expect CODE DESCRIPTION -- command...
# runs the command with its output in $tmp/out and $tmp/err, prints "ok: ..." when
# it exits with CODE, else the failure and both outputs, and counts it in $failures.
expect() {
  local want=$1 what=$2
  shift 3
  "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  if [[ $got != "$want" ]]; then
    echo "FAIL: $what: exit $got, expected $want"; cat "$tmp/out" "$tmp/err"; failures=$((failures + 1))
  else
    echo "ok: $what"
  fi
}
