using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Diagrams.Templates;

namespace IpaasMonitor.Diagrams.Tests.Templates;

/// <summary>
/// What a waiting record tells the grid (<see cref="SendOutcome.ResolveWait"/>): nothing while its parent is pending in
/// the hub (ADR-012), one message per waiting episode saying why when the parent is stuck (ADR-010).
/// </summary>
public sealed class WaitingOutcomeTests
{
    private static readonly WaitParent Sku = WaitParent.Of("SKU 1001", HubKinds.Sku, "1001");
    private static readonly HubKey SkuKey = new(HubKinds.Sku, "1001");
    private const string Rejected = "SKU 1001: recusado pela VTEX (veja a falha no diagrama 10)";

    [Fact]
    public void BeforeTheParentsAreLookedUp_TheWaitIsSilent_AndRemembersNothing()
    {
        var outcome = SendOutcome.Waiting(Record(), "{}", Sku);

        (outcome.Silent, outcome.IsWaiting).Should().Be((true, true));
        outcome.Marks.Should().BeEmpty();
        outcome.Wait!.Keys.Should().Equal(SkuKey);
    }

    [Theory]
    [InlineData(HubParentStatus.Pending)]
    [InlineData(HubParentStatus.InVtex)]
    public void ParentPendingInTheHub_IsSilent_AndWritesNothingToTheHub(HubParentStatus status)
    {
        var outcome = Resolve(Record(), Sku, (SkuKey, new HubParentState(status)));

        (outcome.Silent, outcome.IsWaiting).Should().Be((true, true), "normal order: 10 sends the SKU on its next run");
        outcome.Marks.Should().BeEmpty("a first load over 11,000 waiting records writes no row");
        outcome.Result.Component.Should().Be(MessageComponents.WaitingParent);
        outcome.Result.Error.Should().Be("aguardando SKU 1001: ainda não está na VTEX; será enviado numa próxima execução.", "a re-queue still gets an answer");
        outcome.Wait.Should().BeNull("resolved");
    }

    [Fact]
    public void ParentPending_EndsAnEpisodeToldEarlier()
    {
        var record = Record(waitingHash: "hash-1", waitingFor: Rejected);

        var outcome = Resolve(record, Sku, (SkuKey, new HubParentState(HubParentStatus.Pending)));

        outcome.Silent.Should().BeTrue();
        outcome.Marks.Should().ContainSingle().Which.Should().Be(new HubMark(record.Id, HubMarkKind.WaitEnded, "hash-1"), "if the parent gets stuck again, that is a new episode, told once");
    }

    [Fact]
    public void ParentRejected_TellsWhy_AndRemembersTheEpisode()
    {
        var record = Record();

        var outcome = Resolve(record, Sku, (SkuKey, new HubParentState(HubParentStatus.Rejected)));

        (outcome.Silent, outcome.IsWaiting).Should().Be((false, true));
        outcome.Result.Component.Should().Be(MessageComponents.WaitingParent);
        outcome.Result.Error.Should().Be("aguardando SKU 1001: recusado pela VTEX (veja a falha no diagrama 10); será enviado quando isso for resolvido.");
        outcome.Marks.Should().ContainSingle().Which.Should().Be(new HubMark(record.Id, HubMarkKind.Waiting, "hash-1", WaitingFor: Rejected));
    }

    [Theory]
    [InlineData(HubParentStatus.Rejected)]
    [InlineData(HubParentStatus.Waiting)]
    public void AStuckParentWithAFailureOfItsOwn_IsNamedOnTheWait_ByTheDiagramThatSendsItAndItsKey(HubParentStatus status)
    {
        var outcome = Resolve(Record(), Sku, (SkuKey, new HubParentState(status, "produto 77: recusado pela VTEX")));

        (outcome.Result.ParentDiagram, outcome.Result.ParentKey).Should().Be(((int?)10, "1001"), "its failure is 10's message for SKU 1001 (ADR-017 amendment 3)");
    }

    [Fact]
    public void AParentWithoutAFailureOfItsOwn_IsNotNamed()
    {
        var missing = Resolve(Record(), Sku);
        var pending = Resolve(Record(), Sku, (SkuKey, new HubParentState(HubParentStatus.Pending)));
        var sentWithoutId = Resolve(Record(), Sku, (SkuKey, new HubParentState(HubParentStatus.SentWithoutId)));

        new[] { missing, pending, sentWithoutId }.Should().OnlyContain(o => o.Result.ParentDiagram == null && o.Result.ParentKey == null);
    }

    [Fact]
    public void SameStuckParent_SameContent_IsSilent_ButStillHasTheAnswer()
    {
        var outcome = Resolve(Record(waitingHash: "hash-1", waitingFor: Rejected), Sku, (SkuKey, new HubParentState(HubParentStatus.Rejected)));

        outcome.Silent.Should().BeTrue();
        outcome.IsWaiting.Should().BeTrue();
        outcome.Marks.Should().BeEmpty("nothing changed since the message was written");
        outcome.Result.Error.Should().StartWith("aguardando SKU 1001: recusado pela VTEX", "a re-queue still answers with it");
    }

