#ifndef DECNUM_PARSE_H
#define DECNUM_PARSE_H

#include <stddef.h>

#include "value.h"

/*
 * The exact decimal of s[0..len), which must already have passed
 * value.c's decimal syntax check ([+-]digits[.digits][(e|E)[+-]digits]).
 * Up to 18 significant digits, the exponent folded into the scale; ok 0
 * when the number does not fit.  Shared by value.c and decnum.c only.
 */
decnum dec_parse(const char *s, size_t len);

#endif
