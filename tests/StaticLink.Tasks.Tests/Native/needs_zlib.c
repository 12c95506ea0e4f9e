/* A shared library that NEEDs libz.so.1 (through fake_zlib.c) and libc, like libMonoPosixHelper.so. */
#include <stdlib.h>

int fake_zlib_version(void);

int helper_version(void)
{
    return fake_zlib_version() + (getenv("HELPER_VERSION") != 0);
}
