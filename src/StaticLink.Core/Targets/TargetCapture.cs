#if NET8_0_OR_GREATER
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using StaticLink.Core.Elf;
using StaticLink.Core.Policy;
using StaticLink.Core.Targets.Capture;

namespace StaticLink.Core.Targets;

/// <summary>
/// Reads a root filesystem the way its dynamic loader would see it and describes it as a target: the loader's search
/// directories, every shared library found there under the name the loader looks up (the directory entry's name: a
/// NEEDED name is matched against file names, not against SONAMEs), their version definitions, and the C library's
/// flavour, release and (for musl) exported symbols. Nothing in the root is executed.
/// </summary>
/// <remarks>
/// Only for .NET 8 and later: reading symbolic links (FileSystemInfo.LinkTarget) and tar archives
/// (System.Formats.Tar) are not in netstandard2.0, and a capture of a Linux root is a CLI and CI job, never one that
/// runs inside Visual Studio's .NET Framework MSBuild, which is what the netstandard2.0 build is for.
/// </remarks>
public static class TargetCapture
{
    /// <summary>The smallest ELF file: a 32-bit header. Also what keeps FIFOs and devices (whose size is 0) unopened.</summary>
    private const int SmallestElfFile = 52;

    public static TargetDescription Capture(string root, string id, TargetKind kind) => CaptureWithNotes(root, id, kind).Target;

    /// <summary>As <see cref="Capture"/>, with the files it skipped and how it decided.</summary>
    /// <param name="architectureName">The RID architecture to record when the root has no C library to tell (distroless static); ignored otherwise.</param>
    /// <exception cref="TargetCaptureException">The root does not exist or is not a directory.</exception>
    public static TargetCaptureResult CaptureWithNotes(string root, string id, TargetKind kind, string? architectureName = null)
    {
        if (root is null)
        {
            throw new ArgumentNullException(nameof(root));
        }

        if (id is null)
        {
            throw new ArgumentNullException(nameof(id));
        }

        if (!Directory.Exists(root))
        {
            throw new TargetCaptureException($"the root filesystem '{root}' does not exist or is not a directory");
        }

        var rootPath = new RootPath(root);
        var session = new CaptureSession(rootPath);
        return session.Run(id, kind, architectureName);
    }

