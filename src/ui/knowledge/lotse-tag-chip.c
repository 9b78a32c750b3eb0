/* lotse-tag-chip.c: a tag of the article being edited, with its remove button
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The editor's flow box of tags is bound to the list of tag names; each
 * name shows as one chip. Its button emits ::remove, and the editor takes
 * the name out of the list. The button says which tag it removes, since
 * a screen reader meets several of them in a row.
 */

#define G_LOG_DOMAIN "lotse-knowledge-view"

#include "config.h"

#include <glib/gi18n.h>

#include "lotse-tag-chip.h"
#include "lotse-util.h"

struct _LotseTagChip
{
  GtkWidget  parent_instance;

  GtkLabel  *label;
  GtkButton *remove_button;

  char      *name;
};

enum {
  PROP_0,
  PROP_NAME,
  N_PROPS
};

enum {
  REMOVE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (LotseTagChip, lotse_tag_chip, GTK_TYPE_WIDGET)

static void
remove_clicked_cb (LotseTagChip *self)
{
  /* A handler takes the chip out of its flow box. */
  g_autoptr(LotseTagChip) chip = g_object_ref (self);

  g_signal_emit (chip, signals[REMOVE], 0);
}

static void
lotse_tag_chip_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LOTSE_TYPE_TAG_CHIP);

  G_OBJECT_CLASS (lotse_tag_chip_parent_class)->dispose (object);
}

static void
lotse_tag_chip_finalize (GObject *object)
{
  LotseTagChip *self = LOTSE_TAG_CHIP (object);

  g_free (self->name);

  G_OBJECT_CLASS (lotse_tag_chip_parent_class)->finalize (object);
}

static void
lotse_tag_chip_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LotseTagChip *self = LOTSE_TAG_CHIP (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotse_tag_chip_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  LotseTagChip *self = LOTSE_TAG_CHIP (object);

  switch (prop_id)
    {
    case PROP_NAME:
      lotse_tag_chip_set_name (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotse_tag_chip_class_init (LotseTagChipClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lotse_tag_chip_dispose;
  object_class->finalize = lotse_tag_chip_finalize;
  object_class->get_property = lotse_tag_chip_get_property;
  object_class->set_property = lotse_tag_chip_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LotseTagChip::remove:
   *
   * The person asked to take the tag off the article.
   */
  signals[REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/lotse/Lotse/knowledge/lotse-tag-chip.ui");
  gtk_widget_class_bind_template_child (widget_class, LotseTagChip, label);
  gtk_widget_class_bind_template_child (widget_class, LotseTagChip, remove_button);
  gtk_widget_class_bind_template_callback (widget_class, remove_clicked_cb);

  gtk_widget_class_set_css_name (widget_class, "tagchip");
}

static void
lotse_tag_chip_init (LotseTagChip *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
lotse_tag_chip_new (const char *name)
{
  return g_object_new (LOTSE_TYPE_TAG_CHIP, "name", name, NULL);
}

const char *
lotse_tag_chip_get_name (LotseTagChip *self)
{
  g_return_val_if_fail (LOTSE_IS_TAG_CHIP (self), NULL);

  return self->name;
}

void
lotse_tag_chip_set_name (LotseTagChip *self,
                         const char   *name)
{
  g_autofree char *tooltip = NULL;

  g_return_if_fail (LOTSE_IS_TAG_CHIP (self));

  if (!lotse_set_str (&self->name, name))
    return;

  /* Translators: %s is a tag */
  tooltip = g_strdup_printf (_("Remove the tag “%s”"), name != NULL ? name : "");
  gtk_label_set_text (self->label, name != NULL ? name : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->remove_button), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  tooltip, -1);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}
