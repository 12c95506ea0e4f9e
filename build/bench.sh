#!/usr/bin/env bash
# The benchmark (not a test: it prints numbers). Every figure is printed with the reference it is measured against,
# run beside it, and the ratio.
#
#   build/bench.sh [elf|large|publish|dotnet|all]      (default: all)
#
#   elf      Every ELF file of the machine (found by magic under /usr, /opt, the .NET installation and the NuGet
#            packages folder; cached in artifacts/bench/elf-files.txt, BENCH_REFRESH=1 rebuilds it). In one run,
#            with hyperfine: `staticlink inspect --format json --files-from LIST` as each tool package ships it
#            (NativeAOT for linux-x64, ReadyToRun for linux-arm64 and linux-musl-x64, see build/pack-tool.sh),
#            against `scanelf -n -i -r -S -b -f LIST`; the peak memory.
#            Targets: at most 1.0x scanelf, peak memory under 60 MB.
#   large    `staticlink check` on a 2 GB output: the largest ELF files of the list, hard-linked into
#            artifacts/bench/large-output until they reach 2 GiB; cold-ish (the files dropped from the page cache
#            with dd iflag=nocache) and warm, against scanelf over the same directory. Target: under 1 s.
#   publish  The gate's share of a clean self-contained `dotnet publish -r linux-x64` of a console app, from MSBuild's
#            performance summary, and the engine's phases once in a fresh process (rules and targets, scan,
#            evaluation, report). Packs StaticLink.Sdk into artifacts/bench/packages first. Target: under 1%.
#   dotnet   The in-process benchmarks on BenchmarkDotNet (short runs, memory diagnoser): the reader over every
#            ELF file one at a time and on every core, the largest file, and check/scan/evaluate of the publish.
#
# BENCH_RUNS (default 10) sets the hyperfine runs, BENCH_PUBLISH_RUNS (default 3) the timed publishes;
# BENCH_SDK_PACKAGE=path/StaticLink.Sdk.V.nupkg times that package instead of packing one;
# BENCH_PUBLISH_ARGS adds arguments to the timed publishes, e.g. -p:StaticLinkEngineProcess=false for the check in
# MSBuild's own process, the reference for the engine process.
# Results are also written to artifacts/bench/results.txt.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 MSBUILDTERMINALLOGGER=off

bench="$root/artifacts/bench"
results="$bench/results.txt"
list="$bench/elf-files.txt"
runs="${BENCH_RUNS:-10}"
cli_dir="$bench/cli"
aot_dir="$bench/aot"
helper_dir="$bench/helper"
large="$bench/large-output"
publish_output="$bench/publish-output"
mkdir -p "$bench"

say() { echo "$*" | tee -a "$results"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }

dotnet_arch() {
  case "$(uname -m)" in
    x86_64) echo x64 ;;
    aarch64) echo arm64 ;;
    *) uname -m ;;
  esac
}

rid="linux-$(dotnet_arch)"

# The tool as shipped: framework-dependent and ReadyToRun-compiled.
build_cli() {
  [[ -x "$cli_dir/staticlink" && -n "${cli_built:-}" ]] && return
  cli_built=1
  echo "== bench: publishing staticlink (ReadyToRun) to artifacts/bench/cli"
  rm -rf "$cli_dir"
  dotnet publish "$root/src/StaticLink.Cli/StaticLink.Cli.csproj" -c Release -r "$rid" --self-contained false \
    -p:PublishReadyToRun=true -o "$cli_dir" -nologo -v q -nodeReuse:false
}

