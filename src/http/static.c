/* static — the UI's files: embedded in the binary, or read from web_dir while the UI
 * is being developed (so a change needs no rebuild). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/buf.h"
#include "core/embed.h"
#include "core/xalloc.h"
#include "http/handlers.h"

static const struct {
    const char *ext;
    const char *type;
} static_types[] = {
    {".html", "text/html; charset=utf-8"},  {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
    {".json", "application/json; charset=utf-8"}, {".svg", "image/svg+xml"},
    {".png", "image/png"}, {".ico", "image/x-icon"}, {".txt", "text/plain; charset=utf-8"},
    {".woff2", "font/woff2"},
};

static const char *static_type(const char *path)
{
    const char *dot = strrchr(path, '.');
    for (size_t i = 0; dot && i < sizeof static_types / sizeof static_types[0]; i++)
        if (strcmp(dot, static_types[i].ext) == 0) return static_types[i].type;
    return "application/octet-stream";
}

/* Refuses anything that could leave the web folder or name a hidden file. */
static bool static_path_ok(const char *path)
{
    if (path[0] != '/') return false;
    if (strstr(path, "/.") || strstr(path, "\\") || strstr(path, "//")) return false;
    return true;
}

void web_static(http_request *r)
{
    const char *path = strcmp(r->path, "/") == 0 ? "/index.html" : r->path;
    if (!static_path_ok(path)) {
        http_reply_problem(r, 404, "not_found", "no such resource");
        return;
    }
    const char *type = static_type(path);
    if (r->app->cfg->web_dir && *r->app->cfg->web_dir) {
        char *file = xasprintf("%s%s", r->app->cfg->web_dir, path);
        struct stat st;
        FILE *f = stat(file, &st) == 0 && S_ISREG(st.st_mode) ? fopen(file, "rb") : NULL;
        free(file);
        if (!f) {
            http_reply_problem(r, 404, "not_found", "no such resource");
            return;
        }
        buf b;
        buf_init(&b, 64 * 1024 * 1024);
        char chunk[8192];
        size_t n;
        while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) buf_append(&b, chunk, n);
        fclose(f);
        r->answered = true;
        r->status = 200;
        r->resp_len = b.len;
        r->resp_body = buf_take(&b);
        r->content_type = type;
        http_add_header(r, "Cache-Control", "no-cache");
        return;
    }
    char *key = xasprintf("web%s", path);
    const embedded_file *f = embed_find(key);
    free(key);
    if (!f) {
        http_reply_problem(r, 404, "not_found", "no such resource");
        return;
    }
    http_add_header(r, "Cache-Control", "no-cache");
    http_reply_static(r, 200, type, f->data, f->size);
}
