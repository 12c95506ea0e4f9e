#!/usr/bin/env bash
# The benchmark (not a test: it prints numbers).
#
#   build/bench.sh [elf|publish|all]      (default: all)
#
#   elf      Every ELF file of the machine (found by magic under /usr, /opt, the .NET installation and the NuGet
#            packages folder; the list is cached in artifacts/bench/elf-files.txt, BENCH_REFRESH=1 rebuilds it).
#            In one run: `staticlink inspect --format json --files-from LIST` against
#            `scanelf -n -i -r -S -b -f LIST` with hyperfine (a timed loop without it), the ratio, the peak memory of
#            the command, and the reader alone in-process (files/s, MB/s, peak working set).
#            Targets: within 1.5x of scanelf, peak memory under 100 MB.
#   publish  The time StaticLink's targets add to a self-contained `dotnet publish -r linux-x64` of a console app,
#            from MSBuild's performance summary. Needs artifacts/packages/StaticLink.Sdk.*.nupkg (build/pack.sh).
#            Target: under 2% of the publish and under 100 ms.
#
# BENCH_RUNS (default 10) sets the hyperfine runs, BENCH_PUBLISH_RUNS (default 3) the timed publishes.
# Results are also written to artifacts/bench/results.txt.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 MSBUILDTERMINALLOGGER=off

bench="$root/artifacts/bench"
results="$bench/results.txt"
list="$bench/elf-files.txt"
runs="${BENCH_RUNS:-10}"
cli_dll="$root/src/StaticLink.Cli/bin/Release/net10.0/staticlink.dll"
cli_host="$root/src/StaticLink.Cli/bin/Release/net10.0/staticlink"
helper="$root/build/StaticLink.Benchmarks/bin/Release/net10.0/StaticLink.Benchmarks.dll"
aot_dir="$bench/aot"
mkdir -p "$bench"

say() { echo "$*" | tee -a "$results"; }

build_release() {
  echo "== bench: building the CLI and the benchmark helper (Release)"
  dotnet build "$root/src/StaticLink.Cli/StaticLink.Cli.csproj" -c Release -nologo -v q -nodeReuse:false
  dotnet build "$root/build/StaticLink.Benchmarks/StaticLink.Benchmarks.csproj" -c Release -nologo -v q -nodeReuse:false
  # The same CLI compiled ahead of time (net8.0, the only NativeAOT packs served here): no JIT, no runtime start-up.
  echo "== bench: publishing a NativeAOT staticlink to artifacts/bench/aot"
  rm -rf "$aot_dir"
  if ! dotnet publish "$root/src/StaticLink.Cli/StaticLink.Cli.csproj" -c Release -r "linux-$(dotnet_arch)" \
      -p:StaticLinkNativeAot=true -o "$aot_dir" -nologo -v q -nodeReuse:false >"$bench/aot-publish.log" 2>&1; then
    echo "bench: the NativeAOT publish failed (see artifacts/bench/aot-publish.log); timing the JIT build only"
    rm -rf "$aot_dir"
  fi
}

dotnet_arch() {
  case "$(uname -m)" in
    x86_64) echo x64 ;;
    aarch64) echo arm64 ;;
    *) uname -m ;;
  esac
}

# The apphost when it runs (no DOTNET_ROOT surprises), else through the dotnet muxer.
cli_command() {
  if [[ -x "$cli_host" ]] && "$cli_host" --version >/dev/null 2>&1; then
    echo "$cli_host"
  else
    echo "dotnet $cli_dll"
  fi
}

make_list() {
  if [[ -s "$list" && -z "${BENCH_REFRESH:-}" ]]; then
    echo "== bench: using the cached list $list (BENCH_REFRESH=1 rebuilds it)"
    return
  fi
  local dotnet_root nuget roots=() dir
  dotnet_root="$(dirname "$(readlink -f "$(command -v dotnet)")")"
  nuget="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
  for dir in /usr/lib /usr/lib64 /usr/libexec /usr/bin /usr/sbin /usr/local /opt "$dotnet_root" "$nuget"; do
    [[ -d "$dir" && ! -L "$dir" ]] && roots+=("$dir")
  done
  echo "== bench: listing the ELF files under ${roots[*]}"
  dotnet "$helper" list "${roots[@]}" | sort -u >"$list.tmp"
  mv "$list.tmp" "$list"
}

