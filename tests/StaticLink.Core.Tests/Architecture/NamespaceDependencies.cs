using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;

namespace StaticLink.Core.Tests.Architecture;

/// <summary>
/// Which namespaces of an assembly use which, read from the compiled code: base types, interfaces, fields, properties,
/// method signatures, attributes, and every type, method and field token in the method bodies (so a use inside a
/// method, which no signature shows, counts too). Nested and compiler-generated types count for the namespace they
/// are declared in.
/// </summary>
internal static class NamespaceDependencies
{
    private const BindingFlags Everything =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> OneByteOpCodes = [];
    private static readonly Dictionary<short, OpCode> TwoByteOpCodes = [];

    static NamespaceDependencies()
    {
        foreach (var field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            if (field.GetValue(null) is OpCode code)
            {
                var table = (code.Value & 0xff00) == 0xfe00 ? TwoByteOpCodes : OneByteOpCodes;
                table[(short)(code.Value & 0xff)] = code;
            }
        }
    }

    /// <summary>For each namespace of the assembly that starts with <paramref name="prefix"/>, the others it uses.</summary>
    public static Dictionary<string, HashSet<string>> Of(Assembly assembly, string prefix)
    {
        var edges = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var type in assembly.GetTypes())
        {
            var from = type.Namespace;
            if (from is null || !from.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            if (!edges.TryGetValue(from, out var used))
            {
                used = new HashSet<string>(StringComparer.Ordinal);
                edges[from] = used;
            }

            foreach (var referenced in TypesUsedBy(type))
            {
                var to = referenced.Namespace;
                if (referenced.Assembly == assembly && to is not null && to != from && to.StartsWith(prefix, StringComparison.Ordinal))
                {
                    used.Add(to);
                }
            }
        }

        return edges;
    }

    /// <summary>Every type one type's code names.</summary>
    public static IEnumerable<Type> TypesUsedBy(Type type)
    {
        var found = new List<Type>();
        Add(found, type.BaseType);
        foreach (var face in type.GetInterfaces())
        {
            Add(found, face);
        }

        AddAttributes(found, type.CustomAttributes);
        foreach (var field in type.GetFields(Everything))
        {
            Add(found, field.FieldType);
            AddAttributes(found, field.CustomAttributes);
        }

        foreach (var property in type.GetProperties(Everything))
        {
            Add(found, property.PropertyType);
        }

        foreach (var method in type.GetMethods(Everything).Cast<MethodBase>().Concat(type.GetConstructors(Everything)))
        {
            if (method is MethodInfo info)
            {
                Add(found, info.ReturnType);
            }

            foreach (var parameter in method.GetParameters())
            {
                Add(found, parameter.ParameterType);
            }

            AddAttributes(found, method.CustomAttributes);
            AddBody(found, type, method);
        }

        return found;
    }

    private static void AddAttributes(List<Type> found, IEnumerable<CustomAttributeData> attributes)
    {
        foreach (var attribute in attributes)
        {
            Add(found, attribute.AttributeType);
        }
    }

    private static void AddBody(List<Type> found, Type type, MethodBase method)
    {
        var body = method.GetMethodBody();
        var il = body?.GetILAsByteArray();
        if (body is null || il is null)
        {
            return;
        }

        foreach (var local in body.LocalVariables)
        {
            Add(found, local.LocalType);
        }

        var typeArguments = type.IsGenericTypeDefinition ? type.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethodDefinition ? method.GetGenericArguments() : null;
        var position = 0;
        while (position < il.Length)
        {
            OpCode code;
            var first = il[position++];
            if (first == 0xfe)
            {
                code = TwoByteOpCodes[il[position++]];
            }
            else
            {
                code = OneByteOpCodes[first];
            }

            switch (code.OperandType)
            {
                case OperandType.InlineMethod:
                case OperandType.InlineField:
                case OperandType.InlineType:
                case OperandType.InlineTok:
                    var token = BitConverter.ToInt32(il, position);
                    var member = method.Module.ResolveMember(token, typeArguments, methodArguments);
                    switch (member)
                    {
                        case Type referenced:
                            Add(found, referenced);
                            break;
                        case FieldInfo field:
                            Add(found, field.DeclaringType);
                            Add(found, field.FieldType);
                            break;
                        case MethodBase called:
                            Add(found, called.DeclaringType);
                            if (called is MethodInfo { IsGenericMethod: true } generic)
                            {
                                foreach (var argument in generic.GetGenericArguments())
                                {
                                    Add(found, argument);
                                }
                            }

                            break;
                    }

                    position += 4;
                    break;
                case OperandType.InlineSwitch:
                    var count = BitConverter.ToInt32(il, position);
                    position += 4 + (4 * count);
                    break;
                default:
                    position += OperandSize(code.OperandType);
                    break;
            }
        }
    }

    private static int OperandSize(OperandType operand) => operand switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        _ => 4,
    };

    /// <summary>A type and what it is built from: element types of arrays and references, generic arguments.</summary>
    private static void Add(List<Type> found, Type? type)
    {
        if (type is null || type.IsGenericParameter)
        {
            return;
        }

        if (type.HasElementType)
        {
            Add(found, type.GetElementType());
            return;
        }

        found.Add(type);
        if (type.IsGenericType && !type.IsGenericTypeDefinition)
        {
            foreach (var argument in type.GetGenericArguments())
            {
                Add(found, argument);
            }
        }
    }
}
