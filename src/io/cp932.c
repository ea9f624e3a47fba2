/* cp932 — UTF-8 to CP932 with a round-trip check of every character (see cp932.h for
 * the mappings glibc makes and what mamori writes instead). Most texts are ASCII or
 * round-trip whole, so each text is tried whole first; only a text that does not come
 * back the same is walked character by character. */
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "io/cp932.h"

struct cp932 {
    iconv_t enc, dec; /* UTF-8 → CP932, CP932 → UTF-8 */
    buf tmp;          /* the decoded text of the whole-text check */
};

/* Characters glibc maps one way whose full-width form keeps their meaning better than
 * what they read back as (0x5C reads back as \, 0x7E as ~). */
static const struct {
    uint32_t from, to;
} cp932_preferred[] = {
    {0x00A5, 0xFFE5}, /* ¥ → ￥ */
    {0x203E, 0xFFE3}, /* ‾ → ￣ */
};
#define CP932_GETA 0x3013 /* 〓 */

err_code cp932_open(cp932 **out, err *e)
{
    *out = NULL;
    iconv_t enc = iconv_open("CP932", "UTF-8");
    iconv_t dec = iconv_open("UTF-8", "CP932");
    if (enc == (iconv_t)-1 || dec == (iconv_t)-1) {
        if (enc != (iconv_t)-1) iconv_close(enc);
        if (dec != (iconv_t)-1) iconv_close(dec);
        return err_set(e, ERR_INTERNAL, "this system cannot convert to CP932 (glibc iconv)");
    }
    cp932 *cv = xcalloc(1, sizeof *cv); /* owned by the caller: cp932_close */
    cv->enc = enc;
    cv->dec = dec;
    buf_init(&cv->tmp, 0);
    *out = cv;
    return OK;
}

void cp932_close(cp932 *cv)
{
    if (!cv) return;
    iconv_close(cv->enc);
    iconv_close(cv->dec);
    buf_free(&cv->tmp);
    free(cv);
}

void cp932_changes_free(cp932_changes *ch)
{
    free(ch->items);
    memset(ch, 0, sizeof *ch);
}

/* Converts n bytes at s with cd, appending to out; false when iconv refuses (a
 * character with no form in the target, or a bad sequence). */
static bool cp932_iconv(iconv_t cd, const char *s, size_t n, buf *out)
{
    iconv(cd, NULL, NULL, NULL, NULL);
    char *in = (char *)s;
    size_t in_left = n;
    while (in_left > 0) {
        char chunk[256];
        char *o = chunk;
        size_t o_left = sizeof chunk;
        size_t r = iconv(cd, &in, &in_left, &o, &o_left);
        buf_append(out, chunk, sizeof chunk - o_left);
        if (r == (size_t)-1 && errno != E2BIG) return false;
    }
    return true;
}

/* One UTF-8 character at s (n bytes left): its code point and length; 0 when invalid. */
static size_t cp932_utf8_next(const unsigned char *s, size_t n, uint32_t *cp)
{
    size_t len;
    uint32_t v;
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    } else if ((s[0] & 0xE0) == 0xC0) {
        len = 2;
        v = s[0] & 0x1F;
    } else if ((s[0] & 0xF0) == 0xE0) {
        len = 3;
        v = s[0] & 0x0F;
    } else if ((s[0] & 0xF8) == 0xF0) {
        len = 4;
        v = s[0] & 0x07;
    } else {
        return 0;
    }
    if (len > n) return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    static const uint32_t min[] = {0, 0, 0x80, 0x800, 0x10000};
    if (v < min[len] || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
    *cp = v;
    return len;
}

static size_t cp932_utf8_put(uint32_t cp, char out[4])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    } else if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    } else if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

static void cp932_note(cp932_changes *ch, uint32_t from, uint32_t to, bool unrepresentable)
{
    if (ch->n == ch->cap) {
        ch->cap = ch->cap ? ch->cap * 2 : 8;
        ch->items = xrealloc(ch->items, ch->cap * sizeof *ch->items);
    }
    ch->items[ch->n++] = (cp932_change){from, to, unrepresentable};
}

/* The slow path: each character encoded, decoded and compared on its own. */
static void cp932_by_character(cp932 *cv, const char *s, size_t len, buf *out, cp932_changes *ch)
{
    size_t i = 0;
    while (i < len) {
        uint32_t cp = 0;
        size_t n = cp932_utf8_next((const unsigned char *)s + i, len - i, &cp); /* checked valid by the caller */
        size_t before = out->len;
        buf_reset(&cv->tmp);
        bool ok = cp932_iconv(cv->enc, s + i, n, out);
        uint32_t back = 0;
        if (ok) {
            ok = cp932_iconv(cv->dec, out->data + before, out->len - before, &cv->tmp) &&
                 cp932_utf8_next((const unsigned char *)buf_str(&cv->tmp), cv->tmp.len, &back) == cv->tmp.len &&
                 cv->tmp.len > 0;
        }
        if (ok && back == cp) {
            i += n;
            continue;
        }
        /* Changed (ok) or unrepresentable (!ok): write the replacement instead. */
        out->len = before;
        if (out->data) out->data[before] = '\0';
        uint32_t to = ok ? back : CP932_GETA;
        for (size_t k = 0; ok && k < sizeof cp932_preferred / sizeof *cp932_preferred; k++)
            if (cp932_preferred[k].from == cp) to = cp932_preferred[k].to;
        char utf8[4];
        size_t un = cp932_utf8_put(to, utf8);
        cp932_iconv(cv->enc, utf8, un, out); /* every replacement is a CP932 character */
        cp932_note(ch, cp, to, !ok);
        i += n;
    }
}

err_code cp932_encode(cp932 *cv, const char *s, size_t len, buf *out, cp932_changes *ch, err *e)
{
    buf_reset(out);
    ch->n = 0;
    bool ascii = true;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t n = cp932_utf8_next((const unsigned char *)s + i, len - i, &cp);
        if (n == 0) return err_set(e, ERR_VALIDATION, "not valid UTF-8 at byte %zu", i);
        if (cp >= 0x80) ascii = false;
        i += n;
    }
    /* ASCII is the same in CP932 (glibc maps 0x5C and 0x7E both ways to \ and ~). */
    if (ascii) {
        buf_append(out, s, len);
        return OK;
    }
    buf_reset(&cv->tmp);
    if (cp932_iconv(cv->enc, s, len, out) && cp932_iconv(cv->dec, out->data, out->len, &cv->tmp) &&
        cv->tmp.len == len && memcmp(cv->tmp.data, s, len) == 0)
        return OK;
    buf_reset(out);
    cp932_by_character(cv, s, len, out, ch);
    return OK;
}

char *cp932_describe(const cp932_change *c, bool substituted)
{
    char from[5] = {0}, to[5] = {0};
    cp932_utf8_put(c->from, from);
    cp932_utf8_put(c->to, to);
    if (substituted) return xasprintf("%s (U+%04X) → %s (U+%04X)", from, c->from, to, c->to);
    if (c->unrepresentable) return xasprintf("%s (U+%04X) cannot be written in CP932", from, c->from);
    return xasprintf("%s (U+%04X) would be written as %s (U+%04X)", from, c->from, to, c->to);
}
