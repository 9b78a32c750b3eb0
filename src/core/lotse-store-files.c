/* lotse-store-files.c: SQLite's files and locks, safe from the rest of the process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SQLite locks its database and -shm with POSIX record locks. Those belong
 * to the process and the file, and the kernel drops all of them when the
 * process closes *any* descriptor of the file: one that GIO opened to sniff
 * a content type for a file chooser, say. With the app's locks gone,
 * lotse-cli takes itself for the only connection, rebuilds the -shm the app
 * has mapped, checkpoints and deletes -wal and -shm under the app ("How To
 * Corrupt An SQLite Database File", 2.2).
 *
 * Here SQLite's lock calls become open file description locks (F_OFD_SETLK,
 * Linux ≥ 3.15) on one description per file that this module owns. Other
 * processes see them, and conflict with them, like POSIX locks (SQLite
 * shells and older Lotse versions included); but only closing that
 * description releases them, and only this module does, after SQLite closed
 * its last descriptor of the file. A stray open() and close() anywhere in
 * the process has nothing left to release.
 *
 * One description per file, not the descriptor of each connection: SQLite's
 * unix VFS counts the locks of all connections of the process to a file
 * and locks the file once for all of them, as POSIX locks are per process.
 * OFD locks on each connection's own descriptor would conflict with each
 * other and be released by the wrong connection.
 *
 * This is preferred to refusing other code's open() of the database files
 * (interposing open, openat, fopen… in every executable): that can never be
 * complete (direct system calls, libraries' private wrappers), has to be
 * linked into each binary, and breaks harmless reads such as a file
 * chooser's preview or copying the file for a backup.
 *
 * And whatever SQLite creates here (database, -wal, -shm, journals) is
 * readable by its owner only.
 */

#define G_LOG_DOMAIN "lotse-store"
#define _GNU_SOURCE /* F_OFD_SETLK */

#include "config.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lotse-store-files.h"

/* The lowest descriptor SQLite accepts for its files, so that nothing
 * written to standard error can end up in the database. */
#define MIN_FD 3

typedef struct
{
  dev_t dev;
  ino_t ino;
  int   lock_fd;  /* the description holding the process's locks, or -1 */
  guint n_fds;    /* SQLite's open descriptors of the file */
} LockedFile;

G_LOCK_DEFINE_STATIC (files);
static GHashTable *files_by_fd;  /* SQLite's descriptor → LockedFile */
static GPtrArray *files;         /* LockedFile, a few per open database */

static LockedFile *
find_file (dev_t dev,
           ino_t ino)
{
  for (guint i = 0; i < files->len; i++)
    {
      LockedFile *file = g_ptr_array_index (files, i);

      if (file->dev == dev && file->ino == ino)
        return file;
    }

  return NULL;
}

static void
release_fd (int fd)
{
  LockedFile *file;

  if (!g_hash_table_steal_extended (files_by_fd, GINT_TO_POINTER (fd), NULL, (gpointer *)&file))
    return;

  if (--file->n_fds > 0)
    return;

  /* No connection of the process has the file open: it holds no lock. */
  if (file->lock_fd >= 0)
    close (file->lock_fd);
  g_ptr_array_remove_fast (files, file);
  g_free (file);
}

/* The unix VFS's "open": notes which file @fd is, compared by inode, so
 * that hard links and symbolic links are the same file. */
static int
files_open (const char *path,
            int         flags,
            int         mode)
{
  int fd = open (path, flags, mode & 0600);
  struct stat st;
  LockedFile *file;

  if (fd < 0 || fstat (fd, &st) != 0)
    return fd;

  G_LOCK (files);
  release_fd (fd);  /* if its number was SQLite's before, closed behind its back */
  file = find_file (st.st_dev, st.st_ino);
  if (file == NULL)
    {
      file = g_new0 (LockedFile, 1);
      file->dev = st.st_dev;
      file->ino = st.st_ino;
      file->lock_fd = -1;
      g_ptr_array_add (files, file);
    }
  file->n_fds++;
  g_hash_table_insert (files_by_fd, GINT_TO_POINTER (fd), file);
  G_UNLOCK (files);

  return fd;
}

/* Forgotten before it is closed: until then its number cannot be handed
 * out again to another thread's open. */
static int
files_close (int fd)
{
  G_LOCK (files);
  release_fd (fd);
  G_UNLOCK (files);

  return close (fd);
}