    [Fact]
    public void NewContent_WritesANewMessage()
    {
        var outcome = Resolve(Record(contentHash: "hash-2", waitingHash: "hash-1", waitingFor: Rejected), Sku, (SkuKey, new HubParentState(HubParentStatus.Rejected)));

        outcome.Silent.Should().BeFalse();
        outcome.Marks.Should().ContainSingle().Which.Hash.Should().Be("hash-2");
    }

    [Fact]
    public void ParentMissingFromTheHub_TellsIt()
    {
        var outcome = Resolve(Record(), Sku);

        outcome.Silent.Should().BeFalse();
        outcome.Result.Error.Should().Be("aguardando SKU 1001: não está no hub (não existe no ERP, ou a leitura do ERP o recusou); será enviado quando isso for resolvido.");
    }

    [Fact]
    public void ParentWithoutKey_IsMissing()
    {
        var outcome = Resolve(Record(), WaitParent.Of("SKU ", HubKinds.Sku, null), (SkuKey, new HubParentState(HubParentStatus.Pending)));

        outcome.Silent.Should().BeFalse();
        outcome.Result.Error.Should().Contain("não está no hub");
    }

    [Fact]
    public void AnotherReason_ForTheSameParent_WritesANewMessage()
    {
        var outcome = Resolve(Record(waitingHash: "hash-1", waitingFor: Rejected), Sku);

        outcome.Silent.Should().BeFalse("the message in the grid says rejected; the SKU is now missing");
        outcome.Marks.Should().ContainSingle().Which.WaitingFor.Should().StartWith("SKU 1001: não está no hub");
    }

    [Fact]
    public void ParentStuckItself_TellsWhatItWaitsFor()
    {
        var outcome = Resolve(Record(), Sku, (SkuKey, new HubParentState(HubParentStatus.Waiting, "produto 55: recusado pela VTEX (veja a falha no diagrama 06)")));

        outcome.Silent.Should().BeFalse();
        outcome.Result.Error.Should().StartWith("aguardando SKU 1001: ele também está aguardando (produto 55: recusado pela VTEX (veja a falha no diagrama 06))");
    }

    [Fact]
    public void ParentOfAnotherKindWithTheSameKey_IsNotTheParent()
    {
        var outcome = Resolve(Record(), Sku, (new HubKey(HubKinds.Product, "1001"), new HubParentState(HubParentStatus.Pending)));

        outcome.Silent.Should().BeFalse();
        outcome.Result.Error.Should().Contain("não está no hub");
    }

    [Fact]
    public void GroupParent_IsNormalOrder_WhileAnyOfItsRecordsIsPending()
    {
        var reference = new WaitParent("SKU da referência R1", HubKinds.Sku, ["1001", "1002"]);
        var rejected = (SkuKey, new HubParentState(HubParentStatus.Rejected));

        Resolve(Record(), reference, rejected, (new HubKey(HubKinds.Sku, "1002"), new HubParentState(HubParentStatus.Pending))).Silent.Should().BeTrue();
        Resolve(Record(), reference, rejected).Result.Error.Should().StartWith("aguardando SKU da referência R1: recusado pela VTEX");
    }

    [Fact]
    public void SeveralParents_NameEachStuckOne()
    {
        var parents = new[] { new WaitParent("SKU da referência R1", HubKinds.Sku, ["1001"]), new WaitParent("SKU da referência R2", HubKinds.Sku, ["2001"]) };
        var states = new Dictionary<HubKey, HubParentState> { [SkuKey] = new(HubParentStatus.Pending) };

        var outcome = SendOutcome.Waiting(Record(), "{}", "SKU da(s) referência(s) similar(es) R1, R2", parents).ResolveWait(states);

        outcome.Silent.Should().BeFalse();
        outcome.Result.Error.Should().StartWith("aguardando SKU da(s) referência(s) similar(es) R1, R2: SKU da referência R2: não está no hub").And.NotContain("referência R1:");
    }

    [Fact]
    public void LongSubject_IsKeptCut_AndStillRecognisedNextRun()
    {
        var parents = Enumerable.Range(100000, 60).Select(n => new WaitParent($"SKU da referência {n}", HubKinds.Sku, [])).ToList();
        var label = "SKU da(s) referência(s) similar(es) " + string.Join(", ", Enumerable.Range(100000, 60));
        var empty = new Dictionary<HubKey, HubParentState>();
        var first = SendOutcome.Waiting(Record(), "{}", label, parents).ResolveWait(empty);
        var kept = first.Marks.Single().WaitingFor!;
        kept.Should().HaveLength(HubRecord.WaitingForMaxLength);

        SendOutcome.Waiting(Record(waitingHash: "hash-1", waitingFor: kept), "{}", label, parents).ResolveWait(empty).Silent.Should().BeTrue();
    }

    [Fact]
    public void Deferred_IsAlwaysSilent_AndRemembersNothing()
    {
        var outcome = SendOutcome.Deferred(Record(), "{}", "SKU 1001");

        outcome.Silent.Should().BeTrue();
        outcome.IsWaiting.Should().BeTrue();
        outcome.Marks.Should().BeEmpty();
        outcome.Wait.Should().BeNull("20 never looks its parent up: 10 sends the price with the SKU");
    }

    private static SendOutcome Resolve(HubRecord record, WaitParent parent, params (HubKey Key, HubParentState State)[] states) =>
        SendOutcome.Waiting(record, "{}", parent).ResolveWait(states.ToDictionary(s => s.Key, s => s.State));

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
