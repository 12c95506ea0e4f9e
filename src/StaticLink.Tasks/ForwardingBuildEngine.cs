using System.Collections;
using System.Globalization;
using System.Text;
using Microsoft.Build.Framework;

namespace StaticLink.Tasks;

/// <summary>
/// The build engine of the task inside the engine process: each event the task logs becomes a record of
/// <see cref="EngineProtocol"/>, which the task in MSBuild logs again with the same fields.
/// </summary>
internal sealed class ForwardingBuildEngine : IBuildEngine
{
    private readonly StringBuilder _records;

    public ForwardingBuildEngine(string? projectFile, StringBuilder records)
    {
        ProjectFileOfTaskNode = projectFile!;
        _records = records;
    }

    /// <summary>A warning was logged, which MSBuild may turn into an error.</summary>
    public bool HasForwardedWarnings { get; private set; }

    public bool ContinueOnError => false;

    public int LineNumberOfTaskNode => 0;

    public int ColumnNumberOfTaskNode => 0;

    public string ProjectFileOfTaskNode { get; }

    /// <summary>The task never builds other projects.</summary>
    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) => false;

    /// <summary>The task logs no custom events.</summary>
    public void LogCustomEvent(CustomBuildEventArgs e)
    {
    }

    public void LogErrorEvent(BuildErrorEventArgs e) => EngineProtocol.Append(
        _records, EngineProtocol.Error, e.Subcategory, e.Code, e.HelpKeyword, e.HelpLink, e.File,
        Number(e.LineNumber), Number(e.ColumnNumber), Number(e.EndLineNumber), Number(e.EndColumnNumber), e.Message);

    public void LogWarningEvent(BuildWarningEventArgs e)
    {
        HasForwardedWarnings = true;
        EngineProtocol.Append(
            _records, EngineProtocol.Warning, e.Subcategory, e.Code, e.HelpKeyword, e.HelpLink, e.File,
            Number(e.LineNumber), Number(e.ColumnNumber), Number(e.EndLineNumber), Number(e.EndColumnNumber), e.Message);
    }

    public void LogMessageEvent(BuildMessageEventArgs e) => EngineProtocol.Append(
        _records, EngineProtocol.Message, Number((int)e.Importance), e.Subcategory, e.Code, e.HelpKeyword, e.File,
        Number(e.LineNumber), Number(e.ColumnNumber), Number(e.EndLineNumber), Number(e.EndColumnNumber), e.Message);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
