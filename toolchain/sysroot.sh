#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Provides guest sysroots made of Debian's own binary packages at
# build/sysroot/<arch> (idempotent), so unmodified Debian programs run under
# QEMU with `-L build/sysroot/<arch>`:
#
#   sysroot.sh ARCH...      ARCH: aarch64 (Debian bookworm arm64)
#                                 riscv64 (Debian trixie riscv64, else forky)
#
# Packages are only downloaded (apt-get download) and unpacked (dpkg-deb -x),
# never installed. apt runs with a private configuration per architecture
# and suite, kept with the sysroots in a cache outside the checkout
# ($HOSTLINK_CACHE, default ~/.cache/hostlink): the host's apt sources,
# dpkg architectures and package lists stay as they are, and root is not
# needed. Each sysroot is keyed by the exact package versions, so a new
# Debian version makes a new sysroot and an unchanged one is only relinked.
#
# The package lists are fetched once and then reused, so the sysroot stays
# the same from run to run; HOSTLINK_SYSROOT_UPDATE=1 fetches them anew
# (security updates).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
cache="${HOSTLINK_CACHE:-$HOME/.cache/hostlink}/sysroot"
mirror=http://deb.debian.org/debian
security=http://deb.debian.org/debian-security
keyring=/usr/share/keyrings/debian-archive-keyring.gpg

# Guest programs and the files to build against the guest's own zlib; their
# run-time dependencies are added by resolve().
wanted="libc6 zlib1g pigz minizip zlib1g-dev libc6-dev libsdl2-2.0-0 bzip2 libbz2-1.0 libbz2-dev xz-utils squashfs-tools"
# Bump when the way a sysroot is put together changes, to make new ones.
layout=3
# Programs that run other programs, for the exec tests (tests/exec): a
# shell, coreutils, make, find and xargs, and Python's minimal runtime.
wanted+=" dash coreutils make findutils python3-minimal"
# SQLite: the library, its headers (layout checks, speedtest1) and the CLI (tests/sqlite).
wanted+=" libsqlite3-0 libsqlite3-dev sqlite3"
# The PNG programs of tests/png and libpng-dev (pngtest is built per guest);
# libpng itself comes with them (libpng16-16, on riscv64 libpng16-16t64).
wanted+=" libpng-dev optipng pngcrush libpng-tools"
# expat and Debian's xmlwf (tests/expat).
wanted+=" libexpat1 libexpat1-dev expat"
# `hostlink sysroot add` (cli/sysroot.c): the result goes to
# $HOSTLINK_SYSROOT_DIR instead of build/sysroot/ARCH, with the packages of
# $HOSTLINK_SYSROOT_ADD too. A sysroot keeps what it was made for (.wanted),
# so what was added once stays in every later run for that place.
out_dir() { echo "${HOSTLINK_SYSROOT_DIR:-$top/build/sysroot/$1}"; }
wanted_for() {                  # $1 arch
    printf '%s\n' $wanted ${HOSTLINK_SYSROOT_ADD:-} $(cat "$(out_dir "$1")/.wanted" 2>/dev/null) |
        sort -u | paste -sd' '
}

# Debian architecture and suites to try, in order, per guest: mk/guest-arch.mk.
# (riscv64: forky (testing) stands in while the mirror cannot serve trixie's
# riscv64 index; it has served one that does not match its Release file.)
eval "$(make -s -f "$top/mk/guest-arch.mk" guest-arch-shell)"
declare -A debarch=() suites=()
for a in $SYSROOT_ARCHES; do
    debarch[$a]=${guest_debian_arch[$a]}
    suites[$a]=${guest_debian_suites[$a]}
done

say() { echo "hostlink-sysroot: $*" >&2; }

