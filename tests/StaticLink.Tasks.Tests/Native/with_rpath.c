/* Built with -Wl,-rpath,/opt/vendor/lib: an absolute RUNPATH that the target system will not have. */
int with_rpath_answer(void)
{
    return 42;
}
