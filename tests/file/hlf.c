// SPDX-License-Identifier: GPL-2.0-or-later
#include "hlf.h"
#include <string.h>

size_t hlf_read(FILE *f, void *buf, size_t n) { return fread(buf, 1, n, f); }
size_t hlf_write(FILE *f, const void *buf, size_t n) { return fwrite(buf, 1, n, f); }
int hlf_seek(FILE *f, long offset, int whence) { return fseek(f, offset, whence); }
long hlf_tell(FILE *f) { return ftell(f); }
void hlf_rewind(FILE *f) { rewind(f); }
int hlf_printf(FILE *f, int value) { return fprintf(f, "value %d\n", value); }
int hlf_flags(FILE *f) { return (feof(f) ? 1 : 0) | (ferror(f) ? 2 : 0); }
int hlf_flush(FILE *f) { return fflush(f); }
int hlf_close(FILE *f) { return fclose(f); }
int hlf_fileno_known(FILE *f) { return fileno(f) >= 0; }

int hlf_peek(FILE *f)
{
    int c = fgetc(f);
    return c == EOF ? EOF : ungetc(c, f);
}

int hlf_unread(FILE *f, const char *s)
{
    for (size_t i = strlen(s); i > 0; i--) {
        if (ungetc((unsigned char)s[i - 1], f) == EOF) {
            return -1;
        }
    }
    return 0;
}

int hlf_line(FILE *f, char *buf, int n)
{
    int len = 0, c = 0;
    while (len < n - 1 && (c = getc(f)) != EOF) {
        buf[len++] = (char)c;
        if (c == '\n') {
            break;
        }
    }
    buf[len] = '\0';
    return len == 0 && c == EOF ? -1 : len;
}

static FILE *kept;

FILE *hlf_open(const char *path, const char *mode) { return kept = fopen(path, mode); }
FILE *hlf_fdopen(int fd, const char *mode) { return kept = fdopen(fd, mode); }
FILE *hlf_same(FILE *f) { return f; }
int hlf_kept_puts(const char *s) { return fputs(s, kept); }
int hlf_kept_getc(void) { return fgetc(kept); }
int hlf_is_kept(FILE *f) { return f == kept; }
unsigned long hlf_address(FILE *f) { return (unsigned long)f; }
