namespace StaticLink.Tasks.Tests;

/// <summary>The fault matrix through the task checking in its own process, as in MSBuild.</summary>
[TestFixture]
public sealed class FaultMatrixTests : TaskFaultMatrix
{
}
