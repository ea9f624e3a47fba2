/* qr — QR codes (libqrencode) as SVG for the UI and as text for a terminal, so a
 * person can scan a TOTP secret into an authenticator app. */
#ifndef MAMORI_QR_H
#define MAMORI_QR_H
#include <stdio.h>

#include "core/err.h"

/* An SVG image of text's QR code (a square path per dark module, a 4-module quiet
 * zone). *svg_out is caller-freed. */
err_code qr_svg(const char *text, char **svg_out, err *e);
/* Draws text's QR code on out with Unicode half blocks (two rows per line). */
err_code qr_print(const char *text, FILE *out, err *e);

#endif
