# The TLS probe for images whose runtime is CPython, run by the image's own interpreter, as its
# user, with its environment: which CA certificates ssl.create_default_context() loads there (what
# urllib, http.client and httpx use), whether they verify a real public chain (offline, at a fixed
# date), and a live handshake to a package registry. The ssl module cannot verify a chain at a
# given time, so the offline check asks the very libcrypto the interpreter links, through ctypes.
# Prints one JSON line (the shape harness/src/trust/probe.ts reads); the harness decides.
#   python probe.py CHAIN.pem AT DNS-NAME HOST PORT
import ctypes
import json
import os
import platform
import socket
import ssl
import sys
from datetime import datetime

chain_file, at, dns_name, host, port = sys.argv[1:6]


def pem_blocks(text: str) -> list[str]:
    blocks, inside = [], None
    for line in text.splitlines():
        if line.startswith("-----BEGIN CERTIFICATE-----"):
            inside = [line]
        elif inside is not None:
            inside.append(line)
            if line.startswith("-----END CERTIFICATE-----"):
                blocks.append("\n".join(inside) + "\n")
                inside = None
    return blocks


def openssl():
    """The libcrypto of the interpreter's own _ssl module (OpenSSL 3)."""
    lib = ctypes.CDLL("libcrypto.so.3")
    void, char_p, c_int, c_long = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int, ctypes.c_long
    signatures = {
        "d2i_X509": ([void, ctypes.POINTER(char_p), c_long], void),
        "X509_STORE_new": ([], void),
        "X509_STORE_add_cert": ([void, void], c_int),
        "X509_STORE_CTX_new": ([], void),
        "X509_STORE_CTX_init": ([void, void, void, void], c_int),
        "X509_STORE_CTX_set_time": ([void, ctypes.c_ulong, ctypes.c_int64], None),
        "X509_STORE_CTX_get_error": ([void], c_int),
        "X509_verify_cert": ([void], c_int),
        "X509_verify_cert_error_string": ([c_long], char_p),
        "X509_check_host": ([void, char_p, ctypes.c_size_t, ctypes.c_uint, void], c_int),
        "OPENSSL_sk_new_null": ([], void),
        "OPENSSL_sk_push": ([void, void], c_int),
    }
    for name, (argtypes, restype) in signatures.items():
        function = getattr(lib, name)
        function.argtypes, function.restype = argtypes, restype
    return lib


def x509(lib, der: bytes):
    buffer = ctypes.c_char_p(der)
    cert = lib.d2i_X509(None, ctypes.byref(buffer), len(der))
    if not cert:
        raise ValueError("libcrypto could not read a certificate")
    return cert


def verify(ca_ders: list[bytes]) -> dict:
    """The public chain against these CAs, at `at`, as libcrypto's X509_verify_cert decides."""
    lib = openssl()
    store = lib.X509_STORE_new()
    for der in ca_ders:
        lib.X509_STORE_add_cert(store, x509(lib, der))
    chain = [x509(lib, ssl.PEM_cert_to_DER_cert(pem)) for pem in pem_blocks(open(chain_file, encoding="latin-1").read())]
    untrusted = lib.OPENSSL_sk_new_null()
    for cert in chain[1:]:
        lib.OPENSSL_sk_push(untrusted, cert)
    context = lib.X509_STORE_CTX_new()
    lib.X509_STORE_CTX_init(context, store, chain[0], untrusted)
    lib.X509_STORE_CTX_set_time(context, 0, int(datetime.fromisoformat(at.replace("Z", "+00:00")).timestamp()))
    if lib.X509_verify_cert(context) != 1:
        return {"ok": False, "detail": lib.X509_verify_cert_error_string(lib.X509_STORE_CTX_get_error(context)).decode()}
    if lib.X509_check_host(chain[0], dns_name.encode(), len(dns_name), 0, None) != 1:
        return {"ok": False, "detail": f"the leaf does not name {dns_name}"}
    return {"ok": True, "detail": f"{dns_name} verified at {at} by X509_verify_cert"}


def live() -> dict:
    target = f"{host}:{port}"
    presented: list[str] = []
    try:
        # First without verifying, to see the chain the network presents (a proxy's, maybe).
        unverified = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        unverified.check_hostname, unverified.verify_mode = False, ssl.CERT_NONE
        with socket.create_connection((host, int(port)), timeout=10) as raw, unverified.wrap_socket(raw, server_hostname=host) as tls:
            presented = [ssl.DER_cert_to_PEM_cert(der) for der in tls.get_unverified_chain()]
    except OSError as problem:
        return {"target": target, "reachable": False, "ok": False, "detail": str(problem)}
    try:
        with socket.create_connection((host, int(port)), timeout=10) as raw, ssl.create_default_context().wrap_socket(raw, server_hostname=host):
            return {"target": target, "reachable": True, "ok": True, "detail": "verified by ssl.create_default_context()", "peerChain": presented}
    except ssl.SSLCertVerificationError as problem:
        return {"target": target, "reachable": True, "ok": False, "detail": problem.verify_message, "peerChain": presented}
    except OSError as problem:
        return {"target": target, "reachable": True, "ok": False, "detail": str(problem), "peerChain": presented}


paths = ssl.get_default_verify_paths()
cas = ssl.create_default_context().get_ca_certs(binary_form=True)
offline = {"store": "ssl.create_default_context() (what urllib, http.client and httpx use)", "certificates": len(cas)}
offline.update(verify(cas) if cas else {"ok": False, "detail": "no certificates"})
print(
    json.dumps(
        {
            "runtime": f"python {platform.python_version()} ({ssl.OPENSSL_VERSION})",
            "bundle": {"source": f"the default context's CA file {paths.cafile} (SSL_CERT_FILE={os.environ.get('SSL_CERT_FILE', 'unset')})", "certificates": len(cas)},
            "offline": [offline],
            "live": live(),
        }
    )
)
