#!/usr/bin/env bash
# Builds the Debian package from a Release build, checks what it holds and declares, installs it,
# runs the three programs from /usr/bin, and removes it again.
#   packaging/check-deb.sh            (as root: it installs with apt-get and removes with dpkg -r)
# Environment: SAMSA_DEB_BUILD_DIR (default build/deb), SAMSA_DEB_PRESET (default release; dev reuses
# the ccache of a dev build and gives an -O1 package), JOBS (default: the number of cores),
# SAMSA_DEB_FILE (check this package, built elsewhere, instead of building one).
# Exit status 77 (skipped for ctest) when not root or the package tools are missing.
set -euo pipefail
# (No `grep -q` or `head` at the end of a pipe: they stop reading early, and pipefail would then fail
# the pipe on the writer's SIGPIPE.)

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${SAMSA_DEB_BUILD_DIR:-$here/build/deb}
preset=${SAMSA_DEB_PRESET:-release}
jobs=${JOBS:-$(nproc)}
app_id=io.samsa.Samsa

step() { printf '\n== %s\n' "$*"; }
fail() {
    echo "check-deb: FAIL: $*" >&2
    exit 1
}
ok() { echo "ok: $*"; }

if [ "$(id -u)" -ne 0 ]; then
    echo "check-deb: skipped: installing the package needs root" >&2
    exit 77
fi
for tool in cmake cpack ninja dpkg-deb dpkg-shlibdeps file objdump rsvg-convert desktop-file-validate appstreamcli kcat python3 setsid; do
    command -v "$tool" >/dev/null || { echo "check-deb: skipped: $tool is missing (packaging/setup-deps.sh)" >&2; exit 77; }
done

version=$(sed -n 's/^project(Samsa VERSION \([0-9.]*\).*/\1/p' "$here/CMakeLists.txt")
[ -n "$version" ] || fail "no project version in CMakeLists.txt"

step "Metadata (version $version)"
desktop-file-validate "$here/packaging/linux/$app_id.desktop" || fail "desktop-file-validate"
ok "desktop entry is valid"
appstreamcli validate --no-net "$here/packaging/linux/$app_id.metainfo.xml" >/dev/null ||
    fail "appstreamcli validate: $(appstreamcli validate --no-net "$here/packaging/linux/$app_id.metainfo.xml")"
ok "AppStream metainfo is valid"
grep -q "<release version=\"$version\"" "$here/packaging/linux/$app_id.metainfo.xml" ||
    fail "the metainfo has no <release> for $version"
for page in samsa samsa-broker samsactl; do
    grep -q "^\.TH .*\"Samsa $version\"" "$here/packaging/man/$page.1" || fail "$page.1 does not name version $version"
done
ok "metainfo and man pages name version $version"

if [ -n "${SAMSA_DEB_FILE:-}" ]; then
    deb=$(realpath "$SAMSA_DEB_FILE")
else
    step "Build (preset $preset) and package in $build"
    launcher=()
    if command -v ccache >/dev/null; then
        launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    fi
    cmake --preset "$preset" -B "$build" -DSAMSA_BUILD_TESTS=OFF "${launcher[@]}" >/dev/null
    ninja -C "$build" -j"$jobs" --quiet || fail "build"
    rm -f "$build"/samsa_*.deb
    (cd "$build" && cpack -G DEB >"$build/cpack.log" 2>&1) || fail "cpack: $(cat "$build/cpack.log")"
    deb=$(ls "$build"/samsa_*.deb)
fi
ok "$deb ($(du -h "$deb" | cut -f1))"

step "Control fields"
dpkg-deb -f "$deb"
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = samsa ] || fail "Package is $(field Package)"
[[ "$(field Version)" == "$version"-* ]] || fail "Version $(field Version) is not $version"
depends=$(field Depends)
# The package names in Depends, one a line (versions and alternatives' bars dropped).
depends_names=$(sed 's/ *([^)]*)//g; s/ *[,|] */\n/g' <<<"$depends")
for needed in libc6 libstdc++6 libqt6core6 libqt6gui6 libqt6widgets6 libqt6network6 libqt6sql6 libqt6sql6-sqlite \
    librdkafka1 libavro23 libqt6keychain1; do
    grep -qxF "$needed" <<<"$depends_names" || fail "Depends lacks $needed"
