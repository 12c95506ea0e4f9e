namespace StaticLink.Core.Tests.Scanning;

/// <summary>Removes the compiled samples once every test of this namespace has run.</summary>
[SetUpFixture]
public sealed class SamplesCleanup
{
    [OneTimeTearDown]
    public void DeleteSamples() => NativeSamples.DeleteAll();
}
