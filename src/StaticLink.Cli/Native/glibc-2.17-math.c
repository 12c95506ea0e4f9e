/*
 * Linked into the NativeAOT staticlink only (see StaticLink.Cli.csproj): glibc 2.29 gave log and pow new symbol
 * versions, which a program linked against glibc 2.29 or newer needs, so it would not start on RHEL 8 (glibc 2.28)
 * or Amazon Linux 2 (2.26). The runtime's calls go through --wrap to the versions every glibc since 2.2.5 has; they
 * return the same values (the new ones dropped only the SVID error-handling path).
 */
double staticlink_glibc_log(double value);
double staticlink_glibc_pow(double base, double exponent);

__asm__(".symver staticlink_glibc_log, log@GLIBC_2.2.5");
__asm__(".symver staticlink_glibc_pow, pow@GLIBC_2.2.5");

double __wrap_log(double value) { return staticlink_glibc_log(value); }
double __wrap_pow(double base, double exponent) { return staticlink_glibc_pow(base, exponent); }
