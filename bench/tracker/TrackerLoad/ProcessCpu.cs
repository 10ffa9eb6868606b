using System.Globalization;

namespace Swarmgrid.Bench.TrackerLoad;

/// <summary>A process's user + system CPU time from <c>/proc/PID/stat</c> (fields 14 and 15, in clock ticks).</summary>
public static class ProcessCpu
{
    public static TimeSpan Read(int pid, int clockTicksPerSecond)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // The command name (field 2) may hold spaces and parentheses; the fields after its closing one do not.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds((double)ticks / clockTicksPerSecond);
    }
}
