// SPDX-License-Identifier: GPL-2.0-or-later
#include "libs/generated.h"
#include "log.h"

void hl_va_refused(struct hostlink_lib *lib, const char *fn, bool *said)
{
    hl_log_once(said, "%s: %s: format refused (%%n, %%m, positional or long double arguments, an "
                "unknown conversion, or more than %d arguments): the call fails with EINVAL",
                lib->name, fn, HOSTLINK_VA_MAX);
}