seconds_of() { # command... -> wall seconds of one run, output discarded
  local start end
  start="$(date +%s%N)"
  "$@" >/dev/null 2>&1 || true
  end="$(date +%s%N)"
  awk -v ns="$((end - start))" 'BEGIN { printf "%.4f", ns / 1e9 }'
}

step_elf() {
  build_release
  make_list
  local cli count megabytes status=0 inspect_mean scanelf_mean aot_mean cpu_line="" peak_kb stats reader
  read -r -a cli <<<"$(cli_command)"
  count="$(wc -l <"$list")"
  megabytes="$(tr '\n' '\0' <"$list" | du -cb --files0-from=- 2>/dev/null | awk 'END { printf "%.0f", $1 / 1048576 }')"

  "${cli[@]}" inspect --format json --files-from "$list" >/dev/null || status=$?
  if [[ $status -ne 0 ]]; then
    echo "bench: staticlink inspect exited with $status: some listed files could not be read (they are still timed)"
  fi

  : >"$results"
  say "== bench: $count ELF files, $megabytes MB ($(uname -m), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
  local aot=() commands=()
  if [[ -x "$aot_dir/staticlink" ]]; then
    aot=("$aot_dir/staticlink")
  fi
  if command -v hyperfine >/dev/null 2>&1; then
    commands=(-n "staticlink inspect" "${cli[*]} inspect --format json --files-from $list")
    if ((${#aot[@]})); then
      commands+=(-n "staticlink inspect (NativeAOT)" "${aot[*]} inspect --format json --files-from $list")
    fi
    commands+=(-n "scanelf" "scanelf -n -i -r -S -b -f $list")
    hyperfine -N -i --warmup 2 --runs "$runs" --export-csv "$bench/inspect-vs-scanelf.csv" "${commands[@]}"
    inspect_mean="$(awk -F, '$1 == "staticlink inspect" { print $2 }' "$bench/inspect-vs-scanelf.csv")"
    aot_mean="$(awk -F, '$1 == "staticlink inspect (NativeAOT)" { print $2 }' "$bench/inspect-vs-scanelf.csv")"
    scanelf_mean="$(awk -F, '$1 == "scanelf" { print $2 }' "$bench/inspect-vs-scanelf.csv")"
    # On a busy machine wall time swings; user + system CPU time is the steadier comparison.
    cpu_line="$(awk -F, 'NR > 1 { cpu[$1] = $5 + $6 } END {
        printf "cpu (user+sys): staticlink %.3f s, NativeAOT %.3f s, scanelf %.3f s: %.2fx and %.2fx",
          cpu["staticlink inspect"], cpu["staticlink inspect (NativeAOT)"], cpu["scanelf"],
          cpu["staticlink inspect"] / cpu["scanelf"], cpu["staticlink inspect (NativeAOT)"] / cpu["scanelf"] }' \
      "$bench/inspect-vs-scanelf.csv")"
  else
    echo "bench: hyperfine is not installed; timing $runs runs of each in a loop (best run counts)"
    inspect_mean=999; scanelf_mean=999; aot_mean=""
    for _ in $(seq "$runs"); do
      inspect_mean="$(awk -v a="$inspect_mean" -v b="$(seconds_of "${cli[@]}" inspect --format json --files-from "$list")" 'BEGIN { print (b < a ? b : a) }')"
      scanelf_mean="$(awk -v a="$scanelf_mean" -v b="$(seconds_of scanelf -n -i -r -S -b -f "$list")" 'BEGIN { print (b < a ? b : a) }')"
      if ((${#aot[@]})); then
        aot_mean="$(awk -v a="${aot_mean:-999}" -v b="$(seconds_of "${aot[@]}" inspect --format json --files-from "$list")" 'BEGIN { print (b < a ? b : a) }')"
      fi
    done
  fi

  if [[ -x /usr/bin/time ]]; then
    /usr/bin/time -f '%M' -o "$bench/peak-kb.txt" "${cli[@]}" inspect --format json --files-from "$list" >/dev/null 2>&1 || true
    peak_kb="$(tail -1 "$bench/peak-kb.txt")"
  else
    peak_kb=""
  fi
  stats="$("${cli[@]}" inspect --format json --stats --files-from "$list" 2>&1 >/dev/null | grep '^stats:' || true)"
  reader="$(dotnet "$helper" reader "$list" 5 | tail -2)"

  ratio() { awk -v a="$1" -v b="$scanelf_mean" 'BEGIN { printf "%.2fx", a / b }'; }
  say "   staticlink inspect --format json --files-from LIST : $(printf '%.3f' "$inspect_mean") s, $(ratio "$inspect_mean") scanelf (target: at most 1.5x)"
  if [[ -n "${aot_mean:-}" ]]; then
    say "   the same, NativeAOT (net8.0)                       : $(printf '%.3f' "$aot_mean") s, $(ratio "$aot_mean") scanelf"
  fi
  say "   scanelf -n -i -r -S -b -f LIST                     : $(printf '%.3f' "$scanelf_mean") s"
  if [[ -n "${cpu_line:-}" ]]; then
    say "   $cpu_line"
  fi
  if [[ -n "$peak_kb" ]]; then
    say "   peak memory of staticlink inspect (max RSS): $(awk -v k="$peak_kb" 'BEGIN { printf "%.1f", k / 1024 }') MB (target: under 100 MB)"
  fi
  say "   whole command, in process: ${stats#stats: }"
  while IFS= read -r line; do say "   $line"; done <<<"$reader"
}

step_publish() {
  local package version work runs_publish="${BENCH_PUBLISH_RUNS:-3}" i start end total_ms gate_ms log sum_total=0 sum_gate=0
  package="$(ls "$root"/artifacts/packages/StaticLink.Sdk.*.nupkg 2>/dev/null | sort -V | tail -1 || true)"
  if [[ -z "$package" ]]; then
    say "== bench publish: skipped: no StaticLink.Sdk package in artifacts/packages (run build/pack.sh first)"
    return 0
  fi
  version="$(basename "$package" .nupkg)"
  version="${version#StaticLink.Sdk.}"
  # Outside the repository, so that its Directory.Build.props and central package versions do not apply.
  work="$(mktemp -d)"
  trap 'rm -rf "$work"; trap - RETURN' RETURN
  cp "$root/global.json" "$work/"
  cat >"$work/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="staticlink-local" value="$root/artifacts/packages" />
  </packageSources>
</configuration>
XML
  cat >"$work/GateBench.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <RuntimeIdentifier>linux-x64</RuntimeIdentifier>
    <SelfContained>true</SelfContained>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="StaticLink.Sdk" Version="$version" PrivateAssets="all" />
  </ItemGroup>
</Project>
XML
  echo 'System.Console.WriteLine("hello");' >"$work/Program.cs"

  say "== bench publish: StaticLink.Sdk $version in a self-contained linux-x64 publish ($runs_publish runs)"
  dotnet publish "$work/GateBench.csproj" -c Release -nologo -nodeReuse:false -p:UseSharedCompilation=false >"$bench/publish-warmup.log" 2>&1 \
    || { say "   the warm-up publish failed; see artifacts/bench/publish-warmup.log"; return 1; }
  say "   files in the publish directory: $(find "$work/bin/Release/net10.0/linux-x64/publish" -type f | wc -l)"
  for i in $(seq "$runs_publish"); do
    # A changed source makes the publish output change, so the gate scans instead of skipping as up to date.
    echo "// run $i" >>"$work/Program.cs"
    log="$bench/publish-$i.log"
    start="$(date +%s%N)"
    dotnet publish "$work/GateBench.csproj" -c Release -nologo -nodeReuse:false -m:1 --no-restore \
      -p:UseSharedCompilation=false -clp:PerformanceSummary >"$log" 2>&1 || { say "   publish $i failed; see $log"; return 1; }
    end="$(date +%s%N)"
    total_ms="$(((end - start) / 1000000))"
    # Target times in the summary are exclusive, so StaticLink's own targets add up without double counting.
    gate_ms="$(awk '/Target Performance Summary:/ { on = 1; next } /Task Performance Summary:/ { on = 0 }
                    on && $3 ~ /StaticLink/ { sum += $1 } END { print sum + 0 }' "$log")"
    say "   run $i: publish $total_ms ms, StaticLink targets $gate_ms ms ($(awk -v g="$gate_ms" -v t="$total_ms" 'BEGIN { printf "%.2f", 100 * g / t }')%)"
    sum_total=$((sum_total + total_ms))
    sum_gate=$((sum_gate + gate_ms))
  done
  say "   average: publish $((sum_total / runs_publish)) ms, StaticLink targets $((sum_gate / runs_publish)) ms ($(awk -v g="$sum_gate" -v t="$sum_total" 'BEGIN { printf "%.2f", 100 * g / t }')%; target: under 2% and under 100 ms)"
}

case "${1:-all}" in
  elf) step_elf ;;
  publish) step_publish ;;
  all) step_elf; step_publish ;;
  *) sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 64 ;;
esac