# The CLI as the linux-x64 tool package ships it (build/pack-tool.sh): NativeAOT, linked against Debian 11's glibc.
build_aot() {
  echo "== bench: publishing the NativeAOT staticlink (as StaticLink.Cli.linux-x64 ships it) to artifacts/bench/aot"
  rm -rf "$aot_dir"
  local sysroot
  if ! sysroot="$("$root/build/sysroot.sh")" || ! dotnet publish "$root/src/StaticLink.Cli/StaticLink.Cli.csproj" -c Release -r "$rid" \
      -p:StaticLinkNativeAot=true "-p:StaticLinkSysRoot=$sysroot" -o "$aot_dir" -nologo -v q -nodeReuse:false >"$bench/aot-publish.log" 2>&1; then
    echo "bench: the NativeAOT publish failed (see artifacts/bench/aot-publish.log); timing the ReadyToRun build only"
    rm -rf "$aot_dir"
  fi
}

# The helper, with the shipped tool's ReadyToRun StaticLink.Core.dll in place of its own, so that its cold check
# compiles no more than the task does in MSBuild (compiling BenchmarkDotNet ahead of time too would take minutes).
build_helper() {
  [[ -n "${helper_built:-}" ]] && return
  helper_built=1
  build_cli
  echo "== bench: building the benchmark helper to artifacts/bench/helper"
  rm -rf "$helper_dir"
  dotnet build "$root/build/StaticLink.Benchmarks/StaticLink.Benchmarks.csproj" -c Release -o "$helper_dir" -nologo -v q -nodeReuse:false
  cp "$cli_dir/StaticLink.Core.dll" "$helper_dir/StaticLink.Core.dll"
}

helper() {
  [[ -n "${helper_built:-}" ]] && return
  helper_built=1
  echo "== bench: publishing the benchmark helper (ReadyToRun) to artifacts/bench/helper"
  rm -rf "$helper_dir"
  dotnet publish "$root/build/StaticLink.Benchmarks/StaticLink.Benchmarks.csproj" -c Release -r "$rid" --self-contained false \
    -p:PublishReadyToRun=true -o "$helper_dir" -nologo -v q -nodeReuse:false
}

helper() { dotnet "$helper_dir/StaticLink.Benchmarks.dll" "$@"; }

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
  helper list "${roots[@]}" | sort -u >"$list.tmp"
  mv "$list.tmp" "$list"
}

# hyperfine's JSON export -> "name median-seconds cpu-seconds" lines (median: a busy machine has long tails).
medians() {
  python3 - "$1" <<'PY'
import json, statistics, sys
for result in json.load(open(sys.argv[1]))["results"]:
    print(result["command"].replace(" ", "_"), statistics.median(result["times"]), result["user"] + result["system"])
PY
}

peak_mb() { # command... -> max RSS in MB, or "n/a" without /usr/bin/time
  if [[ -x /usr/bin/time ]]; then
    /usr/bin/time -f '%M' -o "$bench/peak-kb.txt" "$@" >/dev/null 2>&1 || true
    awk '{ kb = $1 } END { printf "%.1f", kb / 1024 }' "$bench/peak-kb.txt"
  else
    echo "n/a"
  fi
}

