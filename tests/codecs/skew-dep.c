// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A library of the skew test's program that takes from libzstd a function
 * only libzstd 1.5.7 has: the program itself needs only old ones, but the
 * loader opens libzstd before this library (libzstd comes first in the
 * program's DT_NEEDED), so the version-skew rule must look ahead.
 */
void ZSTD_compressSequencesAndLiterals(void);

void (*skew_dep_newer(void))(void)
{
    return ZSTD_compressSequencesAndLiterals;
}
