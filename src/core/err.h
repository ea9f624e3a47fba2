/* err — mamori's one error type.
 * Every function that can fail returns an err_code and, when given an err*, fills it
 * with a human message and, for validation, the fields at fault. The HTTP layer maps
 * codes to statuses in one place (http/response.c); the CLI prints the message. */
#ifndef MAMORI_ERR_H
#define MAMORI_ERR_H
#include <stddef.h>

typedef enum err_code {
    OK = 0,
    ERR_INTERNAL,            /* a bug or an unexpected library failure */
    ERR_STORE,               /* the database failed or is unreachable */
    ERR_BAD_REQUEST,         /* malformed input (not JSON, bad encoding) */
    ERR_VALIDATION,          /* well-formed input that breaks a rule */
    ERR_UNAUTHENTICATED,     /* no valid session */
    ERR_FORBIDDEN,           /* authenticated but not allowed */
    ERR_CSRF,                /* state change without the right CSRF token */
    ERR_NOT_FOUND,           /* no such object, or not visible to the caller */
    ERR_CONFLICT,            /* the object already exists or the state forbids it */
    ERR_PRECONDITION_FAILED, /* stale If-Match */
    ERR_PRECONDITION_REQUIRED, /* update without If-Match */
    ERR_TOO_BIG,             /* over a size limit */
    ERR_INVALID_CREDENTIALS, /* login refused; deliberately says nothing more */
    ERR_UNAVAILABLE,         /* shutting down or not ready */
    ERR_MFA_REQUIRED         /* a password-only session where a second factor is owed */
} err_code;

typedef struct err_field {
    char *field;   /* owned; e.g. "login" or "$.catalog.groups[3]" */
    char *message; /* owned */
} err_field;

typedef struct err {
    err_code code;
    char *message;      /* owned; NULL when none */
    err_field *fields;  /* owned array */
    size_t n_fields;
} err;

#define ERR_INIT {OK, NULL, NULL, 0}

void err_clear(err *e);
/* Sets code and message (printf-style) and returns code; e may be NULL. */
err_code err_set(err *e, err_code code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Adds a field error and marks e as ERR_VALIDATION (unless already another code). */
void err_field_add(err *e, const char *field, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* A stable lowercase name for the code, used in the API's error.code. */
const char *err_code_name(err_code code);

#endif
