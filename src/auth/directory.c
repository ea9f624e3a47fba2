/* directory — LDAP / Active Directory binds for login (see directory.h). */
#include "auth/directory.h"

#include <errno.h>
#include <fcntl.h>
#include <ldap.h>
#include <netdb.h>
#include <openldap.h>
#include <poll.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "auth/password.h"
#include "core/fileutil.h"
#include "core/log.h"
#include "core/xalloc.h"

/* Binds waiting on the directory at once, process-wide like password.c's hashing slots
 * (set once by directory_init before threads start; the semaphore is thread-safe).
 * They are slots of their own, not argon2id's: a bind waits on the network, and a
 * directory that does not answer would otherwise hold every hashing slot for
 * directory_timeout and stall the local password logins that must keep working during
 * an outage. Without directory_init (the command line) binds are not limited. */
static sem_t directory_slots;
static bool directory_slots_ready;

bool directory_enabled(const config *cfg)
{
    return cfg->directory_url && *cfg->directory_url;
}

static bool directory_is_alnum(unsigned char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
}

const char *directory_name_check(const char *name)
{
    size_t n = name ? strlen(name) : 0;
    if (n == 0) return "a directory name is required";
    if (n > DIRECTORY_NAME_MAX) return "a directory name has at most 64 characters";
    if (!directory_is_alnum((unsigned char)name[0])) return "a directory name begins with a letter or a digit";
    /* A whitelist, not an escape: nothing that means something in a DN (, = + ; \ " < > #),
     * a search filter (* ( ) \), a UPN or down-level name (@ \), or that AD refuses in
     * an account name, can get in. */
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        if (!directory_is_alnum(*p) && *p != '.' && *p != '-' && *p != '_')
            return "a directory name may hold only letters A-Z and a-z, digits, '.', '-' and '_'";
    return NULL;
}

/* Where the one %s of template is, or NULL when there is not exactly one and no other %. */
static const char *directory_template_slot(const char *template_text)
{
    const char *slot = NULL;
    for (const char *p = template_text; *p; p++) {
        if (*p != '%') continue;
        if (p[1] != 's' || slot) return NULL;
        slot = p;
        p++;
    }
    return slot;
}

const char *directory_template_check(const char *template_text)
{
    if (!template_text || !*template_text)
        return "directory login needs directory_bind: a DN template such as uid=%s,ou=people,dc=example,dc=jp"
               " or a UPN template such as %s@example.local";
    if (strlen(template_text) > 1024) return "directory_bind is longer than 1024 characters";
    const char *slot = directory_template_slot(template_text);
    if (!slot) return "directory_bind must hold %s exactly once and no other %";
    if (strcmp(template_text, "%s") == 0)
        return "directory_bind must add to the name (a DN template or a UPN template), not be %s alone";
    if (strchr(template_text, '=')) {
        /* A DN: the name must be one whole attribute value, uid=%s,… */
        if (slot == template_text || slot[-1] != '=' || (slot[2] != '\0' && slot[2] != ',' && slot[2] != '+'))
            return "in a DN template, %s must be a whole attribute value, as in uid=%s,ou=people,dc=example,dc=jp";
    }
    return NULL;
}

char *directory_dn_escape(const char *value)
{
    size_t n = strlen(value);
    /* At most three bytes ("\XX") for every byte in. */
    char *out = xmalloc(n * 3 + 1), *o = out;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)value[i];
        bool edge_space = ch == ' ' && (i == 0 || i == n - 1);
        if (ch < 0x20 || ch == 0x7f) {
            o += sprintf(o, "\\%02X", ch);
        } else if (strchr("\"+,;<>\\=", ch) || edge_space || (ch == '#' && i == 0)) {
            *o++ = '\\';
            *o++ = (char)ch;
        } else {
            *o++ = (char)ch;
        }
    }
    *o = '\0';
    return out;
}

char *directory_bind_identity(const char *template_text, const char *name)
{
    if (directory_template_check(template_text) || directory_name_check(name)) return NULL;
    const char *slot = directory_template_slot(template_text);
    bool dn = strchr(template_text, '=') != NULL;
    char *value = dn ? directory_dn_escape(name) : xstrdup(name);
    char *identity = xasprintf("%.*s%s%s", (int)(slot - template_text), template_text, value, slot + 2);
    free(value);
    return identity;
}

