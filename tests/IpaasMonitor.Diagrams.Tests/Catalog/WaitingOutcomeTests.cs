using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Common;
using IpaasMonitor.Diagrams.Hub;

namespace IpaasMonitor.Diagrams.Tests.Catalog;

/// <summary>One "waiting for parent" message per waiting episode: what <see cref="SendOutcome.Waiting"/> decides from the record.</summary>
public sealed class WaitingOutcomeTests
{
    private const string Parent = "SKU 1001";

    [Fact]
    public void FirstWait_WritesTheMessage_AndRemembersContentAndParent()
    {
        var record = Record();

        var outcome = SendOutcome.Waiting(record, "{}", Parent);

        outcome.Silent.Should().BeFalse();
        outcome.IsWaiting.Should().BeTrue();
        outcome.Result.Component.Should().Be(HubToVtex.WaitingComponent);
        outcome.Result.Error.Should().StartWith("aguardando SKU 1001:");
        outcome.Marks.Should().ContainSingle().Which.Should().Be(new HubMark(record.Id, HubMarkKind.Waiting, "hash-1", WaitingFor: Parent));
    }

    [Fact]
    public void SameContent_SameParent_IsSilent_AndWritesNothingToTheHub()
    {
        var record = Record(waitingHash: "hash-1", waitingFor: Parent);

        var outcome = SendOutcome.Waiting(record, "{}", Parent);

        outcome.Silent.Should().BeTrue();
        outcome.IsWaiting.Should().BeTrue();
        outcome.Marks.Should().BeEmpty("nothing changed, so a run over 11,000 waiting records writes no row");
        outcome.Result.Error.Should().StartWith("aguardando SKU 1001:", "a re-queue still answers with it");
    }

    [Fact]
    public void NewContent_WritesANewMessage()
    {
        var record = Record(contentHash: "hash-2", waitingHash: "hash-1", waitingFor: Parent);

        var outcome = SendOutcome.Waiting(record, "{}", Parent);

        outcome.Silent.Should().BeFalse();
        outcome.Marks.Should().ContainSingle().Which.Hash.Should().Be("hash-2");
    }

    [Fact]
    public void AnotherMissingParent_WritesANewMessage()
    {
        var record = Record(waitingHash: "hash-1", waitingFor: Parent);

        var outcome = SendOutcome.Waiting(record, "{}", "categoria do produto 123");

        outcome.Silent.Should().BeFalse();
        outcome.Marks.Should().ContainSingle().Which.WaitingFor.Should().Be("categoria do produto 123");
    }

    [Fact]
    public void LongParentList_IsKeptCut_AndStillRecognisedNextRun()
    {
        var parent = "SKU da(s) referência(s) similar(es) " + string.Join(", ", Enumerable.Range(100000, 60));
        var first = SendOutcome.Waiting(Record(), "{}", parent);
        var kept = first.Marks.Single().WaitingFor!;
        kept.Should().HaveLength(HubRecord.WaitingForMaxLength);

        SendOutcome.Waiting(Record(waitingHash: "hash-1", waitingFor: kept), "{}", parent).Silent.Should().BeTrue();
    }

    [Fact]
    public void Deferred_IsAlwaysSilent_AndRemembersNothing()
    {
        var outcome = SendOutcome.Deferred(Record(), "{}", Parent);

        outcome.Silent.Should().BeTrue();
        outcome.IsWaiting.Should().BeTrue();
        outcome.Marks.Should().BeEmpty();
    }

    private static HubRecord Record(string contentHash = "hash-1", string? waitingHash = null, string? waitingFor = null) => new()
    {
        Id = 42,
        Kind = HubKinds.Stock,
        ErpKey = "1001/1",
        ParentKey = "1001",
        ContentHash = contentHash,
        WaitingHash = waitingHash,
        WaitingFor = waitingFor,
    };
}
