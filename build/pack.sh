#!/usr/bin/env bash
# Packs StaticLink.Sdk into artifacts/packages.
#   build/pack.sh [VERSION]      (default: $STATICLINK_VERSION, else the version in Directory.Build.props)
# The freshly packed version is evicted from the global NuGet cache, so that the next restore of the samples
# uses this build and not an older package of the same version.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="${1:-${STATICLINK_VERSION:-}}"
output="$root/artifacts/packages"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDTERMINALLOGGER=off

args=(pack "$root/src/StaticLink.Sdk/StaticLink.Sdk.csproj" -c Release -o "$output" -nodeReuse:false -p:UseSharedCompilation=false)
if [[ -n "$version" ]]; then
  args+=("-p:StaticLinkVersion=$version")
else
  version="$(dotnet msbuild "$root/src/StaticLink.Sdk/StaticLink.Sdk.csproj" -getProperty:PackageVersion -nologo)"
fi

echo "== pack: StaticLink.Sdk $version -> ${output#"$root"/}"
dotnet "${args[@]}"

package="$output/StaticLink.Sdk.$version.nupkg"
if [[ ! -f "$package" ]]; then
  echo "pack: $package was not produced" >&2
  exit 1
fi

cache="${NUGET_PACKAGES:-$HOME/.nuget/packages}/staticlink.sdk/${version,,}"
rm -rf "$cache"
echo "== pack: done: ${package#"$root"/}"
