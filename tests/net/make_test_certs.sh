#!/usr/bin/env bash
# make_test_certs.sh DIR: a throw-away CA and certificates signed by it, made
# at run time (no private key is ever committed), for TLS tests on loopback:
#   DIR/ca.pem                        the CA to trust (--ca-file)
#   DIR/server.pem, DIR/server.key    for 127.0.0.1 and localhost
#   DIR/other.pem, DIR/other.key      for other.example only (wrong host)
set -euo pipefail
dir=$1
mkdir -p "$dir"
cd "$dir"
key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }
key ca.key
openssl req -x509 -new -key ca.key -out ca.pem -days 2 -subj "/CN=cpct test CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign" 2>/dev/null
# leaf NAME SUBJECT_ALT_NAMES
leaf() {
  key "$1.key"
  openssl req -new -key "$1.key" -out "$1.csr" -subj "/CN=$1" 2>/dev/null
  printf 'subjectAltName=%s\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' "$2" \
    > "$1.ext"
  openssl x509 -req -in "$1.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 \
    -extfile "$1.ext" -out "$1.pem" 2>/dev/null
}
leaf server "DNS:localhost,IP:127.0.0.1"
leaf other "DNS:other.example"
