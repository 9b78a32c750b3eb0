/* lotse-knowledge-view.h: the knowledge base of best practices and lessons learned
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lotse-view.h"

G_BEGIN_DECLS

#define LOTSE_TYPE_KNOWLEDGE_VIEW (lotse_knowledge_view_get_type ())

G_DECLARE_FINAL_TYPE (LotseKnowledgeView, lotse_knowledge_view, LOTSE, KNOWLEDGE_VIEW, LotseView)

G_END_DECLS
