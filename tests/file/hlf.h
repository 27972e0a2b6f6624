/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Test library for FILE * crossing (tests/file): each function does one
 * thing with the stdio stream it is given, as a host library would.
 */
#ifndef HLF_H
#define HLF_H

#include <stddef.h>
#include <stdio.h>

size_t hlf_read(FILE *f, void *buf, size_t n);          /* fread */
size_t hlf_write(FILE *f, const void *buf, size_t n);   /* fwrite */
int hlf_seek(FILE *f, long offset, int whence);         /* fseek */
long hlf_tell(FILE *f);                                 /* ftell */
void hlf_rewind(FILE *f);                               /* rewind */
int hlf_peek(FILE *f);                                  /* fgetc, then ungetc: leaves it pushed back */
int hlf_unread(FILE *f, const char *s);                 /* ungetc of every byte of s, last first */
int hlf_line(FILE *f, char *buf, int n);                /* fgets, byte by byte (getc): its length, or -1 */
int hlf_printf(FILE *f, int value);                     /* fprintf */
int hlf_flags(FILE *f);                                 /* 1 if feof, | 2 if ferror */
int hlf_flush(FILE *f);                                 /* fflush */
int hlf_close(FILE *f);                                 /* fclose: this function takes the stream over */
int hlf_fileno_known(FILE *f);                          /* whether fileno() gives a descriptor */

/* Streams the library makes and returns (tests/file/returned.sh); it keeps the last one. */
FILE *hlf_open(const char *path, const char *mode);     /* fopen */
FILE *hlf_fdopen(int fd, const char *mode);             /* fdopen */
FILE *hlf_same(FILE *f);                                /* f itself */
int hlf_kept_puts(const char *s);                       /* fputs to the last stream it made */
int hlf_kept_getc(void);                                /* fgetc from it */
int hlf_is_kept(FILE *f);                               /* whether f is that stream */
unsigned long hlf_address(FILE *f);                     /* the address of the stream it is given */

#endif
