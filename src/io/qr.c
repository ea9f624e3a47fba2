/* qr — QR code rendering (see qr.h). */
#include "io/qr.h"

#include <errno.h>
#include <qrencode.h>
#include <string.h>

#include "core/buf.h"

#define QR_QUIET 4

static err_code qr_encode(const char *text, QRcode **out, err *e)
{
    /* Level M survives a smudged screen; 8-bit mode keeps an otpauth URI as it is. */
    *out = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!*out) return err_set(e, ERR_INTERNAL, "QR encoding failed: %s", strerror(errno));
    return OK;
}

static int qr_dark(const QRcode *q, int x, int y)
{
    if (x < 0 || y < 0 || x >= q->width || y >= q->width) return 0;
    return q->data[y * q->width + x] & 1;
}

err_code qr_svg(const char *text, char **svg_out, err *e)
{
    *svg_out = NULL;
    QRcode *q = NULL;
    err_code rc = qr_encode(text, &q, e);
    if (rc != OK) return rc;
    int size = q->width + 2 * QR_QUIET;
    buf b;
    buf_init(&b, 0);
    buf_printf(&b,
               "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" shape-rendering=\"crispEdges\">"
               "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/><path fill=\"#000\" d=\"",
               size, size, size, size);
    for (int y = 0; y < q->width; y++)
        for (int x = 0; x < q->width; x++)
            if (qr_dark(q, x, y)) buf_printf(&b, "M%d %dh1v1h-1z", x + QR_QUIET, y + QR_QUIET);
    buf_puts(&b, "\"/></svg>");
    QRcode_free(q);
    *svg_out = buf_take(&b);
    return OK;
}

err_code qr_print(const char *text, FILE *out, err *e)
{
    QRcode *q = NULL;
    err_code rc = qr_encode(text, &q, e);
    if (rc != OK) return rc;
    /* Light modules are drawn and dark ones left blank, so the code reads on a dark
     * terminal, where most people run mamori's commands. */
    for (int y = -QR_QUIET; y < q->width + QR_QUIET; y += 2) {
        for (int x = -QR_QUIET; x < q->width + QR_QUIET; x++) {
            int top = qr_dark(q, x, y), bottom = qr_dark(q, x, y + 1);
            fputs(top && bottom ? " " : top ? "\u2584" : bottom ? "\u2580" : "\u2588", out);
        }
        fputc('\n', out);
    }
    QRcode_free(q);
    return OK;
}
