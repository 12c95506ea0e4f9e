using System.Collections.Generic;

namespace StaticLink.Core.Managed;

/// <summary>One native library an assembly calls with P/Invoke (DllImport, or LibraryImport's generated DllImport).</summary>
/// <param name="Name">The module name as written in the attribute, e.g. "libgdiplus" or "e_sqlite3".</param>
/// <param name="ImportCount">How many methods import from it.</param>
/// <param name="EntryPoints">The first few entry point names, in metadata order, for messages.</param>
public sealed record PInvokeModule(string Name, int ImportCount, IReadOnlyList<string> EntryPoints);
