#!/bin/bash
# Builds an arm64 sysroot from Debian bookworm's arm64 binary packages for the tests/real
# programs: the dependency closure of the packages below, downloaded with apt-get into a private
# apt state (the machine's own apt configuration and package set are not touched, nothing is
# installed) and unpacked with dpkg-deb -x.  The .debs are cached in DEBS and not fetched again;
# the sysroot is rebuilt only when the package list changes.
# usage: make-sysroot.sh SYSROOT DEBS     (e.g. build/sysroot build/sysroot-debs)
# Fails (non-zero) when the archive cannot be reached and the cache is incomplete.
set -euo pipefail
ROOT=${1:?usage: make-sysroot.sh SYSROOT DEBS}
DEBS=${2:?usage: make-sysroot.sh SYSROOT DEBS}
# The named tests' programs, then common command-line tools for the scripts that use them.
PKGS="busybox-static lua5.4 sqlite3 python3.11-minimal libpython3.11-stdlib perl-base"
PKGS="$PKGS coreutils grep sed gawk findutils diffutils tar gzip xz-utils bzip2 bash dash bc jq"
PKGS="$PKGS file procps make openssl git"
SUITE=bookworm

mkdir -p "$DEBS"
ROOT=$(realpath -m "$ROOT")
DEBS=$(realpath "$DEBS")
# One maker at a time (several build trees share the sysroot).
exec 9>"$DEBS/.lock"
flock 9
STAMP="$ROOT/.zarm-sysroot"
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$PKGS" ] && [ -x "$ROOT/usr/bin/lua5.4" ]; then
    echo "sysroot $ROOT is up to date"
    exit 0
fi

# A private apt state: lists, caches and an empty dpkg status, for arm64 only.
A="$DEBS/apt"
mkdir -p "$A/lists/partial" "$A/cache/archives/partial" "$A/etc/parts" "$A/etc/prefs"
: > "$A/status"
# The machine's configured Debian mirror (ZARM_SYSROOT_MIRROR overrides it).
URI=${ZARM_SYSROOT_MIRROR:-}
[ -n "$URI" ] || URI=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
if [ -z "$URI" ]; then
    URI=$(awk '$1 == "deb" && $2 !~ /^\[/ {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
fi
if [ -z "$URI" ]; then
    echo "make-sysroot: no Debian mirror configured in /etc/apt/sources.list.d/debian.sources" >&2
    exit 1
fi
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
echo "deb [arch=arm64 signed-by=$KEYRING] $URI $SUITE main" > "$A/etc/sources.list"
O=(-oAPT::Architecture=arm64 -oAPT::Architectures=arm64
   -oDir::State::Lists="$A/lists" -oDir::State::status="$A/status"
   -oDir::Cache="$A/cache" -oDir::Etc::SourceList="$A/etc/sources.list"
   -oDir::Etc::SourceParts="$A/etc/parts" -oDir::Etc::Preferences.d="$A/etc/prefs"
   -oAPT::Get::List-Cleanup=0 -oAcquire::Retries=3)

# The closure's file names are kept in DEBS/closure.txt: with every listed .deb present the
# archive is not asked at all.
need_fetch=1
if [ -f "$DEBS/closure.txt" ] && [ "$(head -1 "$DEBS/closure.txt")" = "# $PKGS" ]; then
    need_fetch=0
    while read -r f; do
        case $f in "#"*) continue ;; esac
        [ -f "$DEBS/$f" ] || { need_fetch=1; break; }
    done < "$DEBS/closure.txt"
fi

if [ $need_fetch = 1 ]; then
    echo "make-sysroot: updating the arm64 package lists ($URI $SUITE)"
    if ! apt-get -q "${O[@]}" update >"$A/update.log" 2>&1 ||
       grep -qE '^(W|E): Failed to fetch|^Err:' "$A/update.log"; then
        cat "$A/update.log" >&2
        echo "make-sysroot: FAILED: cannot reach the Debian archive at $URI" >&2
        exit 1
    fi
    # Depends and Pre-Depends, recursively; <virtual> names are provided by real packages that
    # the same listing already names.
    apt-cache "${O[@]}" depends --recurse --no-recommends --no-suggests --no-conflicts \
        --no-breaks --no-replaces --no-enhances $PKGS |
        awk '/^[a-z0-9]/ {print $1}' | sort -u > "$A/closure.pkgs"
    echo "make-sysroot: $(wc -l < "$A/closure.pkgs") packages in the closure"
    # Name each package's .deb file as apt-get download will.
    apt-get "${O[@]}" download --print-uris $(cat "$A/closure.pkgs") |
        awk '{print $2}' > "$A/closure.files"
    missing=()
    while read -r f; do
        [ -f "$DEBS/$f" ] || missing+=("$(echo "$f" | cut -d_ -f1)")
    done < "$A/closure.files"
    if [ ${#missing[@]} -gt 0 ]; then
        echo "make-sysroot: downloading ${#missing[@]} packages into $DEBS"
        if ! (cd "$DEBS" && apt-get -q "${O[@]}" download "${missing[@]}") >"$A/download.log" 2>&1; then
            cat "$A/download.log" >&2
            echo "make-sysroot: FAILED: download from $URI failed" >&2
            exit 1
        fi
    fi
    { echo "# $PKGS"; cat "$A/closure.files"; } > "$DEBS/closure.txt"
fi

echo "make-sysroot: unpacking into $ROOT"
rm -rf "$ROOT.tmp"
mkdir -p "$ROOT.tmp"
while read -r f; do
    case $f in "#"*) continue ;; esac
    dpkg-deb -x "$DEBS/$f" "$ROOT.tmp"
done < "$DEBS/closure.txt"
# Debian's merged /usr: /bin, /lib... are links into /usr in an installed system, and the
# packages ship files on both sides (ld-linux-aarch64.so.1 is /lib/ld-linux-aarch64.so.1).
for d in bin sbin lib; do
    if [ -d "$ROOT.tmp/$d" ] && [ ! -L "$ROOT.tmp/$d" ]; then
        mkdir -p "$ROOT.tmp/usr/$d"
        cp -a "$ROOT.tmp/$d/." "$ROOT.tmp/usr/$d/"
        rm -rf "$ROOT.tmp/$d"
    fi
    [ -e "$ROOT.tmp/$d" ] || ln -s "usr/$d" "$ROOT.tmp/$d"
done
# Alternatives that the packages' maintainer scripts would have made.
[ -e "$ROOT.tmp/usr/bin/python3" ] || ln -s python3.11 "$ROOT.tmp/usr/bin/python3"
[ -e "$ROOT.tmp/usr/bin/lua" ] || ln -s lua5.4 "$ROOT.tmp/usr/bin/lua"
[ -e "$ROOT.tmp/usr/bin/awk" ] || ln -s gawk "$ROOT.tmp/usr/bin/awk"
echo "$PKGS" > "$ROOT.tmp/.zarm-sysroot"
rm -rf "$ROOT"
mv "$ROOT.tmp" "$ROOT"
du -sh "$ROOT" "$DEBS" | sed 's/^/make-sysroot: /'
