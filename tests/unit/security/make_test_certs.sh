#!/bin/sh
# Generates the TLS test certificates into $1 with the openssl command, at
# test time (nothing secret or expiring is kept in the repository):
#   ca.pem / ca.key            the test CA
#   other-ca.pem               a CA that signed nothing we use ("wrong CA")
#   server.pem / server.key    CN=localhost, SAN DNS:localhost, IP:127.0.0.1
#   wronghost.pem / .key       SAN DNS:elsewhere.invalid only
#   expired.pem / .key         like server.pem, valid only in January 2020
#   client.pem / client.key    a client certificate signed by the CA
#   client-encrypted.key       client.key encrypted with "pem-secret"
#   client.p12                 client cert + key in PKCS#12, password "p12-secret"
#   client-bundle.der          the same bundle under a name without .p12
set -eu
out=$1
rm -rf "$out"
mkdir -p "$out"
cd "$out"

key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:prime256v1 -out "$1" 2>/dev/null; }

key ca.key
openssl req -x509 -new -key ca.key -sha256 -days 3650 -subj "/CN=Kafkascope Test CA" -out ca.pem
key other-ca.key
openssl req -x509 -new -key other-ca.key -sha256 -days 3650 -subj "/CN=Some Other CA" -out other-ca.pem

printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' > server.ext
printf 'subjectAltName=DNS:elsewhere.invalid\nextendedKeyUsage=serverAuth\n' > wronghost.ext
printf 'extendedKeyUsage=clientAuth\n' > client.ext

sign() {  # name subject extfile
    key "$1.key"
    openssl req -new -key "$1.key" -subj "$2" -out "$1.csr"
    openssl x509 -req -in "$1.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -sha256 -days 825 \
        -extfile "$3" -out "$1.pem" 2>/dev/null
}
sign server "/CN=localhost" server.ext
sign wronghost "/CN=elsewhere.invalid" wronghost.ext
sign client "/CN=kafkascope-test-client" client.ext

# An expired certificate needs explicit dates, which only `openssl ca` takes.
key expired.key
openssl req -new -key expired.key -subj "/CN=localhost" -out expired.csr
mkdir -p ca-db
: > ca-db/index.txt
echo 1000 > ca-db/serial
cat > ca.cnf <<CNF
[ ca ]
default_ca = test_ca
[ test_ca ]
dir = ca-db
database = ca-db/index.txt
new_certs_dir = ca-db
serial = ca-db/serial
default_md = sha256
policy = any
unique_subject = no
[ any ]
commonName = supplied
CNF
openssl ca -batch -config ca.cnf -cert ca.pem -keyfile ca.key -in expired.csr -out expired.pem \
    -startdate 20200101000000Z -enddate 20200131000000Z -extfile server.ext -notext 2>/dev/null

openssl pkey -in client.key -aes256 -passout pass:pem-secret -out client-encrypted.key
openssl pkcs12 -export -in client.pem -inkey client.key -passout pass:p12-secret -out client.p12
cp client.p12 client-bundle.der  # PKCS#12 without the usual extension: recognised by content
echo ok > done
