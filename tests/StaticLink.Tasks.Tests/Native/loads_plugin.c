/* Loads a library with dlopen: its soname appears only as a string, invisible to ldd (SL2001). */
#include <dlfcn.h>

int load_plugin(void)
{
    void *handle = dlopen("libvendorplugin.so.7", RTLD_NOW);
    return handle != 0;
}
