/* A plain dynamically linked program: NEEDED libc, an interpreter, and on glibc 2.34+ __libc_start_main@GLIBC_2.34. */
#include <stdio.h>

int main(void)
{
    puts("hello");
    return 0;
}
