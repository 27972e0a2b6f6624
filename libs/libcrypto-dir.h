/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libcrypto exports OPENSSL_DIR_read and OPENSSL_DIR_end, which the openssl
 * program uses (rehash), but declares them only in an internal header
 * (include/internal/o_dir.h of OpenSSL's source). Their prototypes:
 */
#ifndef HOSTLINK_LIBCRYPTO_DIR_H
#define HOSTLINK_LIBCRYPTO_DIR_H

typedef struct OPENSSL_dir_context_st OPENSSL_DIR_CTX;
const char *OPENSSL_DIR_read(OPENSSL_DIR_CTX **ctx, const char *directory);
int OPENSSL_DIR_end(OPENSSL_DIR_CTX **ctx);

#endif
