/* lotse-output.c: writing an export to the file a person named
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An export is written to a temporary file next to the target and renamed
 * over it, so the target holds the old or the new export, never half of
 * one. A rename replaces whatever has the name, though: a symbolic link,
 * a named pipe a reader waits on, and as root even /dev/stdout (a link) or
 * /dev/null. So only two targets are taken: a name that does not exist
 * yet, and a regular file, which keeps its permissions (and, for root, its
 * owner). Anything else is refused and left as it is, a link included:
 * following it silently would write where the person did not look. Only
 * the last part of the path is checked; folders on the way may be links.
 */

#define G_LOG_DOMAIN "lotse-output"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lotse-output.h"

static gboolean
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *path)
{
  g_autofree char *display = g_filename_display_name (path);

  /* Translators: the first %s is a file name, the second the reason */
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), _("Cannot write “%s”: %s"),
               display, g_strerror (saved_errno));
  return FALSE;
}

/* Whether @path may be written; *out_exists says whether it is a regular
 * file already, described by @st. */
static gboolean
check_target (const char   *path,
              struct stat  *st,
              gboolean     *out_exists,
              GError      **error)
{
  g_autofree char *display = g_filename_display_name (path);

  *out_exists = FALSE;
  if (g_lstat (path, (GStatBuf *) st) != 0)
    return errno == ENOENT || set_errno_error (error, errno, path);

  if (S_ISREG (st->st_mode))
    {
      *out_exists = TRUE;
      return TRUE;
    }

  if (S_ISLNK (st->st_mode))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                 /* Translators: %s is a file name */
                 _("“%s” is a symbolic link; Lotse does not write through links. Name the file "
                   "itself."), display);
  else if (S_ISDIR (st->st_mode))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                 /* Translators: %s is a file name */
                 _("Cannot write “%s”: it is a folder"), display);
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                 /* Translators: %s is a file name */
                 _("“%s” is not a regular file but a device, a pipe or a socket; Lotse writes "
                   "only to regular files."), display);

  return FALSE;
}

static gboolean
write_all (int          fd,
           const char  *data,
           gsize        length)
{
  while (length > 0)
    {
      gssize written = write (fd, data, length);

      if (written < 0 && errno == EINTR)
        continue;
      if (written <= 0)
        return FALSE;
      data += written;
      length -= written;
    }

  return TRUE;
}

/* The temporary file, with the data, the target's permissions and owner,
 * on disk. */
static gboolean
write_temporary (int                fd,
                 const void        *data,
                 gsize              length,
                 const struct stat *target)
{
  if (target != NULL)
    {
      if (fchmod (fd, target->st_mode & 07777) != 0)
        return FALSE;
      /* Only root may give a file away; for others it is theirs already
       * or keeping the owner is impossible anyway. */
      if (geteuid () == 0 && fchown (fd, target->st_uid, target->st_gid) != 0)
        return FALSE;
    }

  return write_all (fd, data, length) && fsync (fd) == 0;
}

/**
 * lotse_output_write_file:
 * @path: the file to write: a regular file or a name that does not exist
 * @data: (array length=length): what to write
 * @length: the number of bytes of @data
 * @error: a location for a #GError
 *
 * Writes @data to @path atomically. A symbolic link, a folder, a device, a
 * pipe or a socket at @path is refused and left untouched.
 *
 * Returns: %TRUE if @path holds @data now
 */
gboolean
lotse_output_write_file (const char  *path,
                         const void  *data,
                         gsize        length,
                         GError     **error)
{
  g_autofree char *folder = NULL;
  g_autofree char *name = NULL;
  g_autofree char *temporary = NULL;
  struct stat before, now;
  gboolean existed = FALSE;
  gboolean exists = FALSE;
  int saved_errno;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);

  if (!check_target (path, &before, &existed, error))
    return FALSE;

  folder = g_path_get_dirname (path);
  name = g_path_get_basename (path);
  temporary = g_strdup_printf ("%s/.%s.XXXXXX", folder, name);
  fd = g_mkstemp_full (temporary, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    return set_errno_error (error, errno, path);

  if (!write_temporary (fd, data, length, existed ? &before : NULL))
    goto failed;
  if (close (fd) != 0)
    {
      fd = -1;
      goto failed;
    }
  fd = -1;

  /* The target may have changed while the export was written: it is
   * replaced only if it is still what was checked. */
  if (!check_target (path, &now, &exists, error) || exists != existed ||
      (exists && (now.st_dev != before.st_dev || now.st_ino != before.st_ino)))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_unlink (temporary);
      if (error != NULL && *error == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                     /* Translators: %s is a file name */
                     _("“%s” changed while the export was written; it was left as it is"), display);
      return FALSE;
    }

  if (g_rename (temporary, path) != 0)
    goto failed;

  return TRUE;

failed:
  saved_errno = errno;
  if (fd >= 0)
    close (fd);
  g_unlink (temporary);
  return set_errno_error (error, saved_errno, path);
}

/**
 * lotse_output_path_for_file:
 * @file: the file a person chose, e.g. in a file chooser
 * @error: a location for a #GError
 *
 * The local path of @file, for lotse_output_write_file(). A file chooser
 * may hand out a location without one (a remote share not mounted
 * locally); that gets an error naming it instead of a write elsewhere.
 *
 * Returns: (transfer full) (nullable): the path, or %NULL with @error set
 */
char *
lotse_output_path_for_file (GFile   *file,
                            GError **error)
{
  char *path;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   /* Translators: %s is a location such as sftp://host/file */
                   _("Cannot write “%s”: Lotse writes only to files on this computer"), name);
    }

  return path;
}
