namespace StaticLink.Core.Tests.Bundles;

/// <summary>Removes the compiled bundle samples and the published apps once every test of this namespace has run.</summary>
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
