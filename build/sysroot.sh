#!/usr/bin/env bash
# Prints the path of a glibc sysroot for linking the NativeAOT staticlink, building it first when it is missing:
# Debian 11's (bullseye, glibc 2.31) libc6, libc6-dev and libgcc-s1, unpacked into artifacts/sysroot/bullseye-amd64.
#   build/sysroot.sh
# A program links against the symbol versions of the C library it is linked with. Linked on this machine (glibc 2.36)
# the tool would need GLIBC_2.34 and fail to start on Debian 11, Ubuntu 20.04, RHEL 8 and Amazon Linux 2; linked
# here it needs GLIBC_2.17 at most (with log and pow taken at their old versions, see
# src/StaticLink.Cli/Native/glibc-2.17-math.c). ToolPackageTests proves it in a Debian 11 root.
# apt is pointed at a private configuration for bullseye (its own sources, lists and cache, an empty dpkg status), on
# the Debian archive this machine's apt already uses, read from /etc/apt: no host is written anywhere.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
release=bullseye
packages=(libc6 libc6-dev libgcc-s1)
base="$root/artifacts/sysroot"
sysroot="$base/$release-amd64"
stamp="$sysroot/.complete"

if [[ -f "$stamp" && "$(cat "$stamp")" == "${packages[*]}" ]]; then
  echo "$sysroot"
  exit 0
fi

if [[ "$(uname -m)" != x86_64 ]]; then
  echo "sysroot: only built on x86_64 (this is $(uname -m))" >&2
  exit 1
fi

mirror() { # The first Debian archive of this machine's apt sources (deb822 or one-line), not a -security one.
  local uri
  for uri in $( (cat /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '/^URIs:/ { for (i = 2; i <= NF; i++) print $i }'
                 awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /:\/\//) { print $i; break } }' /etc/apt/sources.list 2>/dev/null) ); do
    if [[ "${uri%/}" == */debian ]]; then
      echo "${uri%/}"
      return
    fi
  done
  echo "sysroot: no Debian archive in /etc/apt's sources" >&2
  return 1
}

apt_dir="$base/apt-$release"
mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$base/debs"
[[ -f "$apt_dir/status" ]] || : >"$apt_dir/status"
echo "deb [arch=amd64 signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $(mirror) $release main" >"$apt_dir/sources.list"
cat >"$apt_dir/apt.conf" <<CONF
Dir::Etc::SourceList "$apt_dir/sources.list";
Dir::Etc::SourceParts "/dev/null";
Dir::State::Lists "$apt_dir/lists";
Dir::State::status "$apt_dir/status";
Dir::Cache "$apt_dir/cache";
APT::Architectures { "amd64"; };
APT::Sandbox::User "root";
CONF

echo "== sysroot: downloading ${packages[*]} ($release)" >&2
APT_CONFIG="$apt_dir/apt.conf" apt-get -qq update >&2
rm -f "$base/debs"/*.deb
(cd "$base/debs" && APT_CONFIG="$apt_dir/apt.conf" apt-get -qq download "${packages[@]}" >&2)

rm -rf "$sysroot"
mkdir -p "$sysroot"
for deb in "$base/debs"/*.deb; do
  dpkg-deb -x "$deb" "$sysroot"
done

# The packages' absolute links (libc.so.6's development link, /lib64's loader) point into the build machine once
# unpacked here; the linker must see the sysroot's files, so each becomes relative, inside the sysroot.
while IFS= read -r -d '' link; do
  target="$(readlink "$link")"
  ln -sfn "$(realpath -m --relative-to="$(dirname "$link")" "$sysroot$target")" "$link"
done < <(find "$sysroot" -type l -lname '/*' -print0)

echo "${packages[*]}" >"$stamp"
echo "$sysroot"
