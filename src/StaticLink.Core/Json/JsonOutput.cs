using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;

namespace StaticLink.Core.Json;

/// <summary>
/// A <see cref="Utf8JsonWriter"/> onto a <see cref="TextWriter"/> (the console, a file, a string): indented by two
/// spaces, and escaping only what JSON requires, so that paths and messages stay readable (no \u00e9 for é, no \u002B
/// for +). Utf8JsonWriter writes bytes; they are handed on to the text writer at each <see cref="Flush"/>, or
/// straight to the stream under a UTF-8 <see cref="StreamWriter"/>.
/// </summary>
internal sealed class JsonOutput : IDisposable
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JsonRequiredEscaping.Instance,
    };

    private readonly TextWriter _output;
    private readonly StreamWriter? _stream;
    private readonly MemoryStream? _buffer;

    public JsonOutput(TextWriter output)
    {
        _output = output ?? throw new ArgumentNullException(nameof(output));
        if (output is StreamWriter { Encoding.CodePage: 65001 } stream)
        {
            // The command line writes to a UTF-8 StreamWriter: its bytes can go to the stream without a round trip
            // through UTF-16, once what the text writer holds has gone ahead of them.
            _stream = stream;
            stream.Flush();
            Json = new Utf8JsonWriter(stream.BaseStream, Options);
        }
        else
        {
            _buffer = new MemoryStream();
            Json = new Utf8JsonWriter(_buffer, Options);
        }
    }

    public Utf8JsonWriter Json { get; }

    /// <summary>Writes the property <paramref name="name"/> as an array of <paramref name="values"/>, in their order.</summary>
    public static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    /// <summary>Hands what has been written on to the text writer; call it before writing to that text writer directly.</summary>
    public void Flush()
    {
        _stream?.Flush();
        Json.Flush();
        if (_buffer is null || _buffer.Length == 0)
        {
            return;
        }

        // Utf8JsonWriter flushes whole tokens, so the buffer never ends inside a character.
        _output.Write(Encoding.UTF8.GetString(_buffer.GetBuffer(), 0, (int)_buffer.Length));
        _buffer.SetLength(0);
    }

    public void Dispose()
    {
        Flush();
        Json.Dispose();
        _buffer?.Dispose();
    }
}
