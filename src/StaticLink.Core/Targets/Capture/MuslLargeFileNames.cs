#if NET8_0_OR_GREATER
namespace StaticLink.Core.Targets.Capture;

/// <summary>
/// The "*64" large-file names musl's loader still resolves after 1.2.4 removed them from libc's symbol table: the
/// lfs64_list of get_lfs64 in ldso/dynlink.c. A name binds when its base (the name without "64") is exported.
/// </summary>
internal static class MuslLargeFileNames
{
    public static readonly string[] Bases =
    [
        "__fxstat", "__fxstatat", "__lxstat", "__xstat", "aio_cancel", "aio_error", "aio_fsync", "aio_read", "aio_return",
        "aio_suspend", "aio_write", "alphasort", "creat", "fallocate", "fgetpos", "fopen", "freopen", "fseeko", "fsetpos",
        "fstat", "fstatat", "fstatfs", "fstatvfs", "ftello", "ftruncate", "ftw", "getdents", "getrlimit", "glob",
        "globfree", "lio_listio", "lockf", "lseek", "lstat", "mkostemp", "mkostemps", "mkstemp", "mkstemps", "mmap",
        "nftw", "open", "openat", "posix_fadvise", "posix_fallocate", "pread", "preadv", "prlimit", "pwrite", "pwritev",
        "readdir", "scandir", "sendfile", "setrlimit", "stat", "statfs", "statvfs", "tmpfile", "truncate", "versionsort",
    ];
}
#endif