/* The URL list: one or more ldaps:// (or ldap://) server addresses, separated by
 * spaces, tried in turn by libldap. NULL when usable, else a reason (caller frees). */
static char *directory_url_problem(const config *cfg)
{
    char *copy = xstrdup(cfg->directory_url), *save = NULL, *problem = NULL;
    bool ldaps = false, plain = false;
    for (char *url = strtok_r(copy, " \t", &save); url && !problem; url = strtok_r(NULL, " \t", &save)) {
        LDAPURLDesc *u = NULL;
        if (ldap_url_parse(url, &u) != LDAP_URL_SUCCESS || !u->lud_scheme) {
            problem = xasprintf("\"%s\" is not an LDAP URL (ldaps://host:636 or ldap://host:389)", url);
        } else if (strcasecmp(u->lud_scheme, "ldaps") == 0) {
            ldaps = true;
        } else if (strcasecmp(u->lud_scheme, "ldap") == 0) {
            plain = true;
        } else {
            problem = xasprintf("\"%s\": only ldaps:// and ldap:// (with directory_starttls) are supported", url);
        }
        if (!problem && (!u->lud_host || !*u->lud_host))
            problem = xasprintf("\"%s\" names no host", url);
        if (!problem && ((u->lud_dn && *u->lud_dn) || u->lud_attrs || u->lud_filter || u->lud_exts))
            problem = xasprintf("\"%s\": give the server's address only, without a DN, attributes or a filter", url);
        if (u) ldap_free_urldesc(u);
    }
    free(copy);
    if (problem) return problem;
    if (!ldaps && !plain) return xstrdup("no URL given");
    if (ldaps && plain) return xstrdup("mixes ldaps:// and ldap:// URLs: use one kind");
    if (plain && !cfg->directory_starttls)
        return xstrdup("ldap:// would send passwords in plain text: set directory_starttls = true, or use ldaps://");
    if (ldaps && cfg->directory_starttls)
        return xstrdup("directory_starttls is for ldap:// URLs; an ldaps:// connection is TLS from the start");
    return NULL;
}

err_code directory_check_config(const config *cfg, err *e)
{
    if (!directory_enabled(cfg)) {
        const char *stray = NULL;
        if (cfg->directory_bind && *cfg->directory_bind) stray = "directory_bind";
        else if (cfg->directory_ca_file && *cfg->directory_ca_file) stray = "directory_ca_file";
        else if (cfg->directory_starttls) stray = "directory_starttls";
        if (stray) return err_set(e, ERR_VALIDATION, "setting %s: directory login needs directory_url too", stray);
        return OK;
    }
    char *problem = directory_url_problem(cfg);
    if (problem) {
        err_code rc = err_set(e, ERR_VALIDATION, "setting directory_url: %s", problem);
        free(problem);
        return rc;
    }
    const char *why = directory_template_check(cfg->directory_bind);
    if (why) return err_set(e, ERR_VALIDATION, "setting directory_bind: %s", why);
    if (cfg->directory_ca_file && *cfg->directory_ca_file) {
        /* libldap takes a file without a certificate in it silently, and every login
         * would then fail on an untrusted certificate: say so now instead. */
        char *pem = NULL;
        err sub = ERR_INIT;
        err_code rc = file_read_all(cfg->directory_ca_file, 16u << 20, &pem, NULL, &sub);
        if (rc != OK)
            rc = err_set(e, ERR_VALIDATION, "setting directory_ca_file: %s", sub.message ? sub.message : "cannot read");
        else if (!strstr(pem, "-----BEGIN CERTIFICATE-----"))
            rc = err_set(e, ERR_VALIDATION, "setting directory_ca_file: %s holds no PEM certificate",
                         cfg->directory_ca_file);
        err_clear(&sub);
        free(pem);
        return rc;
    }
    return OK;
}

static int directory_set_options(LDAP *ld, const config *cfg);

