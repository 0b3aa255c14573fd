using IpaasMonitor.Data.Entities;

namespace IpaasMonitor.Testing;

/// <summary>Builds message rows for tests.</summary>
public static class TestMessages
{
    public static IntegrationMessage New(
        DateTime receivedAtUtc,
        MessageSituation situation = MessageSituation.Processed,
        int diagram = 12,
        string connection = "loja-a",
        string component = "ASSOCIATE OK",
        string? businessKey = null,
        string? correlationId = null,
        Guid? messageId = null,
        string? payload = null)
    {
        var id = messageId ?? Guid.NewGuid();
        return new IntegrationMessage
        {
            MessageId = id,
            ShortId = IntegrationMessage.ShortIdOf(id),
            ConnectionId = connection,
            Diagram = diagram,
            Situation = situation,
            Component = component,
            BusinessKey = businessKey,
            CorrelationId = correlationId,
            ReceivedAtUtc = receivedAtUtc,
            UpdatedAtUtc = receivedAtUtc,
            AttemptCount = 1,
            LastError = situation == MessageSituation.Failed ? "SKU não encontrado na VTEX" : null,
            Payload = payload is null ? null : new MessagePayload { Content = payload },
        };
    }
}
