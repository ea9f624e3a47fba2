/* config — layered settings (see config.h). */
#include "core/config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/xalloc.h"

typedef enum { CFG_STR, CFG_SIZE, CFG_INT, CFG_BOOL } cfg_type;

static const struct {
    const char *name;
    cfg_type type;
    size_t offset;
    long min, max;
} config_table[] = {
    {"db", CFG_STR, offsetof(config, db_url), 0, 0},
    {"listen", CFG_STR, offsetof(config, listen), 0, 0},
    {"config_dir", CFG_STR, offsetof(config, config_dir), 0, 0},
    {"web_dir", CFG_STR, offsetof(config, web_dir), 0, 0},
    {"timezone", CFG_STR, offsetof(config, timezone), 0, 0},
    {"tls_cert", CFG_STR, offsetof(config, tls_cert), 0, 0},
    {"tls_key", CFG_STR, offsetof(config, tls_key), 0, 0},
    {"body_limit", CFG_SIZE, offsetof(config, body_limit), 1024, 1L << 30},
    {"upload_limit", CFG_SIZE, offsetof(config, upload_limit), 1024, 1L << 34},
    {"session_idle", CFG_INT, offsetof(config, session_idle_s), 60, 7 * 86400},
    {"session_absolute", CFG_INT, offsetof(config, session_absolute_s), 60, 30 * 86400},
    {"drain_timeout", CFG_INT, offsetof(config, drain_timeout_s), 0, 3600},
    {"max_connections", CFG_INT, offsetof(config, max_connections), 4, 100000},
    {"db_pool", CFG_INT, offsetof(config, db_pool), 0, 1000},
    {"hash_concurrency", CFG_INT, offsetof(config, hash_concurrency), 1, 256},
    {"checkpoint_file", CFG_STR, offsetof(config, checkpoint_file), 0, 0},
    {"checkpoint_interval", CFG_INT, offsetof(config, checkpoint_interval), 1, 24 * 60},
    {"reorg_check_interval", CFG_INT, offsetof(config, reorg_check_interval), 1, 24 * 3600},
    {"job_workers", CFG_INT, offsetof(config, job_workers), 1, 64},
    {"job_stale_after", CFG_INT, offsetof(config, job_stale_after_s), 3, 3600},
    {"pg_app_role", CFG_STR, offsetof(config, pg_app_role), 0, 0},
    {"files_dir", CFG_STR, offsetof(config, files_dir), 0, 0},
    {"lockout_threshold", CFG_INT, offsetof(config, lockout_threshold), 1, 1000},
    {"lockout_minutes", CFG_INT, offsetof(config, lockout_minutes), 1, 7 * 24 * 60},
    {"address_limit", CFG_INT, offsetof(config, address_limit), 1, 1000000},
    {"address_window", CFG_INT, offsetof(config, address_window_s), 10, 7 * 86400},
    {"file_max_bytes", CFG_SIZE, offsetof(config, file_max_bytes), 1024, 1L << 34},
    {"allow_remote_plain_http", CFG_BOOL, offsetof(config, allow_remote_plain_http), 0, 0},
    {"asset_container_strict", CFG_BOOL, offsetof(config, asset_container_strict), 0, 0},
    {"network_model", CFG_STR, offsetof(config, network_model), 0, 0},
    {"mfa_required_roles", CFG_STR, offsetof(config, mfa_required_roles), 0, 0},
    {"mfa_key_file", CFG_STR, offsetof(config, mfa_key_file), 0, 0},
    {"directory_url", CFG_STR, offsetof(config, directory_url), 0, 0},
    {"directory_starttls", CFG_BOOL, offsetof(config, directory_starttls), 0, 0},
    {"directory_ca_file", CFG_STR, offsetof(config, directory_ca_file), 0, 0},
    {"directory_bind", CFG_STR, offsetof(config, directory_bind), 0, 0},
    {"directory_timeout", CFG_INT, offsetof(config, directory_timeout_s), 1, 120},
    {"risk_matrix_size", CFG_INT, offsetof(config, risk_matrix_size), 3, 10},
    /* Checked against risk_matrix_size once every layer is read (serve: risk_matrix_make). */
    {"risk_likelihood_labels", CFG_STR, offsetof(config, risk_likelihood_labels), 0, 0},
    {"risk_impact_labels", CFG_STR, offsetof(config, risk_impact_labels), 0, 0},
};
#define CONFIG_N (sizeof config_table / sizeof config_table[0])

