/* lotse-portal-model.h: what the portal reads, a core store per workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lotse-core.h"
#include "lotse-server-storage.h"

G_BEGIN_DECLS

typedef struct _LotsePortalModel LotsePortalModel;

LotsePortalModel *lotse_portal_model_new    (const char          *path);
void              lotse_portal_model_free   (LotsePortalModel    *self);
/* The store, brought up to the newest revision @storage holds. Takes
 * seconds for a large office: on a worker thread, with its own
 * @storage, while no other thread uses the model. */
LotseStore       *lotse_portal_model_update (LotsePortalModel    *self,
                                             LotseServerStorage  *storage,
                                             GError             **error);
/* Whether the store holds what @storage holds now, in *out_current: one
 * cheap query, for the thread that serves. */
gboolean          lotse_portal_model_is_current (LotsePortalModel    *self,
                                                 LotseServerStorage  *storage,
                                                 gboolean            *out_current,
                                                 GError             **error);
/* The store as it is, NULL before the first copy. */
LotseStore       *lotse_portal_model_get_store  (LotsePortalModel    *self);
/* Makes a running update fail soon (G_IO_ERROR_CANCELLED); for good. */
void              lotse_portal_model_cancel     (LotsePortalModel    *self);

/* Answers made from the copy, kept until it changes (a page for everyone
 * who reads it, a feed for every calendar that polls it). */
gconstpointer     lotse_portal_model_cache_lookup (LotsePortalModel *self,
                                                   const char       *key);
/* Takes @value, freed with @free_func when the copy changes. */
void              lotse_portal_model_cache_insert (LotsePortalModel *self,
                                                   const char       *key,
                                                   gpointer          value,
                                                   GDestroyNotify    free_func);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotsePortalModel, lotse_portal_model_free)

LotseIcsFeed     *lotse_portal_model_get_feed         (LotsePortalModel   *self,
                                                      const char         *key);

char             *lotse_portal_model_make_dir       (GError            **error);
void              lotse_portal_model_remove_dir     (const char         *dir);

gboolean          lotse_portal_model_take_fresh     (LotsePortalModel   *self);

G_END_DECLS
