/* password — argon2id with a concurrency cap and a dummy hash (see password.h). */
#include "auth/password.h"

#include <pthread.h>
#include <strings.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/embed.h"
#include "core/xalloc.h"

/* Process-wide by nature: libsodium's state and the cap on concurrent hashes are
 * shared by all threads. Set once by password_init before threads start; the semaphore
 * and the counter are themselves thread-safe. */
static sem_t password_slots;
static bool password_ready;
static char password_dummy[PASSWORD_HASH_MAX];
static atomic_ulong password_verifications;

err_code password_init(int concurrency, err *e)
{
    if (password_ready) return OK;
    if (sodium_init() < 0) return err_set(e, ERR_INTERNAL, "libsodium failed to initialise");
    if (sem_init(&password_slots, 0, (unsigned)(concurrency > 0 ? concurrency : 1)) != 0)
        return err_set(e, ERR_INTERNAL, "cannot create the hashing semaphore");
    char random_pw[33];
    unsigned char raw[16];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(random_pw, sizeof random_pw, raw, sizeof raw);
    password_ready = true;
    return password_hash(random_pw, password_dummy, e);
}

err_code password_hash(const char *pw, char out[PASSWORD_HASH_MAX], err *e)
{
    sem_wait(&password_slots);
    int rc = crypto_pwhash_str(out, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                               crypto_pwhash_MEMLIMIT_INTERACTIVE);
    sem_post(&password_slots);
    if (rc != 0) return err_set(e, ERR_INTERNAL, "password hashing failed (out of memory?)");
    return OK;
}

bool password_verify(const char *encoded, const char *pw)
{
    sem_wait(&password_slots);
    int rc = crypto_pwhash_str_verify(encoded, pw, strlen(pw));
    sem_post(&password_slots);
    atomic_fetch_add(&password_verifications, 1);
    return rc == 0;
}

bool password_verify_dummy(const char *pw)
{
    password_verify(password_dummy, pw);
    return false;
}

unsigned long password_verify_count(void)
{
    return atomic_load(&password_verifications);
}

/* The embedded list of common passwords (one per line, lower case, sorted bytewise),
 * indexed once. Read-only after password_list_once. */
static pthread_once_t password_list_once = PTHREAD_ONCE_INIT;
static const char **password_list;
static size_t password_list_n;

static void password_list_load(void)
{
    const embedded_file *f = embed_find("build/gen/common-passwords.txt");
    if (!f) return;
    size_t lines = 0;
    for (size_t i = 0; i < f->size; i++) lines += f->data[i] == '\n';
    password_list = xcalloc(lines + 1, sizeof *password_list);
    /* The embedded bytes are NUL-terminated once; a private copy gets one per line. */
    char *copy = xstrndup((const char *)f->data, f->size);
    char *save = NULL;
    for (char *line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
        password_list[password_list_n++] = line;
}

static int password_cmp(const void *key, const void *item)
{
    return strcmp(key, *(const char *const *)item);
}

static bool password_is_common(const char *word)
{
    pthread_once(&password_list_once, password_list_load);
    return *word == '\0' ||
           (password_list_n && bsearch(word, password_list, password_list_n, sizeof *password_list, password_cmp));
}

/* The core of a password: lower case, with the digits and symbols people pad a common
 * word with ("Password1234!") taken off both ends. */
static char *password_core(const char *pw)
{
    char *s = xstrdup(pw);
    for (char *p = s; *p; p++) *p = (char)tolower((unsigned char)*p);
    size_t start = 0, end = strlen(s);
    while (start < end && (unsigned char)s[start] < 0x80 && !isalpha((unsigned char)s[start])) start++;
    while (end > start && (unsigned char)s[end - 1] < 0x80 && !isalpha((unsigned char)s[end - 1])) end--;
    memmove(s, s + start, end - start);
    s[end - start] = '\0';
    return s;
}

const char *password_policy_check(const char *pw, const char *login)
{
    /* Length in characters, not bytes: a Japanese passphrase counts what the user typed. */
    size_t chars = 0;
    for (const unsigned char *p = (const unsigned char *)pw; *p; p++)
        if ((*p & 0xC0) != 0x80) chars++;
    if (chars < 12) return "at least 12 characters are required";
    if (login && strcasecmp(pw, login) == 0) return "the password must not be the login";
    /* Few distinct characters ("aaaaaaaaaaaa", "121212121212") is no password. */
    unsigned char seen[256] = {0};
    int distinct = 0;
    for (const unsigned char *p = (const unsigned char *)pw; *p; p++)
        if (!seen[*p]++) distinct++;
    if (distinct < 5) return "the password repeats too few characters";
    char *core = password_core(pw);
    bool common = password_is_common(core);
    /* A common word said twice ("passwordpassword") is as weak as the word. */
    size_t n = strlen(core);
    if (!common && n % 2 == 0 && n && strncmp(core, core + n / 2, n / 2) == 0) {
        core[n / 2] = '\0';
        common = password_is_common(core);
    }
    if (!common && login) {
        char *login_core = password_core(login);
        common = strcmp(core, login_core) == 0;
        free(login_core);
    }
    free(core);
    if (common) return "the password is a common password (or one padded with digits or symbols)";
    return NULL;
}
