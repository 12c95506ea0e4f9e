#!/usr/bin/env bash
# Packs StaticLink.Sdk and the .NET tool StaticLink.Cli (command staticlink) into artifacts/packages, one version.
#   build/pack.sh [VERSION]      (default: $STATICLINK_VERSION, else the version in Directory.Build.props)
# The tool is a pointer package StaticLink.Cli plus one package per RID (build/pack-tool.sh says which is built how);
# `dotnet tool install` picks the right one.
# The freshly packed version is evicted from the global NuGet cache, so that the next restore of the samples
# (or dnx) uses this build and not an older package of the same version.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="${1:-${STATICLINK_VERSION:-}}"
output="$root/artifacts/packages"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDTERMINALLOGGER=off

common=(-c Release -o "$output" -nodeReuse:false -p:UseSharedCompilation=false)
if [[ -n "$version" ]]; then
  common+=("-p:StaticLinkVersion=$version")
else
  version="$(dotnet msbuild "$root/src/StaticLink.Sdk/StaticLink.Sdk.csproj" -getProperty:PackageVersion -nologo)"
fi

echo "== pack: StaticLink.Sdk $version -> ${output#"$root"/}"
dotnet pack "$root/src/StaticLink.Sdk/StaticLink.Sdk.csproj" "${common[@]}"
echo "== pack: StaticLink.Cli (the staticlink tool) $version -> ${output#"$root"/}"
"$root/build/pack-tool.sh" "$version" "$output"

cache_root="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
for package in StaticLink.Sdk StaticLink.Cli StaticLink.Cli.linux-x64 StaticLink.Cli.linux-arm64 StaticLink.Cli.linux-musl-x64 StaticLink.Cli.any; do
  file="$output/$package.$version.nupkg"
  if [[ ! -f "$file" ]]; then
    echo "pack: $file was not produced" >&2
    exit 1
  fi
  rm -rf "$cache_root/${package,,}/${version,,}"
  echo "== pack: done: ${file#"$root"/}"
done
