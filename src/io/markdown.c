/* markdown — Markdown to harmless HTML with libcmark (see markdown.h).
 * Exports markdown_to_html. */
#include "io/markdown.h"

#include <cmark.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/xalloc.h"

/* May a link point there? Relative references and fragments, and the schemes a reader
 * expects to follow; anything else with a scheme (javascript:, data:, vbscript:, file:,
 * an unknown one) is refused. A scheme is letters, digits, + - . before the first ':'
 * that comes before any '/', '?' or '#' (RFC 3986 §3.1); leading spaces and control
 * characters, which browsers skip, are not allowed in front of it. */
static bool md_link_ok(const char *url)
{
    if (!url || !*url) return true;
    if ((unsigned char)url[0] <= ' ') return false;
    size_t n = strcspn(url, ":/?#");
    if (url[n] != ':') return true; /* no scheme: relative */
    return (n == 4 && !strncasecmp(url, "http", 4)) || (n == 5 && !strncasecmp(url, "https", 5)) ||
           (n == 6 && !strncasecmp(url, "mailto", 6));
}

/* May an image load from there? Only from mamori itself: a relative path or one starting
 * with a single "/" (never "//host", which is another server). */
static bool md_image_ok(const char *url)
{
    if (!url || !*url) return false;
    if ((unsigned char)url[0] <= ' ' || !strncmp(url, "//", 2) || url[0] == '\\') return false;
    size_t n = strcspn(url, ":/?#");
    return url[n] != ':';
}

/* libcmark returns NULL only when its allocator failed: the xalloc policy (abort). */
static void md_out_of_memory(void)
{
    fputs("mamori: out of memory (libcmark)\n", stderr);
    abort();
}

/* Replaces an image by its alt text (its children), in place. */
static void md_image_to_text(cmark_node *img)
{
    cmark_node *child;
    while ((child = cmark_node_first_child(img)) != NULL) cmark_node_insert_before(img, child);
    cmark_node_free(img);
}

char *markdown_to_html(const char *src, size_t len)
{
    if (!src) {
        src = "";
        len = 0;
    }
    /* SAFE is libcmark's default; it is named so that reading this says so. */
    const int options = CMARK_OPT_SAFE | CMARK_OPT_VALIDATE_UTF8;
    cmark_node *doc = cmark_parse_document(src, len, options);
    if (!doc) md_out_of_memory();
    /* Collect first, change after: the iterator must not see nodes freed under it. */
    cmark_node **images = NULL;
    size_t n_images = 0;
    cmark_iter *it = cmark_iter_new(doc);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        if (ev != CMARK_EVENT_ENTER) continue;
        cmark_node *node = cmark_iter_get_node(it);
        cmark_node_type type = cmark_node_get_type(node);
        if (type == CMARK_NODE_LINK && !md_link_ok(cmark_node_get_url(node))) {
            cmark_node_set_url(node, "");
        } else if (type == CMARK_NODE_IMAGE && !md_image_ok(cmark_node_get_url(node))) {
            images = xrealloc(images, (n_images + 1) * sizeof *images);
            images[n_images++] = node;
        } else if (type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE) {
            /* The renderer omits raw HTML in safe mode; emptying it as well means no
             * option mistaken later can let it through. */
            cmark_node_set_literal(node, "");
        }
    }
    cmark_iter_free(it);
    for (size_t i = 0; i < n_images; i++) md_image_to_text(images[i]);
    free(images);
    char *html = cmark_render_html(doc, options);
    cmark_node_free(doc);
    if (!html) md_out_of_memory();
    return html; /* from libcmark's default allocator, which is malloc: free() frees it */
}