step_elf() {
  build_cli
  build_aot
  build_helper
  make_list
  local count megabytes commands=() line name median cpu
  count="$(wc -l <"$list")"
  megabytes="$(tr '\n' '\0' <"$list" | du -cbL --files0-from=- 2>/dev/null | awk 'END { printf "%.0f", $1 / 1048576 }')"
  "$cli_dir/staticlink" inspect --format json --files-from "$list" >/dev/null \
    || echo "bench: staticlink inspect exited with $?: some listed files could not be read (they are still timed)"

  say "== bench elf: $count ELF files, $megabytes MB ($(uname -m), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
  commands=(-n staticlink "$cli_dir/staticlink inspect --format json --files-from $list")
  if [[ -x "$aot_dir/staticlink" ]]; then
    commands+=(-n staticlink-aot "$aot_dir/staticlink inspect --format json --files-from $list")
  fi
  commands+=(-n scanelf "scanelf -n -i -r -S -b -f $list")
  hyperfine -N -i --warmup 2 --runs "$runs" --export-json "$bench/inspect-vs-scanelf.json" "${commands[@]}" >"$bench/hyperfine-elf.txt"
  declare -A wall=() cpus=()
  while read -r name median cpu; do
    wall[$name]="$median"
    cpus[$name]="$cpu"
  done < <(medians "$bench/inspect-vs-scanelf.json")

  if [[ -n "${wall[staticlink-aot]:-}" ]]; then
    say "   staticlink inspect (NativeAOT, as linux-x64 ships): $(printf '%.3f' "${wall[staticlink-aot]}") s median, scanelf $(printf '%.3f' "${wall[scanelf]}") s: $(ratio "${wall[staticlink-aot]}" "${wall[scanelf]}") (target: at most 1.0x)"
  fi
  say "   staticlink inspect (ReadyToRun, as linux-arm64 and linux-musl-x64 ship): $(printf '%.3f' "${wall[staticlink]}") s median, scanelf $(printf '%.3f' "${wall[scanelf]}") s: $(ratio "${wall[staticlink]}" "${wall[scanelf]}")"
  # On a busy machine wall time swings; CPU time (user + system, mean) is the steadier comparison.
  line="   CPU (user+sys): staticlink $(printf '%.3f' "${cpus[staticlink]}") s, scanelf $(printf '%.3f' "${cpus[scanelf]}") s: $(ratio "${cpus[staticlink]}" "${cpus[scanelf]}")"
  if [[ -n "${cpus[staticlink-aot]:-}" ]]; then
    line+="; NativeAOT $(printf '%.3f' "${cpus[staticlink-aot]}") s: $(ratio "${cpus[staticlink-aot]}" "${cpus[scanelf]}")"
  fi
  say "$line"
  line="   peak memory (max RSS): staticlink (ReadyToRun) $(peak_mb "$cli_dir/staticlink" inspect --format json --files-from "$list") MB"
  if [[ -x "$aot_dir/staticlink" ]]; then
    line+=", NativeAOT $(peak_mb "$aot_dir/staticlink" inspect --format json --files-from "$list") MB"
  fi
  say "$line, scanelf $(peak_mb scanelf -n -i -r -S -b -f "$list") MB (target: under 60 MB)"
  say "   start-up alone (inspect of one file): $(one_file_ms) ms"
  while IFS= read -r line; do say "   $line"; done < <(helper io "$list")
}

one_file_ms() {
  head -1 "$list" >"$bench/one-file.txt"
  hyperfine -N -i --warmup 2 --runs "$runs" --export-json "$bench/one-file.json" \
    "$cli_dir/staticlink inspect --format json --files-from $bench/one-file.txt" >/dev/null
  medians "$bench/one-file.json" | awk '{ printf "%.0f", $2 * 1000 }'
}

make_large_output() {
  local limit=$((2 * 1024 * 1024 * 1024)) total=0 size path name
  if [[ -d "$large" && -z "${BENCH_REFRESH:-}" ]]; then
    return
  fi
  rm -rf "$large"
  mkdir -p "$large"
  # Hard links cost no disk and are real files of the output (a symbolic link out of it would not be checked).
  while read -r size path; do
    name="$(basename "$path")"
    [[ -e "$large/$name" ]] && continue
    ln "$path" "$large/$name" 2>/dev/null || cp "$path" "$large/$name"
    total=$((total + size))
    ((total >= limit)) && break
  done < <(tr '\n' '\0' <"$list" | xargs -0 stat -L -c '%s %n' | sort -rn)
}

