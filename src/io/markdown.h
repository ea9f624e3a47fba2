/* markdown — Markdown (CommonMark) to HTML with libcmark, for the texts of the catalog and
 * of procedures (第6条, 第7条). The HTML is inserted into the UI as HTML, so it must be
 * harmless whatever a writer typed: libcmark's safe mode (CMARK_OPT_SAFE, its default
 * since 0.29) leaves raw HTML out and empties javascript:/vbscript:/file: links and data:
 * URLs other than a few image types; on top of that this module allows only link targets
 * that are relative, a #fragment, http:, https: or mailto:, and images only from mamori
 * itself (a path starting with one "/", or relative) — an image of any other source is
 * shown as its alt text (a data: image or an outside server's, which the closed network
 * could not load anyway). Exports markdown_to_html. */
#ifndef MAMORI_MARKDOWN_H
#define MAMORI_MARKDOWN_H
#include <stddef.h>

/* The most bytes of Markdown rendered; longer sources are refused at the edge. */
#define MARKDOWN_MAX_BYTES (1024 * 1024)

/* The HTML of src (len bytes, UTF-8; invalid sequences are replaced). Caller frees with
 * free(). NULL src renders as "". */
char *markdown_to_html(const char *src, size_t len);

#endif
