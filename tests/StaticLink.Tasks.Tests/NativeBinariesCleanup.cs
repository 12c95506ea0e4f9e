namespace StaticLink.Tasks.Tests;

[SetUpFixture]
public sealed class NativeBinariesCleanup
{
    [OneTimeTearDown]
    public void DeleteCompiledBinaries() => NativeBinaries.Clean();
}