void config_defaults(config *c)
{
    memset(c, 0, sizeof *c);
    c->listen = xstrdup("127.0.0.1:8080");
    c->timezone = xstrdup("Asia/Tokyo");
    c->body_limit = 1024 * 1024;
    c->upload_limit = 64u << 20;
    c->session_idle_s = 30 * 60;
    c->session_absolute_s = 12 * 3600;
    c->drain_timeout_s = 10;
    c->max_connections = 1024;
    c->hash_concurrency = 4;
    c->checkpoint_interval = 10;
    c->reorg_check_interval = 300;
    c->job_workers = 2;
    c->job_stale_after_s = 60;
    c->pg_app_role = xstrdup("mamori_app");
    c->file_max_bytes = 50u << 20;
    c->lockout_threshold = 5;
    c->lockout_minutes = 15;
    c->mfa_required_roles = xstrdup("ciso,security_director");
    c->network_model = xstrdup("alpha");
    c->address_limit = 30;
    c->address_window_s = 600;
    c->directory_timeout_s = 5;
    c->risk_matrix_size = 5;
}

char *config_resolve_dir(const config *c)
{
    if (c->config_dir && *c->config_dir) return xstrdup(c->config_dir);
    if (c->db_url && strncmp(c->db_url, "sqlite:", 7) == 0) {
        const char *path = c->db_url + 7;
        const char *slash = strrchr(path, '/');
        if (slash == path) return xstrdup("/");
        if (slash) return xstrndup(path, (size_t)(slash - path));
        return xstrdup(".");
    }
    /* A PostgreSQL store has no folder of its own: the user's configuration folder. */
    const char *home = getenv("HOME");
    if (home && *home) return xasprintf("%s/.config/mamori", home);
    return xstrdup(".");
}

char *config_files_dir(const config *c)
{
    if (c->files_dir && *c->files_dir) return xstrdup(c->files_dir);
    char *dir = config_resolve_dir(c);
    char *path = xasprintf("%s/files", dir);
    free(dir);
    return path;
}

int config_db_pool(const config *c)
{
    if (c->db_pool > 0) return c->db_pool;
    return c->db_url && strncmp(c->db_url, "sqlite:", 7) == 0 ? 64 : 16;
}

char *config_checkpoint_file(const config *c)
{
    if (c->checkpoint_file && *c->checkpoint_file) return xstrdup(c->checkpoint_file);
    char *dir = config_resolve_dir(c);
    char *path = xasprintf("%s/mamori-checkpoints.log", dir);
    free(dir);
    return path;
}

char *config_mfa_key_file(const config *c)
{
    if (c->mfa_key_file && *c->mfa_key_file) return xstrdup(c->mfa_key_file);
    char *dir = config_resolve_dir(c);
    char *path = xasprintf("%s/mfa.key", dir);
    free(dir);
    return path;
}

bool config_mfa_required_role(const config *c, const char *role)
{
    const char *list = c->mfa_required_roles ? c->mfa_required_roles : "";
    size_t n = strlen(role);
    if (n == 0) return false;
    for (const char *p = list; *p;) {
        while (*p == ',' || *p == ' ') p++;
        const char *end = p;
        while (*end && *end != ',' && *end != ' ') end++;
        if ((size_t)(end - p) == n && strncmp(p, role, n) == 0) return true;
        p = end;
    }
    return false;
}

void config_free(config *c)
{
    for (size_t i = 0; i < CONFIG_N; i++) {
        if (config_table[i].type != CFG_STR) continue;
        char **slot = (char **)((char *)c + config_table[i].offset);
        free(*slot);
        *slot = NULL;
    }
}

bool config_known(const char *name)
{
    for (size_t i = 0; i < CONFIG_N; i++)
        if (strcmp(config_table[i].name, name) == 0) return true;
    return false;
}

/* Text settings that take one of a few words. */
static const struct {
    const char *name, *words; /* words: space-separated */
} config_choices[] = {
    {"network_model", "alpha alpha_prime beta beta_prime"},
};

static bool config_word_in(const char *word, const char *words)
{
    size_t n = strlen(word);
    for (const char *p = words; n && (p = strstr(p, word)) != NULL; p += n)
        if ((p == words || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' ')) return true;
    return false;
}

