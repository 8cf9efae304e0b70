#ifndef C_SWITCHYARD_SYSTEM_H
#define C_SWITCHYARD_SYSTEM_H

/// Flushes the file system holding `fd` to stable storage: `syncfs(2)` on Linux, which Glibc declares only
/// under _GNU_SOURCE and Swift therefore cannot see; `fsync(fd)` elsewhere. Returns 0, or -1 with errno set.
int switchyard_sync_file_system(int fd);

/// Caps glibc's malloc arenas at `count` (`mallopt(M_ARENA_MAX)`, from <malloc.h>, which Swift's Glibc module does
/// not include) unless `MALLOC_ARENA_MAX` is set in the environment; does nothing without glibc. Returns 0, or -1.
int switchyard_limit_malloc_arenas(int count);

#endif