done
ok "Depends names Qt, its SQLite driver, librdkafka, avro, qtkeychain"

step "Contents"
contents=$(dpkg-deb -c "$deb" | awk '{print $6}')
expected=(./usr/bin/samsa ./usr/bin/samsa-broker ./usr/bin/samsactl
    "./usr/share/applications/$app_id.desktop" "./usr/share/metainfo/$app_id.metainfo.xml"
    "./usr/share/icons/hicolor/scalable/apps/$app_id.svg"
    ./usr/share/man/man1/samsa.1.gz ./usr/share/man/man1/samsa-broker.1.gz ./usr/share/man/man1/samsactl.1.gz)
for size in 16 32 48 64 128 256; do
    expected+=("./usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png")
done
for path in "${expected[@]}"; do
    grep -qxF "$path" <<<"$contents" || fail "the package lacks $path"
done
unexpected=$(grep -vE '/$|^\./usr/(bin|share/(applications|metainfo|icons|man))/' <<<"$contents" || true)
[ -z "$unexpected" ] || fail "unexpected files: $unexpected"
ok "${#expected[@]} expected files, nothing else"

unpacked=$(mktemp -d)
work=$(mktemp -d)
installed=0
broker_pid=
app_pgid=
clean_root=
cleanup() {
    if [ -n "$broker_pid" ]; then kill -- "-$broker_pid" 2>/dev/null || true; fi
    if [ -n "$app_pgid" ]; then kill -- "-$app_pgid" 2>/dev/null || true; fi
    if ((installed)); then
        dpkg -r samsa >/dev/null && echo "removed the package samsa"
    fi
    if [ -n "$clean_root" ]; then umount "$clean_root/proc" 2>/dev/null || true; fi
    rm -rf "$unpacked" "$work"
}
trap cleanup EXIT

dpkg-deb -x "$deb" "$unpacked"
for size in 16 32 48 64 128 256; do
    dims=$(file -b "$unpacked/usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png" | grep -o '[0-9]* x [0-9]*')
    [ "$dims" = "$size x $size" ] || fail "the ${size}px icon is $dims"
done
ok "icons are PNGs of their sizes"
# The package owning a file; dpkg's database may name it with or without /usr (merged /usr).
owner_of() {
    local candidate owner
    for candidate in "$1" "/usr$1" "$(readlink -f "$1")"; do
        owner=$(dpkg -S "$candidate" 2>/dev/null | awk -F: 'NR == 1 {print $1}')
        if [ -n "$owner" ]; then
            echo "$owner"
            return
        fi
    done
}
for program in samsa samsa-broker samsactl; do
    runpath=$(objdump -p "$unpacked/usr/bin/$program" | awk '/RPATH|RUNPATH/ {print $2}')
    [ -z "$runpath" ] || fail "$program has the RPATH $runpath"
done
ok "no RPATH in the programs"
# dpkg-shlibdeps skips a library no package owns (--ignore-missing-info): check each one has its package.
for program in samsa samsa-broker samsactl; do
    for library in $(objdump -p "$unpacked/usr/bin/$program" | awk '/NEEDED/ {print $2}'); do
        path=$(ldconfig -p | awk -v lib="$library" '$1 == lib && /x86-64/ && !found {print $NF; found = 1}')
        [ -n "$path" ] || fail "$program needs $library, which is not installed here"
        owner=$(owner_of "$path")
        [ -n "$owner" ] || fail "no package owns $path"
        grep -qxF "$owner" <<<"$depends_names" || fail "$program needs $library from $owner, not in Depends"
    done
done
ok "every library the programs link comes from a package in Depends"