drop_from_page_cache() { # Only these files, not the machine's whole cache.
  local file
  for file in "$large"/*; do
    dd if="$file" iflag=nocache count=0 status=none 2>/dev/null || true
  done
}

step_large() {
  build_cli
  build_helper
  make_list
  make_large_output
  local files bytes cold warm scanelf_warm cold_ms
  files="$(find "$large" -type f | wc -l)"
  bytes="$(du -cbL "$large"/* | awk 'END { printf "%.2f", $1 / 1073741824 }')"
  say "== bench large: staticlink check on $files ELF files, $bytes GiB (the largest of the list, hard-linked)"
  local check=("$cli_dir/staticlink" check --rid "linux-$(dotnet_arch)" --target debian.12 --report "$bench/large-report.json" "$large")
  drop_from_page_cache
  local start end
  start="$(date +%s%N)"
  "${check[@]}" >"$bench/large-check.txt" 2>&1 || true
  end="$(date +%s%N)"
  cold_ms="$(((end - start) / 1000000))"
  hyperfine -N -i --warmup 1 --runs "$runs" --export-json "$bench/large.json" \
    -n staticlink "${check[*]}" -n scanelf "scanelf -R -n -i -r -S -b $large" >/dev/null
  read -r _ warm _ < <(medians "$bench/large.json" | grep '^staticlink ')
  read -r _ scanelf_warm _ < <(medians "$bench/large.json" | grep '^scanelf ')
  cold="$(awk -v ms="$cold_ms" 'BEGIN { print ms / 1000 }')"
  say "   cold-ish (files dropped from the page cache): $(printf '%.3f' "$cold") s: $(ratio "$cold" 1.0) of the 1 s target"
  say "   warm: staticlink check $(printf '%.3f' "$warm") s median, scanelf -R $(printf '%.3f' "$scanelf_warm") s: $(ratio "$warm" "$scanelf_warm"); $(ratio "$warm" 1.0) of the 1 s target"
  say "   peak memory of the check (max RSS): $(peak_mb "${check[@]}") MB"
}

pack_sdk() {
  rm -rf "$bench/packages"
  if [[ -n "${BENCH_SDK_PACKAGE:-}" ]]; then
    # A package packed already (build/pack.sh VERSION), with a version no other checkout uses.
    mkdir -p "$bench/packages"
    cp "$BENCH_SDK_PACKAGE" "$bench/packages/"
    bench_version="$(basename "$BENCH_SDK_PACKAGE" .nupkg)"
    bench_version="${bench_version#StaticLink.Sdk.}"
    return
  fi
  # A version of its own and a feed of its own: other checkouts' packages of the same version never mix in.
  bench_version="0.0.0-bench.$(date +%Y%m%d%H%M%S)"
  echo "== bench: packing StaticLink.Sdk $bench_version into artifacts/bench/packages"
  dotnet pack "$root/src/StaticLink.Sdk/StaticLink.Sdk.csproj" -c Release -o "$bench/packages" -nologo -v q -nodeReuse:false \
    -p:UseSharedCompilation=false -p:StaticLinkVersion="$bench_version" >"$bench/pack.log" 2>&1 \
    || { echo "bench: packing failed, see artifacts/bench/pack.log" >&2; return 1; }
}

step_publish() {
  build_helper
  pack_sdk
  local runs_publish="${BENCH_PUBLISH_RUNS:-3}" i start end total_ms gate_ms task_ms log sum_total=0 sum_gate=0 work cache
  # Outside the repository, so that its Directory.Build.props and central package versions do not apply.
  work="$(mktemp -d)"
  cache="${NUGET_PACKAGES:-$HOME/.nuget/packages}/staticlink.sdk/$bench_version"
  trap 'rm -rf "$work" "$cache"; trap - RETURN' RETURN
  cp "$root/global.json" "$work/"
  cat >"$work/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="staticlink-bench" value="$bench/packages" />
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
    <PackageReference Include="StaticLink.Sdk" Version="$bench_version" PrivateAssets="all" />
  </ItemGroup>
</Project>
XML
  echo 'System.Console.WriteLine("hello");' >"$work/Program.cs"

  say "== bench publish: StaticLink.Sdk $bench_version in a self-contained linux-x64 publish ($runs_publish runs${BENCH_PUBLISH_ARGS:+, with $BENCH_PUBLISH_ARGS})"
  dotnet publish "$work/GateBench.csproj" -c Release -nologo -nodeReuse:false -p:UseSharedCompilation=false >"$bench/publish-warmup.log" 2>&1 \
    || { say "   the warm-up publish failed; see artifacts/bench/publish-warmup.log"; return 1; }
  rm -rf "$publish_output"
  cp -a "$work/bin/Release/net10.0/linux-x64/publish" "$publish_output"
  say "   files in the publish directory: $(find "$publish_output" -type f | wc -l)"
  for i in $(seq "$runs_publish"); do
    # A clean publish each time: nothing is up to date, so the gate scans.
    rm -rf "$work/bin" "$work/obj/Release"
    log="$bench/publish-$i.log"
    start="$(date +%s%N)"
    dotnet publish "$work/GateBench.csproj" -c Release -nologo -nodeReuse:false -m:1 --no-restore \
      -p:UseSharedCompilation=false -clp:PerformanceSummary ${BENCH_PUBLISH_ARGS:-} >"$log" 2>&1 || { say "   publish $i failed; see $log"; return 1; }
    end="$(date +%s%N)"
    total_ms="$(((end - start) / 1000000))"
    # Target times in the summary are exclusive, so StaticLink's own targets add up without double counting.
    gate_ms="$(awk '/Target Performance Summary:/ { on = 1; next } /Task Performance Summary:/ { on = 0 }
                    on && $3 ~ /StaticLink/ { sum += $1 } END { print sum + 0 }' "$log")"
    task_ms="$(awk '/Task Performance Summary:/ { on = 1; next } on && $3 ~ /StaticLink/ { sum += $1 } END { print sum + 0 }' "$log")"
    say "   run $i: publish $total_ms ms, StaticLink targets $gate_ms ms (of which the task $task_ms ms): $(awk -v g="$gate_ms" -v t="$total_ms" 'BEGIN { printf "%.2f", 100 * g / t }')%"
    sum_total=$((sum_total + total_ms))
    sum_gate=$((sum_gate + gate_ms))
  done
  say "   average: publish $((sum_total / runs_publish)) ms, StaticLink targets $((sum_gate / runs_publish)) ms: $(awk -v g="$sum_gate" -v t="$sum_total" 'BEGIN { printf "%.2f", 100 * g / t }')% (target: under 1%)"
  say "   the engine once, in a fresh ReadyToRun process: $(helper cold "$publish_output" linux-x64 debian.12)"
}

step_dotnet() {
  build_helper
  make_list
  if [[ ! -d "$publish_output" ]]; then
    say "== bench dotnet: no publish output yet (run build/bench.sh publish first); checking the .NET runtime's own directory instead"
    publish_output="$(dirname "$(readlink -f "$(command -v dotnet)")")/shared/Microsoft.NETCore.App/$(dotnet --list-runtimes | awk '/Microsoft.NETCore.App/ { v = $2 } END { print v }')"
  fi
  say "== bench dotnet: BenchmarkDotNet, short runs in process (artifacts/bench/BenchmarkDotNet.Artifacts)"
  STATICLINK_BENCH_LIST="$list" STATICLINK_BENCH_OUTPUT="$publish_output" \
    helper run --filter '*' --artifacts "$bench/BenchmarkDotNet.Artifacts" >"$bench/benchmarkdotnet.log" 2>&1 \
    || { say "   BenchmarkDotNet failed; see artifacts/bench/benchmarkdotnet.log"; return 1; }
  local report
  for report in "$bench"/BenchmarkDotNet.Artifacts/results/*-report-github.md; do
    while IFS= read -r line; do say "   $line"; done < <(grep '^|' "$report")
  done
}

: >"$results"
case "${1:-all}" in
  elf) step_elf ;;
  large) step_large ;;
  publish) step_publish ;;
  dotnet) step_dotnet ;;
  all) step_elf; step_large; step_publish; step_dotnet ;;
  *) sed -n '2,26p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 64 ;;
esac