err_code directory_init(const config *cfg, err *e)
{
    err_code rc = directory_check_config(cfg, e);
    if (rc != OK || !directory_enabled(cfg)) return rc;
    if (!directory_slots_ready) {
        if (sem_init(&directory_slots, 0, (unsigned)(cfg->hash_concurrency > 0 ? cfg->hash_concurrency : 1)) != 0)
            return err_set(e, ERR_INTERNAL, "cannot create the directory semaphore");
        directory_slots_ready = true;
    }
    /* A handle with its TLS context, made once here and thrown away, so that libldap's
     * and GnuTLS's global set-up happens before any thread binds. Nothing is sent. */
    LDAP *ld = NULL;
    int ldap_rc = ldap_initialize(&ld, cfg->directory_url);
    if (ldap_rc == LDAP_SUCCESS) ldap_rc = directory_set_options(ld, cfg);
    if (ld) ldap_unbind_ext_s(ld, NULL, NULL);
    if (ldap_rc != LDAP_SUCCESS)
        return err_set(e, ERR_VALIDATION, "directory login: cannot set up TLS with %s: %s",
                       cfg->directory_ca_file && *cfg->directory_ca_file ? cfg->directory_ca_file
                                                                         : "the system's trust store",
                       ldap_err2string(ldap_rc));
    log_info("mamori: directory login through %s%s, certificates checked against %s", cfg->directory_url,
             cfg->directory_starttls ? " with StartTLS" : "",
             cfg->directory_ca_file && *cfg->directory_ca_file ? cfg->directory_ca_file : "the system's trust store");
    return OK;
}

/* Waits at most timeout_s for a bind slot; false when none came free. */
static bool directory_slot_take(int timeout_s)
{
    if (!directory_slots_ready) return true;
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += timeout_s;
    while (sem_timedwait(&directory_slots, &until) != 0)
        if (errno != EINTR) return false;
    return true;
}

static void directory_slot_give(void)
{
    if (directory_slots_ready) sem_post(&directory_slots);
}

/* The handle's options: LDAPv3, no referrals (a referral could send the password to
 * another server), a limit on waiting for answers, and TLS that demands a certificate
 * chaining to the configured CA and naming the URL's host. TLS options on a handle take
 * effect only with a new TLS context, made last. LDAP_OPT_NETWORK_TIMEOUT is left
 * alone: mamori connects itself (directory_connect), and in libldap 2.5 that option
 * turns the TLS handshake into a busy loop that never times out against a server that
 * accepts and stays silent; directory_watch bounds the handshake instead. */
static int directory_set_options(LDAP *ld, const config *cfg)
{
    int version = LDAP_VERSION3, demand = LDAP_OPT_X_TLS_DEMAND, tls12 = LDAP_OPT_X_TLS_PROTOCOL_TLS1_2, server = 0;
    struct timeval limit = {cfg->directory_timeout_s, 0};
    int rc = ldap_set_option(ld, LDAP_OPT_PROTOCOL_VERSION, &version);
    if (rc == LDAP_OPT_SUCCESS) rc = ldap_set_option(ld, LDAP_OPT_REFERRALS, LDAP_OPT_OFF);
    if (rc == LDAP_OPT_SUCCESS) rc = ldap_set_option(ld, LDAP_OPT_TIMEOUT, &limit);
    if (rc == LDAP_OPT_SUCCESS) rc = ldap_set_option(ld, LDAP_OPT_X_TLS_REQUIRE_CERT, &demand);
    if (rc == LDAP_OPT_SUCCESS) rc = ldap_set_option(ld, LDAP_OPT_X_TLS_PROTOCOL_MIN, &tls12);
    if (rc == LDAP_OPT_SUCCESS && cfg->directory_ca_file && *cfg->directory_ca_file) {
        /* Only the named CA: no certificate folder inherited from ldap.conf widens it. */
        rc = ldap_set_option(ld, LDAP_OPT_X_TLS_CACERTDIR, NULL);
        if (rc == LDAP_OPT_SUCCESS) rc = ldap_set_option(ld, LDAP_OPT_X_TLS_CACERTFILE, cfg->directory_ca_file);
    }
    if (rc == LDAP_OPT_SUCCESS) rc = ldap_set_option(ld, LDAP_OPT_X_TLS_NEWCTX, &server);
    return rc == LDAP_OPT_SUCCESS ? LDAP_SUCCESS : LDAP_LOCAL_ERROR;
}

/* The directory's answers that refuse this bind. Any other failure (no connection, a
 * timeout, a TLS failure, a busy or failing server, a misconfiguration) means the
 * password could not be checked. */
