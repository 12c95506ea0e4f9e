using StaticLink.Core.Tests.Scanning;

namespace StaticLink.Core.Tests;

/// <summary>Removes the compiled samples once every test of the assembly has run.</summary>
[SetUpFixture]
public sealed class SamplesCleanup
{
    [OneTimeTearDown]
    public void DeleteSamples() => NativeSamples.DeleteAll();
}
