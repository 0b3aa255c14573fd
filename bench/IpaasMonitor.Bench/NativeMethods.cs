using System.Runtime.InteropServices;

namespace IpaasMonitor.Bench;

/// <summary>
/// Process CPU time with nanosecond resolution (clock_gettime(CLOCK_PROCESS_CPUTIME_ID)). On a machine shared with
/// other busy processes, wall-clock percentiles include the time this process waited for a core; the CPU time a
/// call consumed does not, so both are reported.
/// </summary>
internal static class NativeMethods
{
    private const int ClockProcessCpuTimeId = 2;

    public static double ProcessCpuMilliseconds()
    {
        if (!OperatingSystem.IsLinux() || ClockGetTime(ClockProcessCpuTimeId, out var time) != 0)
        {
            return double.NaN;
        }

        return (time.Seconds * 1_000.0) + (time.Nanoseconds / 1_000_000.0);
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int ClockGetTime(int clockId, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
