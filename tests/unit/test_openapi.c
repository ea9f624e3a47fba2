/* The OpenAPI document and the route table agree: every API route is described, with
 * its access rule, and the document describes nothing else. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "http/openapi.h"
#include "http/router.h"

static void test_every_route_is_described(void **state)
{
    (void)state;
    json_t *doc = NULL;
    err e = ERR_INIT;
    assert_int_equal(openapi_document(&doc, &e), OK);
    json_t *paths = json_object_get(doc, "paths");
    assert_non_null(paths);
    size_t n_api_routes = 0;
    for (size_t i = 0; i < http_routes_count; i++) {
        const http_route *r = &http_routes[i];
        if (strcmp(r->pattern, "/*") == 0) {
            assert_null(r->openapi); /* the UI's files are not API */
            continue;
        }
        assert_non_null(r->openapi);
        n_api_routes++;
        char *method = xstrdup(r->method);
        for (char *p = method; *p; p++) *p = (char)tolower((unsigned char)*p);
        json_t *op = json_object_get(json_object_get(paths, r->pattern), method);
        if (!op) fail_msg("%s %s is not in the OpenAPI document", r->method, r->pattern);
        free(method);
        assert_string_equal(json_string_value(json_object_get(op, "summary")), r->summary);
        if (r->access == HTTP_PERMISSION)
            assert_string_equal(json_string_value(json_object_get(op, "x-permission")), r->permission);
        assert_non_null(json_object_get(json_object_get(op, "responses"), "default"));
        /* Every {parameter} of the path is declared. */
        for (const char *p = strchr(r->pattern, '{'); p; p = strchr(p + 1, '{')) {
            const char *close = strchr(p, '}');
            bool declared = false;
            size_t k;
            json_t *param;
            json_array_foreach(json_object_get(op, "parameters"), k, param) {
                const char *name = json_string_value(json_object_get(param, "name"));
                if (name && strlen(name) == (size_t)(close - p - 1) && strncmp(name, p + 1, strlen(name)) == 0)
                    declared = true;
            }
            if (!declared) fail_msg("%s %s: path parameter not declared", r->method, r->pattern);
        }
    }
    /* And nothing else: the document has exactly as many operations as routes. */
    size_t n_ops = 0;
    const char *path;
    json_t *item;
    json_object_foreach(paths, path, item) n_ops += json_object_size(item);
    assert_int_equal(n_ops, n_api_routes);
    json_decref(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_every_route_is_described)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
