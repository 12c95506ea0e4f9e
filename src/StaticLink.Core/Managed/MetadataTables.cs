using System;
using System.Globalization;

namespace StaticLink.Core.Managed;

/// <summary>
/// The compressed metadata table stream (#~, ECMA-335 II.24.2.6): row counts, index widths and the row size of
/// every table up to ImplMap, which is all it takes to find the ModuleRef and ImplMap rows. Table numbers and
/// column layouts are named as in the specification (II.22).
/// </summary>
internal sealed class MetadataTables
{
    public const int Module = 0x00;
    public const int TypeRef = 0x01;
    public const int TypeDef = 0x02;
    public const int FieldPtr = 0x03;
    public const int Field = 0x04;
    public const int MethodPtr = 0x05;
    public const int MethodDef = 0x06;
    public const int ParamPtr = 0x07;
    public const int Param = 0x08;
    public const int InterfaceImpl = 0x09;
    public const int MemberRef = 0x0A;
    public const int Constant = 0x0B;
    public const int CustomAttribute = 0x0C;
    public const int FieldMarshal = 0x0D;
    public const int DeclSecurity = 0x0E;
    public const int ClassLayout = 0x0F;
    public const int FieldLayout = 0x10;
    public const int StandAloneSig = 0x11;
    public const int EventMap = 0x12;
    public const int EventPtr = 0x13;
    public const int Event = 0x14;
    public const int PropertyMap = 0x15;
    public const int PropertyPtr = 0x16;
    public const int Property = 0x17;
    public const int MethodSemantics = 0x18;
    public const int MethodImpl = 0x19;
    public const int ModuleRef = 0x1A;
    public const int TypeSpec = 0x1B;
    public const int ImplMap = 0x1C;
    public const int Assembly = 0x20;
    public const int AssemblyRef = 0x23;
    public const int File = 0x26;
    public const int ExportedType = 0x27;
    public const int ManifestResource = 0x28;
    public const int GenericParam = 0x2A;
    public const int MethodSpec = 0x2B;
    public const int GenericParamConstraint = 0x2C;

    private const int TableCount = 64;
    private const int FixedHeaderLength = 24;
    private const byte LargeStrings = 0x01;
    private const byte LargeGuids = 0x02;
    private const byte LargeBlobs = 0x04;
    private const byte ExtraData = 0x40;

    private static readonly int[] TypeDefOrRef = [TypeDef, TypeRef, TypeSpec];
    private static readonly int[] HasConstant = [Field, Param, Property];
    private static readonly int[] HasCustomAttribute =
    [
        MethodDef, Field, TypeRef, TypeDef, Param, InterfaceImpl, MemberRef, Module, DeclSecurity, Property, Event,
        StandAloneSig, ModuleRef, TypeSpec, Assembly, AssemblyRef, File, ExportedType, ManifestResource, GenericParam,
        GenericParamConstraint, MethodSpec,
    ];

    private static readonly int[] HasFieldMarshal = [Field, Param];
    private static readonly int[] HasDeclSecurity = [TypeDef, MethodDef, Assembly];
    private static readonly int[] MemberRefParent = [TypeDef, TypeRef, ModuleRef, MethodDef, TypeSpec];
    private static readonly int[] HasSemantics = [Event, Property];
    private static readonly int[] MethodDefOrRef = [MethodDef, MemberRef];
    private static readonly int[] MemberForwarded = [Field, MethodDef];
    private static readonly int[] CustomAttributeType = [MethodDef, MemberRef];

    private readonly uint[] _rows = new uint[TableCount];
    private readonly long[] _tableOffsets = new long[ImplMap + 1];
    private readonly int[] _rowSizes = new int[ImplMap + 1];
    private int _stringSize;
    private int _guidSize;
    private int _blobSize;
    private bool _allLarge;

    private MetadataTables()
    {
    }

    /// <summary>String heap indexes are 2 or 4 bytes wide.</summary>
    public int StringIndexSize => _stringSize;

    public uint RowCount(int table) => _rows[table];

    /// <summary>File offset of the first row of <paramref name="table"/> (up to ImplMap).</summary>
    public long TableOffset(int table) => _tableOffsets[table];

    public int RowSize(int table) => _rowSizes[table];

    /// <summary>Width of a simple index into <paramref name="table"/>.</summary>
    public int IndexSize(int table) => !_allLarge && _rows[table] < 0x10000 ? 2 : 4;

    /// <summary>Width of the MemberForwarded coded index (ImplMap's second column).</summary>
    public int MemberForwardedSize => CodedIndexSize(MemberForwarded, 1);

