#if NET
using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Tasks;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace StaticLink.Tasks;

/// <summary>
/// Runs the check in the engine process, the task compiled ahead of time (src/StaticLink.EngineProcess), and logs
/// what it logged. Inside MSBuild every check is the first of its process: loading and preparing the engine's types and
/// methods cost more than the check (the task took 42 ms cold and 17 ms warm), and NativeAOT has none of that cost. A
/// clean self-contained publish of 192 files: the task took 55 ms in MSBuild's process and 44 ms through this one
/// (medians of 8 interleaved publishes), of which the process itself 26-35 ms, starting it 1.5 ms, handing it the
/// parameters 3-4 ms and logging its answer 2-3 ms.
/// <para>
/// The process only runs where the package carries one for the build machine (tasks/engine/RID/staticlink-engine).
/// Anything short of a complete answer (no program, a program that does not start on this C library, a crash) leaves
/// nothing logged, and the task checks inside MSBuild as before.
/// </para>
/// </summary>
internal sealed class EngineProcessClient
{
    private const string ProgramName = "staticlink-engine";

    private readonly string _program;
    private Process? _process;
    private volatile bool _canceled;

    /// <summary>The build was canceled (<see cref="Cancel"/>): the task stops, and checks nowhere else.</summary>
    public bool Canceled => _canceled;

    private EngineProcessClient(string program) => _program = program;

    /// <summary>The program for this machine, or null when there is none (another system, another architecture, musl).</summary>
    public static EngineProcessClient? For(string? configuredProgram)
    {
        var program = string.IsNullOrEmpty(configuredProgram) ? PackagedProgram() : configuredProgram;
        return program is not null && File.Exists(program) ? new EngineProcessClient(program) : null;
    }

    public string Program => _program;



    /// <summary>The report file the process wrote, when it wrote one.</summary>
    public string? ReportFile { get; private set; }

    /// <summary>The stamp to save once MSBuild has logged everything without an error (after warnings; else the process saved it).</summary>
    public CheckStamp? Stamp { get; private set; }

    /// <summary>
    /// Runs the task's check in the process and logs what it logged to <paramref name="log"/>: null when it did, else
    /// why not (and nothing logged).
    /// </summary>
    public string? Run(StaticLinkCheck task, TaskLoggingHelper log)
    {
        var request = new StringBuilder(32 * 1024).Append(EngineProtocol.Version).Append('\n');
        AppendParameters(task, request);
        var encoding = new UTF8Encoding(false);
        var start = new ProcessStartInfo(_program)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = encoding,
            StandardOutputEncoding = encoding,
            StandardErrorEncoding = encoding,
            WorkingDirectory = Directory.GetCurrentDirectory(),
        };

