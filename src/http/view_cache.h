/* view_cache — who a person is, as GET /api/v1/session describes them (their roles and
 * permissions), kept for a second per person. That answer is asked for on every page
 * and by every script; rebuilding it each time was most of its cost. A second is short
 * enough that a granted or revoked role shows at once to a person, and the cache
 * decides nothing: every permission check reads the store. Thread-safe (a mutex). */
#ifndef MAMORI_VIEW_CACHE_H
#define MAMORI_VIEW_CACHE_H

typedef struct view_cache view_cache;

view_cache *view_cache_new(int ttl_ms);
void view_cache_free(view_cache *vc);
/* The cached JSON members for person_id (caller frees), or NULL when absent or stale. */
char *view_cache_get(view_cache *vc, long person_id);
/* Drops what is kept for person_id (after a change to their roles or name here; other
 * servers' copies age out within the second). */
void view_cache_forget(view_cache *vc, long person_id);
void view_cache_forget_all(view_cache *vc);
/* Keeps a copy of members for person_id. */
void view_cache_put(view_cache *vc, long person_id, const char *members);

#endif
