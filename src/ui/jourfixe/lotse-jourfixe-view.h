/* lotse-jourfixe-view.h: the meetings of the office: jour fixe, steering board, workshops
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lotse-view.h"

G_BEGIN_DECLS

#define LOTSE_TYPE_JOURFIXE_VIEW (lotse_jourfixe_view_get_type ())

G_DECLARE_FINAL_TYPE (LotseJourfixeView, lotse_jourfixe_view, LOTSE, JOURFIXE_VIEW, LotseView)

G_END_DECLS