[ $# -gt 0 ] || { echo "usage: $0 ARCH... (${!debarch[*]})" >&2; exit 2; }
for a in "$@"; do
    [ -n "${debarch[$a]+x}" ] || { say "unknown arch $a (known: ${!debarch[*]})"; exit 2; }
done
if ! command -v apt-get >/dev/null || ! command -v dpkg-deb >/dev/null; then
    say "needs apt-get and dpkg-deb (a Debian host)"; exit 1
fi

# --- a private apt for one architecture and suite ---------------------------
# Its configuration replaces the host's (apt reads $APT_CONFIG first, and it
# points the host's apt.conf and apt.conf.d away), so host settings such as
# "no package cache" or update hooks do not apply. How to fetch is taken
# from the host, though: its Acquire:: settings (proxies; on a machine whose
# mirror is a frozen snapshot, Check-Valid-Until "false") come first.
apt_conf() {                    # $1 debian arch; uses $aptdir
    apt-config dump Acquire 2>/dev/null | grep -v '^Acquire::IndexTargets' || true
    cat <<EOF
Dir::Etc::main "$aptdir/empty/none";
Dir::Etc::parts "$aptdir/empty";
Dir::Etc::SourceList "$aptdir/guest.sources";
Dir::Etc::SourceParts "$aptdir/empty";
Dir::Etc::Preferences "$aptdir/empty/none";
Dir::Etc::PreferencesParts "$aptdir/empty";
Dir::State::Lists "$aptdir/lists";
Dir::State::status "$aptdir/status";
Dir::Cache "$aptdir/cache";
// A package cache makes each apt-cache call quick; the source cache would
// only double the disk space.
Dir::Cache::pkgcache "pkgcache.bin";
Dir::Cache::srcpkgcache "";
// The guest architecture is the native one here: "pigz" is the guest's
// pigz, and no host (amd64) package is ever considered.
APT::Architecture "$1";
APT::Architectures { "$1"; };
Acquire::Languages "none";
// The cache is often in root's home, which user _apt cannot enter; what is
// fetched is checked against the signed Release file either way.
APT::Sandbox::User "root";
EOF
}

# Runs an apt command with the private configuration of $aptdir.
papt() { APT_CONFIG="$aptdir/apt.conf" "$@"; }

sources_for() {                 # $1 debian arch, $2 suite
    local s="$2"
    # Releases get their point and security updates; testing has none.
    case $2 in bookworm|trixie) s="$2 $2-updates" ;; esac
    printf 'Types: deb\nURIs: %s\nSuites: %s\nComponents: main\nArchitectures: %s\nSigned-By: %s\n' \
        "$mirror" "$s" "$1" "$keyring"
    case $2 in bookworm|trixie)
        printf '\nTypes: deb\nURIs: %s\nSuites: %s-security\nComponents: main\nArchitectures: %s\nSigned-By: %s\n' \
            "$security" "$2" "$1" "$keyring" ;;
    esac
}

# Makes sure the private apt has package lists; fetches them when its
# sources changed, when they were never fetched, or when asked to. A suite
# whose lists could not be fetched is not tried again for a day.
apt_ready() {                   # $1 debian arch, $2 suite
    local want
    aptdir="$cache/apt/$1-$2"
    want=$(sources_for "$1" "$2")
    mkdir -p "$aptdir/empty" "$aptdir/lists" "$aptdir/cache"
    apt_conf "$1" > "$aptdir/apt.conf"
    [ -f "$aptdir/status" ] || : > "$aptdir/status"
    if [ ! -f "$aptdir/guest.sources" ] || [ "$(cat "$aptdir/guest.sources")" != "$want" ]; then
        printf '%s\n' "$want" > "$aptdir/guest.sources"
        rm -f "$aptdir/.updated" "$aptdir/.failed"
    fi
    [ "${HOSTLINK_SYSROOT_UPDATE:-}" != 1 ] || rm -f "$aptdir/.updated" "$aptdir/.failed"
    [ ! -f "$aptdir/.updated" ] || return 0
    if [ -n "$(find "$aptdir/.failed" -mmin -1440 2>/dev/null)" ]; then
        say "$2 $1: lists failed to download less than a day ago; skipping $2 (HOSTLINK_SYSROOT_UPDATE=1 retries now)"
        return 1
    fi
    say "$2 $1: apt-get update"
    rm -f "$aptdir/resolved"
    if papt apt-get update -qq >"$aptdir/update.log" 2>&1 &&
       ! grep -q '^E:' "$aptdir/update.log"; then
        touch "$aptdir/.updated"
        rm -f "$aptdir/.failed"
        return 0
    fi
    sed 's/^/    /' "$aptdir/update.log" | head -8 >&2
    touch "$aptdir/.failed"
    return 1
}

