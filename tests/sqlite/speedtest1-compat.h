/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Included before speedtest1.c: the one option constant its newer source
 * uses that bookworm's sqlite3.h (3.40) lacks. Its value is SQLite's own;
 * an older library answers the option with SQLITE_ERROR, which speedtest1
 * ignores (only --stmtscanstatus asks for it).
 */
#include <sqlite3.h>
#ifndef SQLITE_DBCONFIG_STMT_SCANSTATUS
#define SQLITE_DBCONFIG_STMT_SCANSTATUS 1018
#endif
