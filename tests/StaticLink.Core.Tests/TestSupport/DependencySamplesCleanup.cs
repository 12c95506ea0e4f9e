using StaticLink.Core.Tests.TestSupport;

namespace StaticLink.Core.Tests;

/// <summary>Removes the dependency samples once every test of the assembly has run.</summary>
[SetUpFixture]
public sealed class DependencySamplesCleanup
{
    [OneTimeTearDown]
    public void DeleteSamples() => DependencySamples.DeleteAll();
}
