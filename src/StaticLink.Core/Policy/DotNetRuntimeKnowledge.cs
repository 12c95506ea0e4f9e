using System;

namespace StaticLink.Core.Policy;

/// <summary>
/// What StaticLink knows about the .NET runtime's own native files, so that a plain publish gets the truth rather
/// than a false alarm: which libraries the runtime loads with dlopen and how to avoid each, which of its parts are
/// optional, and which names belong to the runtime itself (present in self-contained output, provided by the
/// installed runtime otherwise).
/// </summary>
public static class DotNetRuntimeKnowledge
{
    /// <summary>The LTTng tracing provider that coreclr loads with dlopen and whose failure it ignores.</summary>
    public const string LttngProvider = "libcoreclrtraceptprovider.so";

    private static readonly string[] RuntimeComponentPatterns =
    [
        "libhostfxr.so", "libhostpolicy.so", "libcoreclr.so", "libclrjit.so", "libclrjit_*.so", "libclrgc.so", "libclrgcexp.so",
        "libmscordaccore.so", "libmscordbi.so", "libcoreclrtraceptprovider.so", "libnethost.so", "libSystem.*.so",
        "libMono*.so", "libmonosgen-2.0.so",
    ];

    /// <summary>True for a soname that is part of the .NET runtime or host itself (libcoreclr.so, libhostfxr.so, ...).</summary>
    public static bool IsRuntimeComponent(string soname)
    {
        foreach (var pattern in RuntimeComponentPatterns)
        {
            if (Glob.IsMatch(pattern, soname))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// liblttng-ust-tracepoint.so.0 is probed by LTTng's tracepoint header code in coreclr and the provider; a missing
    /// library only disables tracing, and SL3001 already tells the whole LTTng story.
    /// </summary>
    public static bool IsOptionalTracing(string soname) => soname.StartsWith("liblttng-ust", StringComparison.Ordinal);

    /// <summary>True for liblttng-ust.so.N, the library the LTTng provider needs.</summary>
    public static bool IsLttngLibrary(string soname) => soname.StartsWith("liblttng-ust.so", StringComparison.Ordinal);

    public static bool IsIcu(string soname) => soname.StartsWith("libicu", StringComparison.Ordinal);

    /// <summary>Classifies a dlopen candidate: a known .NET family with its hint, or a family of its own.</summary>
    public static RuntimeLoadFamily FamilyOf(string soname)
    {
        if (soname.StartsWith("libssl.so", StringComparison.Ordinal) || soname.StartsWith("libcrypto.so", StringComparison.Ordinal))
        {
            return new RuntimeLoadFamily(
                "openssl",
                "OpenSSL, for cryptography and TLS (System.Security.Cryptography, HttpClient over https)",
                new FindingFix(
                    FixStep.SetProperty("Install OpenSSL in the target image (e.g. libssl3 / openssl), or with NativeAOT link it in with ", "StaticOpenSslLinking", "true"),
                    FixStep.AllowLibrary("If the app never uses cryptography or TLS, allow it with ", "openssl", "libssl.so.*")),
                true,
                "libssl.so.3");
        }

        if (IsIcu(soname))
        {
            return new RuntimeLoadFamily(
                "icu",
                "ICU, for culture-aware globalization",
                new FindingFix(
                    FixStep.SetProperty("Set ", "InvariantGlobalization", "true", " if the app does not need culture data, or install ICU in the target image (e.g. libicu / icu-libs)"),
                    FixStep.SetProperty("With NativeAOT, ", "StaticICULinking", "true", " links it in")),
                true,
                "libicuuc.so");
        }

        if (soname.StartsWith("libgssapi_krb5.so", StringComparison.Ordinal))
        {
            return new RuntimeLoadFamily(
                "gssapi",
                "GSSAPI/Kerberos, only for Negotiate and Kerberos authentication",
                new FindingFix(
                    FixStep.Advice("Nothing to do unless the app uses Negotiate/Kerberos authentication; then install it in the target image (e.g. libgssapi-krb5-2 / krb5-libs)"),
                    FixStep.AllowLibrary("Silence it with ", "gssapi", "libgssapi_krb5.so.*", "no Kerberos")),
                true);
        }

        var stem = StemOf(soname);
        return new RuntimeLoadFamily(
            stem,
            null,
            new FindingFix(FixStep.AllowLibrary($"Make sure the target system provides {soname}, bundle a build of it in the output, or allow it with ", soname)),
            false);
    }

    /// <summary>libfoo.so.1.2 -> libfoo.</summary>
    public static string StemOf(string soname)
    {
        var index = soname.LastIndexOf(".so", StringComparison.Ordinal);
        return index > 0 ? soname.Substring(0, index) : soname;
    }
}
