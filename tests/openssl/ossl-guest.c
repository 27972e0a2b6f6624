// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * OpenSSL's hard cases through hostlink (tests/openssl/api.sh), each
 * printing what it saw, so that a run through hostlink can be compared
 * line for line with plain emulation:
 *   pem      PEM password callback: a key written encrypted and read back
 *   verify   SSL_CTX_set_verify callback: a TLS handshake in memory (a BIO
 *            pair) whose client verifies the server's certificate
 *   file     BIO on a guest FILE * (BIO_new_fp) between the guest's own writes
 *   printf   BIO_printf and BIO_snprintf with many conversions
 *   errors   ERR_add_error_data and ERR_raise_data; two threads' queues apart
 *
 *   ossl-guest TEST KEY.pem CERT.pem
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>

static int password_calls;

static int password_cb(char *buf, int size, int rwflag, void *u)
{
    const char *pw = u;
    int n = (int)strlen(pw);

    password_calls++;
    printf("password callback: rwflag %d, size >= %d: %s\n", rwflag, size >= 64, size >= 64 ? "yes" : "no");
    if (n > size) {
        return -1;
    }
    memcpy(buf, pw, (size_t)n);
    return n;
}

/* From PEM file @path (a guest FILE * for the library): its key, or its certificate; NULL if none. */
static void read_pem(const char *path, EVP_PKEY **key, X509 **cert)
{
    FILE *f = fopen(path, "r");
    if (key) {
        *key = f ? PEM_read_PrivateKey(f, NULL, NULL, NULL) : NULL;
    }
    if (cert) {
        *cert = f ? PEM_read_X509(f, NULL, NULL, NULL) : NULL;
    }
    if (f) {
        fclose(f);
    }
}

static int test_pem(const char *key_path)
{
    EVP_PKEY *key, *back = NULL;
    read_pem(key_path, &key, NULL);
    BIO *mem = BIO_new(BIO_s_mem());
    char *data;

    if (!key || !mem) {
        return 1;
    }
    int ok = PEM_write_bio_PrivateKey(mem, key, EVP_aes_256_cbc(), NULL, 0, password_cb, "s3cret");
    long len = BIO_get_mem_data(mem, &data);
    printf("written: %d, encrypted: %s\n", ok, len > 0 && strstr(data, "ENCRYPTED") ? "yes" : "no");
    back = PEM_read_bio_PrivateKey(mem, NULL, password_cb, "s3cret");
    printf("read back: %s, same key: %s\n", back ? "yes" : "no", back && EVP_PKEY_eq(key, back) == 1 ? "yes" : "no");
    BIO_free(mem);
    mem = BIO_new(BIO_s_mem());
    PEM_write_bio_PrivateKey(mem, key, EVP_aes_256_cbc(), NULL, 0, password_cb, "s3cret");
    EVP_PKEY *wrong = PEM_read_bio_PrivateKey(mem, NULL, password_cb, "wrong");
    printf("wrong password: %s\n", wrong ? "read (bad)" : "refused");
    printf("password callbacks: %d\n", password_calls);
    ERR_clear_error();
    EVP_PKEY_free(key);
    EVP_PKEY_free(back);
    EVP_PKEY_free(wrong);
    BIO_free(mem);
    return 0;
}

static int verify_calls;

static int verify_cb(int preverify_ok, X509_STORE_CTX *ctx)
{
    char name[256];
    X509 *cert = X509_STORE_CTX_get_current_cert(ctx);

    verify_calls++;
    X509_NAME_oneline(X509_get_subject_name(cert), name, sizeof(name));
    printf("verify callback: depth %d, ok %d, %s\n", X509_STORE_CTX_get_error_depth(ctx), preverify_ok, name);
    return preverify_ok;
}

static int test_verify(const char *key_path, const char *cert_path)
{
    EVP_PKEY *key;
    X509 *cert;
    read_pem(key_path, &key, NULL);
    read_pem(cert_path, NULL, &cert);
    SSL_CTX *sctx = SSL_CTX_new(TLS_server_method()), *cctx = SSL_CTX_new(TLS_client_method());
    BIO *sbio = NULL, *cbio = NULL;

    if (!key || !cert || !sctx || !cctx) {
        return 1;
    }
    SSL_CTX_use_certificate(sctx, cert);
    SSL_CTX_use_PrivateKey(sctx, key);
    SSL_CTX_set_min_proto_version(cctx, TLS1_3_VERSION);
    X509_STORE_add_cert(SSL_CTX_get_cert_store(cctx), cert);
    SSL_CTX_set_verify(cctx, SSL_VERIFY_PEER, verify_cb);
    SSL *s = SSL_new(sctx), *c = SSL_new(cctx);
    BIO_new_bio_pair(&sbio, 0, &cbio, 0);
    SSL_set_bio(s, sbio, sbio);
    SSL_set_bio(c, cbio, cbio);
    SSL_set_accept_state(s);
    SSL_set_connect_state(c);
    int sd = 0, cd = 0;
    for (int round = 0; round < 20 && !(sd == 1 && cd == 1); round++) {
        if (cd != 1) cd = SSL_do_handshake(c);
        if (sd != 1) sd = SSL_do_handshake(s);
    }
    printf("handshake: client %d, server %d, %s, verify result %ld\n", cd, sd, SSL_get_version(c),
           SSL_get_verify_result(c));
    const char msg[] = "hello over TLS";
    char got[64] = "";
    SSL_write(c, msg, sizeof(msg));
    int n = SSL_read(s, got, sizeof(got) - 1);
    printf("server read %d: %s\n", n, got);
    printf("verify callbacks: %s\n", verify_calls > 0 ? "called" : "not called");
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    X509_free(cert);
    EVP_PKEY_free(key);
    return cd == 1 && sd == 1 ? 0 : 1;
}

