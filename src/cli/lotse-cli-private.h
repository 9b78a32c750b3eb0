/* lotse-cli-private.h: what the parts of lotse-cli share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lotse-core.h"

G_BEGIN_DECLS

typedef enum
{
  LOTSE_CLI_EXIT_SUCCESS = 0,
  LOTSE_CLI_EXIT_ERROR   = 1,  /* the command failed; nothing was changed */
  LOTSE_CLI_EXIT_USAGE   = 2,  /* the command line was wrong */
} LotseCliExit;

typedef enum
{
  LOTSE_CLI_OPEN_EXISTING,     /* reading or changing rows needs a database */
  LOTSE_CLI_OPEN_CREATE,       /* commands that add rows may start a new one */
} LotseCliOpenMode;

typedef struct _LotseCli        LotseCli;
typedef struct _LotseCliCommand LotseCliCommand;

typedef int (*LotseCliCommandFunc) (LotseCli  *cli,
                                    int        argc,
                                    char     **argv);

struct _LotseCliCommand
{
  const char          *name;
  const char          *synopsis;  /* N_(): the arguments after the command name */
  const char          *summary;   /* N_() */
  LotseCliCommandFunc  run;
};

struct _LotseCli
{
  char                  *db_path;  /* from --db; NULL means the default database */
  const LotseCliCommand *command;  /* the command being run */
};

/* lotse-cli-dispatch.c */
int          lotse_cli_run                  (int                  argc,
                                             char               **argv);

/* lotse-cli-util.c */
const char  *lotse_cli_command_get_synopsis (const LotseCliCommand *command);
gboolean     lotse_cli_parse_options        (LotseCli            *cli,
                                             const GOptionEntry  *entries,
                                             int                  argc,
                                             char               **argv,
                                             guint                min_args,
                                             guint                max_args,
                                             char              ***out_args,
                                             int                 *out_status);
int          lotse_cli_usage_error          (LotseCli            *cli,
                                             const char          *format,
                                             ...) G_GNUC_PRINTF (2, 3);
int          lotse_cli_fail                 (LotseCli            *cli,
                                             const GError        *error);
void         lotse_cli_print_error          (const char          *format,
                                             ...) G_GNUC_PRINTF (1, 2);
LotseStore  *lotse_cli_open_store           (LotseCli            *cli,
                                             LotseCliOpenMode     mode,
                                             GError             **error);
LotseStore  *lotse_cli_open_store_or_fail   (LotseCli            *cli,
                                             LotseCliOpenMode     mode,
                                             int                 *out_status);
const LotseTable *lotse_cli_lookup_table    (LotseCli            *cli,
                                             const char          *name,
                                             int                 *out_status);
const LotseField *lotse_cli_lookup_field    (LotseCli            *cli,
                                             const LotseTable    *table,
                                             const char          *name,
                                             gboolean            *out_amount,
                                             int                 *out_status);
char        *lotse_cli_list_table_names     (void);
gboolean     lotse_cli_parse_count          (const char          *text,
                                             guint64              max_value,
                                             guint64             *out_value);
char        *lotse_cli_format_count         (guint64              value);
gboolean     lotse_cli_output_is_stdout     (const char          *output);
gboolean     lotse_cli_write_output         (const char          *output,
                                             const void          *data,
                                             gsize                length,
                                             GError             **error);

/* lotse-cli-format.c */
typedef struct _LotseCliTable LotseCliTable;

LotseCliTable *lotse_cli_table_new          (guint                n_columns);
void         lotse_cli_table_free           (LotseCliTable       *table);
void         lotse_cli_table_set_max_width  (LotseCliTable       *table,
                                             guint                column,
                                             guint                max_width);
void         lotse_cli_table_add_row        (LotseCliTable       *table,
                                             const char * const  *cells);
void         lotse_cli_table_print          (LotseCliTable       *table);
guint        lotse_cli_display_width        (const char          *text);
char        *lotse_cli_truncate             (const char          *text,
                                             guint                max_width);
char        *lotse_cli_json_to_string       (JsonNode            *node,
                                             guint                indent);
void         lotse_cli_print_json           (JsonNode            *node);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotseCliTable, lotse_cli_table_free)

/* lotse-cli-data.c */
int          lotse_cli_command_demo         (LotseCli            *cli,
                                             int                  argc,
                                             char               **argv);