    /// <summary>
    /// Captures an image archive (`docker save` or an OCI image layout tar): its layers are applied in order into a
    /// temporary directory, which is captured and deleted; the image config's Env becomes the target's environment.
    /// </summary>
    /// <exception cref="TargetCaptureException">The archive cannot be read as an image.</exception>
    public static TargetCaptureResult CaptureImage(string archivePath, string id, TargetKind kind, string? architectureName = null)
    {
        if (archivePath is null)
        {
            throw new ArgumentNullException(nameof(archivePath));
        }

        if (!File.Exists(archivePath))
        {
            throw new TargetCaptureException($"the image archive '{archivePath}' does not exist");
        }

        var work = Path.Combine(Path.GetTempPath(), "staticlink-image-" + Guid.NewGuid().ToString("N"));
        var root = Path.Combine(work, "root");
        var blobs = Path.Combine(work, "blobs");
        Directory.CreateDirectory(root);
        Directory.CreateDirectory(blobs);
        try
        {
            var notes = new List<string>();
            var environment = ImageArchive.Unpack(archivePath, root, blobs, notes);
            var captured = CaptureWithNotes(root, id ?? throw new ArgumentNullException(nameof(id)), kind, architectureName);
            var old = captured.Target;
            var target = new TargetDescription(old.Id, old.Kind, old.ArchitectureName, old.Libc, old.LibcVersion, old.Libraries)
            {
                Source = old.Source.Replace("a root filesystem", "an image archive", StringComparison.Ordinal),
                LibcSymbols = old.LibcSymbols,
                Environment = environment,
            };
            notes.AddRange(captured.Notes);
            return new TargetCaptureResult(target, captured.SkippedFiles, notes);
        }
        finally
        {
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // A temporary directory left behind is no reason to lose the capture.
            }
        }
    }

    /// <summary>One capture: the skipped files and notes it collects on the way.</summary>
    private sealed class CaptureSession
    {
        private readonly RootPath _root;
        private readonly List<string> _skipped = [];
        private readonly List<string> _notes = [];

        public CaptureSession(RootPath root)
        {
            _root = root;
        }

        public TargetCaptureResult Run(string id, TargetKind kind, string? architectureName)
        {
            var loader = FindLoader();
            if (loader is null)
            {
                _notes.Add("no glibc or musl dynamic loader at /lib64, /lib: a root without a C library");
                var none = new TargetDescription(id, kind, architectureName ?? string.Empty, LibcFlavor.None, null, [])
                {
                    Source = "captured from a root filesystem without a C library",
                };
                return new TargetCaptureResult(none, _skipped, _notes);
            }

            var (flavor, architecture, interpreterPath) = loader.Value;
            var directories = flavor == LibcFlavor.Glibc
                ? LoaderSearchPath.Glibc(_root, architecture)
                : LoaderSearchPath.Musl(_root, MuslArchName(interpreterPath));
            _notes.Add($"{ElfNames.Libc(flavor)} loader {interpreterPath}; search path {string.Join(":", directories)}");

            var libraries = ScanDirectories(directories, architecture);
            var interpreter = ReadLibrary(interpreterPath, ForwardSlashPath.FileName(interpreterPath), architecture, ElfReadOptions.Summary);
            if (interpreter is not null)
            {
                libraries[interpreterPath] = interpreter.Value.Library;
            }

            var list = new List<TargetLibrary>(libraries.Values);
            list.Sort((left, right) => string.CompareOrdinal(left.Path, right.Path) is var byPath and not 0 ? byPath : string.CompareOrdinal(left.Soname, right.Soname));

            VersionNumber? release;
            ISet<string>? symbols = null;
            if (flavor == LibcFlavor.Glibc)
            {
                release = GlibcRelease(list);
            }
            else
            {
                var resolvedLoader = _root.Resolve(interpreterPath) ?? interpreterPath;
                release = LibcRelease.Musl(_root, _root.ToHost(resolvedLoader));
                symbols = MuslSymbols(interpreterPath, architecture);
                _notes.Add(release is null ? "musl release: not found in lib/apk/db/installed, var/lib/dpkg/status or the loader's strings" : "musl release " + release.Text);
            }

            if (_skipped.Count > 0)
            {
                _notes.Add(string.Format(CultureInfo.InvariantCulture, "{0} unreadable or malformed ELF file(s) skipped", _skipped.Count));
            }

            var source = string.Format(
                CultureInfo.InvariantCulture,
                "captured from a root filesystem: {0} loader {1}, {2} libraries{3}",
                ElfNames.Libc(flavor),
                interpreterPath,
                list.Count,
                _skipped.Count > 0 ? string.Format(CultureInfo.InvariantCulture, "; {0} unreadable or malformed ELF file(s) skipped", _skipped.Count) : string.Empty);
            var target = new TargetDescription(id, kind, architecture.RidName, flavor, release, list)
            {
                Source = source,
                LibcSymbols = symbols,
            };
            return new TargetCaptureResult(target, _skipped, _notes);
        }

        /// <summary>
        /// Which loader the root has decides its flavour: glibc's is at the path its executables name as interpreter
        /// (/lib64/ld-linux-x86-64.so.2, /lib/ld-linux-aarch64.so.1, ...), musl's is /lib/ld-musl-ARCH.so.1.
        /// </summary>
        private (LibcFlavor Flavor, TargetArchitecture Architecture, string Interpreter)? FindLoader()
        {
            foreach (var architecture in TargetArchitecture.All)
            {
                foreach (var name in architecture.GlibcLoaders)
                {
                    foreach (var directory in new[] { "/lib64/", "/lib/" })
                    {
                        if (IsRegularFile(directory + name))
                        {
                            return (LibcFlavor.Glibc, architecture, directory + name);
                        }
                    }
                }

                foreach (var name in architecture.MuslLoaders)
                {
                    if (IsRegularFile("/lib/" + name))
                    {
                        return (LibcFlavor.Musl, architecture, "/lib/" + name);
                    }
                }
            }

            return null;
        }

        private static string MuslArchName(string interpreterPath)
        {
            // ld-musl-x86_64.so.1 -> x86_64: the same name musl uses for its /etc/ld-musl-x86_64.path.
            var name = ForwardSlashPath.FileName(interpreterPath);
            return name.Substring("ld-musl-".Length, name.Length - "ld-musl-".Length - ".so.1".Length);
        }

        /// <summary>Every directory in order; a name found in an earlier directory hides the same name in later ones.</summary>
        private SortedDictionary<string, TargetLibrary> ScanDirectories(List<string> directories, TargetArchitecture architecture)
        {
            var byPath = new SortedDictionary<string, TargetLibrary>(StringComparer.Ordinal);
            var foundNames = new HashSet<string>(StringComparer.Ordinal);
            var scannedDirectories = new HashSet<string>(StringComparer.Ordinal);
            foreach (var directory in directories)
            {
                // With merged /usr, /lib is a link to usr/lib: the same directory twice adds nothing.
                var resolved = _root.Resolve(directory);
                if (resolved is null || !scannedDirectories.Add(resolved) || !Directory.Exists(_root.ToHost(resolved)))
                {
                    continue;
                }

                foreach (var name in LibraryNames(resolved))
                {
                    if (foundNames.Contains(name))
                    {
                        continue;
                    }

                    var path = (directory == "/" ? string.Empty : directory) + "/" + name;
                    // The loader passes over a library of another architecture and keeps searching (as it does here).
                    if (ReadLibrary(path, name, architecture, ElfReadOptions.Summary) is { } library)
                    {
                        foundNames.Add(name);
                        byPath[path] = library.Library;
                    }
                }
            }

            return byPath;
        }

        /// <summary>
        /// Names that may be libraries: ldconfig only considers names containing ".so" (elf/ldconfig.c, search_dir),
        /// and NEEDED names are sonames, which always do.
        /// </summary>
        private List<string> LibraryNames(string directoryInRoot)
        {
            var names = new List<string>();
            try
            {
                foreach (var entry in Directory.EnumerateFileSystemEntries(_root.ToHost(directoryInRoot)))
                {
                    var name = Path.GetFileName(entry);
                    if (name.Contains(".so", StringComparison.Ordinal))
                    {
                        names.Add(name);
                    }
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                _notes.Add($"{directoryInRoot}: cannot be listed: {exception.Message}");
            }

            names.Sort(StringComparer.Ordinal);
            return names;
        }

        /// <summary>A library at a path of the root, or null when it is no ELF shared object of the architecture.</summary>
        private (TargetLibrary Library, ElfFile File)? ReadLibrary(string pathInRoot, string lookupName, TargetArchitecture architecture, ElfReadOptions options)
        {
            if (HostFileToRead(pathInRoot) is not { } hostPath)
            {
                return null;
            }

            ElfFile file;
            try
            {
                if (!ElfReader.HasElfMagic(hostPath))
                {
                    // Linker scripts (libc.so), text and data files: not libraries, and not errors either.
                    return null;
                }

                file = ElfReader.Read(hostPath, options);
            }
            catch (Exception exception) when (exception is ElfFormatException or IOException or UnauthorizedAccessException)
            {
                _skipped.Add(pathInRoot + ": " + exception.Message);
                return null;
            }

            if (file.Type != ElfFileType.SharedObject || file.Machine != architecture.Machine || file.Class != architecture.Class)
            {
                return null;
            }

            var versions = new List<string>();
            foreach (var definition in file.VersionDefinitions)
            {
                // The first definition (VER_FLG_BASE) is the file's own name, not a version anything can need.
                if (definition != file.Soname && !versions.Contains(definition))
                {
                    versions.Add(definition);
                }
            }

            var library = new TargetLibrary(lookupName, pathInRoot, versions, new Dictionary<string, VersionNumber>(StringComparer.Ordinal));
            return (library, file);
        }

        /// <summary>The host path of a regular file the root names, links followed inside the root; null for anything else.</summary>
        private string? HostFileToRead(string pathInRoot)
        {
            var resolved = _root.Resolve(pathInRoot);
            if (resolved is null)
            {
                _notes.Add(pathInRoot + ": symbolic links loop or nest too deep; passed over");
                return null;
            }

            var hostPath = _root.ToHost(resolved);
            try
            {
                var info = new FileInfo(hostPath);
                // Directories, FIFOs, sockets and devices are never opened: a FIFO would block the read forever. Their
                // size is 0 on Linux, below any ELF header, so the size check keeps them out without an open().
                if (!info.Exists || info.Attributes.HasFlag(FileAttributes.Directory) || info.LinkTarget is not null || info.Length < SmallestElfFile)
                {
                    return null;
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                _skipped.Add(pathInRoot + ": " + exception.Message);
                return null;
            }

            return hostPath;
        }

        private bool IsRegularFile(string pathInRoot)
        {
            var resolved = _root.Resolve(pathInRoot);
            if (resolved is null)
            {
                return false;
            }

            var info = new FileInfo(_root.ToHost(resolved));
            return info.Exists && !info.Attributes.HasFlag(FileAttributes.Directory) && info.Length >= SmallestElfFile;
        }

        private VersionNumber? GlibcRelease(List<TargetLibrary> libraries)
        {
            foreach (var library in libraries)
            {
                if (library.Soname != "libc.so.6" || library.Path is null || _root.Resolve(library.Path) is not { } resolved)
                {
                    continue;
                }

                if (LibcRelease.GlibcFromBanner(_root.ToHost(resolved)) is { } banner)
                {
                    _notes.Add($"glibc release {banner.Text}, from the banner of {library.Path}");
                    return banner;
                }

                var newest = LibcRelease.GlibcFromVersions(library);
                _notes.Add($"glibc release {newest?.Text ?? "unknown"}: no banner in {library.Path}, the newest GLIBC_ version it defines");
                return newest;
            }

            _notes.Add("glibc release unknown: no libc.so.6 on the search path");
            return null;
        }

        /// <summary>musl's libc is its loader: every symbol it exports, and the large-file names its loader still maps.</summary>
        private HashSet<string>? MuslSymbols(string interpreterPath, TargetArchitecture architecture)
        {
            if (ReadLibrary(interpreterPath, ForwardSlashPath.FileName(interpreterPath), architecture, ElfReadOptions.WithSymbols) is not { } read)
            {
                return null;
            }

            var symbols = new HashSet<string>(read.File.ExportedSymbols, StringComparer.Ordinal);
            foreach (var name in MuslLargeFileNames.Bases)
            {
                if (symbols.Contains(name))
                {
                    symbols.Add(name + "64");
                }
            }

            return symbols;
        }
    }
}
#endif