step "Man pages against --help"
for program in samsa samsa-broker samsactl; do
    help=$("$unpacked/usr/bin/$program" --help)
    if [ "$program" = samsactl ]; then
        for command in profiles brokers topics describe-topic configs consume produce groups lag sample-data \
            "group describe" "group reset" "group delete" "group delete-offsets" "topic create" "topic delete" \
            "topic purge" "topic alter-config" "topic clone" "acl list" "acl create" "acl delete"; do
            # shellcheck disable=SC2086 # the two words of "group reset" are two arguments
            help+=$'\n'$("$unpacked/usr/bin/samsactl" $command --help)
            grep -q "^\.B.*[ \"]${command// /.*}" <(sed 's/\\-/-/g' "$here/packaging/man/samsactl.1") ||
                fail "samsactl.1 does not describe the command '$command'"
        done
    fi
    page=$(zcat "$unpacked/usr/share/man/man1/$program.1.gz" | sed 's/\\-/-/g')
    for option in $(grep -oE -- '--[a-z][a-z-]+' <<<"$help" | sort -u); do
        grep -qF -- "$option" <<<"$page" || fail "$program.1 does not mention $option from --help"
    done
done
ok "every option of every --help is in its man page"

# Runs the installed programs, in the system root ($root empty) or in a chroot: --version, --help, the
# broker answering kcat and samsactl, and the app offscreen running its local broker from /usr/bin.
# in_root runs a command there; set_root (after the XDG variables are set) chooses where.
prefix=()
set_root() {
    root=$1
    if [ -n "$root" ]; then
        prefix=(chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME="$HOME" XDG_DATA_HOME="$XDG_DATA_HOME"
            XDG_CONFIG_HOME="$XDG_CONFIG_HOME" XDG_RUNTIME_DIR="$XDG_RUNTIME_DIR" QT_QPA_PLATFORM=offscreen)
    else
        prefix=(env QT_QPA_PLATFORM=offscreen)
    fi
}
in_root() { "${prefix[@]}" "$@"; }

# Waits (up to $2 seconds) until the file $1 holds the broker's ready line; prints HOST:PORT.
wait_ready() {
    local deadline=$((SECONDS + $2))
    while ((SECONDS < deadline)); do
        if grep -q '^samsa-broker ready ' "$1" 2>/dev/null; then
            sed -n 's/^samsa-broker ready //p;T;q' "$1"
            return 0
        fi
        sleep 0.1
    done
    return 1
}

# Starts "$@" there in a session of its own, output to $1 and $2; $! is then its pid and process group
# (setsid, chroot and env each exec the next), so signals reach the program and its children.
spawn() {
    local out=$1 err=$2
    shift 2
    setsid "${prefix[@]}" "$@" >"$out" 2>"$err" &
}

