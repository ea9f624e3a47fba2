/* config — mamori's settings, layered: command-line flags over environment over the
 * mamori.conf file over built-in defaults. Each setting has one name used in all three
 * places: "db" is `db = …` in the file, MAMORI_DB in the environment, --db as a flag. */
#ifndef MAMORI_CONFIG_H
#define MAMORI_CONFIG_H
#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

typedef struct config {
    char *db_url;              /* "sqlite:PATH" or "postgresql://…" */
    char *listen;              /* "HOST:PORT" */
    char *config_dir;          /* where the instance keeps keys and checkpoints */
    char *web_dir;             /* serve the UI from this folder instead of the embedded copy (development) */
    char *timezone;            /* the body's zone for display, default Asia/Tokyo */
    char *tls_cert;            /* PEM certificate (chain) file: serve HTTPS */
    char *tls_key;             /* PEM private key file */
    size_t body_limit;         /* bytes */
    size_t upload_limit;       /* bytes, for routes that take a file */
    int session_idle_s;
    int session_absolute_s;
    int drain_timeout_s;
    int max_connections;
    int db_pool;               /* store connections per server (0: by backend) */
    int hash_concurrency;      /* argon2id computations at once */
    char *checkpoint_file;     /* where serve appends signed checkpoints; default in config_dir */
    int checkpoint_interval;   /* minutes between checkpoints */
    int reorg_check_interval;  /* seconds between looks for reorganisations that are due */
    int job_workers;           /* threads running jobs */
    int job_stale_after_s;     /* a running job with no heartbeat for this long has lost its server */
    char *pg_app_role;         /* PostgreSQL: the role the servers connect as */
    char *files_dir;           /* the file store; default files/ in config_dir */
    int lockout_threshold;     /* failed logins in a row that lock an account */
    int lockout_minutes;       /* how long a lock lasts */
    int address_limit;         /* failed logins from one address per address_window */
    int address_window_s;
    size_t file_max_bytes;     /* largest file the store accepts */
    char *directory_url;       /* LDAP / Active Directory login: ldaps://host:636 or ldap://host:389 (NULL: off) */
    bool directory_starttls;   /* ldap:// only: upgrade with StartTLS before the bind (required there) */
    char *directory_ca_file;   /* PEM CA certificates the directory's certificate must chain to */
    char *directory_bind;      /* how a linked name becomes the bind identity: a DN or UPN template with one %s */
    int directory_timeout_s;   /* seconds to wait for the directory (connect, TLS, bind) */
    int risk_matrix_size;      /* the risk matrix is this many likelihood steps × impact steps */
    char *risk_likelihood_labels; /* the steps' words, "ja|en, …" (NULL: built in; domain/risk_matrix.h) */
    char *risk_impact_labels;     /* likewise for impact */
    bool allow_remote_plain_http;
    char *mfa_required_roles;  /* comma-separated role codes whose holders must pass TOTP */
    char *mfa_key_file;        /* the key TOTP secrets are encrypted with; default in config_dir */
    bool asset_container_strict; /* a container classed below what it holds is refused, not a warning */
    char *network_model;         /* the three-layer model: alpha (default), alpha_prime, beta, beta_prime */
} config;

void config_defaults(config *c);
void config_free(config *c);
/* Sets one setting by name from text; ERR_VALIDATION names the setting on bad input. */
err_code config_set(config *c, const char *name, const char *value, err *e);
/* Reads "name = value" lines ('#' comments) from path; a missing file is fine when
 * !required. Errors name the file and line. */
err_code config_load_file(config *c, const char *path, bool required, err *e);
/* Applies MAMORI_<NAME> variables for every known setting. */
err_code config_load_env(config *c, err *e);
/* The configuration directory (keys, checkpoints): config_dir when set, else the
 * folder of a SQLite store, else ~/.config/mamori. Caller frees. */
char *config_resolve_dir(const config *c);
/* Store connections for serve: db_pool when set, else one per likely concurrent
 * request on SQLite (connections are cheap there) and a modest pool on PostgreSQL,
 * whose connections are processes shared by every server. */
int config_db_pool(const config *c);
/* The file store's folder: files_dir when set, else files/ in the configuration folder. */
char *config_files_dir(const config *c);
/* The checkpoint file: checkpoint_file when set, else in the configuration directory. */
char *config_checkpoint_file(const config *c);
/* The MFA key file: mfa_key_file when set, else mfa.key in the configuration directory. */
char *config_mfa_key_file(const config *c);
/* True when role is named in mfa_required_roles. */
bool config_mfa_required_role(const config *c, const char *role);
/* True when name is a known setting (flags use this to tell settings from options). */
bool config_known(const char *name);

#endif
