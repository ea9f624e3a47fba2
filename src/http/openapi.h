/* openapi — the OpenAPI 3 document of the API, built from the route table, so the
 * document and the routes cannot drift: each route carries its own operation
 * description (parameters, request and answer shapes) and its access rule becomes the
 * operation's security and x-permission. */
#ifndef MAMORI_OPENAPI_H
#define MAMORI_OPENAPI_H
#include <jansson.h>

#include "core/err.h"

/* The whole document; the caller owns the reference. ERR_INTERNAL names a route whose
 * description is not valid JSON (a unit test keeps that from shipping). */
err_code openapi_document(json_t **out, err *e);

#endif
