#!/usr/bin/env bash
# Regenerates the built-in target catalogue (src/StaticLink.Core/Targets/Catalogue/*.json) and docs/targets.md.
#
# Captured targets are root filesystems built from real Debian packages (apt-get download + dpkg-deb -x, then
# ldconfig -r) and read by `staticlink target capture`; table targets are written from ../shared/data/targets.md's
# rows (copied into this script with their upstream sources). The mirror is the one this machine's apt already uses:
# it is read from /etc/apt at run time and never written into the repository. Output is sorted and deterministic for
# a given mirror state; the package versions each capture used are named in its "source".
#
# Usage: build/targets/generate.sh [--table-only]   (--table-only: rewrite table targets and docs, keep captures)
# Needs: apt-get, dpkg-deb, ldconfig, dotnet. Works as root or not (apt's private state lives under $WORK).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
catalogue="$repo/src/StaticLink.Core/Targets/Catalogue"
work=${STATICLINK_TARGETS_WORK:-${TMPDIR:-/tmp}/staticlink-targets}
table_only=false
[[ ${1:-} == --table-only ]] && table_only=true

# The dotnet-docker commit whose manifest.json and Dockerfiles the image rows were checked against.
docker_commit=3ed00b611cc88eaa5995525a0549a5703965cd02
docker_src="dotnet/dotnet-docker@${docker_commit:0:12}"
container_env='"APP_UID": "1654", "ASPNETCORE_HTTP_PORTS": "8080", "DOTNET_RUNNING_IN_CONTAINER": "true"'
invariant_env="$container_env, \"DOTNET_SYSTEM_GLOBALIZATION_INVARIANT\": \"true\""
shared_base="mcr.microsoft.com/dotnet/aspnet and mcr.microsoft.com/dotnet/runtime of the same tag are built FROM this runtime-deps image and add only .NET itself (managed code, the runtime's own .so files), no system library the gate checks"

log() { printf 'generate: %s\n' "$*" >&2; }

