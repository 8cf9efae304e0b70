import CSwitchyardSystem

/// glibc gives threads that allocate at the same time arenas of their own, up to eight per core, and keeps the memory
/// each arena once held: after a fleet is rendered on every core, hundreds of megabytes stay resident that the next
/// render could have reused. `serve` caps the arenas at two; a `MALLOC_ARENA_MAX` in the environment is left to glibc.
enum MemoryArenas {
    static func limit(to count: Int32 = 2) {
        _ = switchyard_limit_malloc_arenas(count)
    }
}
