/* fuzz-server.h: the libFuzzer targets of lotse-server's parsers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stddef.h>
#include <stdint.h>

/* Each takes any bytes; a finding is a crash, leak or failed check. */
int lotse_fuzz_push  (const uint8_t *data,
                      size_t         size);
int lotse_fuzz_login (const uint8_t *data,
                      size_t         size);
int lotse_fuzz_query (const uint8_t *data,
                      size_t         size);
int lotse_fuzz_page  (const uint8_t *data,
                      size_t         size);
