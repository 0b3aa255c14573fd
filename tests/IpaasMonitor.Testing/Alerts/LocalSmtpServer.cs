using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;
using netDumbster.smtp;

namespace IpaasMonitor.Testing.Alerts;

/// <summary>A real SMTP server (netDumbster) on 127.0.0.1 and a free port; the mails it received, parsed by MimeKit.</summary>
public sealed class LocalSmtpServer : IDisposable
{
    private readonly SimpleSmtpServer server;

    public LocalSmtpServer()
    {
        Port = FreePort();
        server = Configuration.Configure().WithAddress(IPAddress.Loopback).WithPort(Port).Build();
    }

    public int Port { get; }

    /// <summary>Every mail received so far, parsed (in no particular order: the server keeps them in a bag).</summary>
    public IReadOnlyList<MimeMessage> Messages =>
        [.. server.ReceivedEmail.Select(m => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Data))))];

    /// <summary>Waits until at least <paramref name="count"/> mails arrived; fails with what arrived on time-out.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (server.ReceivedEmailCount < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Expected {count} mail(s), got {server.ReceivedEmailCount}: {string.Join(" | ", Messages.Select(m => m.Subject))}");
            }

            await Task.Delay(100);
        }

        return Messages;
    }

    public void Dispose() => server.Dispose();

    /// <summary>A loopback port nothing listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