static int test_file(void)
{
    BIO *out = BIO_new_fp(stdout, BIO_NOCLOSE);

    printf("guest: before\n");
    BIO_printf(out, "bio: %s %d\n", "through the BIO", 1);
    printf("guest: between\n");
    BIO_puts(out, "bio: second line\n");
    BIO_flush(out);
    printf("guest: after\n");
    fflush(stdout);
    BIO_free(out);
    return 0;
}

static int test_printf(void)
{
    BIO *out = BIO_new_fp(stdout, BIO_NOCLOSE);
    char buf[128];

    BIO_printf(out, "[%d] [%5d] [%-5d] [%u] [%ld] [%lld] [%x] [%#lX] [%o]\n", -42, 7, 7, 4000000000u,
               -1234567890123L, 9007199254740993LL, 255u, 0xdeadbeefUL, 8u);
    BIO_printf(out, "[%s] [%.3s] [%10s] [%c] [%%] [%p]\n", "string", "truncated", "right", 'z', (void *)0);
    BIO_printf(out, "[%f] [%.2f] [%e] [%g] [%10.4f] [%*d] [%.*f]\n", 3.14159, 2.71828, 12345.678, 0.0001,
               -1.5, 6, 42, 3, 1.0 / 3);
    int n = BIO_snprintf(buf, sizeof(buf), "%s-%d-%.1f", "snprintf", 99, 9.95);
    BIO_printf(out, "snprintf %d: %s\n", n, buf);
    n = BIO_snprintf(buf, 8, "%s", "longer than eight");
    BIO_printf(out, "truncated snprintf %d: %s\n", n, buf);
    BIO_free(out);
    return 0;
}

static void *second_thread(void *arg)
{
    (void)arg;
    printf("thread: its own error queue is empty: %s\n", ERR_peek_error() == 0 ? "yes" : "no");
    ERR_raise_data(ERR_LIB_EVP, EVP_R_BAD_DECRYPT, "raised in thread %d", 2);
    printf("thread: raised: %s\n", ERR_peek_error() ? "yes" : "no");
    return NULL;
}

static int test_errors(void)
{
    const char *data;
    int flags;
    char text[256];

    ERR_raise(ERR_LIB_PEM, PEM_R_BAD_PASSWORD_READ);
    ERR_add_error_data(3, "first", ", second", ", third");
    unsigned long e = ERR_peek_last_error_data(&data, &flags);
    ERR_error_string_n(e, text, sizeof(text));
    printf("error: %s\ndata: %s (%s)\n", text, data, flags & ERR_TXT_STRING ? "string" : "?");
    pthread_t t;
    pthread_create(&t, NULL, second_thread, NULL);
    pthread_join(t, NULL);
    printf("main: still its own error: %s\n", ERR_peek_last_error() == e ? "yes" : "no");
    ERR_clear_error();
    ERR_raise_data(ERR_LIB_X509, X509_R_CERT_ALREADY_IN_HASH_TABLE, "number %d, string %s, %.1f", 5, "five", 5.5);
    ERR_peek_last_error_data(&data, &flags);
    printf("raise_data: %s\n", data);
    ERR_clear_error();
    return 0;
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc < 2) {
        fprintf(stderr, "usage: ossl-guest pem|verify|file|printf|errors KEY CERT\n");
        return 2;
    }
    if (strcmp(argv[1], "pem") == 0 && argc > 2) return test_pem(argv[2]);
    if (strcmp(argv[1], "verify") == 0 && argc > 3) return test_verify(argv[2], argv[3]);
    if (strcmp(argv[1], "file") == 0) return test_file();
    if (strcmp(argv[1], "printf") == 0) return test_printf();
    if (strcmp(argv[1], "errors") == 0) return test_errors();
    return 2;
}