# ---------------------------------------------------------------------------------------------------------------
# apt, privately: one state directory per Debian release, both architectures, an empty dpkg status (so the
# candidate is the archive's version, not this machine's installed one).
mirror() {
  local uris
  uris=$(awk '/^URIs:/{print $2}' /etc/apt/sources.list.d/*.sources 2>/dev/null; awk '$1=="deb"{for(i=2;i<=NF;i++) if($i ~ /^[a-z]+:\/\//){print $i; break}}' /etc/apt/sources.list 2>/dev/null) || true
  # The first archive whose path ends in /debian (not -security) is the main archive.
  printf '%s\n' $uris | grep -E '/debian/?$' | head -n1
}

apt_for() { # release -> prints apt options
  local release=$1 dir="$work/apt/$release"
  printf '%s\n' -o "Dir::Etc::SourceList=$dir/sources.list" -o Dir::Etc::SourceParts=/dev/null \
    -o "Dir::State::Lists=$dir/lists" -o "Dir::State::status=$dir/status" -o "Dir::Cache=$dir/cache" \
    -o APT::Architectures::=amd64 -o APT::Architectures::=arm64 -o Debug::NoLocking=1
}

apt_setup() { # release
  local release=$1 dir="$work/apt/$1" base
  base=$(mirror)
  [[ -n $base ]] || { log "no Debian mirror in /etc/apt"; return 1; }
  mkdir -p "$dir/lists/partial" "$dir/cache/archives/partial"
  : > "$dir/status"
  printf 'deb [arch=amd64,arm64 signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] %s %s main\n' "$base" "$release" > "$dir/sources.list"
  printf 'deb [arch=amd64,arm64 signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] %s %s-updates main\n' "$base" "$release" >> "$dir/sources.list"
  mapfile -t opts < <(apt_for "$release")
  apt-get "${opts[@]}" -qq update >&2
}

declare -A used_versions
# root_from_packages RELEASE DEBARCH ROOT PACKAGE... ; records "pkg=version" in used_versions[ROOT]
root_from_packages() {
  local release=$1 arch=$2 root=$3; shift 3
  local debs="$work/debs/$release/$arch" names=() pkg file
  mkdir -p "$debs"; rm -rf "$root"; mkdir -p "$root"
  mapfile -t opts < <(apt_for "$release")
  for pkg in "$@"; do
    (cd "$debs" && apt-get "${opts[@]}" -qq download "$pkg:$arch" >&2 2>/dev/null || apt-get "${opts[@]}" -qq download "$pkg" >&2)
  done
  for pkg in "$@"; do
    file=$(ls -1 "$debs"/"${pkg}"_*_{"$arch",all}.deb 2>/dev/null | sort -V | tail -n1)
    [[ -n $file ]] || { log "$pkg:$arch not downloaded"; return 1; }
    dpkg-deb -x "$file" "$root"
    names+=("$(dpkg-deb -f "$file" Package)=$(dpkg-deb -f "$file" Version)")
  done
  # Packages of merged-/usr releases (trixie) ship only /usr/lib...; the base system's links make /lib find them.
  for dir in lib lib64 bin sbin; do
    if [[ ! -e $root/$dir && -d $root/usr/$dir ]]; then ln -s "usr/$dir" "$root/$dir"; fi
  done
  mkdir -p "$root/etc"
  ldconfig -r "$root" 2>/dev/null || true
  used_versions[$root]="${names[*]}"
}

capture() { # ROOT OUTFILE ARGS...
  local root=$1 out=$2; shift 2
  dotnet "$cli" target capture "$root" -o "$out" "$@" 2>/dev/null
}

file_for() { # id arch -> catalogue file
  local name=${1//\//_}; name=${name//:/_}
  printf '%s/%s.%s.json' "$catalogue" "$name" "$2"
}

# ---------------------------------------------------------------------------------------------------------------
# Captures from Debian packages
declare -A triplet=([x64]=x86_64-linux-gnu [arm64]=aarch64-linux-gnu)
declare -A debarch=([x64]=amd64 [arm64]=arm64)

capture_debian() { # release id kind title env-json alias... -- packages...
  local release=$1 id=$2 kind=$3 title=$4 env=$5; shift 5
  local aliases=() packages=()
  while [[ $1 != -- ]]; do aliases+=(--alias "$1"); shift; done; shift
  packages=("$@")
  for arch in x64 arm64; do
    local root="$work/roots/$release/${id//[\/:]/_}/$arch" out
    out=$(file_for "$id" "$arch")
    root_from_packages "$release" "${debarch[$arch]}" "$root" "${packages[@]}" || { log "skipped $id $arch"; continue; }
    local envargs=()
    if [[ -n $env ]]; then
      while IFS= read -r pair; do envargs+=(--env "$pair"); done < <(printf '%s' "{$env}" | tr -d '{}' | tr ',' '\n' | sed -E 's/^ *"([^"]+)": *"([^"]*)" *$/\1=\2/')
    fi
    capture "$root" "$out" --id "$id" --kind "$kind" --title "$title" --arch "$arch" "${aliases[@]}" "${envargs[@]}" \
      --source "captured by build/targets/generate.sh from Debian $release ${debarch[$arch]} packages: ${used_versions[$root]}${SOURCE_EXTRA:+; $SOURCE_EXTRA}"
    log "captured $id $arch"
  done
}

# ---------------------------------------------------------------------------------------------------------------
# Table targets: one JSON file written here. Libraries: "soname|path|ceilings" lines.
lib_lines_glibc() { # arch glibc libdir
  local arch=$1 glibc=$2 dir=$3 loader
  if [[ $arch == x64 ]]; then loader=/lib64/ld-linux-x86-64.so.2; else loader=/lib/ld-linux-aarch64.so.1; fi
  printf '%s|%s|"GLIBC": "%s"\n' "${loader##*/}" "$loader" "$glibc"
  # The sonames of libc6 (targets.md "Sonames per package"); libnss_* modules are left out (none is ever NEEDED).
  for so in libc.so.6 libm.so.6 libdl.so.2 libpthread.so.0 librt.so.1 libresolv.so.2 libanl.so.1 libnsl.so.1 libutil.so.1 libmvec.so.1; do
    printf '%s|%s/%s|"GLIBC": "%s"\n' "$so" "$dir" "$so" "$glibc"
  done
}