/* A description that can take read and write locks: SQLite's own
 * descriptor may be read-only (a read-only connection opened the file
 * first), so a read-only one is opened again for reading and writing. */
static int
open_lock_description (int fd)
{
  char proc_path[64];
  int flags = fcntl (fd, F_GETFL);
  int reopened;
  int lock_fd;

  if (flags >= 0 && (flags & O_ACCMODE) == O_RDWR)
    return fcntl (fd, F_DUPFD_CLOEXEC, MIN_FD);

  g_snprintf (proc_path, sizeof proc_path, "/proc/self/fd/%d", fd);
  reopened = open (proc_path, O_RDWR | O_CLOEXEC | O_NOCTTY);
  if (reopened < 0)
    return fcntl (fd, F_DUPFD_CLOEXEC, MIN_FD);  /* a read-only file takes read locks only */
  if (reopened >= MIN_FD)
    return reopened;

  lock_fd = fcntl (reopened, F_DUPFD_CLOEXEC, MIN_FD);
  close (reopened);
  return lock_fd;
}

/* The description for @fd's file, or -1 with errno set; *tracked tells
 * whether SQLite opened @fd through files_open() at all. */
static int
lock_description (int       fd,
                  gboolean *tracked)
{
  LockedFile *file;
  int lock_fd;

  G_LOCK (files);
  file = g_hash_table_lookup (files_by_fd, GINT_TO_POINTER (fd));
  *tracked = file != NULL;
  if (file != NULL && file->lock_fd < 0)
    file->lock_fd = open_lock_description (fd);
  lock_fd = file != NULL ? file->lock_fd : -1;
  G_UNLOCK (files);

  return lock_fd;
}

/* The unix VFS's "fcntl": its record locks on the file's description. */
static int
files_fcntl (int fd,
             int cmd,
             ...)
{
  struct flock ofd_lock;
  struct flock *lock;
  gboolean tracked = FALSE;
  void *arg;
  va_list ap;
  int lock_fd;
  int ofd_cmd;
  int rc;

  va_start (ap, cmd);
  arg = va_arg (ap, void *);
  va_end (ap);

  if (cmd == F_SETLK)
    ofd_cmd = F_OFD_SETLK;
  else if (cmd == F_SETLKW)
    ofd_cmd = F_OFD_SETLKW;
  else if (cmd == F_GETLK)
    ofd_cmd = F_OFD_GETLK;
  else
    return fcntl (fd, cmd, arg);

  lock_fd = lock_description (fd, &tracked);
  if (!tracked)
    return fcntl (fd, cmd, arg);
  if (lock_fd < 0)
    return -1;

  lock = arg;
  ofd_lock = *lock;
  ofd_lock.l_pid = 0;  /* required for OFD locks */
  rc = fcntl (lock_fd, ofd_cmd, &ofd_lock);
  if (rc == 0 && cmd == F_GETLK)
    *lock = ofd_lock;

  return rc;
}

/**
 * lotse_store_files_init:
 *
 * Routes the unix VFS's opening, closing and locking of files through this
 * module. Must run before the process's first SQLite connection: a
 * connection opened earlier keeps POSIX locks, which conflict with the
 * OFD locks of the connections opened later.
 */
void
lotse_store_files_init (void)
{
  static const struct
  {
    const char          *name;
    sqlite3_syscall_ptr  call;
  } calls[] = {
    { "open", (sqlite3_syscall_ptr)files_open },
    { "close", (sqlite3_syscall_ptr)files_close },
    { "fcntl", (sqlite3_syscall_ptr)files_fcntl },
  };
  static gsize initialized = 0;
  sqlite3_vfs *vfs;

  if (!g_once_init_enter (&initialized))
    return;

  files_by_fd = g_hash_table_new (NULL, NULL);
  files = g_ptr_array_new ();

  /* All three or none: locks on descriptors this module does not know
   * would be plain POSIX locks again. */
  vfs = sqlite3_vfs_find ("unix");
  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    {
      if (vfs == NULL || vfs->iVersion < 3 || vfs->xGetSystemCall (vfs, calls[i].name) == NULL)
        {
          g_warning ("SQLite’s unix VFS does not let “%s” be replaced; the database’s locks are "
                     "not protected from other code in this process", calls[i].name);
          g_once_init_leave (&initialized, 1);
          return;
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    vfs->xSetSystemCall (vfs, calls[i].name, calls[i].call);

  g_once_init_leave (&initialized, 1);
}
