#if canImport(Glibc)
    import Glibc
#endif

/// Keeps peak memory flat over long exports and loads.
///
/// A REST export allocates a page body (about 1-2 MB) and its parse nodes (3-6 MB) per page on different
/// threads. glibc raises its mmap threshold after the first such block is freed, so later pages come from
/// per-thread heap arenas that keep the freed space: peak RSS grew by ~10 MB for nothing. Fixing the
/// threshold at 1 MiB sends those blocks to mmap and back to the system when freed, while the 256 KiB output
/// chunks stay on the heap (measured on 200,000 REST rows: 64-68 MB -> 59-62 MB peak, CPU unchanged).
///
/// A Bulk load runs its row thread, up to four job tasks and the transfer thread at once, and glibc gives
/// busy threads heap arenas of their own (up to eight per core), each keeping what its thread freed: two
/// arenas serve these threads as well and hold far less idle memory.
public enum AllocatorTuning {
    public static func apply() {
        #if canImport(Glibc)
            // <malloc.h> is not part of the Glibc module: look `mallopt` up (RTLD_DEFAULT is a null handle).
            typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
            guard let symbol = dlsym(nil, "mallopt") else { return }
            let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
            let mmapThreshold: Int32 = -3  // M_MMAP_THRESHOLD
            let arenaMax: Int32 = -8  // M_ARENA_MAX
            _ = mallopt(mmapThreshold, 1 << 20)
            _ = mallopt(arenaMax, 2)
        #endif
    }
}
