#!/usr/bin/env bash
# Runs every test of StaticLink.slnx and ends with one plain line: "N passed, M failed, K skipped".
#   build/test.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Cli]
# Exit code: 0 when every test passed and dotnet test succeeded; otherwise non-zero.
# The tests compile and read real binaries, so they need gcc, musl-gcc, readelf and scanelf (see the check below;
# .ci/run installs them).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 MSBUILDTERMINALLOGGER=off

missing=()
for tool in dotnet gcc musl-gcc readelf scanelf; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if ((${#missing[@]})); then
  {
    echo "test.sh: the tests need these tools, which are not installed: ${missing[*]}"
    echo "  gcc -> gcc, musl-gcc -> musl-tools, readelf -> binutils, scanelf -> pax-utils, dotnet -> the .NET 10 SDK"
    echo "  e.g.: sudo apt-get install -y gcc musl-tools binutils pax-utils   (.ci/run does this by itself)"
  } >&2
  exit 2
fi

results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

echo "== test: dotnet test StaticLink.slnx"
log="$results/dotnet-test.log"
set +e
dotnet test StaticLink.slnx -nologo -nodeReuse:false --results-directory "$results" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# VSTest closes each test project's run with one line such as
#   "Passed!  - Failed:     0, Passed:    50, Skipped:     0, Total:    50, Duration: 2 s - X.Tests.dll (net10.0)"
# Summing those lines counts every project, whatever order or timing they finished in.
sum() {
  grep -E '^\s*(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+, Total: +[0-9]+' "$log" \
    | sed -E "s/.*$1: +([0-9]+).*/\\1/" | awk '{ total += $1 } END { print total + 0 }'
}
passed="$(sum Passed)"
failed="$(sum Failed)"
skipped="$(sum Skipped)"

summary="$passed passed, $failed failed, $skipped skipped"
echo "$summary" >"$results/summary.txt"
if [[ $status -ne 0 && $failed -eq 0 ]]; then
  echo "test.sh: dotnet test exited with $status (a build error or a crashed test host; see above)" >&2
fi
echo "$summary"
if [[ $status -ne 0 ]]; then
  exit "$status"
fi
if [[ $failed -ne 0 ]]; then
  exit 1
fi