    /// <param name="source">The assembly's bytes.</param>
    /// <param name="offset">File offset of the table stream.</param>
    /// <param name="size">The stream's size.</param>
    /// <param name="allLarge">An #JTD stream is present: every index is 4 bytes wide.</param>
    public static MetadataTables Read(AssemblyByteSource source, long offset, long size, bool allLarge)
    {
        if (size < FixedHeaderLength)
        {
            throw new AssemblyFormatException(offset, string.Format(CultureInfo.InvariantCulture, "the metadata table stream is {0} bytes, too short for its header", size));
        }

        var header = source.Read(offset, FixedHeaderLength, "the metadata table stream header");
        var heapSizes = header[6];
        var valid = AssemblyByteSource.UInt64(header, 8);
        var present = 0;
        for (var table = 0; table < TableCount; table++)
        {
            if ((valid & (1UL << table)) != 0)
            {
                present++;
            }
        }

        var countsLength = (present * 4) + ((heapSizes & ExtraData) != 0 ? 4 : 0);
        if (FixedHeaderLength + countsLength > size)
        {
            throw new AssemblyFormatException(offset, string.Format(CultureInfo.InvariantCulture, "the metadata table stream declares {0} tables, more than its {1} bytes can count", present, size));
        }

        var counts = source.Read(offset + FixedHeaderLength, countsLength, "the metadata table row counts");
        var tables = new MetadataTables
        {
            _stringSize = allLarge || (heapSizes & LargeStrings) != 0 ? 4 : 2,
            _guidSize = allLarge || (heapSizes & LargeGuids) != 0 ? 4 : 2,
            _blobSize = allLarge || (heapSizes & LargeBlobs) != 0 ? 4 : 2,
        };

        var next = 0;
        for (var table = 0; table < TableCount; table++)
        {
            if ((valid & (1UL << table)) != 0)
            {
                tables._rows[table] = AssemblyByteSource.UInt32(counts, next * 4);
                next++;
            }
        }

        tables._allLarge = allLarge;
        tables.Layout(offset + FixedHeaderLength + countsLength, offset + size);
        return tables;
    }

    private void Layout(long first, long streamEnd)
    {
        var position = first;
        for (var table = 0; table <= ImplMap; table++)
        {
            _rowSizes[table] = ComputeRowSize(table);
            _tableOffsets[table] = position;
            var tableLength = (long)_rows[table] * _rowSizes[table];
            if (tableLength > streamEnd - position)
            {
                throw new AssemblyFormatException(
                    position,
                    string.Format(CultureInfo.InvariantCulture, "metadata table 0x{0:x2} ({1} rows of {2} bytes) extends past the end of the table stream", table, _rows[table], _rowSizes[table]));
            }

            position += tableLength;
        }
    }

    private int ComputeRowSize(int table)
    {
        var s = _stringSize;
        var g = _guidSize;
        var b = _blobSize;
        return table switch
        {
            Module => 2 + s + g + g + g,
            TypeRef => CodedIndexSize([Module, ModuleRef, AssemblyRef, TypeRef], 2) + s + s,
            TypeDef => 4 + s + s + CodedIndexSize(TypeDefOrRef, 2) + IndexSize(Field) + IndexSize(MethodDef),
            FieldPtr => IndexSize(Field),
            Field => 2 + s + b,
            MethodPtr => IndexSize(MethodDef),
            MethodDef => 4 + 2 + 2 + s + b + IndexSize(Param),
            ParamPtr => IndexSize(Param),
            Param => 2 + 2 + s,
            InterfaceImpl => IndexSize(TypeDef) + CodedIndexSize(TypeDefOrRef, 2),
            MemberRef => CodedIndexSize(MemberRefParent, 3) + s + b,
            Constant => 2 + CodedIndexSize(HasConstant, 2) + b,
            CustomAttribute => CodedIndexSize(HasCustomAttribute, 5) + CodedIndexSize(CustomAttributeType, 3) + b,
            FieldMarshal => CodedIndexSize(HasFieldMarshal, 1) + b,
            DeclSecurity => 2 + CodedIndexSize(HasDeclSecurity, 2) + b,
            ClassLayout => 2 + 4 + IndexSize(TypeDef),
            FieldLayout => 4 + IndexSize(Field),
            StandAloneSig => b,
            EventMap => IndexSize(TypeDef) + IndexSize(Event),
            EventPtr => IndexSize(Event),
            Event => 2 + s + CodedIndexSize(TypeDefOrRef, 2),
            PropertyMap => IndexSize(TypeDef) + IndexSize(Property),
            PropertyPtr => IndexSize(Property),
            Property => 2 + s + b,
            MethodSemantics => 2 + IndexSize(MethodDef) + CodedIndexSize(HasSemantics, 1),
            MethodImpl => IndexSize(TypeDef) + CodedIndexSize(MethodDefOrRef, 1) + CodedIndexSize(MethodDefOrRef, 1),
            ModuleRef => s,
            TypeSpec => b,
            ImplMap => 2 + CodedIndexSize(MemberForwarded, 1) + s + IndexSize(ModuleRef),
            _ => throw new ArgumentOutOfRangeException(nameof(table)),
        };
    }

    /// <summary>2 bytes when every referenced table's row count fits in the bits left after the tag, 4 otherwise (II.24.2.6).</summary>
    private int CodedIndexSize(int[] tables, int tagBits)
    {
        if (_allLarge)
        {
            return 4;
        }

        var limit = 1u << (16 - tagBits);
        foreach (var table in tables)
        {
            if (_rows[table] >= limit)
            {
                return 4;
            }
        }

        return 2;
    }
}
