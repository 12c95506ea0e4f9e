#!/usr/bin/env bash
# Publishes the two samples through the StaticLink gate, with the package build/pack.sh put in artifacts/packages:
#   samples/MuslSqlite     must pass (a package with a real musl build);
#   samples/MuslMonoPosix  must fail with SL1002 (a glibc library that NuGet put in a musl output, on alpine.3.20).
# Exits 0 when both outcomes are the expected ones.
#   build/samples.sh [VERSION]   (default: $STATICLINK_VERSION, else the version in Directory.Build.props)
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="${1:-${STATICLINK_VERSION:-}}"
if [[ -z "$version" ]]; then
  version="$(dotnet msbuild "$root/src/StaticLink.Sdk/StaticLink.Sdk.csproj" -getProperty:PackageVersion -nologo)"
fi
if [[ ! -f "$root/artifacts/packages/StaticLink.Sdk.$version.nupkg" ]]; then
  echo "samples: artifacts/packages/StaticLink.Sdk.$version.nupkg is missing; run build/pack.sh first" >&2
  exit 1
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDTERMINALLOGGER=off
logs="$root/artifacts/samples"
mkdir -p "$logs"
status=0

publish() { # name -> exit code of dotnet publish; output in artifacts/samples/<name>.log
  local name="$1"
  dotnet publish "$root/samples/$name/$name.csproj" -c Release -nodeReuse:false -p:UseSharedCompilation=false \
    "-p:StaticLinkSampleVersion=$version" -bl:"$logs/$name.binlog" >"$logs/$name.log" 2>&1
}

show() { # the StaticLink part of a publish log: summary, diagnostics, report path
  grep -E 'StaticLink|^\s+(file|[^ ]+\.so)\s|(error|warning) SL[0-9]{4}' "$1" | awk '!seen[$0]++' | sed 's/^ */    /' | head -40
}

echo "== samples: MuslSqlite (expected: pass)"
if publish MuslSqlite; then
  show "$logs/MuslSqlite.log"
  echo "   PASS as expected"
else
  cat "$logs/MuslSqlite.log"
  echo "   UNEXPECTED: MuslSqlite failed the gate (log: artifacts/samples/MuslSqlite.log)" >&2
  status=1
fi

echo "== samples: MuslMonoPosix (expected: fail with SL1002)"
if publish MuslMonoPosix; then
  cat "$logs/MuslMonoPosix.log"
  echo "   UNEXPECTED: MuslMonoPosix passed the gate" >&2
  status=1
else
  show "$logs/MuslMonoPosix.log"
  if grep -q 'error SL1002' "$logs/MuslMonoPosix.log" && ! grep -q 'MSB4018' "$logs/MuslMonoPosix.log"; then
    echo "   FAIL as expected: the gate stopped a glibc libMonoPosixHelper.so from shipping in a musl app"
  else
    cat "$logs/MuslMonoPosix.log"
    echo "   UNEXPECTED: MuslMonoPosix failed, but not with SL1002" >&2
    status=1
  fi
fi

if [[ $status -eq 0 ]]; then
  echo "== samples: both outcomes as expected"
fi
exit $status
