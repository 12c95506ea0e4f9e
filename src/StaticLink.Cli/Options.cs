using System.CommandLine;

namespace StaticLink.Cli;

/// <summary>Small building blocks for options, so that every command refuses the same mistakes the same way.</summary>
internal static class Options
{
    /// <summary>A single-valued option whose value may not be empty or blank (--rules "" is a mistake, not "no rules").</summary>
    public static Option<string> NonEmpty(string name, string helpName, string description, params string[] aliases)
    {
        var option = new Option<string>(name, aliases) { HelpName = helpName, Description = description };
        option.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (token.Value.Trim().Length == 0)
                {
                    result.AddError($"option {name} needs a non-empty value");
                }
            }
        });
        return option;
    }
}
