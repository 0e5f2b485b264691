"""Write a CA and a server certificate for the secured compose variant (stdlib + cryptography only).

Usage: python make_certs.py DIR. Existing files are kept, so restarts do not change the CA. The key is
readable by uid 1000 only (the OpenSearch container user).
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import sys
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

NAMES = ("opensearch", "localhost")
DAYS = 825


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _pem_key(key: rsa.RSAPrivateKey) -> bytes:
    # PKCS#8: the format the OpenSearch security plugin reads.
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())


def make(target: Path) -> None:
    if (target / "ca.pem").exists() and (target / "node.pem").exists():
        print(f"certificates in {target} exist; keeping them")
        return
    now = dt.datetime.now(dt.UTC)
    ca_key = _key()
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "docindex local CA")])
    ca = (
        x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name).public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(now).not_valid_after(now + dt.timedelta(days=DAYS))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    key = _key()
    sans = [x509.DNSName(n) for n in NAMES] + [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
    cert = (
        x509.CertificateBuilder().subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, NAMES[0])]))
        .issuer_name(ca_name).public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now).not_valid_after(now + dt.timedelta(days=DAYS))
        .add_extension(x509.SubjectAlternativeName(sans), critical=False)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.KeyUsage(True, False, True, False, False, False, False, False, False), critical=True)
        # key identifiers: Python 3.13's strict verification (VERIFY_X509_STRICT) refuses a chain without them
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    target.mkdir(parents=True, exist_ok=True)
    (target / "ca.pem").write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    (target / "node.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path = target / "node-key.pem"
    key_path.write_bytes(_pem_key(key))
    os.chmod(key_path, 0o600)
    for name in ("ca.pem", "node.pem"):
        os.chmod(target / name, 0o644)
    if os.geteuid() == 0:
        for name in ("ca.pem", "node.pem", "node-key.pem"):
            os.chown(target / name, 1000, 1000)
    print(f"wrote ca.pem, node.pem, node-key.pem to {target}")


if __name__ == "__main__":
    make(Path(sys.argv[1] if len(sys.argv) > 1 else "certs"))