err_code config_set(config *c, const char *name, const char *value, err *e)
{
    for (size_t i = 0; i < CONFIG_N; i++) {
        if (strcmp(config_table[i].name, name) != 0) continue;
        void *slot = (char *)c + config_table[i].offset;
        switch (config_table[i].type) {
        case CFG_STR:
            for (size_t k = 0; k < sizeof config_choices / sizeof *config_choices; k++)
                if (strcmp(config_choices[k].name, name) == 0 && !config_word_in(value, config_choices[k].words))
                    return err_set(e, ERR_VALIDATION, "setting %s: expected one of %s, got \"%s\"", name,
                                   config_choices[k].words, value);
            free(*(char **)slot);
            *(char **)slot = xstrdup(value);
            return OK;
        case CFG_BOOL:
            if (!strcmp(value, "true") || !strcmp(value, "1") || !strcmp(value, "yes")) *(bool *)slot = true;
            else if (!strcmp(value, "false") || !strcmp(value, "0") || !strcmp(value, "no")) *(bool *)slot = false;
            else return err_set(e, ERR_VALIDATION, "setting %s: expected true or false, got \"%s\"", name, value);
            return OK;
        case CFG_INT:
        case CFG_SIZE: {
            char *end = NULL;
            errno = 0;
            long v = strtol(value, &end, 10);
            if (errno || end == value || *end != '\0')
                return err_set(e, ERR_VALIDATION, "setting %s: expected a whole number, got \"%s\"", name, value);
            if (v < config_table[i].min || v > config_table[i].max)
                return err_set(e, ERR_VALIDATION, "setting %s: %ld is outside %ld..%ld", name, v,
                               config_table[i].min, config_table[i].max);
            if (config_table[i].type == CFG_INT) *(int *)slot = (int)v;
            else *(size_t *)slot = (size_t)v;
            return OK;
        }
        }
    }
    return err_set(e, ERR_VALIDATION, "unknown setting \"%s\"", name);
}

static char *config_trim(char *s)
{
    while (isspace((unsigned char)*s)) s++;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1])) s[--n] = '\0';
    return s;
}

err_code config_load_file(config *c, const char *path, bool required, err *e)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        if (!required && errno == ENOENT) return OK;
        return err_set(e, ERR_VALIDATION, "%s: cannot open: %s", path, strerror(errno));
    }
    err_code rc = OK;
    buf line;
    buf_init(&line, 64 * 1024);
    int lineno = 0;
    int ch;
    for (;;) {
        buf_reset(&line);
        bool eof = false;
        while ((ch = fgetc(f)) != '\n') {
            if (ch == EOF) {
                eof = true;
                break;
            }
            char cc = (char)ch;
            if (buf_append(&line, &cc, 1) != BUF_OK) {
                rc = err_set(e, ERR_VALIDATION, "%s:%d: line too long", path, lineno + 1);
                goto cleanup;
            }
        }
        if (eof && line.len == 0) break;
        lineno++;
        char *text = config_trim(line.data ? line.data : (char[]){""});
        if (*text == '\0' || *text == '#') {
            if (eof) break;
            continue;
        }
        char *eq = strchr(text, '=');
        if (!eq) {
            rc = err_set(e, ERR_VALIDATION, "%s:%d: expected \"name = value\"", path, lineno);
            goto cleanup;
        }
        *eq = '\0';
        char *name = config_trim(text);
        char *value = config_trim(eq + 1);
        err sub = ERR_INIT;
        if (config_set(c, name, value, &sub) != OK) {
            rc = err_set(e, ERR_VALIDATION, "%s:%d: %s", path, lineno, sub.message);
            err_clear(&sub);
            goto cleanup;
        }
        if (eof) break;
    }
cleanup:
    buf_free(&line);
    fclose(f);
    return rc;
}

err_code config_load_env(config *c, err *e)
{
    for (size_t i = 0; i < CONFIG_N; i++) {
        char envname[64];
        int n = snprintf(envname, sizeof envname, "MAMORI_%s", config_table[i].name);
        if (n < 0 || (size_t)n >= sizeof envname) return err_set(e, ERR_INTERNAL, "setting name too long");
        for (char *p = envname; *p; p++) *p = (char)toupper((unsigned char)*p);
        const char *v = getenv(envname);
        if (v && *v) {
            err sub = ERR_INIT;
            if (config_set(c, config_table[i].name, v, &sub) != OK) {
                err_code rc = err_set(e, ERR_VALIDATION, "%s: %s", envname, sub.message);
                err_clear(&sub);
                return rc;
            }
        }
    }
    return OK;
}
