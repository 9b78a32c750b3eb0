/* lotse-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "lotse-error.h"

G_DEFINE_QUARK (lotse-error-quark, lotse_error)
