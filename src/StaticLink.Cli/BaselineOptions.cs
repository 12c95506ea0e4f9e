using System.CommandLine;

namespace StaticLink.Cli;

/// <summary>check's --baseline FILE and --update-baseline (docs/baseline.md).</summary>
internal sealed class BaselineOptions
{
    private BaselineOptions(Option<string> file, Option<bool> update)
    {
        File = file;
        Update = update;
    }

    public Option<string> File { get; }

    public Option<bool> Update { get; }

    public static BaselineOptions AddTo(Command command)
    {
        var file = Options.NonEmpty("--baseline", "FILE", "A baseline (docs/baseline.md): findings it accepts become information, only new ones fail; entries no longer needed are SL3005.");
        var update = new Option<bool>("--update-baseline") { Description = "Rewrite the --baseline file with today's output (created when missing), then apply it." };
        command.Options.Add(file);
        command.Options.Add(update);
        command.Validators.Add(result =>
        {
            if (result.GetResult(update) is not null && result.GetResult(file) is null)
            {
                result.AddError("--update-baseline needs --baseline FILE, the file to rewrite");
            }
        });
        return new BaselineOptions(file, update);
    }
}
