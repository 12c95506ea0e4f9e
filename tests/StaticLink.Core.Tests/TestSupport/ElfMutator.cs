using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using StaticLink.Core.Elf;

namespace StaticLink.Core.Tests.TestSupport;

/// <summary>
/// Seeded corruption of an ELF image in place: truncations, bit flips, field overwrites with boundary values and
/// byte splats, aimed mostly at the structures the reader parses. Every change can be undone, so one buffer serves
/// thousands of cases without copying.
/// </summary>
internal sealed class ElfMutator
{
    private readonly byte[] _buffer;
    private readonly List<(string Name, int Offset, int Size)> _targets;
    private readonly List<(int Offset, byte Value)> _undo = [];

    public ElfMutator(byte[] buffer, ElfFile parsed)
    {
        _buffer = buffer;
        _targets = Targets(parsed, buffer.Length);
    }

    public int Length { get; private set; }

    public IReadOnlyList<(string Name, int Offset, int Size)> TargetRegions => _targets;

    /// <summary>Applies 1-3 seeded mutations and says what they were; <see cref="Length"/> is the length to read.</summary>
    public string Mutate(int seed)
    {
        var random = new Random(seed);
        Length = _buffer.Length;
        var steps = random.Next(10) < 7 ? 1 : random.Next(2, 4);
        var description = new List<string>();
        for (var i = 0; i < steps; i++)
        {
            description.Add(random.Next(100) switch
            {
                < 15 => Truncate(random),
                < 45 => FlipBits(random),
                < 85 => OverwriteField(random),
                _ => Splat(random),
            });
        }

        return string.Join("; ", description);
    }

    public void Undo()
    {
        for (var i = _undo.Count - 1; i >= 0; i--)
        {
            _buffer[_undo[i].Offset] = _undo[i].Value;
        }

        _undo.Clear();
        Length = _buffer.Length;
    }

    private static List<(string, int, int)> Targets(ElfFile file, int length)
    {
        var targets = new List<(string, int, int)> { ("file header", 0, Math.Min(length, 64)) };
        void Add(string name, ulong offset, ulong size)
        {
            if (offset < (ulong)length && size > 0)
            {
                targets.Add((name, (int)offset, (int)Math.Min(Math.Min(size, 4096UL), (ulong)length - offset)));
            }
        }

        foreach (var header in file.ProgramHeaders)
        {
            var name = header.Type switch
            {
                1 => "PT_LOAD",
                2 => "PT_DYNAMIC",
                3 => "PT_INTERP",
                4 => "PT_NOTE",
                _ => null,
            };
            if (name != null && header.Type != 1)
            {
                Add(name, header.Offset, header.FileSize);
            }
        }

        foreach (var section in file.Sections)
        {
            if (section.Name is ".dynstr" or ".dynsym" or ".gnu.version" or ".gnu.version_r" or ".gnu.version_d" or ".gnu.hash" or ".hash" or ".shstrtab" or ".dynamic")
            {
                Add(section.Name, section.Offset, section.Size);
            }
        }

        return targets;
    }

    private (string Name, int Offset, int Size) PickRegion(Random random) =>
        random.Next(10) < 8 ? _targets[random.Next(_targets.Count)] : ("anywhere", 0, _buffer.Length);

    private void Set(int offset, byte value)
    {
        if (offset >= 0 && offset < _buffer.Length)
        {
            _undo.Add((offset, _buffer[offset]));
            _buffer[offset] = value;
        }
    }

    private string Truncate(Random random)
    {
        var (name, offset, size) = PickRegion(random);
        var at = random.Next(3) switch
        {
            0 => offset,
            1 => offset + size,
            _ => offset + random.Next(Math.Max(1, size)),
        } + random.Next(-2, 3);
        Length = Math.Clamp(Math.Min(Length, at), 0, _buffer.Length);
        return $"truncate to {Length} bytes (near {name})";
    }

    private string FlipBits(Random random)
    {
        var (name, offset, size) = PickRegion(random);
        var count = random.Next(1, 5);
        var flipped = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var at = offset + random.Next(Math.Max(1, size));
            var bit = random.Next(8);
            Set(at, (byte)(_buffer[Math.Min(at, _buffer.Length - 1)] ^ (1 << bit)));
            flipped.Add(string.Create(CultureInfo.InvariantCulture, $"0x{at:x}.{bit}"));
        }

        return $"flip bits {string.Join(",", flipped)} (in {name})";
    }

    private string OverwriteField(Random random)
    {
        var (name, offset, size) = PickRegion(random);
        var width = new[] { 1, 2, 4, 8 }[random.Next(4)];
        var at = offset + (random.Next(Math.Max(1, size)) / width * width);
        var length = (ulong)_buffer.Length;
        ulong[] interesting =
        [
            0, 1, 2, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff,
            0x7fffffffffffffff, ulong.MaxValue, length, length - 1, length + 1, (ulong)at, 0x10, 0x40,
            (ulong)random.NextInt64(), (ulong)random.Next(0, _buffer.Length),
        ];
        var value = interesting[random.Next(interesting.Length)];
        if (width < 8)
        {
            value &= (1UL << (8 * width)) - 1;
        }

        var bigEndian = _buffer.Length > 5 && _buffer[5] == 2;
        for (var i = 0; i < width; i++)
        {
            var shift = 8 * (bigEndian ? width - 1 - i : i);
            Set(at + i, (byte)(value >> shift));
        }

        return string.Create(CultureInfo.InvariantCulture, $"write {width}-byte 0x{value:x} at 0x{at:x} (in {name})");
    }

    private string Splat(Random random)
    {
        var (name, offset, size) = PickRegion(random);
        var at = offset + random.Next(Math.Max(1, size));
        var count = random.Next(1, 65);
        var fill = random.Next(3) switch
        {
            0 => (byte)0,
            1 => (byte)0xff,
            _ => (byte)random.Next(256),
        };
        for (var i = 0; i < count; i++)
        {
            Set(at + i, fill);
        }

        return string.Create(CultureInfo.InvariantCulture, $"fill {count} bytes at 0x{at:x} with 0x{fill:x2} (in {name})");
    }

    public override string ToString() => string.Join(", ", _targets.Select(t => t.Name).Distinct());
}
