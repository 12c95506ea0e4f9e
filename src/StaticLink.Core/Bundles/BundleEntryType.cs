namespace StaticLink.Core.Bundles;

/// <summary>
/// The type byte of a bundle entry (file_type_t in the .NET host). Values outside the enum keep their number and
/// print through <see cref="BundleNames.EntryType"/>.
/// </summary>
public enum BundleEntryType : byte
{
    Unknown = 0,
    Assembly = 1,
    NativeBinary = 2,
    DepsJson = 3,
    RuntimeConfigJson = 4,
    Symbols = 5,
}