        Process? process = null;
        try
        {
            process = new Process { StartInfo = start };
            process.Start();
            _process = process;
            if (_canceled)
            {
                Kill(process);
            }

            // Read on the side: it only ever holds a crash report, and a full pipe must not stop the process.
            var errors = process.StandardError.ReadToEndAsync();
            try
            {
                process.StandardInput.Write(request.ToString());
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // It ended without reading the request (a broken pipe); what it wrote and its exit code say why.
            }

            // No deadline of its own, as in MSBuild's process: the check cannot block on a file (the fault matrix
            // runs through this process too), and a canceled build kills it.
            var answer = process.StandardOutput.ReadToEnd();
            var records = Records(answer, out var failure);
            if (records is null || _canceled)
            {
                var crash = errors.GetAwaiter().GetResult().Trim();
                process.WaitForExit();
                return _canceled ? "the build was canceled"
                    : failure ?? $"it exited with code {process.ExitCode.ToString(CultureInfo.InvariantCulture)} before it finished" + (crash.Length == 0 ? string.Empty : ": " + crash);
            }

            // A complete answer: the process has nothing left to do but exit, which this build need not wait for
            // (2 ms); it is disposed of once it has.
            var finished = process;
            process = null;
            errors.ContinueWith(_ => finished.Dispose(), TaskScheduler.Default);
            foreach (var fields in records)
            {
                Log(log, fields);
            }

            return null;
        }
        catch (Exception exception) when (exception is Win32Exception or IOException or InvalidOperationException)
        {
            return exception.Message;
        }
        finally
        {
            _process = null;
            process?.Dispose();
        }
    }

    /// <summary>Stops the process of a canceled build.</summary>
    public void Cancel()
    {
        _canceled = true;
        if (_process is { } process)
        {
            Kill(process);
        }
    }

    /// <summary>The records of a complete answer, or null (with the failure the process reported, if it did).</summary>
    private static List<string?[]>? Records(string answer, out string? failure)
    {
        failure = null;
        var records = new List<string?[]>();
        foreach (var line in answer.Split('\n'))
        {
            if (line.Length == 0)
            {
                continue;
            }

            var fields = EngineProtocol.Split(line);
            if (fields[0] == EngineProtocol.Failed)
            {
                failure = fields.Length > 1 ? fields[1] : "it failed";
                return null;
            }

            if (fields[0] == EngineProtocol.Done)
            {
                return records;
            }

            records.Add(fields);
        }

        return null;
    }

    private void Log(TaskLoggingHelper log, string?[] fields)
    {
        switch (fields[0])
        {
            case EngineProtocol.Error when fields.Length == 11:
                log.LogError(fields[1], fields[2], fields[3], fields[4], fields[5], Number(fields[6]), Number(fields[7]), Number(fields[8]), Number(fields[9]), fields[10]);
                break;
            case EngineProtocol.Warning when fields.Length == 11:
                log.LogWarning(fields[1], fields[2], fields[3], fields[4], fields[5], Number(fields[6]), Number(fields[7]), Number(fields[8]), Number(fields[9]), fields[10]);
                break;
            case EngineProtocol.Message when fields.Length == 11 && fields[2] is null && fields[3] is null && fields[4] is null && fields[5] is null:
                // Logged without code or file; the longer overload would put the project file in.
                log.LogMessage((MessageImportance)Number(fields[1]), fields[10]);
                break;
            case EngineProtocol.Message when fields.Length == 11:
                log.LogMessage(fields[2], fields[3], fields[4], fields[5], Number(fields[6]), Number(fields[7]), Number(fields[8]), Number(fields[9]), (MessageImportance)Number(fields[1]), fields[10]);
                break;
            case EngineProtocol.Output when fields.Length == 3 && fields[1] == nameof(StaticLinkCheck.ReportFile):
                ReportFile = fields[2];
                break;
            case EngineProtocol.Stamp when fields.Length == 3:
                Stamp = CheckStamp.Restore(fields[1]!, fields[2]!);
                break;
        }
    }

    /// <summary>The task's parameters as records, in the order <see cref="EngineProcessServer"/> reads them.</summary>
    private static void AppendParameters(StaticLinkCheck task, StringBuilder records)
    {
        EngineProtocol.Append(records, EngineProtocol.ProjectFile, task.BuildEngine?.ProjectFileOfTaskNode);
        EngineProtocol.Append(records, EngineProtocol.Code, AssemblyFiles.TaskCode() ?? []);
        foreach (var parameter in TaskParameters.Inputs)
        {
            var value = parameter.GetValue(task);
            if (value is ITaskItem[] items)
            {
                foreach (var item in items)
                {
                    AppendItem(records, parameter.Name, item);
                }
            }
            else if (value is not null)
            {
                EngineProtocol.Append(records, EngineProtocol.Parameter, parameter.Name, Convert.ToString(value, CultureInfo.InvariantCulture));
            }
        }
    }

    private static void AppendItem(StringBuilder records, string parameter, ITaskItem item)
    {
        var fields = new List<string?> { parameter, item.ItemSpec };
        foreach (var (name, value) in TaskParameters.MetadataOf(item))
        {
            fields.Add(name);
            fields.Add(value);
        }

        EngineProtocol.Append(records, EngineProtocol.Item, fields.ToArray());
    }

    /// <summary>tasks/engine/RID/staticlink-engine beside tasks/TFM/, for the machine MSBuild runs on.</summary>
    private static string? PackagedProgram()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var architecture = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => "x64",
            Architecture.Arm64 => "arm64",
            _ => null,
        };
        var tasks = AssemblyFiles.TaskCode() is { } code ? Path.GetDirectoryName(code[0]) : null;
        if (architecture is null || string.IsNullOrEmpty(tasks))
        {
            return null;
        }

        // The .NET SDK's own runtime says whether this machine's C library is musl.
        var libc = RuntimeInformation.RuntimeIdentifier.Contains("musl", StringComparison.Ordinal) ? "musl-" : string.Empty;
        return Path.Combine(tasks, "..", "engine", "linux-" + libc + architecture, ProgramName);
    }

    private static int Number(string? value) => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : 0;

    private static void Kill(Process process)
    {
        try
        {
            // The whole tree: a pipe held open by a child of the program would keep this side reading.
            process.Kill(entireProcessTree: true);
        }
        catch (Exception exception) when (exception is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            // It has already ended.
        }
    }
}
#endif
