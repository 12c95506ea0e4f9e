using System.Diagnostics.CodeAnalysis;

namespace StaticLink.Core.Json;

/// <summary>The kinds of JSON value, named as RFC 8259 names them.</summary>
[SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "JSON's own names for its types.")]
public enum JsonValueKind
{
    Null,
    Boolean,
    Number,
    String,
    Array,
    Object,
}
