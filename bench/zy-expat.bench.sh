# SPDX-License-Identifier: GPL-2.0-or-later
# Debian's xmlwf through hostlink against the host's xmlwf (native) and
# plain emulation, per guest: a first run, which starts without a profile
# and leaves the program's call-policy profile (plugin/profile.h), and a
# second run, which starts from it. Two documents: the generated catalog
# of tests/expat/make-xml.py (EXPAT_BENCH_MIB, default 64: elements with
# attributes, namespaces, text, CDATA, comments, PIs), on which expat's
# own work per handler call outweighs a round trip, and one of tiny
# elements (EXPAT_BENCH_TINY_MIB, default 16), on which expat is
# callback-bound by the policy's bar (plugin/policy.c): the second run
# runs expat emulated. Runs after zlib.bench.sh (name order), whose
# row machinery it uses; wall-clock seconds of whole runs. Every run's
# canonical output (-d) must be the host xmlwf's, byte for byte.

xb_mib=${EXPAT_BENCH_MIB:-64}
xb_tiny_mib=${EXPAT_BENCH_TINY_MIB:-16}
xb_dir="$B/bench/expat"
xb_cache="$B/bench/expat/cache"

# xb_doc NAME MIB: the document, made once per size and kept.
xb_doc() {
    local f="$xb_dir/$1-$2-MiB.xml"
    if [ ! -s "$f" ]; then
        rm -f "$xb_dir/$1"-*-MiB.xml*
        case $1 in
        catalog) python3 "$top/tests/expat/make-xml.py" "$2" >"$f.tmp" ;;
        tiny) awk -v n=$(($2 * 1048576 / 36)) 'BEGIN { print "<r>"
                  for (i = 0; i < n; i++) print "<a/><b x=\"" i % 100000 "\">t</b>"; print "</r>" }' >"$f.tmp" ;;
        esac
        mv "$f.tmp" "$f"
    fi
    echo "$f"
}

# xb_same_output: the last run's canonical output is the host xmlwf's.
xb_same_output() { cmp -s "$xb_dir/out/$xb_name" "$xb_dir/expected/$xb_name"; }
xb_forget_profile() { rm -rf "$xb_cache"; }

echo
echo "Debian's xmlwf -d: wall-clock seconds (best of $RUNS runs); first run without, second with the program's profile"
mkdir -p "$xb_dir/out" "$xb_dir/expected"
for doc in "catalog $xb_mib" "tiny $xb_tiny_mib"; do
    file=$(xb_doc $doc)
    xb_name=$(basename "$file")
    xmlwf -d "$xb_dir/expected" "$file"
    for arch in $GUEST_ARCHES; do
        prog=/usr/bin/xmlwf
        [ "$arch" = x86_64 ] || prog="$B/sysroot/$arch/usr/bin/xmlwf"
        if [ ! -x "$prog" ]; then
            echo "# $arch: no Debian xmlwf (make sysroot)"
            continue
        fi
        # riscv64's xmlwf is expat 2.9's: its 64-bit location functions are the thunk's aliases (libs/expat.hl).
        zb_wall=1
        zb_native=(xmlwf -d "$xb_dir/out" "$file")
        zb_verify=(xb_same_output)
        # First run: no profile before each hostlink run; the run writes one.
        zb_pre_hostlink=(xb_forget_profile)
        HOSTLINK_PROFILE=on HOSTLINK_CACHE=$xb_cache \
            zb_row "$arch" "xmlwf -d, ${doc% *} $(du -m "$file" | cut -f1) MiB, first run" expat "" \
            "$prog" -d "$xb_dir/out" "$file"
        # Second run: the profile one first run left.
        zb_pre_hostlink=(true)
        xb_forget_profile
        HOSTLINK_PROFILE=on HOSTLINK_CACHE=$xb_cache hostlink_run "$arch" expat "$prog" -d "$xb_dir/out" "$file"
        HOSTLINK_PROFILE=on HOSTLINK_CACHE=$xb_cache \
            zb_row "$arch" "xmlwf -d, ${doc% *} $(du -m "$file" | cut -f1) MiB, second run" expat policy \
            "$prog" -d "$xb_dir/out" "$file"
        echo "#   profile after the runs: $(grep -h '^emulate' "$xb_cache"/profiles/* 2>/dev/null || echo 'none: expat stays on the host')"
        zb_wall="" zb_verify=() zb_native=()
    done
done
xb_forget_profile