run_programs() {
    # $inside: the scratch directory as the programs see it; $outside: the same seen from here.
    local inside=/tmp/samsa-check-deb outside=${root}/tmp/samsa-check-deb
    rm -rf "$outside"
    mkdir -p "$outside/home" "$outside/data" "$outside/config/samsa" "$outside/runtime"
    chmod 700 "$outside/runtime"
    export HOME=$inside/home XDG_DATA_HOME=$inside/data XDG_CONFIG_HOME=$inside/config XDG_RUNTIME_DIR=$inside/runtime
    set_root "$root"
    for program in samsa samsa-broker samsactl; do
        [ "$(in_root sh -c "command -v $program")" = "/usr/bin/$program" ] || fail "$program is not /usr/bin/$program"
        out=$(in_root "/usr/bin/$program" --version) || fail "$program --version"
        [ "$out" = "$program $version" ] || fail "$program --version says '$out'"
        in_root "/usr/bin/$program" --help | grep "^Usage: $program" >/dev/null || fail "$program --help"
        ok "$out; --help"
    done

    spawn "$outside/broker.out" "$outside/broker.err" \
        /usr/bin/samsa-broker --data-dir "$inside/broker" --listen 127.0.0.1:0 --schema-registry off
    broker_pid=$!
    address=$(wait_ready "$outside/broker.out" 20) || fail "samsa-broker did not get ready: $(cat "$outside/broker.err")"
    kcat -b "$address" -L -m 5 | grep '1 brokers:' >/dev/null || fail "kcat -L on $address"
    ok "samsa-broker answers kcat -L on $address"
    in_root /usr/bin/samsactl brokers -b "$address" --timeout 5000 >/dev/null || fail "samsactl brokers -b $address"
    ok "samsactl brokers -b $address"
    kill -TERM -- "-$broker_pid"
    wait "$broker_pid" || fail "samsa-broker exited with $? after SIGTERM"
    broker_pid=
    ok "samsa-broker stopped on SIGTERM"

    # The app on a free port: it opens its SQLite store (Qt's plugin from libqt6sql6-sqlite) and runs
    # its local broker from /usr/bin, which then answers.
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    printf '[localBroker]\nport=%s\n' "$port" >"$outside/config/samsa/samsa.conf"
    spawn "$outside/app.out" "$outside/app.err" /usr/bin/samsa
    app_pgid=$!
    local deadline=$((SECONDS + 60))
    until kcat -b "127.0.0.1:$port" -L -m 2 2>/dev/null | grep '1 brokers:' >/dev/null; do
        ((SECONDS < deadline)) || fail "samsa did not start its local broker on $port: $(tail -5 "$outside/app.err")"
        kill -0 "$app_pgid" 2>/dev/null || fail "samsa exited: $(tail -5 "$outside/app.err")"
        sleep 0.2
    done
    [ -s "$outside/data/samsa/samsa.db" ] || fail "samsa did not create its profile store"
    ok "samsa runs offscreen, created samsa.db, and its local broker answers on $port"
    kill -TERM -- "-$app_pgid"
    deadline=$((SECONDS + 20))
    while pgrep -g "$app_pgid" >/dev/null; do
        ((SECONDS < deadline)) || fail "samsa or its broker did not stop"
        sleep 0.1
    done
    app_pgid=
    rm -rf "$outside"
}

step "Install"
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$deb" >/dev/null ||
    fail "apt-get install $deb"
installed=1
dpkg -s samsa | grep '^Status: install ok installed' >/dev/null || fail "dpkg -s samsa: not installed"
ok "installed $(dpkg-query -W -f='${Package} ${Version}' samsa)"

step "Programs from /usr/bin"
root=
run_programs

step "Remove"
dpkg -r samsa >/dev/null || fail "dpkg -r samsa"
installed=0
[ ! -e /usr/bin/samsa ] || fail "/usr/bin/samsa is still there after dpkg -r"
ok "removed; /usr/bin/samsa is gone"

# With SAMSA_DEB_CLEAN_ROOT=DIR: the same in a minimal Debian 12 made there by debootstrap (once, then
# reused), where apt-get must fetch every dependency: shows that Depends is complete.
if [ -n "${SAMSA_DEB_CLEAN_ROOT:-}" ]; then
    set_root "$(realpath -m "$SAMSA_DEB_CLEAN_ROOT")"
    step "Clean Debian 12 in $root"
    if [ ! -x "$root/usr/bin/apt-get" ]; then
        command -v debootstrap >/dev/null || fail "debootstrap is missing (apt-get install debootstrap)"
        debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian >"$work/debootstrap.log" 2>&1 ||
            fail "debootstrap: $(tail -5 "$work/debootstrap.log")"
    fi
    cp /etc/resolv.conf "$root/etc/resolv.conf"
    # The usual chroot guard: packages start no services here.
    printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
    chmod +x "$root/usr/sbin/policy-rc.d"
    mountpoint -q "$root/proc" || mount -t proc proc "$root/proc"
    clean_root=$root
    cp "$deb" "$root/tmp/samsa.deb"
    in_root apt-get update -qq >/dev/null || fail "apt-get update in $root"
    in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends /tmp/samsa.deb \
        >"$work/clean-install.log" 2>&1 || fail "apt-get install in $root: $(tail -5 "$work/clean-install.log")"
    ok "installed with $(grep -c '^Setting up' "$work/clean-install.log") packages set up by apt-get"
    run_programs
    in_root env DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq --autoremove samsa >"$work/clean-purge.log" 2>&1 ||
        fail "apt-get purge samsa in $root: $(tail -5 "$work/clean-purge.log")"
    ok "purged samsa and its dependencies from $root"
fi
echo
echo "check-deb: PASS ($deb)"
