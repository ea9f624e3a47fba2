/* api_catalog — what the catalog's handlers (api_threats.c, api_requirements.c,
 * api_laws.c) share; defined in api_threats.c. */
#ifndef MAMORI_API_CATALOG_H
#define MAMORI_API_CATALOG_H
#include <stdbool.h>

#include "http/http.h"

/* limit (1–500, default 50) and active (true, the default; false; all → -1) from the
 * query; false with field errors in e. */
bool api_catalog_list_params(http_request *r, long *limit, int *active, err *e);
/* Takes the boolean "active" out of the body (-1 when absent), so json_input checks the rest. */
void api_catalog_take_active(http_request *r, int *active, err *e);
void api_catalog_etag(http_request *r, long version);

#endif
