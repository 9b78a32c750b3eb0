/* lotse-schema.h: the one description of Lotse's data model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Tables, fields, types, limits, references and labels. Validation, JSON,
 * the CLI's FIELD=VALUE parsing and (later) the three-way merge and the
 * conflict view all read this description instead of knowing tables.
 */

#pragma once

#include <glib.h>

#include "lotse-schema-names.h"
#include "lotse-types.h"

G_BEGIN_DECLS

typedef enum
{
  LOTSE_FIELD_TEXT,      /* free text, at most max_length characters */
  LOTSE_FIELD_INT,       /* 64-bit integer, min_value..max_value */
  LOTSE_FIELD_DATE,      /* YYYY-MM-DD */
  LOTSE_FIELD_DATETIME,  /* ISO 8601 with zone offset, e.g. 2024-03-05T10:00:00+01:00 */
  LOTSE_FIELD_ENUM,      /* one of enum_values */
  LOTSE_FIELD_REF,       /* the id (UUID) of a row of ref_table */
  LOTSE_FIELD_TIME_ZONE, /* a zone of the tz database, e.g. Europe/Berlin */
} LotseFieldType;

#define LOTSE_FIELD_REQUIRED (1 << 0)
/* An INT of cents of euros. People type and read it as an amount of euros
 * (lotse-parse.h); its name ends in “_cents”, and where people write
 * values as text (the CLI's FIELD=VALUE, CSV columns) the name without
 * that ending (“budget”) takes the amount: lotse_field_normalize_amount(). */
#define LOTSE_FIELD_MONEY    (1 << 1)
#define LOTSE_MONEY_SUFFIX   "_cents"
/* A TEXT of 64 lowercase hexadecimal digits: a SHA-256 that names a blob,
 * and so a path; nothing else may pass. */
#define LOTSE_FIELD_SHA256   (1 << 2)

/* The id of the one row of table “office” on every device. */
#define LOTSE_OFFICE_ID "00000000-0000-0000-0000-000000000001"
/* Ids every device knows (the office's, the seeded cost categories of
 * migration 014) begin so; a seeded row is on every device without a
 * sync, and on a server only after its first edit. */
#define LOTSE_WELL_KNOWN_ID_PREFIX "00000000-0000-0000-0000-"
/* The office's zone until someone sets another. */
#define LOTSE_OFFICE_DEFAULT_TIME_ZONE "Europe/Berlin"

struct _LotseField
{
  const char          *name;
  LotseFieldType       type;
  guint                flags;
  const char          *label;          /* translatable with N_(); translate with _() */
  guint                max_length;     /* TEXT: characters; 0 = no limit */
  gint64               min_value;      /* INT */
  gint64               max_value;      /* INT */
  const char          *ref_table;      /* REF */
  const char * const  *enum_values;    /* ENUM, NULL-terminated */
  const char          *default_value;  /* used on insert when the field is unset */
  /* REF without ref_table: the field of the same row that names the table
   * referred to (an attachment's owner_table). */
  const char          *ref_table_field;
};

struct _LotseTable
{
  const char          *name;
  const char          *label;          /* translatable with N_() */
  const LotseField    *fields;
  guint                n_fields;
  const char          *title_field;    /* what names a row in lists */
  const char          *order_field;    /* default list order */
  const char          *range_start;    /* a date range that must not run backwards, or NULL */
  const char          *range_end;
  /* A table of one row, such as the office's settings: its only id, the
   * same on every device, so that two laptops do not create two rows. */
  const char          *singleton_id;
};

/* What is wrong with a value or row (lotse_field_check(),
 * lotse_table_check_row()): the rules the store and lotse-server share. */
typedef enum
{
  LOTSE_VALUE_VALID,
  LOTSE_VALUE_BLANK,       /* required, but unset, empty or only white space */
  LOTSE_VALUE_MALFORMED,   /* not of the field's type or over its limits */
  LOTSE_VALUE_NOT_NORMAL,  /* valid, but not in its normal form */
  LOTSE_VALUE_DANGLING,    /* a reference to a row that does not exist */
  LOTSE_VALUE_BACKWARDS,   /* the end of the table's date range before its start */
} LotseValueProblem;

/* Sets *out_exists for the row @id of @ref_table; FALSE with @error set
 * when the lookup failed. */
typedef gboolean (*LotseRefLookup) (const char        *ref_table,
                                    const char        *id,
                                    gboolean          *out_exists,
                                    gpointer           user_data,
                                    GError           **error);

const LotseTable  *lotse_schema_lookup_table      (const char        *name);
const LotseTable * const *lotse_schema_get_tables (guint             *n_tables);
const LotseField  *lotse_table_lookup_field       (const LotseTable  *table,
                                                   const char        *name);
int                lotse_table_field_index        (const LotseTable  *table,
                                                   const char        *name);
const char        *lotse_field_type_to_string     (LotseFieldType     type);
gboolean           lotse_field_is_valid_enum      (const LotseField  *field,
                                                   const char        *value);
char              *lotse_field_normalize          (const LotseField  *field,
                                                   const char        *value,
                                                   GError           **error);
gboolean           lotse_field_is_money           (const LotseField  *field);
char              *lotse_field_dup_amount_name    (const LotseField  *field);
const LotseField  *lotse_table_lookup_amount      (const LotseTable  *table,
                                                   const char        *amount_name);
char              *lotse_field_normalize_amount   (const LotseField  *field,
                                                   const char        *text,
                                                   GError           **error);
LotseValueProblem  lotse_field_check              (const LotseField  *field,
                                                   const char        *value);
gboolean           lotse_table_check_row          (const LotseTable  *table,
                                                   const char * const *values,
                                                   const gboolean    *check_refs,
                                                   LotseRefLookup     lookup,
                                                   gpointer           user_data,
                                                   LotseValueProblem *out_problem,
                                                   guint             *out_field,
                                                   GError           **error);
const char        *lotse_enum_value_label         (const char        *table,
                                                   const char        *field,
                                                   const char        *value);
gboolean           lotse_is_uuid                  (const char        *text);
gboolean           lotse_is_sha256                (const char        *text);
const char        *lotse_field_get_ref_table      (const LotseTable  *table,
                                                   const LotseField  *field,
                                                   const char * const *values);
GTimeZone         *lotse_time_zone_new            (const char        *identifier,
                                                   GError           **error);
char              *lotse_new_uuid                 (void);
char              *lotse_new_op_id                (void);

G_END_DECLS
