/* lotse-test-cli.h: running lotse-cli from the test suites
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lotse-test-helpers.h"

G_BEGIN_DECLS

/* What one run of lotse-cli left behind. */
typedef struct
{
  int   status;
  char *out;
  char *err;
} LotseTestCliResult;

void                 lotse_test_cli_result_free  (LotseTestCliResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotseTestCliResult, lotse_test_cli_result_free)

/* A temp dir and the path of a database file in it (not created). */
typedef struct
{
  char *dir;
  char *db;
} LotseTestCliFixture;

LotseTestCliFixture *lotse_test_cli_fixture_new  (void);
void                 lotse_test_cli_fixture_free (LotseTestCliFixture *fixture);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotseTestCliFixture, lotse_test_cli_fixture_free)

LotseTestCliResult  *lotse_test_cli_run_argv     (const char          *dir,
                                                  const char * const  *args);
LotseTestCliResult  *lotse_test_cli_run          (const char          *dir,
                                                  ...) G_GNUC_NULL_TERMINATED;
LotseTestCliResult  *lotse_test_cli_run_db       (const char          *dir,
                                                  const char          *db,
                                                  ...) G_GNUC_NULL_TERMINATED;
char                *lotse_test_cli_add_row      (LotseTestCliFixture *fixture,
                                                  const char          *table,
                                                  ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
