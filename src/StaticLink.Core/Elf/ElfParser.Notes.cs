using System.Text;
using static StaticLink.Core.Elf.ElfConstants;

namespace StaticLink.Core.Elf;

internal sealed partial class ElfParser
{
    // Note segments are small; anything bigger is not a note table worth reading for a build id.
    private const ulong MaximumNoteBytes = 1 << 20;

    private string? ReadBuildId() =>
        FindGnuNote(NT_GNU_BUILD_ID) is { } note ? ToHex(note.Bytes, note.Start, note.Length) : null;

    /// <summary>The descriptor of the first note of this type owned by "GNU", in PT_NOTE segments or else SHT_NOTE sections.</summary>
    private (byte[] Bytes, int Start, int Length)? FindGnuNote(uint wanted)
    {
        foreach (var header in _programHeaders)
        {
            if (header.Type == PT_NOTE && header.FileSize > 0)
            {
                var found = FindGnuNote(header.Offset, header.FileSize, wanted);
                if (found is not null)
                {
                    return found;
                }
            }
        }

        foreach (var section in _sections)
        {
            if (section.Type == SHT_NOTE && section.Size > 0)
            {
                var found = FindGnuNote(section.Offset, section.Size, wanted);
                if (found is not null)
                {
                    return found;
                }
            }
        }

        return null;
    }

    private (byte[] Bytes, int Start, int Length)? FindGnuNote(ulong offset, ulong size, uint wanted)
    {
        if (size > MaximumNoteBytes || !_source.Contains(offset, size))
        {
            // A note table the file cannot hold is the kind of damage the loader ignores too; no note then.
            return null;
        }

        var notes = _source.Read(offset, size, "note");
        var at = 0;
        while (at + 12 <= notes.Length)
        {
            var nameSize = _decoder.U32(notes, at);
            var descriptorSize = _decoder.U32(notes, at + 4);
            var type = _decoder.U32(notes, at + 8);
            var nameStart = at + 12;
            var alignedName = Align4(nameSize);
            if (alignedName > (ulong)notes.Length || descriptorSize > (ulong)notes.Length)
            {
                return null;
            }

            var descriptorStart = (ulong)nameStart + alignedName;
            if (descriptorStart + descriptorSize > (ulong)notes.Length)
            {
                return null;
            }

            if (type == wanted && nameSize == 4 && notes[nameStart] == (byte)'G' && notes[nameStart + 1] == (byte)'N'
                && notes[nameStart + 2] == (byte)'U' && notes[nameStart + 3] == 0)
            {
                return (notes, (int)descriptorStart, (int)descriptorSize);
            }

            at = (int)(descriptorStart + Align4(descriptorSize));
        }

        return null;
    }

    private static ulong Align4(ulong value) => (value + 3) & ~3UL;

    private static string ToHex(byte[] data, int start, int length)
    {
        const string Digits = "0123456789abcdef";
        var builder = new StringBuilder(length * 2);
        for (var index = start; index < start + length; index++)
        {
            builder.Append(Digits[data[index] >> 4]).Append(Digits[data[index] & 0xf]);
        }

        return builder.ToString();
    }
}
