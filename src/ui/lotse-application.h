/* lotse-application.h: the application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lotse-core.h"

G_BEGIN_DECLS

#define LOTSE_TYPE_APPLICATION (lotse_application_get_type ())

G_DECLARE_FINAL_TYPE (LotseApplication, lotse_application, LOTSE, APPLICATION, AdwApplication)

LotseApplication *lotse_application_new               (const char        *application_id,
                                                       GApplicationFlags  flags);
LotseStore       *lotse_application_get_store         (LotseApplication  *self);
const char       *lotse_application_get_database_path (LotseApplication  *self);

G_END_DECLS
