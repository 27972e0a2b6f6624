# SPDX-License-Identifier: GPL-2.0-or-later
# The Debian package's description (debian/), checked fast: what it needs
# to build is what the set-up installs, and what it needs to run is what
# hostlink opens: the host libraries behind every library it passes
# through, and the C library of every cross guest (its default root).
# With a package from make deb as new as the build, its contents and
# basics too. make check-package installs it in a clean root.

deb_field() {                   # FIELD: its packages, one a line, no versions
    sed -n "/^$1:/,/^[^ ]/p" "$top/debian/control" | sed "s/^$1://; /^[A-Z][A-Za-z-]*:/d" |
        tr ',' '\n' | sed 's/(.*)//; s/^ *//; s/ *$//; /^\$/d; /^$/d' | sort -u
}
expect_eq "debian: Build-Depends is what the set-up installs (dev, cross groups) that make all needs" "" \
    "$(comm -23 <(deb_field Build-Depends | grep -v '^debhelper-compat') \
                <("$top/toolchain/install-packages.sh" --list dev cross | sort -u))"
for dev in $("$top/toolchain/install-packages.sh" --list cross | grep '^libc6-dev-.*-cross$'); do
    check "debian: Depends has ${dev/-dev/}, the guest root without a sysroot" \
        grep -qx "${dev/-dev/}" <(deb_field Depends)
done
# Each library hostlink passes through: the host package holding its soname.
while IFS=$'\t' read -r name soname _; do
    [[ $name == \#* ]] && continue
    file=$(ldconfig -p | awk -v s="$soname" '$1 == s && /x86-64/ { print $NF; exit }')
    [ -n "$file" ] || continue          # the project's own test libraries
    # By the real file's name: with merged /usr, dpkg may know it under /lib.
    pkg=$(dpkg -S "/*/$(basename "$(realpath "$file")")" 2>/dev/null | head -1 | cut -d: -f1)
    check "debian: the package needs $pkg, the host's $soname ($name)" \
        grep -qx "$pkg" <(deb_field Depends; deb_field Recommends)
done <"$B/share/hostlink/libs.list"
check "debian: rules installs with make install PREFIX=/usr" \
    grep -q '^	$(MAKE) install PREFIX=/usr DESTDIR=$(CURDIR)/debian/hostlink$' "$top/debian/rules"

deb=$(ls -t "$B"/deb/hostlink_*.deb 2>/dev/null | head -1)
if [ -z "$deb" ] || [ "$deb" -ot "$B/bin/hostlink" ] || [ "$deb" -ot "$PLUGIN" ]; then
    echo "# no package as new as the build (make deb): its contents are not compared"
else
    deb_stage=$(mktemp -d)
    make -s -C "$top" install PREFIX=/usr DESTDIR="$deb_stage" >/dev/null
    deb_list=$(dpkg-deb -c "$deb")
    expect_eq "debian: ${deb##*/} holds what make install PREFIX=/usr installs (man page compressed)" \
        "$(cd "$deb_stage" && find . ! -type d | sed 's|^\.||; s|\.1$|.1.gz|' | sort)" \
        "$(awk '$1 !~ /^d/ { print $6 }' <<<"$deb_list" | sed 's|^\.||' | grep -v '^/usr/share/doc/' | sort)"
    check "debian: ... its copyright and changelog" \
        grep -q './usr/share/doc/hostlink/copyright$' <<<"$deb_list"
    check "debian: ... every file owned by root" bash -c '! awk "\$2 != \"root/root\"" <<<"$1" | grep -q .' _ "$deb_list"
    check "debian: ... nothing outside /usr" bash -c '! awk "{ print \$6 }" <<<"$1" | grep -v "^\./\(usr/.*\)\?$" | grep -q .' _ "$deb_list"
    check "debian: ... no debug files left in it" bash -c '! grep -q "usr/lib/debug" <<<"$1"' _ "$deb_list"
    rm -rf "$deb_stage"
fi
unset -f deb_field
