#define _GNU_SOURCE
#include <unistd.h>
#include "CSwitchyardSystem.h"

int switchyard_sync_file_system(int fd) {
#ifdef __linux__
    return syncfs(fd);
#else
    return fsync(fd);
#endif
}