# --- which packages, which versions -----------------------------------------
# Prints "name version" for the wanted packages and every package they
# depend on, candidate versions of the current lists; of alternatives the
# first is taken. Dependencies built for the guest that are Multi-Arch:
# foreign are left out: those are tools (libc-dev-bin, rpcsvc-proto) that a
# sysroot does not need. Architecture: all ones are kept (trixie's
# linux-libc-dev, the kernel headers libc6-dev needs, is one).
resolve() {
    local level=() next p v a m deps d n
    local -A seen=()
    read -ra next <<< "$wanted"
    # Breadth first, one apt-cache call per level: each call reads the
    # compressed lists, about half a second.
    while [ ${#next[@]} -gt 0 ]; do
        level=()
        for p in "${next[@]}"; do
            [ -n "${seen[$p]+x}" ] || { seen[$p]=1; level+=("$p"); }
        done
        [ ${#level[@]} -gt 0 ] || break
        next=()
        n=0
        local -A shown=()
        while IFS=$'\t' read -r p v a m deps; do
            n=$((n + 1))
            shown[$p]=1
            if [[ " $wanted " != *" $p "* ]] && [ "$a" != all ] && [ "$m" = foreign ]; then
                continue
            fi
            echo "$p $v"
            for d in $(tr ',' '\n' <<< "$deps" |
                       sed 's/|.*//; s/(.*)//; s/:any//; s/[[:space:]]//g'); do
                next+=("$d")
            done
        done < <(papt apt-cache show --no-all-versions "${level[@]}" 2>/dev/null |
                 awk -v OFS='\t' '
                      # Fields never empty: read with IFS=tab would shift.
                      function out() {
                          if (p != "") print p, v, a, (m == "" ? "-" : m), d ","
                          p = v = a = m = d = ""
                      }
                      /^Package: /      { p = $2 }
                      /^Version: /      { v = $2 }
                      /^Architecture: / { a = $2 }
                      /^Multi-Arch: /   { m = $2 }
                      /^(Pre-)?Depends: / { sub(/^[^:]*: /, ""); d = d "," $0 }
                      /^$/ { out() }
                      END  { out() }')
        # A virtual package (libsqlite3-dev's libc-dev) is left to its provider,
        # which a sysroot wants anyway (libc6-dev).
        for p in "${level[@]}"; do
            if [ -z "${shown[$p]+x}" ] && papt apt-cache showpkg "$p" 2>/dev/null |
                   sed -n '/^Reverse Provides:/,$p' | sed 1d | grep -q .; then
                n=$((n + 1))
            fi
        done
        if [ "$n" -ne ${#level[@]} ]; then
            say "not all of ${level[*]} are in these lists"
            return 1
        fi
    done | sort
}

# resolve(), remembered until the lists are fetched anew: a rerun with
# nothing new then takes no apt-cache call at all.
resolved() {
    local memo="$aptdir/resolved" tag="wanted=$wanted" r
    if [ -f "$memo" ] && [ "$(head -1 "$memo")" = "$tag" ]; then
        tail -n +2 "$memo"
        return
    fi
    r=$(resolve) || return 1
    printf '%s\n%s\n' "$tag" "$r" > "$memo"
    echo "$r"
}

# --- putting one sysroot together -------------------------------------------
# Debian's merged /usr: /lib, /bin, ... are symlinks into /usr. bookworm
# packages still ship files under /lib (the merge happens on install), trixie
# ones under /usr only; merge what was unpacked the same way, so that the
# loader paths baked into programs (/lib/ld-linux-aarch64.so.1,
# /lib/ld-linux-riscv64-lp64d.so.1) resolve inside the sysroot.
merge_usr() {                   # $1 root
    local d
    for d in bin sbin lib lib64; do
        if [ -d "$1/$d" ] && [ ! -L "$1/$d" ]; then
            mkdir -p "$1/usr/$d"
            cp -a "$1/$d/." "$1/usr/$d/"
            rm -rf "${1:?}/$d"
        fi
        if [ -d "$1/usr/$d" ] && [ ! -e "$1/$d" ]; then ln -s "usr/$d" "$1/$d"; fi
    done
}

# QEMU looks a path up in the sysroot through the host's kernel, which
# follows an absolute symlink (libz.so -> /lib/...) out of the sysroot into
# the host's own files. Make every absolute link relative to where it lives.
relative_links() {              # $1 root
    local l t
    find "$1" -type l -lname '/*' -print0 |
    while IFS= read -r -d '' l; do
        t=$(readlink "$l")
        ln -sfn "$(realpath -m -s --relative-to="$(dirname "$l")" "$1$t")" "$l"
    done
}

link_result() {                 # $1 arch, $2 sysroot
    local out
    out=$(out_dir "$1")
    mkdir -p "$(dirname "$out")"
    rm -rf "$out"
    ln -s "$2" "$out"
}

# Fetches the .deb files of PKGS ("name version" lines) into DIR.
download() {                    # $1 pkgs, $2 dir
    local specs
    mkdir -p "$2"
    # name=version fetches exactly what the key was computed from.
    mapfile -t specs < <(awk '{print $1 "=" $2}' <<< "$1")
    if ! (cd "$2" && papt apt-get download -qq "${specs[@]}") >"$2/download.log" 2>&1; then
        sed 's/^/    /' "$2/download.log" | head -8 >&2
        return 1
    fi
}

# Unpacks the .deb files in DEBS into ROOT, through a directory beside
# DEBS, so that an interrupted run leaves nothing that looks finished.
unpack() {                      # $1 debs, $2 pkgs, $3 root
    local tree deb
    tree="$(dirname "$1")/root"
    mkdir -p "$tree"
    for deb in "$1"/*.deb; do
        dpkg-deb -x "$deb" "$tree"
    done
    merge_usr "$tree"
    relative_links "$tree"
    # Without a cache file of its own the guest's loader reads the host's
    # /etc/ld.so.cache (x86-64 entries, which it skips). An empty one means
    # "no cache": it searches its default directories, which hold everything.
    mkdir -p "$tree/etc"
    : > "$tree/etc/ld.so.cache"
    # What is in the sysroot, for people and for tests.
    printf '%s\n' "$2" > "$tree/.packages"
    printf '%s\n' $wanted > "$tree/.wanted"
    rm -rf "$3"
    mv "$tree" "$3"
    touch "$3/.complete"
}

# Not called where a failure is tested (that would turn set -e off inside):
# an arch that cannot be provided goes into $failed.
build_one() {                   # $1 arch
    local arch=$1 da=${debarch[$1]} suite pkgs key root work _
    # resolve() and unpack() see this place's list (expanded before it is local).
    local wanted="$(wanted_for "$arch")"
    for suite in ${suites[$arch]}; do
        for _ in 1 2; do
            apt_ready "$da" "$suite" || continue 2
            pkgs=$(resolved) || continue 2
            key=$(printf 'layout=%s\nsuite=%s\narch=%s\n%s\n' "$layout" "$suite" "$da" "$pkgs" |
                  sha256sum | cut -c1-16)
            root="$cache/$arch-$key"
            if [ -f "$root/.complete" ]; then
                link_result "$arch" "$root"
                say "$arch: up to date ($suite, $root)"
                return 0
            fi
            say "$arch: downloading $(wc -l <<< "$pkgs") $suite $da packages"
            work=$(mktemp -d "$cache/work-$arch.XXXXXX")
            if download "$pkgs" "$work/debs"; then
                say "$arch: unpacking $(du -sh "$work/debs" | cut -f1) of packages"
                unpack "$work/debs" "$pkgs" "$root"
                rm -rf "$work"
                link_result "$arch" "$root"
                say "$arch: built $root ($suite, $(du -sh "$root" | cut -f1))"
                return 0
            fi
            rm -rf "$work"
            # Old lists name versions the mirror has dropped: fetch anew once.
            say "$arch: download failed; fetching the $suite lists anew"
            rm -f "$cache/apt/$da-$suite/.updated"
        done
    done
    say "$arch: no usable suite among: ${suites[$arch]}"
    failed+=("$arch")
}

mkdir -p "$cache"
exec 9>"$cache/.lock"
flock 9                         # one writer per cache
# Work directories left by an interrupted run (none is in use: we hold the lock).
rm -rf "$cache"/work-*
failed=()
for a in "$@"; do
    build_one "$a"
done
[ ${#failed[@]} -eq 0 ] || { say "failed: ${failed[*]}"; exit 1; }
