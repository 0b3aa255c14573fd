using System.Text.Json;

namespace IpaasMonitor.Bench;

/// <summary>What the generator wrote, kept beside the store (path + ".json") so later runs reuse it.</summary>
internal sealed class StoreInfo
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public long Messages { get; set; }

    public DateTime GeneratedAtUtc { get; set; }

    /// <summary>The newest message's time: "now" for the time-range filters.</summary>
    public DateTime EndUtc { get; set; }

    public long FileBytes { get; set; }

    public long PayloadStoredBytes { get; set; }

    public long PayloadRawBytes { get; set; }

    public double LoadSeconds { get; set; }

    public double IndexSeconds { get; set; }

    public double TotalSeconds { get; set; }

    public static StoreInfo Read(string path) => JsonSerializer.Deserialize<StoreInfo>(File.ReadAllText(path)) ?? throw new InvalidDataException(path);

    public void Write(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json));
}