static bool directory_is_refusal(int code)
{
    switch (code) {
    case LDAP_INVALID_CREDENTIALS:
    case LDAP_UNWILLING_TO_PERFORM:   /* e.g. a disabled account, an unauthenticated bind */
    case LDAP_INAPPROPRIATE_AUTH:     /* an entry without a password */
    case LDAP_INSUFFICIENT_ACCESS:
    case LDAP_NO_SUCH_OBJECT:
    case LDAP_INVALID_DN_SYNTAX:
    case LDAP_CONSTRAINT_VIOLATION:   /* password policy: locked or expired in the directory */
        return true;
    default:
        return false;
    }
}

/* Milliseconds from now to deadline (CLOCK_MONOTONIC), at least 0. */
static int directory_ms_left(const struct timespec *deadline)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    long ms = (long)(deadline->tv_sec - now.tv_sec) * 1000 + (deadline->tv_nsec - now.tv_nsec) / 1000000;
    return ms > 0 ? (int)ms : 0;
}

/* A TCP connection to host:port made within the deadline (every address the name has,
 * in turn), left in blocking mode for libldap; -1 with *why (caller frees) when none
 * could be made. */
static int directory_connect(const char *host, int port, const struct timespec *deadline, char **why)
{
    struct addrinfo hints, *found = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    char service[16];
    snprintf(service, sizeof service, "%d", port);
    int rc = getaddrinfo(host, service, &hints, &found);
    if (rc != 0) {
        *why = xasprintf("cannot resolve %s: %s", host, gai_strerror(rc));
        return -1;
    }
    int fd = -1, problem = 0;
    for (struct addrinfo *ai = found; ai && fd < 0; ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, ai->ai_protocol);
        if (fd < 0) {
            problem = errno;
            continue;
        }
        rc = connect(fd, ai->ai_addr, ai->ai_addrlen);
        if (rc != 0 && errno == EINPROGRESS) {
            struct pollfd p = {fd, POLLOUT, 0};
            do rc = poll(&p, 1, directory_ms_left(deadline));
            while (rc < 0 && errno == EINTR);
            int soerr = rc == 1 ? 0 : rc == 0 ? ETIMEDOUT : errno;
            socklen_t len = sizeof soerr;
            if (rc == 1) getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &len);
            rc = soerr ? -1 : 0;
            errno = soerr;
        }
        if (rc == 0) rc = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
        if (rc != 0) {
            problem = errno;
            close(fd);
            fd = -1;
        }
    }
    freeaddrinfo(found);
    if (fd < 0) *why = xasprintf("cannot connect to %s:%d: %s", host, port, strerror(problem ? problem : ETIMEDOUT));
    return fd;
}

/* A watchdog over one connection: at the deadline it shuts the socket down, which
 * wakes whatever libldap is blocked in (a TLS handshake, an answer that never comes)
 * with an error. It never closes the socket, and is joined before the socket is, so
 * the descriptor cannot be reused under it. */
typedef struct directory_watch {
    pthread_mutex_t lock;
    pthread_cond_t wake; /* on CLOCK_MONOTONIC */
    struct timespec deadline;
    int fd;
    bool done;           /* the bind finished: stand down */
    bool fired;          /* the deadline passed and the socket was shut down */
    pthread_t thread;
} directory_watch;

static void *directory_watch_run(void *arg)
{
    directory_watch *w = arg;
    pthread_mutex_lock(&w->lock);
    while (!w->done) {
        if (pthread_cond_timedwait(&w->wake, &w->lock, &w->deadline) == ETIMEDOUT && !w->done) {
            shutdown(w->fd, SHUT_RDWR);
            w->fired = true;
            break;
        }
    }
    pthread_mutex_unlock(&w->lock);
    return NULL;
}

static bool directory_watch_start(directory_watch *w, int fd, const struct timespec *deadline)
{
    memset(w, 0, sizeof *w);
    w->fd = fd;
    w->deadline = *deadline;
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_mutex_init(&w->lock, NULL);
    pthread_cond_init(&w->wake, &attr);
    pthread_condattr_destroy(&attr);
    if (pthread_create(&w->thread, NULL, directory_watch_run, w) == 0) return true;
    pthread_cond_destroy(&w->wake);
    pthread_mutex_destroy(&w->lock);
    return false;
}

/* Stands the watchdog down; true when it had fired. */
static bool directory_watch_stop(directory_watch *w)
{
    pthread_mutex_lock(&w->lock);
    w->done = true;
    pthread_cond_signal(&w->wake);
    pthread_mutex_unlock(&w->lock);
    pthread_join(w->thread, NULL);
    pthread_cond_destroy(&w->wake);
    pthread_mutex_destroy(&w->lock);
    return w->fired;
}

