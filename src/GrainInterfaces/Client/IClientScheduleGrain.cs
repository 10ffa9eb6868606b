using Swarmgrid.GrainInterfaces.Settings;

namespace Swarmgrid.GrainInterfaces.Client;

/// <summary>
/// The client's time-of-day bandwidth rules (key 0), numbered as Mosaic numbers them. Every silo's engine follows them
/// (with the limit settings) through <see cref="ChangedEvent"/>; rules are checked before they are kept.
/// </summary>
public interface IClientScheduleGrain : IGrainWithIntegerKey
{
    /// <summary>Realtime event, topic <c>settings</c>: payload <c>{"rules":[…]}</c>, every rule after the change.</summary>
    const string ChangedEvent = "client.schedule_changed";

    /// <summary>The rules by id, oldest first.</summary>
    ValueTask<IReadOnlyList<ScheduleRule>> GetRulesAsync();

    /// <summary>The most rules kept.</summary>
    const int MaxRules = 256;

    /// <summary>Adds <paramref name="rule"/> under a new id (its own id is ignored) and returns that id; null when <see cref="MaxRules"/> are kept.</summary>
    /// <exception cref="ArgumentException">The rule is not valid (<see cref="ScheduleRule.Problem"/>).</exception>
    ValueTask<int?> AddRuleAsync(ScheduleRule rule);

    /// <summary>Replaces the rule with <paramref name="rule"/>'s id; false when there is none.</summary>
    /// <exception cref="ArgumentException">The rule is not valid (<see cref="ScheduleRule.Problem"/>).</exception>
    ValueTask<bool> UpdateRuleAsync(ScheduleRule rule);

    /// <summary>False when there is no rule <paramref name="id"/>.</summary>
    ValueTask<bool> RemoveRuleAsync(int id);
}

/// <summary>
/// A window of the week in which other limits apply: on the days of <see cref="DaysMask"/> (bit 0 Sunday … bit 6
/// Saturday) from <see cref="StartMinute"/> to <see cref="EndMinute"/> (minutes after local midnight; the end is
/// excluded; an end before the start runs past midnight into the next day, which belongs to the window's start day;
/// an end equal to the start is a whole day). Rates are KiB/s, 0 meaning no limit; <see cref="AltOnly"/> turns the
/// alternative speed limits on instead of naming rates.
/// </summary>
[GenerateSerializer, Immutable, Alias("Swarmgrid.ScheduleRule")]
public sealed record ScheduleRule(
    [property: Id(0)] int Id,
    [property: Id(1)] int DaysMask,
    [property: Id(2)] int StartMinute,
    [property: Id(3)] int EndMinute,
    [property: Id(4)] long DownKib,
    [property: Id(5)] long UpKib,
    [property: Id(6)] bool AltOnly,
    [property: Id(7)] bool Enabled)
{
    public const int AllDays = 127;
    public const int MinutesPerDay = 24 * 60;

    /// <summary>Why the rule cannot be kept, in the client face's field names; null when it can.</summary>
    public string? Problem() =>
        DaysMask is < 0 or > AllDays ? $"days_mask must be between 0 and {AllDays} (bit 0 = Sunday … bit 6 = Saturday)"
        : StartMinute is < 0 or >= MinutesPerDay ? $"start_min must be between 0 and {MinutesPerDay - 1}"
        : EndMinute is < 0 or >= MinutesPerDay ? $"end_min must be between 0 and {MinutesPerDay - 1}"
        : DownKib is < 0 or > ClientSettingKeys.MaxRateKib ? $"down_kbps must be between 0 and {ClientSettingKeys.MaxRateKib}"
        : UpKib is < 0 or > ClientSettingKeys.MaxRateKib ? $"up_kbps must be between 0 and {ClientSettingKeys.MaxRateKib}"
        : null;
}
