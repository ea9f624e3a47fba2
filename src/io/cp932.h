/* cp932 — UTF-8 text written as CP932 (Shift_JIS as Excel on Japanese Windows reads
 * it), without losing a character silently.
 *
 * glibc's "CP932" converter maps some characters one way only: 〜 U+301C is written as
 * 0x8160, which reads back as ～ U+FF5E; − U+2212 becomes － U+FF0D, — U+2014 becomes
 * ― U+2015, ‖ U+2016 becomes ∥ U+2225, ¢ ¬ become ￠ ￢, ¥ U+00A5 and ‾ U+203E become
 * the ASCII 0x5C and 0x7E (which read back as \ and ~). Others (𠮷, emoji, most of
 * Unicode beyond JIS X 0208 and the NEC/IBM extensions) have no CP932 form at all.
 * So each text is encoded and decoded again and compared: every character that would
 * come back different is a change, listed with what it would become.
 *
 * What a change becomes (the text written when the caller accepts changes):
 *   - a character glibc maps one way: the character it reads back as (the one Excel
 *     users see: ～ －  ― ∥ ￠ ￢), except
 *   - ¥ U+00A5 → ￥ U+FFE5 (0x818F) and ‾ U+203E → ￣ U+FFE3 (0x8150): the full-width
 *     forms keep the meaning whatever the font, where 0x5C / 0x7E read back as \ and ~;
 *   - a character with no CP932 form → 〓 U+3013 (0x81AC, the geta mark printers have
 *     always used for a missing kanji).
 * Exports: cp932_open, cp932_encode, cp932_describe, cp932_close. */
#ifndef MAMORI_CP932_H
#define MAMORI_CP932_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"

typedef struct cp932 cp932;

typedef struct cp932_change {
    uint32_t from, to;   /* code points: the character in the text, what is written instead */
    bool unrepresentable; /* from has no CP932 form at all (to is 〓) */
} cp932_change;

typedef struct cp932_changes {
    cp932_change *items; /* owned; reused from call to call */
    size_t n, cap;
} cp932_changes;

/* The converter (two iconv descriptors); one per thread. Caller frees with cp932_close. */
err_code cp932_open(cp932 **out, err *e);
void cp932_close(cp932 *cv);

/* Encodes len bytes of UTF-8 at s as CP932 into out (emptied first), making the
 * changes above, and lists them in ch (emptied first): ch->n == 0 means the text
 * round-trips exactly. ERR_VALIDATION when s is not valid UTF-8. */
err_code cp932_encode(cp932 *cv, const char *s, size_t len, buf *out, cp932_changes *ch, err *e);
void cp932_changes_free(cp932_changes *ch);

/* One change in words, for a report: refused (substituted false) "〜 (U+301C) would be
 * written as ～ (U+FF5E)" / "𠮷 (U+20BB7) cannot be written in CP932"; accepted
 * "〜 (U+301C) → ～ (U+FF5E)". Caller frees. */
char *cp932_describe(const cp932_change *c, bool substituted);

#endif