/* SIGPIPE is blocked in this thread while libldap and GnuTLS write to a socket that the
 * server or the watchdog may have shut, so a write there fails with EPIPE instead of
 * ending the process (serve ignores SIGPIPE anyway; other callers need not). A SIGPIPE
 * raised meanwhile is taken off before the mask is restored, as libpq does. */
static void directory_sigpipe_block(sigset_t *old, bool *was_pending)
{
    sigset_t pipe_set, pending;
    sigemptyset(&pipe_set);
    sigaddset(&pipe_set, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_set, old);
    sigpending(&pending);
    *was_pending = sigismember(&pending, SIGPIPE) == 1;
}

static void directory_sigpipe_restore(const sigset_t *old, bool was_pending)
{
    sigset_t pipe_set, pending;
    sigemptyset(&pipe_set);
    sigaddset(&pipe_set, SIGPIPE);
    sigpending(&pending);
    if (!was_pending && sigismember(&pending, SIGPIPE) == 1) {
        struct timespec now = {0, 0};
        sigtimedwait(&pipe_set, NULL, &now);
    }
    pthread_sigmask(SIG_SETMASK, old, NULL);
}

/* An LDAP handle on a connection of its own to the first server of directory_url that
 * accepts one; *fd is its socket. LDAP_SUCCESS, or a libldap code with *why set. */
static int directory_open(const config *cfg, const struct timespec *deadline, LDAP **ld, int *fd, char **why)
{
    *ld = NULL;
    *fd = -1;
    char *copy = xstrdup(cfg->directory_url), *save = NULL;
    int rc = LDAP_SERVER_DOWN;
    for (char *url = strtok_r(copy, " \t", &save); url && *fd < 0; url = strtok_r(NULL, " \t", &save)) {
        LDAPURLDesc *u = NULL;
        if (ldap_url_parse(url, &u) != LDAP_URL_SUCCESS) continue; /* checked at startup */
        int port = u->lud_port ? u->lud_port : strcasecmp(u->lud_scheme, "ldaps") == 0 ? LDAPS_PORT : LDAP_PORT;
        free(*why);
        *why = NULL;
        *fd = directory_connect(u->lud_host, port, deadline, why);
        ldap_free_urldesc(u);
        if (*fd < 0) continue;
        /* The URL names the host the certificate must be for. */
        rc = ldap_init_fd(*fd, LDAP_PROTO_TCP, url, ld);
        if (rc != LDAP_SUCCESS) {
            close(*fd);
            *fd = -1;
            *why = xasprintf("ldap_init_fd: %s", ldap_err2string(rc));
        }
    }
    free(copy);
    return *fd >= 0 ? LDAP_SUCCESS : rc;
}