int          lotse_cli_command_generate     (LotseCli            *cli,
                                             int                  argc,
                                             char               **argv);

/* lotse-cli-records.c */
int          lotse_cli_command_list         (LotseCli            *cli,
                                             int                  argc,
                                             char               **argv);
int          lotse_cli_command_show         (LotseCli            *cli,
                                             int                  argc,
                                             char               **argv);
int          lotse_cli_command_add          (LotseCli            *cli,
                                             int                  argc,
                                             char               **argv);
int          lotse_cli_command_update       (LotseCli            *cli,
                                             int                  argc,
                                             char               **argv);
int          lotse_cli_command_delete       (LotseCli            *cli,
                                             int                  argc,
                                             char               **argv);
int          lotse_cli_command_office       (LotseCli            *cli,
                                             int                  argc,
                                             char               **argv);

/* lotse-cli-portfolio.c */
char        *lotse_cli_resolve_person       (LotseStore          *store,
                                            const char          *text,
                                            GError             **error);
int          lotse_cli_command_remind       (LotseCli            *cli,
                                            int                  argc,
                                            char               **argv);
int          lotse_cli_command_monitor      (LotseCli            *cli,
                                             int                  argc,
                                             char               **argv);
int          lotse_cli_command_import       (LotseCli            *cli,
                                             int                  argc,
                                             char               **argv);
int          lotse_cli_command_export       (LotseCli            *cli,
                                             int                  argc,
                                             char               **argv);

/* lotse-cli-finance.c */
int          lotse_cli_command_finance      (LotseCli            *cli,
                                             int                  argc,
                                             char               **argv);

/* lotse-cli-report.c */
gboolean     lotse_cli_is_report_export     (int                  argc,
                                             char               **argv);
int          lotse_cli_command_export_report (LotseCli           *cli,
                                             int                  argc,
                                             char               **argv);

/* lotse-cli-meeting.c */
int          lotse_cli_command_prepare_meeting (LotseCli         *cli,
                                             int                  argc,
                                             char               **argv);
/* lotse-cli-minutes.c */
int          lotse_cli_command_approve_minutes (LotseCli          *cli,
                                                int                argc,
                                                char             **argv);
int          lotse_cli_command_reopen_minutes (LotseCli           *cli,
                                               int                 argc,
                                               char              **argv);
int          lotse_cli_command_amend_minutes (LotseCli            *cli,
                                              int                  argc,
                                              char               **argv);
int          lotse_cli_command_attendance   (LotseCli            *cli,
                                             int                  argc,
                                             char               **argv);
int          lotse_cli_export_eml           (LotseCli            *cli,
                                             int                  argc,
                                             char               **argv);
int          lotse_cli_export_ics           (LotseCli            *cli,
                                             int                  argc,
                                             char               **argv);

/* lotse-cli-proposal.c */
int          lotse_cli_command_propose      (LotseCli            *cli,
                                             int                  argc,
                                             char               **argv);
int          lotse_cli_command_proposals    (LotseCli            *cli,
                                             int                  argc,
                                             char               **argv);
int          lotse_cli_command_accept_proposal (LotseCli         *cli,
                                                int               argc,
                                                char            **argv);
int          lotse_cli_command_decline_proposal (LotseCli        *cli,
                                                 int              argc,
                                                 char           **argv);

/* lotse-cli-search.c */
int          lotse_cli_command_search       (LotseCli            *cli,
                                             int                  argc,
                                             char               **argv);

/* lotse-cli-attach.c */
int          lotse_cli_command_attach       (LotseCli            *cli,
                                             int                  argc,
                                             char               **argv);
int          lotse_cli_command_attachments  (LotseCli            *cli,
                                             int                  argc,
                                             char               **argv);
int          lotse_cli_command_get_attachment (LotseCli          *cli,
                                             int                  argc,
                                             char               **argv);

/* lotse-cli-sync.c */
int          lotse_cli_command_sync         (LotseCli            *cli,
                                             int                  argc,
                                             char               **argv);
int          lotse_cli_command_conflicts    (LotseCli            *cli,
                                             int                  argc,
                                             char               **argv);
int          lotse_cli_command_resolve      (LotseCli            *cli,
                                             int                  argc,
                                             char               **argv);

G_END_DECLS
