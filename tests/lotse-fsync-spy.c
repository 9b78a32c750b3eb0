/* lotse-fsync-spy.c: which files a process synced, for the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Preloaded (LD_PRELOAD) into a real lotse-server by a test: every
 * fsync() and fdatasync() that succeeds appends the synced file's path
 * and a newline to $LOTSE_FSYNC_LOG, after the real call returned. A
 * power cut cannot be had in a test; this shows that what the server
 * acknowledges was synced before it answered.
 */

#define _GNU_SOURCE

#include <dlfcn.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

typedef int (*SyncFunc) (int fd);

static void
note (int fd)
{
  const char *log = getenv ("LOTSE_FSYNC_LOG");
  char link[64];
  char path[PATH_MAX + 1];
  ssize_t n;
  int out;

  snprintf (link, sizeof link, "/proc/self/fd/%d", fd);
  n = readlink (link, path, PATH_MAX);
  if (log == NULL || n < 0)
    return;
  path[n++] = '\n';
  out = open (log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (out < 0)
    return;
  if (write (out, path, n) != n)
    abort ();
  close (out);
}

static int
call (const char *name,
      int         fd)
{
  SyncFunc real = (SyncFunc)dlsym (RTLD_NEXT, name);
  int rc = real (fd);

  if (rc == 0)
    note (fd);
  return rc;
}

int
fsync (int fd)
{
  return call ("fsync", fd);
}

int
fdatasync (int fd)
{
  return call ("fdatasync", fd);
}
