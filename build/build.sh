#!/usr/bin/env bash
# StaticLink's build entry point, in named steps.
#
#   build/build.sh main    the main job: restore and build; then pack StaticLink.Sdk and the StaticLink.Cli tool
#                          into artifacts/packages and publish the samples through the gate (build/pack.sh,
#                          build/samples.sh) when they exist, else show `staticlink inspect` on the .NET runtime's
#                          own native files
#   build/build.sh test    the tests (build/test.sh); ends with "N passed, M failed, K skipped"
#   build/build.sh bench   the benchmark (build/bench.sh): staticlink inspect against scanelf, the reader alone,
#                          and the gate's share of a self-contained publish
#   build/build.sh build   restore and build only
#   build/build.sh inspect-runtime   staticlink inspect on the .NET runtime's native files
#
# CONFIGURATION=Release selects the build configuration (default Debug).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 MSBUILDTERMINALLOGGER=off
configuration="${CONFIGURATION:-Debug}"

usage() {
  sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

step_build() {
  echo "== build: dotnet build StaticLink.slnx -c $configuration"
  dotnet build StaticLink.slnx -c "$configuration" -nologo -nodeReuse:false
}

# The shared framework this SDK runs on, e.g. /usr/share/dotnet/shared/Microsoft.NETCore.App/10.0.12.
runtime_directory() {
  dotnet --list-runtimes | awk '$1 == "Microsoft.NETCore.App" { dir = $3 "/" $2 } END { gsub(/[][]/, "", dir); print dir }'
}

step_inspect_runtime() {
  local runtime cli
  runtime="$(runtime_directory)"
  cli="src/StaticLink.Cli/bin/$configuration/net10.0/staticlink.dll"
  if [[ ! -f "$cli" ]]; then
    step_build
  fi
  echo "== inspect: the native files of the .NET runtime in $runtime"
  dotnet "$cli" inspect "$runtime"
}

step_main() {
  step_build
  if [[ -x build/pack.sh && -x build/samples.sh ]]; then
    build/pack.sh
    build/samples.sh
  else
    step_inspect_runtime
  fi
}

case "${1:-}" in
  main) step_main ;;
  build) step_build ;;
  test) shift; exec build/test.sh "$@" ;;
  bench) shift; exec build/bench.sh "$@" ;;
  inspect-runtime) step_inspect_runtime ;;
  -h|--help|help) usage ;;
  *) usage >&2; echo "build.sh: unknown or missing step '${1:-}'" >&2; exit 64 ;;
esac
