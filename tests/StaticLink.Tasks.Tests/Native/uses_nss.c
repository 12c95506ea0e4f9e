/* Statically linked with glibc, getpwnam still loads NSS modules (libnss_*.so.2) at run time: SL2002. */
#include <pwd.h>
#include <stdio.h>

int main(void)
{
    struct passwd *entry = getpwnam("root");
    printf("%s\n", entry ? entry->pw_dir : "?");
    return 0;
}
