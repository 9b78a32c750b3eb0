/* lotse-core.h: everything of liblotse-core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lotse-types.h"
#include "lotse-error.h"
#include "lotse-schema.h"
#include "lotse-record.h"
#include "lotse-store.h"
#include "lotse-record-list.h"
#include "lotse-search.h"
#include "lotse-demo.h"
#include "lotse-monitor.h"
#include "lotse-parse.h"
#include "lotse-csv.h"
#include "lotse-recurrence.h"
#include "lotse-mail.h"
#include "lotse-meeting.h"
#include "lotse-minutes.h"
#include "lotse-action-items.h"
#include "lotse-reminders.h"
#include "lotse-office.h"
#include "lotse-ics.h"
#include "lotse-output.h"
#include "lotse-article.h"
#include "lotse-attachment.h"
#include "lotse-blob-store.h"
#include "lotse-project-query.h"
#include "lotse-finance.h"
#include "lotse-credentials.h"
#include "lotse-store-reader.h"
#include "lotse-store-sync.h"
#include "lotse-sync-client.h"
#include "lotse-sync-engine.h"
#include "lotse-sync-trust.h"
#include "lotse-util.h"