directory_result directory_bind(const config *cfg, const char *name, const char *password, char **why)
{
    *why = NULL;
    if (!password || !*password) {
        *why = xstrdup("an empty password is refused without a bind");
        return DIRECTORY_REFUSED;
    }
    if (!directory_enabled(cfg)) {
        *why = xstrdup("no directory is configured (directory_url)");
        return DIRECTORY_UNAVAILABLE;
    }
    char *identity = directory_bind_identity(cfg->directory_bind, name);
    if (!identity) {
        *why = xstrdup("the name cannot be a directory account");
        return DIRECTORY_REFUSED;
    }
    if (!directory_slot_take(cfg->directory_timeout_s)) {
        free(identity);
        *why = xstrdup("too many binds waiting on the directory");
        return DIRECTORY_UNAVAILABLE;
    }
    /* One deadline for the whole exchange: connect, TLS, bind. */
    struct timespec deadline;
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    deadline.tv_sec += cfg->directory_timeout_s;

    directory_result result = DIRECTORY_UNAVAILABLE;
    LDAP *ld = NULL;
    int fd = -1;
    directory_watch watch;
    bool watching = false, timed_out = false, pipe_pending = false;
    sigset_t old_mask;
    directory_sigpipe_block(&old_mask, &pipe_pending);
    int rc = directory_open(cfg, &deadline, &ld, &fd, why);
    const char *step = "TLS";
    if (rc == LDAP_SUCCESS) {
        rc = directory_set_options(ld, cfg);
        watching = directory_watch_start(&watch, fd, &deadline);
        if (!watching) rc = LDAP_LOCAL_ERROR;
    }
    if (rc == LDAP_SUCCESS) rc = cfg->directory_starttls ? ldap_start_tls_s(ld, NULL, NULL) : ldap_install_tls(ld);
    if (rc == LDAP_SUCCESS) {
        step = "bind";
        struct berval cred = {strlen(password), (char *)password};
        rc = ldap_sasl_bind_s(ld, identity, LDAP_SASL_SIMPLE, &cred, NULL, NULL, NULL);
        if (rc == LDAP_SUCCESS) result = DIRECTORY_ACCEPTED;
        else if (directory_is_refusal(rc)) result = DIRECTORY_REFUSED;
    }
    if (watching) timed_out = directory_watch_stop(&watch);
    if (timed_out) result = DIRECTORY_UNAVAILABLE;
    if (ld && (timed_out || (rc != LDAP_SUCCESS && rc != LDAP_INVALID_CREDENTIALS))) {
        char *diag = NULL;
        ldap_get_option(ld, LDAP_OPT_DIAGNOSTIC_MESSAGE, &diag);
        free(*why);
        *why = xasprintf("%s: %s (%d)%s%s%s", step, ldap_err2string(rc), rc, diag && *diag ? ": " : "",
                         diag && *diag ? diag : "", timed_out ? " (no answer within directory_timeout)" : "");
        if (diag) ldap_memfree(diag);
    }
    /* After a timeout the socket is shut: free the handle without writing an unbind. */
    if (ld && timed_out) ldap_destroy(ld);
    else if (ld) ldap_unbind_ext_s(ld, NULL, NULL);
    else if (fd >= 0) close(fd);
    directory_sigpipe_restore(&old_mask, pipe_pending);
    directory_slot_give();
    free(identity);
    return result;
}

/* A bind as a random name nobody has, with a random password: the round trip of a
 * refused bind, for attempts that have no directory account to ask about. The user's
 * password is not sent: it is not the directory's to see. */
static directory_result directory_bind_dummy(const config *cfg)
{
    unsigned char raw[24];
    randombytes_buf(raw, sizeof raw);
    char name_hex[17], password[33];
    sodium_bin2hex(name_hex, sizeof name_hex, raw, 8);
    sodium_bin2hex(password, sizeof password, raw + 8, 16);
    char *name = xasprintf("mamori-nobody-%s", name_hex), *why = NULL;
    directory_result r = directory_bind(cfg, name, password, &why);
    if (r == DIRECTORY_UNAVAILABLE)
        log_warn("directory: %s did not answer (%s); refused logins answer 503 until it does", cfg->directory_url,
                 why ? why : "");
    else if (r == DIRECTORY_ACCEPTED)
        log_error("directory: a bind as %s, a name nobody has, was accepted: check directory_bind", name);
    free(why);
    free(name);
    return r == DIRECTORY_UNAVAILABLE ? DIRECTORY_UNAVAILABLE : DIRECTORY_REFUSED;
}

directory_result directory_login_check(const config *cfg, const char *hash, const char *directory_name,
                                       const char *password)
{
    if (directory_name) {
        /* The argon2id every attempt costs, then the bind that decides. */
        password_verify_dummy(password);
        if (!directory_enabled(cfg)) {
            log_warn("directory: %s is linked to a directory account, but this server has no directory_url",
                     directory_name);
            return DIRECTORY_REFUSED;
        }
        if (!*password) return directory_bind_dummy(cfg);
        char *why = NULL;
        directory_result r = directory_bind(cfg, directory_name, password, &why);
        if (r == DIRECTORY_UNAVAILABLE)
            log_warn("directory: the login of %s could not be checked: %s", directory_name, why ? why : "");
        else if (why)
            log_info("directory: the bind of %s was refused: %s", directory_name, why);
        free(why);
        return r;
    }
    /* A stored hash that begins with '!' is no hash (an account without a local
     * password): check the dummy, so that it costs what a real one does. */
    bool ok = false;
    if (hash && hash[0] != '!') ok = password_verify(hash, password);
    else password_verify_dummy(password);
    if (ok) return DIRECTORY_ACCEPTED;
    if (!directory_enabled(cfg)) return DIRECTORY_REFUSED;
    return directory_bind_dummy(cfg);
}
