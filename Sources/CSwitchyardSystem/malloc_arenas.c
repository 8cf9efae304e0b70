#include <stdlib.h>
#include "CSwitchyardSystem.h"
#ifdef __GLIBC__
#include <malloc.h>
#endif

int switchyard_limit_malloc_arenas(int count) {
#ifdef __GLIBC__
    if (getenv("MALLOC_ARENA_MAX") != NULL) return 0;
    return mallopt(M_ARENA_MAX, count) == 1 ? 0 : -1;
#else
    (void)count;
    return 0;
#endif
}
