namespace IpaasMonitor.E2ETests.Infrastructure;

/// <summary>A browser test failed: the original failure, with where its screenshots were saved.</summary>
public sealed class BrowserTestFailureException(string message, Exception inner) : Exception(message, inner);