write_table_target() { # id arch kind title libc-json env-json aliases-json source symbolset lines...
  local id=$1 arch=$2 kind=$3 title=$4 libc=$5 env=$6 aliases=$7 source=$8 symbolset=$9; shift 9
  local out first=true
  out=$(file_for "$id" "$arch")
  {
    printf '{\n  "schemaVersion": 1,\n  "id": "%s",\n  "aliases": [%s],\n  "kind": "%s",\n' "$id" "$aliases" "$kind"
    printf '  "title": "%s",\n  "source": "%s",\n  "architecture": "%s",\n  "libc": %s,\n' "$title" "$source" "$arch" "$libc"
    printf '  "environment": {%s},\n  "libraries": [' "$env"
    while IFS='|' read -r soname path ceilings; do
      [[ -n $soname ]] || continue
      $first || printf ','; first=false
      printf '\n    { "soname": "%s", "path": %s, "versions": []' "$soname" "$( [[ -n $path ]] && printf '"%s"' "$path" || printf null)"
      [[ -n $ceilings ]] && printf ', "versionCeilings": { %s }' "$ceilings"
      printf ' }'
    done < <(printf '%s\n' "$@" | sort -t'|' -k1,1 -u)
    printf '\n  ]'
    [[ -n $symbolset ]] && printf ',\n  "libcSymbolSet": "%s"' "$symbolset"
    printf '\n}\n'
  } > "$out"
}

