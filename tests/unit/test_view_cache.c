/* The session-view cache: a fresh entry is returned as a copy, an old one is not, and
 * forgetting works for one person and for all. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "http/view_cache.h"

static void test_fresh_stale_forget(void **state)
{
    (void)state;
    view_cache *vc = view_cache_new(200);
    assert_null(view_cache_get(vc, 7));
    view_cache_put(vc, 7, "\"person\":{\"id\":7}");
    view_cache_put(vc, 7 + 256, "\"person\":{\"id\":263}"); /* the same slot: replaces 7 */
    assert_null(view_cache_get(vc, 7));
    char *got = view_cache_get(vc, 263);
    assert_string_equal(got, "\"person\":{\"id\":263}");
    free(got);
    view_cache_put(vc, 8, "a");
    view_cache_forget(vc, 8);
    assert_null(view_cache_get(vc, 8));
    view_cache_put(vc, 9, "b");
    view_cache_forget_all(vc);
    assert_null(view_cache_get(vc, 9));
    view_cache_put(vc, 10, "c");
    usleep(250 * 1000);
    assert_null(view_cache_get(vc, 10)); /* older than its 200 ms */
    view_cache_free(vc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_fresh_stale_forget)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
