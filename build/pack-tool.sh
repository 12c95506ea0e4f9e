#!/usr/bin/env bash
# Packs the .NET tool StaticLink.Cli (command staticlink): the pointer package StaticLink.Cli and one package per RID.
#   build/pack-tool.sh VERSION OUTPUT-DIRECTORY
# build/pack.sh calls it, and so do the integration tests (ToolPackage), so that what they install is what ships:
#   StaticLink.Cli.linux-x64        NativeAOT, linked against Debian 11's glibc (build/sysroot.sh): needs GLIBC_2.17
#                                   at most, starts in about 10 ms instead of about 100 ms
#   StaticLink.Cli.linux-arm64      ReadyToRun, framework-dependent (NativeAOT cannot cross-compile to arm64 here)
#   StaticLink.Cli.linux-musl-x64   ReadyToRun, framework-dependent: Alpine must not fall back to the glibc program
#   StaticLink.Cli.any              plain IL, every other RID
# The second pack writes the linux-x64 package again, NativeAOT this time; the .NET SDK packs a NativeAOT tool one RID
# at a time (dotnet pack -r RID), because it cannot compile ahead of time for another system.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="$1"
output="$2"
project="$root/src/StaticLink.Cli/StaticLink.Cli.csproj"
common=(-c Release -o "$output" -nodeReuse:false -p:UseSharedCompilation=false "-p:StaticLinkVersion=$version")

echo "== pack-tool: StaticLink.Cli $version (ReadyToRun and IL packages) -> $output"
dotnet pack "$project" "${common[@]}"

if [[ "$(uname -m)" == x86_64 ]]; then
  sysroot="$("$root/build/sysroot.sh")"
  echo "== pack-tool: StaticLink.Cli.linux-x64 $version, NativeAOT against $sysroot"
  # The tool package takes the whole publish directory: nothing of an earlier publish may be left in it.
  rm -rf "$root/src/StaticLink.Cli/bin/Release/net10.0/linux-x64/publish"
  dotnet pack "$project" "${common[@]}" -r linux-x64 -p:StaticLinkNativeAot=true "-p:StaticLinkSysRoot=$sysroot"
else
  echo "== pack-tool: not on x86_64, so StaticLink.Cli.linux-x64 stays ReadyToRun" >&2
fi
