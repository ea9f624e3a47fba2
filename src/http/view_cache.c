/* view_cache — a tiny per-person cache of session descriptions (see view_cache.h). */
#include "http/view_cache.h"

#include <pthread.h>
#include <stdlib.h>
#include <time.h>

#include "core/xalloc.h"

#define VIEW_CACHE_SLOTS 256

typedef struct view_slot {
    long person_id;
    long long expires_ms;
    char *members; /* owned */
} view_slot;

struct view_cache {
    pthread_mutex_t lock; /* guards slots */
    view_slot slots[VIEW_CACHE_SLOTS];
    int ttl_ms;
};

static long long view_now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

view_cache *view_cache_new(int ttl_ms)
{
    view_cache *vc = xcalloc(1, sizeof *vc);
    pthread_mutex_init(&vc->lock, NULL);
    vc->ttl_ms = ttl_ms;
    return vc;
}

void view_cache_free(view_cache *vc)
{
    if (!vc) return;
    for (size_t i = 0; i < VIEW_CACHE_SLOTS; i++) free(vc->slots[i].members);
    pthread_mutex_destroy(&vc->lock);
    free(vc);
}

char *view_cache_get(view_cache *vc, long person_id)
{
    char *copy = NULL;
    view_slot *s = &vc->slots[(unsigned long)person_id % VIEW_CACHE_SLOTS];
    pthread_mutex_lock(&vc->lock);
    if (s->members && s->person_id == person_id && s->expires_ms > view_now_ms()) copy = xstrdup(s->members);
    pthread_mutex_unlock(&vc->lock);
    return copy;
}

void view_cache_put(view_cache *vc, long person_id, const char *members)
{
    char *copy = xstrdup(members);
    view_slot *s = &vc->slots[(unsigned long)person_id % VIEW_CACHE_SLOTS];
    pthread_mutex_lock(&vc->lock);
    free(s->members);
    s->members = copy;
    s->person_id = person_id;
    s->expires_ms = view_now_ms() + vc->ttl_ms;
    pthread_mutex_unlock(&vc->lock);
}

void view_cache_forget(view_cache *vc, long person_id)
{
    if (!vc) return;
    view_slot *s = &vc->slots[(unsigned long)person_id % VIEW_CACHE_SLOTS];
    pthread_mutex_lock(&vc->lock);
    if (s->person_id == person_id) {
        free(s->members);
        s->members = NULL;
    }
    pthread_mutex_unlock(&vc->lock);
}

void view_cache_forget_all(view_cache *vc)
{
    if (!vc) return;
    pthread_mutex_lock(&vc->lock);
    for (size_t i = 0; i < VIEW_CACHE_SLOTS; i++) {
        free(vc->slots[i].members);
        vc->slots[i].members = NULL;
    }
    pthread_mutex_unlock(&vc->lock);
}
