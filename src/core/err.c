/* err — the error type shared by every module (see err.h). */
#include "core/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/xalloc.h"

void err_clear(err *e)
{
    if (!e) return;
    free(e->message);
    for (size_t i = 0; i < e->n_fields; i++) {
        free(e->fields[i].field);
        free(e->fields[i].message);
    }
    free(e->fields);
    e->code = OK;
    e->message = NULL;
    e->fields = NULL;
    e->n_fields = 0;
}

static char *err_vformat(const char *fmt, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n < 0) return xstrdup("(unformattable message)");
    char *s = xmalloc((size_t)n + 1);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    return s;
}

err_code err_set(err *e, err_code code, const char *fmt, ...)
{
    if (!e) return code;
    free(e->message);
    va_list ap;
    va_start(ap, fmt);
    e->message = err_vformat(fmt, ap);
    va_end(ap);
    e->code = code;
    return code;
}

void err_field_add(err *e, const char *field, const char *fmt, ...)
{
    if (!e) return;
    e->fields = xrealloc(e->fields, (e->n_fields + 1) * sizeof *e->fields);
    va_list ap;
    va_start(ap, fmt);
    e->fields[e->n_fields].message = err_vformat(fmt, ap);
    va_end(ap);
    e->fields[e->n_fields].field = xstrdup(field);
    e->n_fields++;
    if (e->code == OK) e->code = ERR_VALIDATION;
    if (!e->message) e->message = xstrdup("validation failed");
}

const char *err_code_name(err_code code)
{
    switch (code) {
    case OK: return "ok";
    case ERR_INTERNAL: return "internal_error";
    case ERR_STORE: return "store_error";
    case ERR_BAD_REQUEST: return "bad_request";
    case ERR_VALIDATION: return "validation_failed";
    case ERR_UNAUTHENTICATED: return "unauthenticated";
    case ERR_FORBIDDEN: return "forbidden";
    case ERR_CSRF: return "csrf_failed";
    case ERR_NOT_FOUND: return "not_found";
    case ERR_CONFLICT: return "conflict";
    case ERR_PRECONDITION_FAILED: return "precondition_failed";
    case ERR_PRECONDITION_REQUIRED: return "precondition_required";
    case ERR_TOO_BIG: return "payload_too_large";
    case ERR_INVALID_CREDENTIALS: return "invalid_credentials";
    case ERR_MFA_REQUIRED: return "mfa_required";
    case ERR_UNAVAILABLE: return "unavailable";
    }
    return "internal_error";
}
