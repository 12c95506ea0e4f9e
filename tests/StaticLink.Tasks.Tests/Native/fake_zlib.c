/* Stands in for zlib: built with -Wl,-soname,libz.so.1 so that a library linked against it NEEDs libz.so.1,
   as libMonoPosixHelper.so does, without needing zlib's development files on the machine. */
int fake_zlib_version(void)
{
    return 1;
}
