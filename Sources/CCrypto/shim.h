#ifndef SFBATCH_CCRYPTO_SHIM_H
#define SFBATCH_CCRYPTO_SHIM_H
/* The system's libcrypto (already present for libcurl's TLS): RS256 for JWT bearer login,
   and key and certificate generation for the simulator's self-signed TLS. */
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/rand.h>
#include <openssl/sha.h>
#include <openssl/hmac.h>

/* BIO_get_mem_data is a macro. */
static inline long sfb_bio_get_mem_data(BIO *b, char **pp) { return BIO_get_mem_data(b, pp); }
#endif