glibc_target() { # id kind title glibc glibcxx cxxabi gcc(x64) gcc(arm64) libdir env aliases source extra-lines...
  local id=$1 kind=$2 title=$3 glibc=$4 glibcxx=$5 cxxabi=$6 gcc=$7 gcc_arm=$8 libdir=$9 env=${10} aliases=${11} source=${12}; shift 12
  for arch in x64 arm64; do
    local dir=${libdir//@/${triplet[$arch]}} lines=() g=$gcc
    [[ $arch == arm64 && -n $gcc_arm ]] && g=$gcc_arm
    [[ $arch == arm64 && $dir == /usr/lib64 ]] && dir=/usr/lib64
    mapfile -t lines < <(lib_lines_glibc "$arch" "$glibc" "$dir")
    local cxx="" gccc=""
    [[ -n $glibcxx ]] && cxx="\"GLIBCXX\": \"$glibcxx\", \"CXXABI\": \"$cxxabi\""
    [[ -n $g ]] && gccc="\"GCC\": \"$g\""
    lines+=("libstdc++.so.6|$dir/libstdc++.so.6|$cxx" "libgcc_s.so.1|$dir/libgcc_s.so.1|$gccc")
    for extra in "$@"; do lines+=("${extra//@/$dir}"); done
    write_table_target "$id" "$arch" "$kind" "$title" "{ \"flavor\": \"glibc\", \"version\": \"$glibc\" }" "$env" "$aliases" "$source" "" "${lines[@]}"
  done
}

musl_target() { # id kind title musl-version env aliases source extra-libs...
  local id=$1 kind=$2 title=$3 musl=$4 env=$5 aliases=$6 source=$7; shift 7
  for arch in x64 arm64; do
    local m; [[ $arch == x64 ]] && m=x86_64 || m=aarch64
    local lines=("ld-musl-$m.so.1|/lib/ld-musl-$m.so.1|" "libc.musl-$m.so.1|/lib/libc.musl-$m.so.1|"
      "libgcc_s.so.1||" "libstdc++.so.6||" "libssl.so.3||" "libcrypto.so.3||" "libz.so.1||") libc set=""
    for extra in "$@"; do lines+=("$extra"); done
    if [[ -n $musl ]]; then libc="{ \"flavor\": \"musl\", \"version\": \"$musl\" }"; set="musl-$musl"; else libc='{ "flavor": "musl" }'; fi
    write_table_target "$id" "$arch" "$kind" "$title" "$libc" "$env" "$aliases" "$source" "$set" "${lines[@]}"
  done
}

aliases_for() { # tag -> JSON list of the other spellings
  local tag=$1 list=()
  list+=("\"dotnet/runtime-deps:$tag\"" "\"runtime-deps:$tag\"" "\"mcr.microsoft.com/dotnet/runtime:$tag\"" "\"mcr.microsoft.com/dotnet/aspnet:$tag\"")
  local IFS=,; printf '%s' "${list[*]}" | sed 's/,/, /g'
}

pep600="mayeut/pep600_compliance cache/<arch>/<distro>.json via targets.md's distribution table"
ssl3="libssl.so.3|@/libssl.so.3|" crypto3="libcrypto.so.3|@/libcrypto.so.3|" zlib="libz.so.1|@/libz.so.1|"

write_tables() {
  # Distributions (targets.md, "Distributions"): glibc, GLIBCXX, CXXABI, GCC; OpenSSL's soname is the release's openssl
  # package (RHEL 8: 1.1.1, Amazon Linux 2: 1.0.2k as libssl.so.10, Ubuntu 20.04: libssl1.1); ICU only where targets.md
  # grounds its soname (Ubuntu 22.04/24.04 by the runtime-deps jammy/noble rows), else left out and said so.
  # ICU is one of .NET's documented dependencies, so a distribution target has it; where its soname version is not
  # in targets.md, a family entry (libicuuc.so.*) says "some ICU" without claiming a version.
  local noicu="ICU is installed (.NET's documented dependencies) but its soname version is not in targets.md: a family entry libicuuc.so.* stands for it"
  local icufam=("libicuuc.so.*||" "libicui18n.so.*||")
  glibc_target rhel.8 distribution "Red Hat Enterprise Linux 8 (Alma/Rocky 8) with .NET's dependencies" 2.28 3.4.25 1.3.11 7.0.0 "" /usr/lib64 "" "" "targets.md distribution row rhel.8 ($pep600); OpenSSL 1.1.1 (openssl-libs); $noicu" "libssl.so.1.1|@/libssl.so.1.1|" "libcrypto.so.1.1|@/libcrypto.so.1.1|" "$zlib" "${icufam[@]}"
  glibc_target rhel.9 distribution "Red Hat Enterprise Linux 9 with .NET's dependencies" 2.34 3.4.29 1.3.13 7.0.0 11.0 /usr/lib64 "" "" "targets.md distribution row rhel.9 ($pep600); $noicu" "$ssl3" "$crypto3" "$zlib" "${icufam[@]}"
  glibc_target ubuntu.20.04 distribution "Ubuntu 20.04 (focal) with .NET's dependencies" 2.31 3.4.28 1.3.12 7.0.0 "" /lib/@ "" "" "targets.md distribution row ubuntu.20.04 ($pep600); OpenSSL 1.1 (libssl1.1); $noicu" "libssl.so.1.1|@/libssl.so.1.1|" "libcrypto.so.1.1|@/libcrypto.so.1.1|" "$zlib" "${icufam[@]}"
  local icu70=("libicuuc.so.70|@/libicuuc.so.70|" "libicui18n.so.70|@/libicui18n.so.70|" "libicudata.so.70|@/libicudata.so.70|")
  local icu74=("libicuuc.so.74|@/libicuuc.so.74|" "libicui18n.so.74|@/libicui18n.so.74|" "libicudata.so.74|@/libicudata.so.74|")
  glibc_target ubuntu.22.04 distribution "Ubuntu 22.04 (jammy) with .NET's dependencies" 2.35 3.4.30 1.3.13 12.0.0 11.0 /lib/@ "" "" "targets.md distribution row ubuntu.22.04 ($pep600); libicu70 as in the runtime-deps:8.0-jammy row" "$ssl3" "$crypto3" "$zlib" "${icu70[@]}"
  glibc_target ubuntu.24.04 distribution "Ubuntu 24.04 (noble) with .NET's dependencies" 2.39 3.4.33 1.3.15 14.0.0 "" /usr/lib/@ "" "" "targets.md distribution row ubuntu.24.04 ($pep600); libicu74 as in the runtime-deps:8.0-noble row" "$ssl3" "$crypto3" "$zlib" "${icu74[@]}"
  glibc_target amzn.2 distribution "Amazon Linux 2 with .NET's dependencies" 2.26 3.4.24 1.3.11 7.0.0 "" /usr/lib64 "" "" "targets.md distribution row amzn.2 ($pep600); OpenSSL 1.0.2k (openssl-libs, libssl.so.10); $noicu" "libssl.so.10|@/libssl.so.10|" "libcrypto.so.10|@/libcrypto.so.10|" "$zlib" "${icufam[@]}"
  glibc_target amzn.2023 distribution "Amazon Linux 2023 with .NET's dependencies" 2.34 3.4.33 1.3.15 14.0.0 "" /usr/lib64 "" "" "targets.md distribution row amzn.2023 ($pep600); $noicu" "$ssl3" "$crypto3" "$zlib" "${icufam[@]}"
  glibc_target azurelinux.3 distribution "Azure Linux 3.0 with .NET's dependencies" 2.38 "" "" "" "" /usr/lib64 "" "" "targets.md distribution row azurelinux.3 (glibc from microsoft/azurelinux SPECS/glibc/glibc.spec; GLIBCXX, CXXABI, GCC are '?' there and left out); $noicu" "$ssl3" "$crypto3" "$zlib" "${icufam[@]}"

  # Ubuntu-based runtime-deps images (targets.md "Container images"; ENV from each Dockerfile at $docker_src).
  local img=mcr.microsoft.com/dotnet/runtime-deps
  rd() { # tag glibc glibcxx cxxabi gcc gcc_arm libdir env extra-alias-json source-row libs...
    local tag=$1 g=$2 x=$3 c=$4 gc=$5 ga=$6 dir=$7 env=$8 more=$9 row=${10}; shift 10
    local aliases; aliases=$(aliases_for "$tag")${more:+, $more}
    glibc_target "$img:$tag" image "runtime-deps:$tag" "$g" "$x" "$c" "$gc" "$ga" "$dir" "$env" "$aliases" "targets.md image row $row; src/runtime-deps/$row/amd64/Dockerfile and manifest.json at $docker_src; the C++ and GCC ceilings are the distribution row of its base; $shared_base" "$@"
  }
  rd 8.0-jammy 2.35 3.4.30 1.3.13 12.0.0 11.0 /lib/@ "$container_env" "" 8.0/jammy "$ssl3" "$crypto3" "$zlib" "${icu70[@]}"
  rd 8.0-jammy-chiseled 2.35 3.4.30 1.3.13 12.0.0 11.0 /lib/@ "$invariant_env" "" 8.0/jammy-chiseled "$ssl3" "$crypto3" "$zlib"
  rd 8.0-jammy-chiseled-extra 2.35 3.4.30 1.3.13 12.0.0 11.0 /lib/@ "$container_env" "" 8.0/jammy-chiseled-extra "$ssl3" "$crypto3" "$zlib" "${icu70[@]}"
  for v in 8.0 9.0 10.0; do
    local z=(); [[ $v == 8.0 ]] && z=("$zlib")
    # The 9.0/10.0 noble-chiseled images get zlib through the libssl3t64 slice (targets.md).
    local zc=("$zlib")
    local plain=""; [[ $v == 10.0 ]] && plain="\"$img:10.0\", $(aliases_for 10.0), \"$img:latest\""
    rd "$v-noble" 2.39 3.4.33 1.3.15 14.0.0 "" /usr/lib/@ "$container_env" "$plain" "$v/noble" "$ssl3" "$crypto3" "${z[@]}" "${icu74[@]}"
    rd "$v-noble-chiseled" 2.39 3.4.33 1.3.15 14.0.0 "" /usr/lib/@ "$invariant_env" "" "$v/noble-chiseled" "$ssl3" "$crypto3" "${zc[@]}"
    rd "$v-noble-chiseled-extra" 2.39 3.4.33 1.3.15 14.0.0 "" /usr/lib/@ "$container_env" "" "$v/noble-chiseled-extra" "$ssl3" "$crypto3" "${zc[@]}" "${icu74[@]}"
    # Azure Linux 3.0: glibc 2.38; no C++/GCC ceilings ('?'); ICU (non-distroless, -extra) has no grounded soname.
    local az="targets.md: the image installs icu, whose soname version is not in the data: a family entry libicuuc.so.* stands for it"
    local icufam=("libicuuc.so.*||" "libicui18n.so.*||")
    rd "$v-azurelinux3.0" 2.38 "" "" "" "" /usr/lib64 "$container_env" "" "$v/azurelinux3.0; $az" "$ssl3" "$crypto3" "${z[@]}" "${icufam[@]}"
    rd "$v-azurelinux3.0-distroless" 2.38 "" "" "" "" /usr/lib64 "$invariant_env" "" "$v/azurelinux3.0-distroless" "$ssl3" "$crypto3" "${z[@]}"
    rd "$v-azurelinux3.0-distroless-extra" 2.38 "" "" "" "" /usr/lib64 "$container_env" "" "$v/azurelinux3.0-distroless-extra; $az" "$ssl3" "$crypto3" "${z[@]}" "${icufam[@]}"
    # -alpine is alpine3.24 (manifest.json); targets.md has no musl release for Alpine 3.23/3.24: version and symbol
    # set are left out. ICU (-extra: icu-libs) has no grounded soname: left out.
    local asrc="targets.md image row runtime-deps:*-alpine; src/runtime-deps/$v/alpine3.24/amd64/Dockerfile and manifest.json (the -alpine tag is alpine3.24) at $docker_src; musl release of Alpine 3.24 not in targets.md, so no version or symbol set; $shared_base"
    musl_target "$img:$v-alpine" image "runtime-deps:$v-alpine" "" "$invariant_env" "$(aliases_for "$v-alpine"), \"$img:$v-alpine3.24\"" "$asrc"
    musl_target "$img:$v-alpine-extra" image "runtime-deps:$v-alpine-extra" "" "$container_env" "$(aliases_for "$v-alpine-extra"), \"$img:$v-alpine3.24-extra\"" "${asrc/alpine3.24\/amd64/alpine3.24-extra/amd64}; ICU (icu-libs) is installed but its soname version is not in targets.md: a family entry libicuuc.so.* stands for it" "${icufam[@]}"
  done

  # Alpine releases (targets.md: musl per Alpine release); ICU left out (no grounded soname version).
  for r in 3.18:1.2.4 3.19:1.2.4 3.20:1.2.5 3.21:1.2.5 3.22:1.2.5; do
    local rel=${r%%:*} musl=${r##*:}
    musl_target "alpine.$rel" distribution "Alpine Linux $rel with .NET's dependencies" "$musl" "" "" "targets.md: Alpine $rel has musl $musl (package URLs); libraries are the sonames of musl, libgcc, libstdc++, libssl3, zlib; ICU (.NET's documented dependency) is installed but its soname version is not in targets.md: a family entry libicuuc.so.* stands for it" "libicuuc.so.*||" "libicui18n.so.*||"
  done

  # scratch: nothing at all (targets.md, Google distroless paragraph).
  for arch in x64 arm64; do
    write_table_target scratch "$arch" image "FROM scratch: an empty image" '{ "flavor": "none" }' "" '"docker.io/library/scratch"' "targets.md: scratch has nothing at all" ""
  done
}

# ---------------------------------------------------------------------------------------------------------------
write_docs() {
  local doc="$repo/docs/targets.md"
  {
    printf '# Built-in targets\n\nGenerated by `build/targets/generate.sh` from `src/StaticLink.Core/Targets/Catalogue/*.json`; do not edit.\n\n'
    cat <<'TEXT'
A target is where the output will run. Name one or more with `StaticLinkTarget` (MSBuild, separated by `;`) or
`--target` (command line, repeatable); every one must pass. A value is an id or alias below, a target file
([target-file.md](target-file.md), written by `staticlink target capture`), a root filesystem directory, or an image
archive (`docker save` / OCI layout tar). The old policy names `glibc-portable`, `musl-portable` and `static` still
work; `dotnet-floor` names .NET's floor explicitly.

## How the default is chosen

1. A target named with `StaticLinkTarget` / `--target` (or the old `StaticLinkPolicy`).
2. When the project builds a container with the SDK (`PublishContainer`, `ContainerBaseImage`, `ContainerFamily`,
   `ContainerRepository`): the base image the SDK will use, computed as dotnet/sdk's ComputeDotnetBaseImageAndTag does
   (runtime-deps for self-contained and NativeAOT apps, aspnet for ASP.NET Core, runtime otherwise; the TFM's version;
   `-alpine` for musl RIDs; `-noble-chiseled` for trimmed or NativeAOT glibc apps, `-extra` unless invariant
   globalization; or `ContainerFamily`), matched to this catalogue. `EnableSdkContainerSupport` alone does not count:
   SDK 10 sets it for every app project. An uncatalogued base image falls back to the floor, and the summary says so.
3. Otherwise .NET's floor: the oldest C library the TFM's .NET supports for the RID (glibc 2.23 for .NET 8 and 9, 2.27
   for .NET 10 on x64/arm64, 2.35 on arm32 from .NET 9; musl 1.2.2 for .NET 8 and 9, 1.2.3 for .NET 10), with .NET's
   documented dependencies. Needing more is the warning SL2005, naming the distributions below where the output will
   not start. Without a TFM (the command line, with no runtimeconfig.json) the newest .NET's floor is used.

The summary line always says which target was used and why.

## The catalogue

TEXT
    printf '| id | aliases | arch | libc | ICU | OpenSSL | zlib | invariant env | source |\n|---|---|---|---|---|---|---|---|---|\n'
    for f in "$catalogue"/*.json; do
      python3 - "$f" <<'PY'
import json, sys
t = json.load(open(sys.argv[1]))
names = {l["soname"] for l in t.get("libraries", [])}
def has(prefix): return "yes" if any(n.startswith(prefix) for n in names) else "no"
libc = t["libc"]["flavor"] + (" " + t["libc"]["version"] if t["libc"].get("version") else "")
inv = t.get("environment", {}).get("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", "")
cell = lambda s: s.replace("|", "\\|")
print("| `%s` | %s | %s | %s | %s | %s | %s | %s | %s |" % (t["id"], cell(", ".join(t.get("aliases", []))) or "", t.get("architecture", ""), libc,
      has("libicuuc.so."), has("libssl.so."), has("libz.so."), inv or "", cell(t.get("source", ""))))
PY
    done
  } > "$doc"
}

# ---------------------------------------------------------------------------------------------------------------
mkdir -p "$catalogue" "$work"
cli="$repo/src/StaticLink.Cli/bin/Release/net10.0/staticlink.dll"
if ! $table_only; then
  dotnet build "$repo/src/StaticLink.Cli" -c Release -nologo -v q >&2
  for release in bullseye bookworm trixie; do apt_setup "$release" || log "$release not served"; done
  deps12=(libc6 libgcc-s1 libstdc++6 libssl3 libicu72 zlib1g tzdata ca-certificates)
  capture_debian bookworm debian.12 distribution "Debian 12 (bookworm) with .NET's dependencies" "" -- "${deps12[@]}"
  SOURCE_EXTRA="the package set of targets.md's runtime-deps:8.0 row (src/runtime-deps/8.0/bookworm-slim/amd64/Dockerfile; the plain 8.0 and 9.0 tags are bookworm-slim in manifest.json at $docker_src); $shared_base" \
    capture_debian bookworm mcr.microsoft.com/dotnet/runtime-deps:8.0 image "runtime-deps:8.0 (Debian 12 bookworm-slim)" "$container_env" \
      dotnet/runtime-deps:8.0 runtime-deps:8.0 mcr.microsoft.com/dotnet/runtime-deps:8.0-bookworm-slim mcr.microsoft.com/dotnet/runtime:8.0 mcr.microsoft.com/dotnet/aspnet:8.0 -- "${deps12[@]}"
  SOURCE_EXTRA="the package set of targets.md's runtime-deps row, for 9.0 (src/runtime-deps/9.0/bookworm-slim/amd64/Dockerfile at $docker_src); $shared_base" \
    capture_debian bookworm mcr.microsoft.com/dotnet/runtime-deps:9.0 image "runtime-deps:9.0 (Debian 12 bookworm-slim)" "$container_env" \
      dotnet/runtime-deps:9.0 runtime-deps:9.0 mcr.microsoft.com/dotnet/runtime-deps:9.0-bookworm-slim mcr.microsoft.com/dotnet/runtime:9.0 mcr.microsoft.com/dotnet/aspnet:9.0 -- libc6 libgcc-s1 libstdc++6 libssl3 libicu72 tzdata ca-certificates
  distroless="Google distroless */config.bzl per targets.md"
  SOURCE_EXTRA="$distroless: static-debian12 has no libc" capture_debian bookworm gcr.io/distroless/static-debian12 image "distroless static (Debian 12, no C library)" "" -- base-files netbase tzdata ca-certificates
  SOURCE_EXTRA="$distroless" capture_debian bookworm gcr.io/distroless/base-nossl-debian12 image "distroless base-nossl (Debian 12)" "" -- base-files netbase tzdata ca-certificates libc6
  SOURCE_EXTRA="$distroless (no zlib)" capture_debian bookworm gcr.io/distroless/base-debian12 image "distroless base (Debian 12)" "" -- base-files netbase tzdata ca-certificates libc6 libssl3
  SOURCE_EXTRA="$distroless" capture_debian bookworm gcr.io/distroless/cc-debian12 image "distroless cc (Debian 12)" "" -- base-files netbase tzdata ca-certificates libc6 libssl3 libgcc-s1 libstdc++6 libgomp1
  capture_debian bullseye debian.11 distribution "Debian 11 (bullseye) with .NET's dependencies" "" -- libc6 libgcc-s1 libstdc++6 libssl1.1 libicu67 zlib1g tzdata ca-certificates
  capture_debian trixie debian.13 distribution "Debian 13 (trixie) with .NET's dependencies" "" -- libc6 libgcc-s1 libstdc++6 libssl3t64 libicu76 zlib1g tzdata ca-certificates
fi
write_tables
write_docs
log "catalogue: $(ls "$catalogue"/*.json | wc -l) files, $(du -ch "$catalogue"/*.json | tail -n1 | cut -f1)"
