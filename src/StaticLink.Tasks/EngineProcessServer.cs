using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace StaticLink.Tasks;

/// <summary>
/// The engine process's side of <see cref="EngineProtocol"/>: reads the task's parameters, runs the very same task
/// against a <see cref="ForwardingBuildEngine"/>, and writes what it logged, its outputs and its stamp.
/// </summary>
internal static class EngineProcessServer
{
    /// <summary>Exit code of a run that could not read its input or failed inside the task: the task in MSBuild checks again itself.</summary>
    public const int FailedExitCode = 70;

    public static int Run(TextReader input, TextWriter output)
    {
        var records = new StringBuilder(16 * 1024);
        try
        {
            var task = ReadTask(input, records);
            var result = task.Execute();
            if (task.ReportFile.Length > 0)
            {
                EngineProtocol.Append(records, EngineProtocol.Output, nameof(StaticLinkCheck.ReportFile), task.ReportFile);
            }

            if (task.DeferredStamp is { } stamp)
            {
                EngineProtocol.Append(records, EngineProtocol.Stamp, stamp.StampFile, stamp.Fingerprint);
            }

            EngineProtocol.Append(records, EngineProtocol.Done, result ? "true" : "false");
            output.Write(records.ToString());
            return 0;
        }
#pragma warning disable CA1031 // Anything the task did not expect is reported, so that MSBuild's side checks again itself.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            records.Clear();
            EngineProtocol.Append(records, EngineProtocol.Failed, exception.GetType().Name + ": " + exception.Message);
            output.Write(records.ToString());
            return FailedExitCode;
        }
    }

    private static StaticLinkCheck ReadTask(TextReader input, StringBuilder records)
    {
        if (input.ReadLine() != EngineProtocol.Version)
        {
            throw new InvalidDataException("the task speaks another version of the protocol than " + EngineProtocol.Version);
        }

        string? projectFile = null;
        string[]? code = null;
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        var items = new Dictionary<string, List<ITaskItem>>(StringComparer.Ordinal);
        for (var line = input.ReadLine(); line is not null; line = input.ReadLine())
        {
            var fields = EngineProtocol.Split(line);
            switch (fields[0])
            {
                case EngineProtocol.Parameter when fields.Length == 3:
                    values[fields[1]!] = fields[2];
                    break;
                case EngineProtocol.Item when fields.Length >= 3 && fields.Length % 2 == 1:
                    var item = new TaskItem(Escaped(fields[2]!));
                    for (var index = 3; index < fields.Length; index += 2)
                    {
                        item.SetMetadata(fields[index]!, Escaped(fields[index + 1] ?? string.Empty));
                    }

                    if (!items.TryGetValue(fields[1]!, out var list))
                    {
                        items[fields[1]!] = list = [];
                    }

                    list.Add(item);
                    break;
                case EngineProtocol.ProjectFile when fields.Length == 2:
                    projectFile = fields[1];
                    break;
                case EngineProtocol.Code:
                    code = new string[fields.Length - 1];
                    for (var index = 1; index < fields.Length; index++)
                    {
                        code[index - 1] = fields[index] ?? string.Empty;
                    }

                    break;
                default:
                    throw new InvalidDataException("an unknown record: " + fields[0]);
            }
        }

        var task = new StaticLinkCheck
        {
            RunsInEngineProcess = true,
            BuildEngine = new ForwardingBuildEngine(projectFile, records),
            CodeFiles = code ?? throw new InvalidDataException("the request does not name the task's code"),
        };
        foreach (var parameter in TaskParameters.Inputs)
        {
            Set(task, parameter, values, items);
        }

        return task;
    }

    /// <summary>
    /// TaskItem keeps what it is given as MSBuild's escaped form and unescapes %XX when read; the task read the values
    /// unescaped, so a '%' of theirs is escaped again to come back as itself.
    /// </summary>
    private static string Escaped(string value) => value.Replace("%", "%25");

    private static void Set(StaticLinkCheck task, PropertyInfo parameter, Dictionary<string, string?> values, Dictionary<string, List<ITaskItem>> items)
    {
        if (parameter.PropertyType == typeof(ITaskItem[]))
        {
            parameter.SetValue(task, items.TryGetValue(parameter.Name, out var list) ? list.ToArray() : []);
        }
        else if (values.TryGetValue(parameter.Name, out var value))
        {
            parameter.SetValue(task, parameter.PropertyType == typeof(bool) ? bool.Parse(value ?? "false") : value);
        }
    }
}
