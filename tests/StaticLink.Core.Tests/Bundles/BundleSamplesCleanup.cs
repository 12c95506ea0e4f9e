using StaticLink.Core.Tests.Bundles;

namespace StaticLink.Core.Tests;

/// <summary>
/// Removes the compiled bundle samples and the published app once every test of the assembly has run: the
/// P/Invoke tests (Managed) use them too, so the cleanup cannot belong to the Bundles namespace alone.
/// </summary>
[SetUpFixture]
public sealed class BundleSamplesCleanup
{
    [OneTimeTearDown]
    public void DeleteSamples()
    {
        BundleSamples.DeleteAll();
        PublishedApp.DeleteAll();
    }
}
