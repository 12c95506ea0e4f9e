using System.Collections.Generic;
using static StaticLink.Core.Elf.ElfConstants;

namespace StaticLink.Core.Elf;

/// <summary>
/// Reads one file, structure by structure, into an <see cref="ElfFile"/>. The steps live in partial files by concern:
/// headers, the dynamic table, symbol versions, notes, and the facts derived from all of them.
/// </summary>
internal sealed partial class ElfParser
{
    private readonly ElfByteSource _source;
    private readonly ElfReadOptions _options;
    private readonly ElfFile _file = new();
    private ElfDecoder _decoder;
    private List<ElfProgramHeader> _programHeaders = [];
    private ElfSectionTable _sections = ElfSectionTable.Empty;

    private ElfParser(ElfByteSource source, ElfReadOptions options)
    {
        _source = source;
        _options = options;
    }

    public static ElfFile Parse(ElfByteSource source, ElfReadOptions options)
    {
        var parser = new ElfParser(source, options);
        parser.ParseAll();
        return parser._file;
    }

    private void ParseAll()
    {
        _file.Length = _source.Length;
        var header = ReadFileHeader();
        _sections = ReadSectionHeaders(header);
        _file.Sections = _sections;
        _programHeaders = ReadProgramHeaders(header);
        _file.ProgramHeaders = _programHeaders;
        _file.Interpreter = ReadInterpreter();
        ReadDynamicTable();
        _file.BuildId = ReadBuildId();
        DeriveFacts();
    }
}
