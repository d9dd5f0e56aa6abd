#!/usr/bin/env bash
# Installs exactly the Debian 12 packages Samsa needs to build, run and test, and the npm test
# peers (kafkajs) into the ignored folder .npm-peers/. Idempotent: does nothing when all is there.
# Works as root; uses sudo otherwise.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

packages=(
    # build
    build-essential cmake ninja-build pkg-config lld # lld: links the ~80 test programs 4x faster than ld.bfd
    qt6-base-dev qt6-base-dev-tools libgl-dev
    libqt6sql6-sqlite # Qt's SQLite driver (QSqlDatabase); nothing includes sqlite3.h
    librsvg2-bin # rsvg-convert renders the hicolor icons from resources/samsa.svg
    librdkafka-dev libqcustomplot-dev libavro-dev qtkeychain-qt6-dev libasio-dev
    zlib1g-dev liblz4-dev libzstd-dev libsnappy-dev # the broker's record batch codecs
    libxxhash-dev # XXH32: the lz4 frame header checksum that messages of format v0 got wrong (KAFKA-3160)
    libssl-dev openssl # the broker's TLS listeners and SCRAM; tests make certificates with openssl
    nlohmann-json3-dev # the JSON parser and number/string writer under libs/avroschema/json.cpp
    clang libfuzzer-14-dev # the fuzz preset only (tests/fuzz); the other builds use gcc
    # test peers and GUI checks
    kcat python3 python3-kafka python3-confluent-kafka python3-requests # requests: confluent-kafka's SchemaRegistryClient
    python3-snappy python3-lz4 python3-zstandard # kafka-python compression codecs
    xvfb xauth # xvfb-run for the screenshots the GUI tests save with SAMSA_SCREENSHOT_DIR
    # the Debian package (packaging/check-deb.sh; dpkg-shlibdeps comes with build-essential)
    file desktop-file-utils appstream
)

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$package")
    fi
done
if ! command -v npm >/dev/null 2>&1; then
    missing+=(nodejs npm)
fi

if ((${#missing[@]})); then
    echo "setup-deps: installing ${missing[*]}"
    sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        sudo=(sudo)
    fi
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Test peers from the npm registry, pinned, into an ignored folder of the work tree.
peers="$here/.npm-peers"
if [ ! -f "$peers/node_modules/kafkajs/package.json" ] || [ ! -d "$peers/node_modules/@kafkajs/confluent-schema-registry" ]; then
    mkdir -p "$peers"
    cp "$here/packaging/npm-peers.json" "$peers/package.json"
    (cd "$peers" && npm install --no-audit --no-fund --loglevel=error)
fi
