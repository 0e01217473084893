/* SPDX-License-Identifier: ISC */
/*
 * unit.h - what the cmocka unit tests of the pure modules share: the
 * headers cmocka wants before its own, and the project header.
 */
#ifndef UNIT_H
#define UNIT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/ipctool.h"

#endif /* UNIT_H */
